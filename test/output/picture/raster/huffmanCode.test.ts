/**
 * The encoder's Huffman codes on their own: code lengths that are optimal (the fewest bits for
 * the frequencies), complete (every bit pattern decodes, as strict inflaters require) and within
 * DEFLATE's limits, and the canonical codes of RFC 1951, 3.2.2. deflateBlock.test.ts reads them
 * back out of whole streams; here each promise is checked where it is made.
 */
import {
	canonicalCodes,
	codeLengths,
} from '../../../../nodes/BaiduIocr/output/picture/raster/huffmanCode';

/** The bits a Huffman code of these lengths spends on the frequencies. */
function cost(freqs: number[], lengths: Uint8Array): number {
	return freqs.reduce((sum, f, i) => sum + f * lengths[i], 0);
}

/** The bits an optimal prefix code spends: the sum of the merged weights (Huffman, 1952). */
function optimalCost(freqs: number[]): number {
	const queue = freqs.filter((f) => f > 0);
	let sum = 0;
	while (queue.length > 1) {
		queue.sort((a, b) => a - b);
		const merged = (queue.shift() as number) + (queue.shift() as number);
		sum += merged;
		queue.push(merged);
	}
	return sum;
}

/** Kraft's sum in units of 2^-15: exactly 2^15 for a complete code. */
function kraft(lengths: Uint8Array): number {
	return [...lengths].reduce((sum, length) => sum + (length ? 1 << (15 - length) : 0), 0);
}

/** Repeatable pseudo-random frequencies, some of them 0. */
function frequencies(seed: number, n: number): number[] {
	let state = seed;
	return Array.from({ length: n }, () => {
		state = (state * 1103515245 + 12345) % 2 ** 31;
		const high = state >>> 16; // the low bits of this generator repeat quickly
		return high % 4 === 0 ? 0 : high % 1000;
	});
}

/** Frequencies of the Fibonacci numbers: the optimal code is as deep as it can be (n - 1). */
function fibonacci(n: number): number[] {
	const out = [1, 1];
	while (out.length < n) out.push(out[out.length - 1] + out[out.length - 2]);
	return out;
}

describe('code lengths', () => {
	it.each([1, 2, 3, 4, 5])(
		'are optimal and complete for frequencies of seed %i, within 15 bits',
		(seed) => {
			const freqs = frequencies(seed, 40);
			const lengths = codeLengths(freqs, 15);
			expect(cost(freqs, lengths)).toBe(optimalCost(freqs));
			expect(kraft(lengths)).toBe(1 << 15);
			freqs.forEach((f, i) => expect(lengths[i] > 0).toBe(f > 0));
		},
	);

	it('give the textbook code for 1, 1, 2, 4, 8', () => {
		expect([...codeLengths([1, 1, 2, 4, 8], 15)]).toEqual([4, 4, 3, 2, 1]);
	});

	it('break ties by symbol order, the same on every run: the lower symbols are merged first', () => {
		expect([...codeLengths([3, 3, 3], 15)]).toEqual([2, 2, 1]);
		expect([...codeLengths([2, 2, 2, 2, 4], 15)]).toEqual([3, 3, 2, 2, 2]);
	});

	it('on a tie take the leaf before the merged node, so the tree is no deeper than it must be', () => {
		// 1 + 1 makes a node of weight 2, equal to the two leaves of 2: taking it first would
		// give 3, 3, 2, 1, as cheap but a level deeper; a shallow tree needs flattening less often.
		expect([...codeLengths([1, 1, 2, 2], 15)]).toEqual([2, 2, 2, 2]);
	});

	it('keep the optimal code when its longest code is exactly the limit', () => {
		const freqs = fibonacci(8); // optimal: 7 bits for the two rarest
		const lengths = codeLengths(freqs, 7);
		expect(Math.max(...lengths)).toBe(7);
		expect(cost(freqs, lengths)).toBe(optimalCost(freqs));
	});

	it.each([7, 15])('stay within %i bits where the optimal code is deeper, complete', (limit) => {
		const freqs = fibonacci(limit + 6).flatMap((f) => [f, 0]); // unused symbols between
		const lengths = codeLengths(freqs, limit);
		expect(Math.max(...lengths)).toBeLessThanOrEqual(limit);
		expect(kraft(lengths)).toBe(1 << 15);
		// Flattening the frequencies gives no unused symbol a code.
		freqs.forEach((f, i) => expect(lengths[i] > 0).toBe(f > 0));
		// A rarer symbol never gets a shorter code than a more frequent one.
		freqs.forEach((f, i) =>
			freqs.forEach((g, j) => {
				if (f > 0 && g > f) expect(lengths[j]).toBeLessThanOrEqual(lengths[i]);
			}),
		);
	});

	it('give two symbols a code when one or none is used, as every inflater takes a complete code', () => {
		expect([...codeLengths([0, 0, 0, 0, 0, 9, 0], 15)]).toEqual([1, 0, 0, 0, 0, 1, 0]);
		expect([...codeLengths([4, 0, 0], 15)]).toEqual([1, 1, 0]);
		expect([...codeLengths([0, 0, 0], 15)]).toEqual([1, 1, 0]);
		expect([...codeLengths([0, 3, 5], 15)]).toEqual([0, 1, 1]);
	});

	it('give a one-symbol alphabet its one code of 1 bit', () => {
		expect([...codeLengths([7], 15)]).toEqual([1]);
		expect([...codeLengths([0], 15)]).toEqual([1]);
	});
});

describe('canonical codes', () => {
	/** The code read back the right way round (DEFLATE writes it first bit first). */
	const unreversed = (code: number, length: number) =>
		parseInt([...code.toString(2).padStart(length, '0')].reverse().join(''), 2);

	it('are RFC 1951’s example: lengths 3, 3, 3, 3, 3, 2, 4, 4', () => {
		const lengths = Uint8Array.from([3, 3, 3, 3, 3, 2, 4, 4]);
		const codes = canonicalCodes(lengths);
		expect([...codes].map((code, i) => unreversed(code, lengths[i]))).toEqual([
			0b010, 0b011, 0b100, 0b101, 0b110, 0b00, 0b1110, 0b1111,
		]);
	});

	it('count on up to 15 bits and leave unused symbols without a code', () => {
		// One code of each length 1 to 14, two of 15: 0, 10, 110, …, 111…10 and 111…11.
		const lengths = Uint8Array.from([0, ...Array.from({ length: 14 }, (_, i) => i + 1), 15, 15, 0]);
		const codes = canonicalCodes(lengths);
		expect(codes[0]).toBe(0);
		expect(codes[17]).toBe(0);
		for (let length = 1; length <= 14; length++) {
			expect(unreversed(codes[length], length)).toBe(2 ** length - 2);
		}
		expect(unreversed(codes[15], 15)).toBe(2 ** 15 - 2);
		expect(unreversed(codes[16], 15)).toBe(2 ** 15 - 1);
	});
});
