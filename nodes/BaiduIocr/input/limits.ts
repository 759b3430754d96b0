/**
 * Baidu iOCR's input limits, as data, and the exact arithmetic of how Baidu measures a file.
 *
 * Baidu counts the `image` / `pdf_file` form value after base64 AND
 * application/x-www-form-urlencoded encoding. Base64 uses only A-Z, a-z, 0-9, '+', '/' and
 * '='; the first 62 pass through urlencoding unchanged, the other three become `%2B`, `%2F`
 * and `%3D` (three characters each).
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

const PLUS = 0x2b;
const SLASH = 0x2f;
const EQUALS = 0x3d;

/** Number of characters of `base64` that urlencoding expands ('+', '/', '='). */
function countExpanded(base64: string): number {
	let count = 0;
	for (let i = 0; i < base64.length; i++) {
		const c = base64.charCodeAt(i);
		if (c === PLUS || c === SLASH || c === EQUALS) count++;
	}
	return count;
}

/**
 * Exact length of `base64` once application/x-www-form-urlencoded: each '+', '/' and '='
 * becomes three characters, everything else stays one.
 */
export function encodedFormLength(base64: string): number {
	return base64.length + 2 * countExpanded(base64);
}

/**
 * Files are encoded in slices of this many bytes, a multiple of 3 so that the slices' base64
 * texts concatenate to the base64 of the whole. Each slice's text (64 KiB) is short-lived and
 * small enough for V8's young generation: a 4 MB file never exists as one string.
 */
const SLICE_BYTES = 3 * 16 * 1024;

function sliceBase64(bytes: Uint8Array, offset: number): string {
	const end = Math.min(offset + SLICE_BYTES, bytes.byteLength);
	return Buffer.from(bytes.buffer, bytes.byteOffset + offset, end - offset).toString('base64');
}

/** Exact length of the file's form value, base64 then urlencoded, as Baidu measures it. */
export function formValueLength(bytes: Uint8Array): number {
	let total = 0;
	for (let offset = 0; offset < bytes.byteLength; offset += SLICE_BYTES)
		total += encodedFormLength(sliceBase64(bytes, offset));
	return total;
}

/**
 * Writes the file's form value (base64, then urlencoded exactly as `encodeURIComponent` and
 * `URLSearchParams` would) into `target` from `offset`; returns the offset after it. Writes
 * `formValueLength(bytes)` bytes; `target` must have room for them. `encodeURIComponent` is
 * native and makes one pass over each slice, about twice as fast as replacing '+', '/' and
 * '=' in turn.
 */
export function writeFormValue(bytes: Uint8Array, target: Buffer, offset: number): number {
	let at = offset;
	for (let start = 0; start < bytes.byteLength; start += SLICE_BYTES)
		at += target.write(encodeURIComponent(sliceBase64(bytes, start)), at, 'latin1');
	return at;
}

/** Base64 length of `byteLength` bytes (with padding). */
export function base64Length(byteLength: number): number {
	return 4 * Math.ceil(byteLength / 3);
}
