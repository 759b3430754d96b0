import { adler32 } from './checksum';
import { canonicalCodes, codeLengths } from './huffmanCode';

/**
 * A DEFLATE encoder (RFC 1951) in a zlib stream (RFC 1950), for the PNG the node writes:
 * LZ77 matches found through hash chains (a bounded search, as zlib's faster levels), then
 * blocks with Huffman codes built for their own symbols (dynamic blocks, BTYPE 2).
 */

const WINDOW = 32768;
const MIN_MATCH = 3;
const MAX_MATCH = 258;
const HASH_BITS = 15;
/** How many earlier positions with the same hash are compared, at most. */
const MAX_CHAIN = 8;
/** A match this long is taken without looking further. */
const NICE_MATCH = 32;
/**
 * Every position inside a match is made findable only for matches up to this long (zlib's
 * fast levels do the same): long matches are runs of a blank page or a flat colour.
 */
const MAX_INSERT = 16;
/** Symbols per block: each block gets codes fitted to its own part of the data. */
const BLOCK_TOKENS = 1 << 16;

const LENGTH_BASE = [
	3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
	163, 195, 227, 258,
];
const DIST_BASE = [
	1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
	3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const extraBits = (index: number, firstWithExtra: number, perStep: number) =>
	index < firstWithExtra ? 0 : Math.floor((index - firstWithExtra) / perStep) + 1;
const LENGTH_EXTRA = LENGTH_BASE.map((_, i) => (i === 28 ? 0 : extraBits(i, 8, 4)));
const DIST_EXTRA = DIST_BASE.map((_, i) => extraBits(i, 4, 2));
/** The order the code-length code's lengths are written in. */
const CLEN_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** The last index whose base is at most `value`. */
function codeOf(bases: number[], value: number): number {
	let i = bases.length - 1;
	while (bases[i] > value) i--;
	return i;
}

const LENGTH_CODE = Uint8Array.from({ length: MAX_MATCH + 1 }, (_, n) =>
	n < MIN_MATCH ? 0 : codeOf(LENGTH_BASE, n),
);

/** Writes bits first bit first, as DEFLATE packs them, into a growing buffer. */
class BitWriter {
	private out = new Uint8Array(1 << 16);
	private length = 0;
	private buffer = 0;
	private count = 0;

	write(value: number, bits: number): void {
		this.buffer |= value << this.count;
		this.count += bits;
		while (this.count >= 8) {
			if (this.length === this.out.length) {
				const bigger = new Uint8Array(this.out.length * 2);
				bigger.set(this.out);
				this.out = bigger;
			}
			this.out[this.length++] = this.buffer & 0xff;
			this.buffer >>>= 8;
			this.count -= 8;
		}
	}

	/** The bytes written, the last one padded with zero bits. */
	finish(): Uint8Array {
		if (this.count > 0) this.write(0, 8 - this.count);
		return this.out.slice(0, this.length);
	}
}

/** LZ77's output: literals (length 0, value the byte) and matches (length, distance). */
interface Tokens {
	lengths: Uint16Array;
	values: Uint16Array;
	count: number;
}

const DIST_CODE = Uint8Array.from({ length: WINDOW + 1 }, (_, d) =>
	d < 1 ? 0 : codeOf(DIST_BASE, d),
);

/** Finds earlier occurrences of the bytes at a position through chains of equal 3-byte hashes. */
class Matcher {
	private readonly head = new Int32Array(1 << HASH_BITS).fill(-1);
	private readonly prev = new Int32Array(WINDOW);
	/** The distance of the match `longest` found. */
	distance = 0;

	constructor(private readonly data: Uint8Array) {}

	private hash(i: number): number {
		const d = this.data;
		return ((d[i] << 10) ^ (d[i + 1] << 5) ^ d[i + 2]) & ((1 << HASH_BITS) - 1);
	}

	/** Makes position `i` findable by later positions. */
	insert(i: number): void {
		if (i + MIN_MATCH > this.data.length) return;
		const h = this.hash(i);
		this.prev[i & (WINDOW - 1)] = this.head[h];
		this.head[h] = i;
	}

	/** The longest match for position `i` within the search bounds; 0 when shorter than 3. */
	longest(i: number): number {
		const d = this.data;
		const limit = d.length - i < MAX_MATCH ? d.length - i : MAX_MATCH;
		if (limit < MIN_MATCH) return 0;
		let best = MIN_MATCH - 1;
		let candidate = this.head[this.hash(i)];
		for (let chain = MAX_CHAIN; candidate >= 0 && i - candidate <= WINDOW && chain > 0; chain--) {
			if (d[candidate + best] === d[i + best]) {
				let length = 0;
				while (length < limit && d[candidate + length] === d[i + length]) length++;
				if (length > best) {
					best = length;
					this.distance = i - candidate;
					if (length >= NICE_MATCH || length === limit) break;
				}
			}
			const next = this.prev[candidate & (WINDOW - 1)];
			if (next >= candidate) break;
			candidate = next;
		}
		return best >= MIN_MATCH ? best : 0;
	}
}

/** The code lengths' sequence as DEFLATE writes it: runs as symbols 16, 17, 18 with extra bits. */
function runLengths(all: Uint8Array): Array<[symbol: number, extra: number]> {
	const out: Array<[number, number]> = [];
	for (let i = 0; i < all.length; ) {
		const value = all[i];
		let run = 1;
		while (i + run < all.length && all[i + run] === value) run++;
		i += run;
		if (value === 0) {
			for (; run >= 11; run -= Math.min(run, 138)) out.push([18, Math.min(run, 138) - 11]);
			if (run >= 3) {
				out.push([17, run - 3]);
				run = 0;
			}
		} else {
			out.push([value, 0]);
			for (run--; run >= 3; run -= Math.min(run, 6)) out.push([16, Math.min(run, 6) - 3]);
		}
		for (; run > 0; run--) out.push([value, 0]);
	}
	return out;
}

const RUN_EXTRA_BITS: Record<number, number> = { 16: 2, 17: 3, 18: 7 };

/** A dynamic block's header: the sizes, the code-length code, then both codes' lengths. */
function writeTrees(writer: BitWriter, literal: Uint8Array, distance: Uint8Array): void {
	let hlit = 286;
	while (hlit > 257 && literal[hlit - 1] === 0) hlit--;
	let hdist = 30;
	while (hdist > 1 && distance[hdist - 1] === 0) hdist--;
	const all = new Uint8Array(hlit + hdist);
	all.set(literal.subarray(0, hlit));
	all.set(distance.subarray(0, hdist), hlit);
	const runs = runLengths(all);
	const freqs = new Uint32Array(19);
	for (const [symbol] of runs) freqs[symbol]++;
	const lengths = codeLengths(freqs, 7);
	const codes = canonicalCodes(lengths);
	let hclen = 19;
	while (hclen > 4 && lengths[CLEN_ORDER[hclen - 1]] === 0) hclen--;
	writer.write(hlit - 257, 5);
	writer.write(hdist - 1, 5);
	writer.write(hclen - 4, 4);
	for (let k = 0; k < hclen; k++) writer.write(lengths[CLEN_ORDER[k]], 3);
	for (const [symbol, extra] of runs) {
		writer.write(codes[symbol], lengths[symbol]);
		if (symbol >= 16) writer.write(extra, RUN_EXTRA_BITS[symbol]);
	}
}

/** One dynamic block of the tokens, with codes built for them; `last` marks the final block. */
function writeBlock(writer: BitWriter, tokens: Tokens, last: boolean): void {
	const literalFreqs = new Uint32Array(286);
	const distanceFreqs = new Uint32Array(30);
	for (let t = 0; t < tokens.count; t++) {
		const length = tokens.lengths[t];
		if (length === 0) literalFreqs[tokens.values[t]]++;
		else {
			literalFreqs[257 + LENGTH_CODE[length]]++;
			distanceFreqs[DIST_CODE[tokens.values[t]]]++;
		}
	}
	literalFreqs[256] = 1;
	const literal = codeLengths(literalFreqs, 15);
	const distance = codeLengths(distanceFreqs, 15);
	const literalCodes = canonicalCodes(literal);
	const distanceCodes = canonicalCodes(distance);
	writer.write(last ? 1 : 0, 1);
	writer.write(2, 2);
	writeTrees(writer, literal, distance);
	for (let t = 0; t < tokens.count; t++) {
		const length = tokens.lengths[t];
		const value = tokens.values[t];
		if (length === 0) {
			writer.write(literalCodes[value], literal[value]);
			continue;
		}
		const l = LENGTH_CODE[length];
		writer.write(literalCodes[257 + l], literal[257 + l]);
		writer.write(length - LENGTH_BASE[l], LENGTH_EXTRA[l]);
		const d = DIST_CODE[value];
		writer.write(distanceCodes[d], distance[d]);
		writer.write(value - DIST_BASE[d], DIST_EXTRA[d]);
	}
	writer.write(literalCodes[256], literal[256]);
}

/** Raw DEFLATE data of `data`. */
export function deflateRaw(data: Uint8Array): Uint8Array {
	const writer = new BitWriter();
	const matcher = new Matcher(data);
	const tokens: Tokens = {
		lengths: new Uint16Array(BLOCK_TOKENS),
		values: new Uint16Array(BLOCK_TOKENS),
		count: 0,
	};
	for (let i = 0; i < data.length; ) {
		const length = matcher.longest(i);
		tokens.lengths[tokens.count] = length;
		tokens.values[tokens.count++] = length ? matcher.distance : data[i];
		const end = i + Math.max(length, 1);
		// Inside a long match only its start and its last bytes become findable.
		if (length > MAX_INSERT) matcher.insert(i);
		for (i = length > MAX_INSERT ? end - 3 : i; i < end; i++) matcher.insert(i);
		if (tokens.count === BLOCK_TOKENS) {
			writeBlock(writer, tokens, false);
			tokens.count = 0;
		}
	}
	writeBlock(writer, tokens, true);
	return writer.finish();
}

/** A zlib stream of `data`: header, DEFLATE data, Adler-32 of `data`. */
export function zlibCompress(data: Uint8Array): Uint8Array {
	const body = deflateRaw(data);
	const out = new Uint8Array(body.length + 6);
	// CMF 0x78: DEFLATE with a 32 KB window; FLG 0x5E: "fast" level, check bits for % 31.
	out[0] = 0x78;
	out[1] = 0x5e;
	out.set(body, 2);
	const check = adler32(data);
	out.set(
		[check >>> 24, (check >>> 16) & 0xff, (check >>> 8) & 0xff, check & 0xff],
		body.length + 2,
	);
	return out;
}
