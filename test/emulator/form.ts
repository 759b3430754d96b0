/**
 * application/x-www-form-urlencoded parsing done by hand, so that each value's raw
 * (still percent-encoded) length is known: Baidu's 4 MB limit applies to the value
 * as it travels, after base64 AND urlencoding.
 */

export interface FormField {
	name: string;
	/** decoded once, as a server decodes a form body ('+' → space, %XX → byte) */
	value: string;
	/** length of the value as it appeared in the body, still encoded */
	rawLength: number;
}

const PERCENT = 0x25;
const PLUS = 0x2b;
const AMP = 0x26;
const EQUALS = 0x3d;

function hexValue(byte: number): number {
	if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
	if (byte >= 0x41 && byte <= 0x46) return byte - 0x41 + 10;
	if (byte >= 0x61 && byte <= 0x66) return byte - 0x61 + 10;
	return -1;
}

/** Decodes one form component. Invalid %-sequences are kept literally, as lenient servers do. */
export function decodeComponent(raw: Buffer): string {
	if (raw.indexOf(PERCENT) === -1 && raw.indexOf(PLUS) === -1) return raw.toString('utf8');
	const out = Buffer.allocUnsafe(raw.length);
	let o = 0;
	for (let i = 0; i < raw.length; i++) {
		const b = raw[i];
		if (b === PLUS) {
			out[o++] = 0x20;
		} else if (b === PERCENT && i + 2 < raw.length) {
			const hi = hexValue(raw[i + 1]);
			const lo = hexValue(raw[i + 2]);
			if (hi >= 0 && lo >= 0) {
				out[o++] = hi * 16 + lo;
				i += 2;
			} else {
				out[o++] = b;
			}
		} else {
			out[o++] = b;
		}
	}
	return out.subarray(0, o).toString('utf8');
}

/** Splits a raw body into fields, in order; repeated names are all kept. */
export function parseForm(body: Buffer): FormField[] {
	const fields: FormField[] = [];
	let start = 0;
	while (start <= body.length) {
		let end = body.indexOf(AMP, start);
		if (end === -1) end = body.length;
		if (end > start) {
			const part = body.subarray(start, end);
			const eq = part.indexOf(EQUALS);
			const rawName = eq === -1 ? part : part.subarray(0, eq);
			const rawValue = eq === -1 ? Buffer.alloc(0) : part.subarray(eq + 1);
			fields.push({
				name: decodeComponent(rawName),
				value: decodeComponent(rawValue),
				rawLength: rawValue.length,
			});
		}
		start = end + 1;
	}
	return fields;
}

/** First occurrence of each name wins (as most form readers do). */
export function formToMap(fields: FormField[]): Map<string, FormField> {
	const map = new Map<string, FormField>();
	for (const field of fields) if (!map.has(field.name)) map.set(field.name, field);
	return map;
}
