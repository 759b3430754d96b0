/**
 * A file as the value of a form field, exactly as Baidu measures it: base64, then
 * application/x-www-form-urlencoded. Base64 uses only A-Z, a-z, 0-9, '+', '/' and '='; the
 * first 62 pass through urlencoding unchanged, the other three become `%2B`, `%2F` and `%3D`
 * (three characters each). Used by the checks (its length against Baidu's 4 MB) and by the
 * request body (the value itself).
 */

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** One base64 digit (0..63) as form bytes: the character itself, or '%2B' / '%2F'. */
function digitBytes(digit: number): number[] {
	if (digit === 62) return [0x25, 0x32, 0x42];
	if (digit === 63) return [0x25, 0x32, 0x46];
	return [BASE64_ALPHABET.charCodeAt(digit)];
}

/** '=' as form bytes: '%3D'. */
const PADDING = [0x25, 0x33, 0x44];

/**
 * Two base64 digits (12 bits of the file) at a time: `PAIR_BYTES[pair * 6 ..]` holds their
 * form bytes (2 to 6) and `PAIR_LENGTH[pair]` how many. 28 KB, built once.
 */
const PAIR_BYTES = new Uint8Array(4096 * 6);
const PAIR_LENGTH = new Uint8Array(4096);
for (let pair = 0; pair < 4096; pair++) {
	const bytes = [...digitBytes(pair >> 6), ...digitBytes(pair & 63)];
	PAIR_BYTES.set(bytes, pair * 6);
	PAIR_LENGTH[pair] = bytes.length;
}

/** The base64 digits of the last 1 or 2 bytes (n % 3 of them), as form bytes with padding. */
function tailBytes(bytes: Uint8Array): number[] {
	const rest = bytes.length % 3;
	if (rest === 0) return [];
	const b0 = bytes[bytes.length - rest];
	const b1 = rest === 2 ? bytes[bytes.length - 1] : 0;
	const digits = [b0 >> 2, ((b0 & 3) << 4) | (b1 >> 4)];
	if (rest === 2) digits.push((b1 & 15) << 2);
	const out = digits.flatMap(digitBytes);
	for (let i = digits.length; i < 4; i++) out.push(...PADDING);
	return out;
}

/**
 * Exact length of the file's form value, base64 then urlencoded, as Baidu measures it.
 * Counted from the bytes: no base64 text is made.
 */
export function formValueLength(bytes: Uint8Array): number {
	const whole = bytes.length - (bytes.length % 3);
	let length = 0;
	for (let i = 0; i < whole; i += 3) {
		const group = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
		length += PAIR_LENGTH[group >>> 12] + PAIR_LENGTH[group & 4095];
	}
	return length + tailBytes(bytes).length;
}

function writePair(target: Uint8Array, at: number, pair: number): number {
	const from = pair * 6;
	const length = PAIR_LENGTH[pair];
	target[at] = PAIR_BYTES[from];
	target[at + 1] = PAIR_BYTES[from + 1];
	for (let k = 2; k < length; k++) target[at + k] = PAIR_BYTES[from + k];
	return at + length;
}

/**
 * Writes the file's form value (base64, then urlencoded exactly as `encodeURIComponent` and
 * `URLSearchParams` would) into `target` from `offset`; returns the offset after it. Writes
 * `formValueLength(bytes)` bytes; `target` must have room for them. Encodes straight from
 * the bytes, 12 bits at a time through a table: no string is made, so a 4 MB file leaves no
 * garbage behind, and it is faster than base64 then encodeURIComponent.
 */
export function writeFormValue(bytes: Uint8Array, target: Uint8Array, offset: number): number {
	const whole = bytes.length - (bytes.length % 3);
	let at = offset;
	for (let i = 0; i < whole; i += 3) {
		const group = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
		at = writePair(target, at, group >>> 12);
		at = writePair(target, at, group & 4095);
	}
	for (const byte of tailBytes(bytes)) target[at++] = byte;
	return at;
}
