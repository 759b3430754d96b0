import { constants, deflateRawSync, deflateSync } from 'zlib';
import { inflate } from '../../nodes/BaiduIocr/input/inflate';

/** Writes DEFLATE bits: plain fields LSB first, Huffman codes MSB first (RFC 1951, 3.1.1). */
class BitWriter {
	private bytes: number[] = [];
	private bit = 0;

	put(value: number, n: number): this {
		for (let i = 0; i < n; i++) {
			if (this.bit === 0) this.bytes.push(0);
			if ((value >> i) & 1) this.bytes[this.bytes.length - 1] |= 1 << this.bit;
			this.bit = (this.bit + 1) % 8;
		}
		return this;
	}

	code(code: number, len: number): this {
		for (let i = len - 1; i >= 0; i--) this.put((code >> i) & 1, 1);
		return this;
	}

	done(): Buffer {
		return Buffer.from(this.bytes);
	}
}

/** Canonical Huffman codes for the given code lengths (RFC 1951, 3.2.2). */
function canonical(lengths: number[]): Array<{ code: number; len: number }> {
	const count = new Array<number>(16).fill(0);
	for (const l of lengths) if (l) count[l]++;
	const next = new Array<number>(16).fill(0);
	let code = 0;
	for (let bits = 1; bits < 16; bits++) {
		code = (code + count[bits - 1]) << 1;
		next[bits] = code;
	}
	return lengths.map((len) => ({ code: len ? next[len]++ : 0, len }));
}

const CLEN_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/**
 * A hand-made dynamic-Huffman block (BFINAL=1) whose literal/length code holds only 'A' and
 * end-of-block, both one bit long, and whose body is 'A' then end-of-block. `lengthSymbols` are
 * the code-length symbols sent (with their extra bits); by default they describe that code
 * exactly, one symbol per length.
 */
function dynamicBlock(opts: {
	nlen?: number;
	ndist?: number;
	btype?: number;
	lengthSymbols?: Array<[number, number?]>;
}): Buffer {
	const nlen = opts.nlen ?? 257;
	const ndist = opts.ndist ?? 1;
	const extraBits: Record<number, number> = { 16: 2, 17: 3, 18: 7 };
	// Code-length code: 0, 1, 16, 17 and 18 each three bits long.
	const clenLengths = new Array<number>(19).fill(0);
	for (const s of [0, 1, 16, 17, 18]) clenLengths[s] = 3;
	const clenCodes = canonical(clenLengths);
	const symbols =
		opts.lengthSymbols ??
		Array.from({ length: nlen + ndist }, (_, i): [number] => [i === 65 || i === 256 ? 1 : 0]);
	const w = new BitWriter()
		.put(1, 1)
		.put(opts.btype ?? 2, 2)
		.put(nlen - 257, 5)
		.put(ndist - 1, 5)
		.put(19 - 4, 4);
	for (const s of CLEN_ORDER) w.put(clenLengths[s], 3);
	for (const [symbol, extra] of symbols) {
		w.code(clenCodes[symbol].code, 3);
		if (symbol >= 16) w.put(extra ?? 0, extraBits[symbol]);
	}
	// Literal code: 'A' is 0, end-of-block is 1.
	return w.put(0, 1).put(1, 1).done();
}

/** A fixed-Huffman block (BFINAL=1) from literal/length symbols, each with its extra bits. */
function fixedBlock(parts: Array<{ lit: number; extra?: [number, number] } | { dist: number }>) {
	const w = new BitWriter().put(1, 1).put(1, 2);
	for (const p of parts) {
		if ('dist' in p) {
			w.code(p.dist, 5);
			continue;
		}
		const s = p.lit;
		if (s < 144) w.code(0x30 + s, 8);
		else if (s < 256) w.code(0x190 + s - 144, 9);
		else if (s < 280) w.code(s - 256, 7);
		else w.code(0xc0 + s - 280, 8);
		if (p.extra) w.put(p.extra[0], p.extra[1]);
	}
	return w.done();
}

const A = 0x41;
const EOB = 256;
const text = (b: Uint8Array | undefined) =>
	b === undefined ? undefined : Buffer.from(b).toString();

describe('inflate: what zlib writes comes back byte for byte', () => {
	const sample = Buffer.from(
		'1 0 obj << /Type /Page /Parent 2 0 R >> endobj 2 0 obj << /Type /Pages /Count 3 >> endobj '.repeat(
			40,
		),
	);

	it.each([
		['default level', (b: Buffer) => deflateSync(b)],
		['level 0 (stored blocks)', (b: Buffer) => deflateSync(b, { level: 0 })],
		['fixed Huffman codes', (b: Buffer) => deflateSync(b, { strategy: constants.Z_FIXED })],
		['raw DEFLATE', (b: Buffer) => deflateRawSync(b)],
		['raw DEFLATE, level 9', (b: Buffer) => deflateRawSync(b, { level: 9 })],
	])('a PDF-like text, %s', (_name, compress) => {
		expect(Buffer.from(inflate(compress(sample))!)).toEqual(sample);
	});

	it('copies repeats that reach back to the very first byte', () => {
		// 'abcabc...': the first match copies from distance 3 when exactly 3 bytes are out.
		const data = Buffer.from('abc'.repeat(30));
		expect(text(inflate(deflateRawSync(data, { strategy: constants.Z_FIXED })))).toBe(
			data.toString(),
		);
	});

	it('decodes Huffman codes 14 and 15 bits long (very skewed byte counts)', () => {
		// Byte k occurs fib(k) times: the optimal code is deeper than 15 bits, so zlib caps it there.
		const parts: Buffer[] = [];
		let [a, b] = [1, 1];
		for (let k = 0; k < 21; k++) {
			parts.push(Buffer.alloc(a, k + 65));
			[a, b] = [b, a + b];
		}
		const data = Buffer.concat(parts);
		let seed = 7; // shuffled, so that every block sees the skew
		for (let i = data.length - 1; i > 0; i--) {
			seed = (seed * 1103515245 + 12345) & 0x7fffffff;
			const j = seed % (i + 1);
			[data[i], data[j]] = [data[j], data[i]];
		}
		const compressed = deflateRawSync(data, { strategy: constants.Z_HUFFMAN_ONLY });
		expect(Buffer.from(inflate(compressed)!).equals(data)).toBe(true);
	});

	it('reaches back through all 30 distance codes (a match 30 000 bytes back)', () => {
		let seed = 12345;
		const random = Buffer.alloc(30000);
		for (let i = 0; i < random.length; i++) {
			seed = (seed * 1103515245 + 12345) & 0x7fffffff;
			random[i] = seed >> 16;
		}
		const data = Buffer.concat([random, random]);
		expect(Buffer.from(inflate(deflateRawSync(data))!).equals(data)).toBe(true);
	});

	it('reads raw DEFLATE whose first two bytes pass the zlib header checksum', () => {
		// deflateRawSync('   page') starts 0x53 0x50: (0x5350 % 31 === 0) but no zlib method 8.
		const raw = deflateRawSync(Buffer.from('   page'));
		expect(((raw[0] << 8) | raw[1]) % 31).toBe(0);
		expect(text(inflate(raw))).toBe('   page');
	});

	it('reads raw DEFLATE that starts with a stored block (looks like method 8)', () => {
		// 0x08: not final, stored; LEN 1. 0x0801 % 31 !== 0, so it is no zlib header.
		const raw = Buffer.from([0x08, 0x01, 0x00, 0xfe, 0xff, A, 0x01, 0x00, 0x00, 0xff, 0xff]);
		expect(text(inflate(raw))).toBe('A');
	});

	it('reads raw DEFLATE whose first two bytes would be a zlib header asking for a dictionary', () => {
		// 0x08 0x3c: method 8, checksum fine, FDICT set - zlib data never has it here, so it is raw.
		const body = Buffer.alloc(60, 'x');
		const raw = Buffer.concat([
			Buffer.from([0x08, 0x3c, 0x00, 0xc3, 0xff]),
			body,
			Buffer.from([0x01, 0x00, 0x00, 0xff, 0xff]),
		]);
		expect(((raw[0] << 8) | raw[1]) % 31).toBe(0);
		expect(text(inflate(raw))).toBe(body.toString());
	});

	it('reads an empty stored block that ends the data exactly', () => {
		expect(inflate(Buffer.from([0x01, 0x00, 0x00, 0xff, 0xff]))).toEqual(new Uint8Array(0));
	});

	it('reads hand-made dynamic blocks, including a repeat that fills the last length exactly', () => {
		expect(text(inflate(dynamicBlock({})))).toBe('A');
		// Lengths 0..64 zero, 65 one, 66..255 zero, 256 one, then the one distance length zero.
		const exact: Array<[number, number?]> = [
			[18, 65 - 11],
			[1],
			[18, 138 - 11],
			[18, 190 - 138 - 11],
			[1],
			[17, 0],
		];
		expect(text(inflate(dynamicBlock({ ndist: 3, lengthSymbols: exact })))).toBe('A');
	});
});

describe('inflate: damaged data gives undefined', () => {
	it('data that ends in the middle of the last code', () => {
		// A fixed block holding only end-of-block is 0x03 0x00; the second byte is missing.
		expect(inflate(fixedBlock([{ lit: EOB }]))).toEqual(new Uint8Array(0));
		expect(inflate(Buffer.from([0x03]))).toBeUndefined();
	});

	it('a stored block whose length and its complement disagree', () => {
		expect(inflate(Buffer.from([0x01, 0x01, 0x00, 0x00, 0x00, A]))).toBeUndefined();
	});

	it('a stored block longer than the data left', () => {
		expect(inflate(Buffer.from([0x01, 0x05, 0x00, 0xfa, 0xff, A, A]))).toBeUndefined();
	});

	it('the unused length codes 286 and 287', () => {
		const ok = fixedBlock([{ lit: A }, { lit: 257 }, { dist: 0 }, { lit: EOB }]);
		expect(text(inflate(ok))).toBe('AAAA');
		for (const lit of [286, 287]) {
			expect(inflate(fixedBlock([{ lit: A }, { lit }, { dist: 0 }, { lit: EOB }]))).toBeUndefined();
		}
	});

	it('a copy from before the first byte', () => {
		// Length 3 (code 257) from distance 2 (code 1) when only one byte is out.
		expect(
			inflate(fixedBlock([{ lit: A }, { lit: 257 }, { dist: 1 }, { lit: EOB }])),
		).toBeUndefined();
	});

	it('a block type 3', () => {
		expect(inflate(dynamicBlock({ btype: 3 }))).toBeUndefined();
	});

	it('a dynamic block with more than 286 literal/length codes or 30 distance codes', () => {
		expect(text(inflate(dynamicBlock({ nlen: 286, ndist: 30 })))).toBe('A');
		expect(inflate(dynamicBlock({ nlen: 287 }))).toBeUndefined();
		expect(inflate(dynamicBlock({ ndist: 31 }))).toBeUndefined();
	});

	it('a dynamic block that repeats the previous length before there is one', () => {
		const lengthSymbols: Array<[number, number?]> = [[16, 0]];
		for (let i = 3; i < 258; i++) lengthSymbols.push([i === 65 || i === 256 ? 1 : 0]);
		expect(inflate(dynamicBlock({ lengthSymbols }))).toBeUndefined();
	});

	it('a dynamic block whose repeat runs past the last length', () => {
		const lengthSymbols: Array<[number, number?]> = [];
		for (let i = 0; i < 257; i++) lengthSymbols.push([i === 65 || i === 256 ? 1 : 0]);
		lengthSymbols.push([17, 0]); // three zeros where only one distance length is left
		expect(inflate(dynamicBlock({ lengthSymbols }))).toBeUndefined();
	});
});
