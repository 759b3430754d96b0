/**
 * What the DEFLATE encoder writes, read back symbol by symbol (RFC 1951, 3.2.7): a dynamic
 * block's header is as short as the format allows (code counts trimmed to the last code used,
 * runs of equal code lengths written as symbols 16, 17 and 18), and each of its three Huffman
 * codes gives a more frequent symbol a code no longer than a rarer one's. Any of these broken
 * still makes a stream that inflates, so the round-trip tests cannot see them; only the size.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { zlibCompress } from '../../../../nodes/BaiduIocr/output/picture/raster/deflate';
import { SAMPLES } from '../examples';

const CLEN_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
const LENGTH_EXTRA = [
	0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DIST_EXTRA = [
	0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
];
/**
 * The shortest length and distance of each code (RFC 1951, 3.2.5), written out again rather than
 * taken from the encoder, so that a wrong entry there cannot hide here.
 */
const LENGTH_BASE = [
	3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
	163, 195, 227, 258,
];
const DIST_BASE = [
	1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
	3073, 4097, 6145, 8193, 12289, 16385, 24577,
];

/** Bits least significant first, as DEFLATE packs them. */
class Bits {
	private at = 0;

	constructor(private readonly bytes: Uint8Array) {}

	read(n: number): number {
		let value = 0;
		for (let i = 0; i < n; i++, this.at++) {
			value |= ((this.bytes[this.at >> 3] >> (this.at & 7)) & 1) << i;
		}
		return value;
	}

	/** One symbol of the canonical code with these lengths (codes read first bit first). */
	symbol(lengths: number[]): number {
		const { counts, sorted } = canonical(lengths);
		let code = 0;
		let first = 0;
		let index = 0;
		for (let length = 1; length <= 15; length++) {
			code = (code << 1) | this.read(1);
			if (code - first < counts[length]) return sorted[index + code - first];
			index += counts[length];
			first = (first + counts[length]) << 1;
		}
		throw new Error('no such code');
	}
}

const codes = new WeakMap<number[], { counts: number[]; sorted: number[] }>();

/** How many codes of each length, and the symbols in code order (RFC 1951, 3.2.2). */
function canonical(lengths: number[]): { counts: number[]; sorted: number[] } {
	let code = codes.get(lengths);
	if (!code) {
		const counts = new Array<number>(16).fill(0);
		lengths.forEach((length) => counts[length]++);
		const sorted = lengths
			.map((length, symbol) => ({ length, symbol }))
			.filter((s) => s.length > 0)
			.sort((x, y) => x.length - y.length || x.symbol - y.symbol)
			.map((s) => s.symbol);
		code = { counts, sorted };
		codes.set(lengths, code);
	}
	return code;
}

interface Block {
	final: boolean;
	hlit: number;
	hdist: number;
	hclen: number;
	/** The code-length code's lengths, by symbol 0..18. */
	clen: number[];
	/** The symbols the code lengths were written with: [symbol, extra]. */
	runs: Array<[number, number]>;
	literal: number[];
	distance: number[];
	/** How often each symbol of each code was used: code lengths, literals/lengths, distances. */
	uses: { clen: number[]; literal: number[]; distance: number[] };
	/** The data as written: a literal byte, or a match's [length, distance]. */
	tokens: Array<number | [number, number]>;
}

/** Reads one dynamic block, its data included (to count the symbols' uses). */
function readBlock(bits: Bits): Block {
	const final = bits.read(1) === 1;
	expect(bits.read(2)).toBe(2);
	const hlit = bits.read(5) + 257;
	const hdist = bits.read(5) + 1;
	const hclen = bits.read(4) + 4;
	const clen = new Array<number>(19).fill(0);
	for (let k = 0; k < hclen; k++) clen[CLEN_ORDER[k]] = bits.read(3);
	const uses = {
		clen: new Array<number>(19).fill(0),
		literal: new Array<number>(286).fill(0),
		distance: new Array<number>(30).fill(0),
	};
	const runs: Array<[number, number]> = [];
	const lengths: number[] = [];
	while (lengths.length < hlit + hdist) {
		const symbol = bits.symbol(clen);
		uses.clen[symbol]++;
		const extra = symbol < 16 ? 0 : bits.read({ 16: 2, 17: 3, 18: 7 }[symbol] as number);
		runs.push([symbol, extra]);
		if (symbol < 16) lengths.push(symbol);
		else if (symbol === 16)
			lengths.push(...new Array<number>(3 + extra).fill(lengths.at(-1) as number));
		else lengths.push(...new Array<number>((symbol === 17 ? 3 : 11) + extra).fill(0));
	}
	const literal = lengths.slice(0, hlit);
	const distance = lengths.slice(hlit);
	const tokens: Block['tokens'] = [];
	for (;;) {
		const symbol = bits.symbol(literal);
		uses.literal[symbol]++;
		if (symbol === 256) break;
		if (symbol < 256) {
			tokens.push(symbol);
			continue;
		}
		const length = LENGTH_BASE[symbol - 257] + bits.read(LENGTH_EXTRA[symbol - 257]);
		const d = bits.symbol(distance);
		uses.distance[d]++;
		tokens.push([length, DIST_BASE[d] + bits.read(DIST_EXTRA[d])]);
	}
	return { final, hlit, hdist, hclen, clen, runs, literal, distance, uses, tokens };
}

function blocksOf(data: Uint8Array): Block[] {
	const bits = new Bits(zlibCompress(data).subarray(2));
	const blocks: Block[] = [];
	do blocks.push(readBlock(bits));
	while (!(blocks.at(-1) as Block).final);
	return blocks;
}

/** Where a symbol used more often has a longer code than one used less: none in a good code. */
function inversions(lengths: number[], uses: number[]): Array<[number, number]> {
	const found: Array<[number, number]> = [];
	for (let a = 0; a < uses.length; a++) {
		for (let b = 0; b < uses.length; b++) {
			if (uses[a] > uses[b] && uses[b] > 0 && lengths[a] > lengths[b]) found.push([a, b]);
		}
	}
	return found;
}

/** Text: literals and short matches at short distances, so both codes end early. */
const TEXT = Buffer.from(
	Array.from({ length: 400 }, (_, i) => `line ${i % 37}: the quick brown fox ${i % 5}\n`).join(''),
);

/**
 * Every byte once (all literals), then one match of each length 3 to 10, at distances 1 to 4:
 * a pattern of `distance` bytes (never seen before) written out to `distance + length` bytes,
 * then 255. Every literal, length and distance code up to the last is used, so the code lengths
 * hold no 0 at all: code-length symbols 0, 17 and 18 are not used.
 */
const EVERY_CODE = Buffer.from([
	...Array.from({ length: 256 }, (_, i) => i),
	...[3, 4, 5, 6, 7, 8, 9, 10].flatMap((length) => {
		const distance = ((length - 3) % 4) + 1;
		const pattern = Array.from({ length: distance }, (_, k) => 10 * length + 2 * k);
		return [...Array.from({ length: distance + length }, (_, k) => pattern[k % distance]), 255];
	}),
]);

const inputs: Array<[string, Uint8Array]> = [
	['every code once', EVERY_CODE],
	['text', TEXT],
	['a sample photo’s bytes', readFileSync(join(SAMPLES, 'train-ticket.jpg'))],
];

describe.each(inputs)('the DEFLATE blocks of %s', (_name, data) => {
	// Read in beforeAll, not in the describe body: a mutation run switches its mutant on for
	// the tests' hooks and bodies only.
	let blocks: Block[] = [];
	beforeAll(() => {
		blocks = blocksOf(data);
		expect(blocks.length).toBeGreaterThan(0);
	});

	it('count literal/length and distance codes only up to the last one used', () => {
		for (const block of blocks) {
			if (block.hlit > 257) expect(block.literal[block.hlit - 1]).toBeGreaterThan(0);
			if (block.hdist > 1) expect(block.distance[block.hdist - 1]).toBeGreaterThan(0);
			expect(block.literal[256]).toBeGreaterThan(0);
		}
	});

	it('write the code-length code only up to its last length used', () => {
		for (const block of blocks) {
			if (block.hclen > 4) expect(block.clen[CLEN_ORDER[block.hclen - 1]]).toBeGreaterThan(0);
		}
	});

	it('write runs of equal code lengths as 16, 17 and 18, each as long as it can be', () => {
		for (const block of blocks) {
			const { runs } = block;
			runs.forEach(([symbol, extra], i) => {
				const next = runs[i + 1];
				// Three zeros are one 17 (or part of an 18); a length is followed by a 16 when
				// it repeats three times more.
				const same = (from: number, n: number) =>
					runs.slice(from, from + n).filter(([s]) => s === symbol).length === n;
				if (symbol === 0) expect(same(i, 3)).toBe(false);
				if (symbol > 0 && symbol < 16) expect(same(i + 1, 3)).toBe(false);
				// A 17 covers 3 to 10 zeros; more are an 18, which only stops short at 138.
				if (symbol === 17) expect(next?.[0]).not.toBe(18);
				if (symbol === 18 && extra < 127) expect([0, 17, 18]).not.toContain(next?.[0]);
				if (symbol === 17) expect([0, 17, 18]).not.toContain(next?.[0]);
				if (symbol === 16 && extra < 3) expect(next?.[0]).not.toBe(16);
			});
			expect(runs.some(([s]) => s >= 16)).toBe(true);
		}
	});

	it('give a code to every symbol used and to none unused (but to two at least)', () => {
		const check = (lengths: number[], uses: number[]) => {
			const used = uses.filter((n) => n > 0).length;
			if (used < 2) expect(lengths.filter((l) => l > 0)).toHaveLength(2);
			else uses.forEach((n, s) => expect([s, n > 0]).toEqual([s, (lengths[s] ?? 0) > 0]));
		};
		for (const block of blocks) {
			check(block.clen, block.uses.clen);
			check(block.literal, block.uses.literal);
			check(block.distance, block.uses.distance);
		}
	});
});

describe('the header of a block that uses every code up to the last', () => {
	it('ends the literal/length code at length 10’s (264) and the distance code at distance 4’s (3)', () => {
		const [block] = blocksOf(EVERY_CODE);
		expect([block.hlit, block.hdist]).toEqual([265, 4]);
		expect([...block.literal, ...block.distance].every((length) => length > 0)).toBe(true);
		expect([block.uses.clen[0], block.uses.clen[17], block.uses.clen[18]]).toEqual([0, 0, 0]);
	});
});

describe('the Huffman codes of text', () => {
	it('give a more frequent symbol a code no longer than a rarer one’s, in all three codes', () => {
		// Only where no code reaches its limit (7 bits, 15 bits): there the encoder flattens the
		// frequencies and builds again, and symbols made equal may take either length.
		for (const block of blocksOf(TEXT)) {
			expect(Math.max(...block.clen)).toBeLessThan(7);
			expect(Math.max(...block.literal, ...block.distance)).toBeLessThan(15);
			expect(inversions(block.clen, block.uses.clen)).toEqual([]);
			expect(inversions(block.literal, block.uses.literal)).toEqual([]);
			expect(inversions(block.distance, block.uses.distance)).toEqual([]);
		}
	});
});

describe('the matches DEFLATE finds', () => {
	/** Bytes 0 to 99: no three of them repeat inside it, so its first copy is all literals. */
	const DISTINCT = Uint8Array.from({ length: 100 }, (_, i) => i);
	const literals = (data: Uint8Array) =>
		blocksOf(data).reduce((n, b) => n + b.uses.literal.slice(0, 256).reduce((x, y) => x + y), 0);

	it('takes a repeat of the data’s first bytes as one match back to position 0', () => {
		expect(literals(Buffer.concat([DISTINCT, DISTINCT]))).toBe(100);
	});

	/** The matches the encoder wrote, by the position in the data where each starts. */
	const matchesAt = (data: Uint8Array) => {
		const matches = new Map<number, [number, number]>();
		let at = 0;
		for (const token of blocksOf(data).flatMap((block) => block.tokens)) {
			if (typeof token !== 'number') matches.set(at, token);
			at += typeof token === 'number' ? 1 : token[0];
		}
		expect(at).toBe(data.length);
		return matches;
	};
	/** 100 bytes no text below uses: keeps copies apart. */
	const GAP = Uint8Array.from({ length: 100 }, (_, i) => 128 + i);
	const text = (...parts: Array<string | Uint8Array>) =>
		Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : part)));

	it('keeps the longest match: an older candidate that matches fewer bytes does not replace it', () => {
		// At the third "abc" the nearer copy matches 7 bytes; the older one only 3, though its 8th
		// byte ("X") agrees, so it passes the quick check of the byte that would make it longer.
		expect(matchesAt(text('abcQQQQXabcdefgYabcdefgX12')).get(16)).toEqual([7, 8]);
	});

	it('makes every position inside a match of up to 16 bytes findable: a repeat of its middle is found in it', () => {
		// The second copy is one match; "defghij" after it is found 8 bytes back, inside that
		// match, not 118 back in the first copy.
		for (const copy of ['abcdefghij', 'abcdefghijklmnop']) {
			const data = text(copy, GAP, copy, 'Z', copy.slice(3));
			const repeat = data.length - (copy.length - 3);
			expect(matchesAt(data).get(repeat)).toEqual([copy.length - 3, copy.length - 2]);
		}
	});

	it('puts a match’s start into its chain once, so the chain goes on through it to older copies', () => {
		// The second copy matches 16 bytes of the first; the third matches 19 of the first, which
		// only the chain through the second copy's start leads to.
		const first = 'abcdefghijklmnopQRS';
		const data = text(first, GAP, first.slice(0, 16), 'X', GAP.subarray(0, 50), first);
		expect(matchesAt(data).get(data.length - 19)).toEqual([19, data.length - 19]);
	});

	it('finds a match in the data’s last 3 bytes', () => {
		const data = text('abc', GAP, 'abc');
		expect(matchesAt(data).get(103)).toEqual([3, 103]);
	});

	// Bounds on the search's work, seen in what it writes (each keeps a long photo fast).
	it('compares at most 8 earlier copies: a longer match 9 copies back is not found', () => {
		const full = 'abcdefghijklmnopqrstuvwxyz';
		const shortCopies = Array.from({ length: 8 }, (_, k) =>
			text(GAP.subarray(k * 10, k * 10 + 10), `abc${k}`),
		);
		const data = text(full, ...shortCopies, full);
		const last = data.length - full.length;
		// The nearest "abc", "abc7" 4 bytes back; not the whole alphabet, 9 copies back.
		expect(matchesAt(data).get(last)).toEqual([3, 4]);
	});

	it('takes a match of 32 bytes at once: a longer one further back is not looked for', () => {
		const long = 'The quick brown fox jumps over the lazy dog, twice';
		const second = long.length + GAP.length; // where its first 32 bytes come again
		const data = text(long, GAP, long.slice(0, 32), 'X', GAP.subarray(0, 40), long);
		const last = data.length - long.length;
		expect(matchesAt(data).get(last)).toEqual([32, last - second]);
	});

	it('inside a match of over 16 bytes makes only its start and last 3 bytes findable', () => {
		const copy = 'ABCDEFGHIJKLMNOPQRST'; // 20 bytes
		const data = text(copy, GAP, copy, 'Z', copy.slice(5, 15));
		const repeat = data.length - 10;
		// "FGHIJKLMNO" is found in the first copy, 131 back, not 16 back in the second.
		expect(matchesAt(data).get(repeat)).toEqual([10, repeat - 5]);
	});

	it('reaches back exactly 32 KB, DEFLATE’s whole window', () => {
		const filler = new Uint8Array(32768 - 100).fill(255);
		// 100 literals, the filler's first byte, then matches only.
		expect(literals(Buffer.concat([DISTINCT, filler, DISTINCT]))).toBe(101);
	});
});
