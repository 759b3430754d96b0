/** Small readers over raw bytes. Callers check bounds first. */

export function u16be(b: Uint8Array, o: number): number {
	return (b[o] << 8) | b[o + 1];
}

export function u32be(b: Uint8Array, o: number): number {
	return ((b[o] << 24) >>> 0) + ((b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]);
}

export function u16le(b: Uint8Array, o: number): number {
	return b[o] | (b[o + 1] << 8);
}

export function u32le(b: Uint8Array, o: number): number {
	return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + ((b[o + 3] << 24) >>> 0);
}

export function i32le(b: Uint8Array, o: number): number {
	return b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24);
}

/** The bytes at `o` as Latin-1 text (one character per byte). */
export function ascii(b: Uint8Array, o: number, length: number): string {
	let s = '';
	const end = Math.min(b.length, o + length);
	for (let i = o; i < end; i++) s += String.fromCharCode(b[i]);
	return s;
}

/** Whether `b` holds `signature` at offset `o`. */
export function startsWith(b: Uint8Array, signature: readonly number[], o = 0): boolean {
	if (b.length < o + signature.length) return false;
	for (let i = 0; i < signature.length; i++) if (b[o + i] !== signature[i]) return false;
	return true;
}

/** First index of the ASCII string `needle` in `b[from, to)`, or -1. */
export function indexOfAscii(b: Uint8Array, needle: string, from = 0, to = b.length): number {
	const first = needle.charCodeAt(0);
	const last = Math.min(to, b.length) - needle.length;
	outer: for (let i = from; i <= last; i++) {
		if (b[i] !== first) continue;
		for (let j = 1; j < needle.length; j++) if (b[i + j] !== needle.charCodeAt(j)) continue outer;
		return i;
	}
	return -1;
}

/** The bytes as a Latin-1 string, one character per byte, in one pass. */
export function latin1(b: Uint8Array): string {
	return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
}

/** The parts one after another in one new array. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
	let at = 0;
	for (const part of parts) {
		out.set(part, at);
		at += part.length;
	}
	return out;
}
