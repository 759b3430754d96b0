/**
 * Huffman codes for the encoder: code lengths from symbol frequencies, at most `maxBits` long
 * (DEFLATE allows 15, and 7 for the code-length code), and the canonical codes they give
 * (RFC 1951, 3.2.2), bit-reversed because DEFLATE writes codes starting from the first bit.
 */

/** Code lengths of an optimal prefix code (0 for unused symbols), by merging the two rarest. */
function optimalLengths(freqs: ArrayLike<number>): Uint8Array {
	const n = freqs.length;
	const lengths = new Uint8Array(n);
	const leaves = Array.from({ length: n }, (_, i) => i).filter((i) => freqs[i] > 0);
	leaves.sort((a, b) => freqs[a] - freqs[b]); // stable: equal frequencies stay in symbol order
	if (leaves.length === 1) lengths[leaves[0]] = 1;
	if (leaves.length < 2) return lengths;
	// Nodes: leaves first, then merged nodes; merged weights come out in order (two queues).
	const weight = leaves.map((i) => freqs[i]);
	const parent = new Int32Array(2 * leaves.length - 1).fill(-1);
	let leaf = 0;
	let merged = leaves.length;
	const take = () =>
		leaf < leaves.length && (merged >= weight.length || weight[leaf] <= weight[merged])
			? leaf++
			: merged++;
	while (weight.length < 2 * leaves.length - 1) {
		const a = take();
		const b = take();
		parent[a] = parent[b] = weight.length;
		weight.push(weight[a] + weight[b]);
	}
	for (let k = 0; k < leaves.length; k++) {
		let depth = 0;
		for (let node = k; parent[node] >= 0; node = parent[node]) depth++;
		lengths[leaves[k]] = depth;
	}
	return lengths;
}

/**
 * Code lengths of at most `maxBits` for the frequencies; at least two symbols get a code (a
 * one-code alphabet is padded with the next symbol) so that every decoder takes the code.
 */
export function codeLengths(freqs: ArrayLike<number>, maxBits: number): Uint8Array {
	let weights = Array.from(freqs);
	const used = weights.filter((f) => f > 0).length;
	for (let coded = used; coded < 2; coded++) {
		const free = weights.findIndex((f) => f === 0);
		if (free >= 0) weights[free] = 1;
	}
	for (;;) {
		const lengths = optimalLengths(weights);
		if (lengths.every((length) => length <= maxBits)) return lengths;
		// Too deep: flatten the frequencies and build again (each pass halves the spread).
		weights = weights.map((f) => (f === 0 ? 0 : (f >> 1) | 1));
	}
}

function reverse(code: number, length: number): number {
	let out = 0;
	for (let i = 0; i < length; i++) {
		out = (out << 1) | (code & 1);
		code >>= 1;
	}
	return out;
}

/** The canonical codes for the lengths, bit-reversed, ready to be written first bit first. */
export function canonicalCodes(lengths: Uint8Array): Uint16Array {
	const count = new Uint16Array(16);
	for (const length of lengths) count[length]++;
	count[0] = 0;
	const next = new Uint16Array(16);
	for (let bits = 1, code = 0; bits < 16; bits++) {
		code = (code + count[bits - 1]) << 1;
		next[bits] = code;
	}
	const codes = new Uint16Array(lengths.length);
	for (let i = 0; i < lengths.length; i++) {
		if (lengths[i] > 0) codes[i] = reverse(next[lengths[i]]++, lengths[i]);
	}
	return codes;
}
