/**
 * Baidu iOCR's input limits, as data. Baidu counts the `image` / `pdf_file` form value after
 * base64 AND application/x-www-form-urlencoded encoding (see formValue.ts for the arithmetic).
 */
export const BAIDU_LIMITS = {
	/** Largest form value (base64, then urlencoded), in bytes. */
	maxEncodedBytes: 4 * 1024 * 1024,
	/** Shortest image side, in pixels, at least this. */
	minSide: 15,
	/** Longest image side, in pixels, at most this. */
	maxSide: 4096,
	/** Longest `url` value, in UTF-8 bytes. */
	maxUrlBytes: 1024,
} as const;

/** Base64 length of `byteLength` bytes (with padding). */
export function base64Length(byteLength: number): number {
	return 4 * Math.ceil(byteLength / 3);
}
