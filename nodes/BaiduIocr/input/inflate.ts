/**
 * A small zlib/DEFLATE decoder (RFC 1950/1951), written for this package because the node may
 * import nothing but n8n-workflow at runtime. Used only to look inside PDF object streams when
 * counting pages, so it favours brevity over speed and caps its output.
 */

class InflateError extends Error {}

/** Base lengths and extra bits of length codes 257..285 (RFC 1951, 3.2.5). */
const LENGTH_BASE = [
	3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
	163, 195, 227, 258,
];
const LENGTH_EXTRA = [
	0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
/** Base distances and extra bits of distance codes 0..29. */
const DIST_BASE = [
	1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
	3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA = [
	0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
];
/** Order in which code-length code lengths are sent in a dynamic block. */
const CLEN_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

const MAX_BITS = 15;

/** A canonical Huffman code: how many codes of each length, and the symbols in code order. */
interface Huffman {
	counts: Uint16Array;
	symbols: Uint16Array;
}

function buildHuffman(lengths: ArrayLike<number>, n: number): Huffman {
	const counts = new Uint16Array(MAX_BITS + 1);
	for (let i = 0; i < n; i++) counts[lengths[i]]++;
	counts[0] = 0;
	const offsets = new Uint16Array(MAX_BITS + 2);
	for (let len = 1; len <= MAX_BITS; len++) offsets[len + 1] = offsets[len] + counts[len];
	const symbols = new Uint16Array(n);
	for (let i = 0; i < n; i++) if (lengths[i] !== 0) symbols[offsets[lengths[i]]++] = i;
	return { counts, symbols };
}

class Inflater {
	private pos = 0;
	private bitBuf = 0;
	private bitCount = 0;
	private out: Uint8Array;
	private outLen = 0;

	constructor(
		private readonly input: Uint8Array,
		private readonly maxOutput: number,
	) {
		this.out = new Uint8Array(Math.min(maxOutput, Math.max(1024, input.length * 4)));
	}

	private bits(n: number): number {
		while (this.bitCount < n) {
			if (this.pos >= this.input.length) throw new InflateError('unexpected end of data');
			this.bitBuf |= this.input[this.pos++] << this.bitCount;
			this.bitCount += 8;
		}
		const value = this.bitBuf & ((1 << n) - 1);
		this.bitBuf >>>= n;
		this.bitCount -= n;
		return value;
	}

	private put(byte: number): void {
		if (this.outLen === this.out.length) {
			if (this.outLen >= this.maxOutput) throw new InflateError('output too large');
			const bigger = new Uint8Array(Math.min(this.maxOutput, this.out.length * 2));
			bigger.set(this.out);
			this.out = bigger;
		}
		this.out[this.outLen++] = byte;
	}

	/** Reads one symbol, one bit at a time, walking the canonical code by length. */
	private decode(h: Huffman): number {
		let code = 0;
		let first = 0;
		let index = 0;
		for (let len = 1; len <= MAX_BITS; len++) {
			code |= this.bits(1);
			const count = h.counts[len];
			if (code - first < count) return h.symbols[index + code - first];
			index += count;
			first = (first + count) << 1;
			code <<= 1;
		}
		throw new InflateError('invalid Huffman code');
	}

	private stored(): void {
		this.bitBuf = 0;
		this.bitCount = 0;
		if (this.pos + 4 > this.input.length) throw new InflateError('unexpected end of data');
		const len = this.input[this.pos] | (this.input[this.pos + 1] << 8);
		const nlen = this.input[this.pos + 2] | (this.input[this.pos + 3] << 8);
		if (len !== (~nlen & 0xffff)) throw new InflateError('stored block length mismatch');
		this.pos += 4;
		if (this.pos + len > this.input.length) throw new InflateError('unexpected end of data');
		for (let i = 0; i < len; i++) this.put(this.input[this.pos++]);
	}

	private codes(lit: Huffman, dist: Huffman): void {
		for (;;) {
			const symbol = this.decode(lit);
			if (symbol < 256) {
				this.put(symbol);
				continue;
			}
			if (symbol === 256) return;
			const li = symbol - 257;
			if (li >= 29) throw new InflateError('invalid length code');
			const length = LENGTH_BASE[li] + this.bits(LENGTH_EXTRA[li]);
			const di = this.decode(dist);
			if (di >= 30) throw new InflateError('invalid distance code');
			const distance = DIST_BASE[di] + this.bits(DIST_EXTRA[di]);
			if (distance > this.outLen) throw new InflateError('distance too far back');
			for (let i = 0; i < length; i++) this.put(this.out[this.outLen - distance]);
		}
	}

	private fixedTables(): [Huffman, Huffman] {
		const lengths = new Uint8Array(288);
		lengths.fill(8, 0, 144);
		lengths.fill(9, 144, 256);
		lengths.fill(7, 256, 280);
		lengths.fill(8, 280, 288);
		const dist = new Uint8Array(30).fill(5);
		return [buildHuffman(lengths, 288), buildHuffman(dist, 30)];
	}

	private dynamicTables(): [Huffman, Huffman] {
		const nlen = this.bits(5) + 257;
		const ndist = this.bits(5) + 1;
		const ncode = this.bits(4) + 4;
		if (nlen > 286 || ndist > 30) throw new InflateError('bad table sizes');
		const clen = new Uint8Array(19);
		for (let i = 0; i < ncode; i++) clen[CLEN_ORDER[i]] = this.bits(3);
		const lencode = buildHuffman(clen, 19);
		const lengths = new Uint8Array(nlen + ndist);
		let i = 0;
		while (i < nlen + ndist) {
			const symbol = this.decode(lencode);
			if (symbol < 16) {
				lengths[i++] = symbol;
				continue;
			}
			let repeat: number;
			let value = 0;
			if (symbol === 16) {
				if (i === 0) throw new InflateError('repeat with no previous length');
				value = lengths[i - 1];
				repeat = 3 + this.bits(2);
			} else if (symbol === 17) {
				repeat = 3 + this.bits(3);
			} else {
				repeat = 11 + this.bits(7);
			}
			if (i + repeat > nlen + ndist) throw new InflateError('too many lengths');
			while (repeat-- > 0) lengths[i++] = value;
		}
		return [
			buildHuffman(lengths.subarray(0, nlen), nlen),
			buildHuffman(lengths.subarray(nlen), ndist),
		];
	}

	run(): Uint8Array {
		let last = 0;
		while (!last) {
			last = this.bits(1);
			const type = this.bits(2);
			if (type === 0) this.stored();
			else if (type === 1) this.codes(...this.fixedTables());
			else if (type === 2) this.codes(...this.dynamicTables());
			else throw new InflateError('invalid block type');
		}
		return this.out.subarray(0, this.outLen);
	}
}

/**
 * Decompresses zlib data (or raw DEFLATE data when there is no zlib header). Returns
 * undefined when the data is damaged or would decompress to more than `maxOutput` bytes.
 * Bytes after the final block (a checksum, padding) are ignored.
 */
export function inflate(data: Uint8Array, maxOutput = 16 * 1024 * 1024): Uint8Array | undefined {
	const zlibHeader =
		data.length >= 2 &&
		(data[0] & 0x0f) === 8 &&
		((data[0] << 8) | data[1]) % 31 === 0 &&
		(data[1] & 0x20) === 0;
	try {
		return new Inflater(zlibHeader ? data.subarray(2) : data, maxOutput).run();
	} catch {
		// Damaged data (InflateError) or anything unexpected: the caller treats it as unknown.
		return undefined;
	}
}
