/**
 * The inverse DCT of one 8 x 8 block, dequantised on the way: the AAN algorithm in floating
 * point (as libjpeg's jidctflt.c), 5 multiplications per row or column instead of 64.
 */

/** Zig-zag position → natural (row-major) position of a coefficient (T.81, Figure A.6). */
export const ZIGZAG = Uint8Array.from([
	0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20,
	13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52,
	45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
]);

/** cos(k·π/16)·√2 for k = 1..7, 1 for k = 0: the AAN scale of row and column k. */
const AAN_SCALE = [
	1, 1.387039845, 1.306562965, 1.175875602, 1, 0.785694958, 0.5411961, 0.275899379,
];

/**
 * A quantisation table (natural order) with the AAN scale factors and the final division by 8
 * folded in: the multipliers idctBlock dequantises with.
 */
export function idctMultipliers(quantisation: ArrayLike<number>): Float32Array {
	const out = new Float32Array(64);
	for (let row = 0; row < 8; row++) {
		for (let column = 0; column < 8; column++) {
			const i = row * 8 + column;
			out[i] = (quantisation[i] * AAN_SCALE[row] * AAN_SCALE[column]) / 8;
		}
	}
	return out;
}

/**
 * The 1-D AAN IDCT of 8 values at `at`, `at + step`, … of `v`, in place (jidctflt.c's
 * phases; the caller has scaled the inputs).
 */
function idct8(v: Float32Array, at: number, step: number): void {
	const d0 = v[at];
	const d1 = v[at + step];
	const d2 = v[at + 2 * step];
	const d3 = v[at + 3 * step];
	const d4 = v[at + 4 * step];
	const d5 = v[at + 5 * step];
	const d6 = v[at + 6 * step];
	const d7 = v[at + 7 * step];
	// Even part.
	const t10 = d0 + d4;
	const t11 = d0 - d4;
	const t13 = d2 + d6;
	const t12 = (d2 - d6) * 1.414213562 - t13;
	const e0 = t10 + t13;
	const e3 = t10 - t13;
	const e1 = t11 + t12;
	const e2 = t11 - t12;
	// Odd part.
	const z13 = d5 + d3;
	const z10 = d5 - d3;
	const z11 = d1 + d7;
	const z12 = d1 - d7;
	const o7 = z11 + z13;
	const o11 = (z11 - z13) * 1.414213562;
	const z5 = (z10 + z12) * 1.847759065;
	const o10 = z5 - z12 * 1.0823922;
	const o12 = z5 - z10 * 2.61312593;
	const o6 = o12 - o7;
	const o5 = o11 - o6;
	const o4 = o10 - o5;
	v[at] = e0 + o7;
	v[at + 7 * step] = e0 - o7;
	v[at + step] = e1 + o6;
	v[at + 6 * step] = e1 - o6;
	v[at + 2 * step] = e2 + o5;
	v[at + 5 * step] = e2 - o5;
	v[at + 3 * step] = e3 + o4;
	v[at + 4 * step] = e3 - o4;
}

const work = new Float32Array(64);

/**
 * Dequantises and transforms the block at `coefficients[offset..offset+63]` (natural order)
 * and writes its 8 x 8 samples (level-shifted by 128, clamped) into `out` at `outAt`, rows
 * `stride` apart.
 */
export function idctBlock(
	coefficients: Int16Array,
	offset: number,
	multipliers: Float32Array,
	out: Uint8Array,
	outAt: number,
	stride: number,
): void {
	for (let i = 0; i < 64; i++) work[i] = coefficients[offset + i] * multipliers[i];
	for (let column = 0; column < 8; column++) {
		// A column with only its DC term (most of a photo's) is that value all the way down.
		let ac = 0;
		for (let row = 1; row < 8; row++) if (work[row * 8 + column] !== 0) ac++;
		if (ac === 0) for (let row = 1; row < 8; row++) work[row * 8 + column] = work[column];
		else idct8(work, column, 8);
	}
	for (let row = 0; row < 8; row++) {
		idct8(work, row * 8, 1);
		const line = outAt + row * stride;
		for (let column = 0; column < 8; column++) {
			// Rounded (half up) by truncation: a negative result is clamped to 0 either way.
			const value = (work[row * 8 + column] + 128.5) | 0;
			out[line + column] = value < 0 ? 0 : value > 255 ? 255 : value;
		}
	}
}
