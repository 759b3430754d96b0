import { fullSize, type RgbImage, type RowSink, type SinkFactory } from './image';

/**
 * Shrinking while decoding: a sink that averages the areas each output pixel covers (a box
 * filter with fractional edges), one source row at a time. It keeps two output rows of sums,
 * never the image at its own size.
 */

/** The size that fits `maxSide` on the longer side, keeping the shape; never larger. */
export function fittedSize(
	width: number,
	height: number,
	maxSide: number,
): { width: number; height: number } {
	const scale = Math.min(1, maxSide / Math.max(width, height));
	if (scale === 1) return { width, height };
	return {
		width: Math.max(1, Math.round(width * scale)),
		height: Math.max(1, Math.round(height * scale)),
	};
}

/** A sink factory that shrinks images larger than `maxSide` and keeps smaller ones as they are. */
export function fitWithin(maxSide: number): SinkFactory {
	return (width, height) => {
		const size = fittedSize(width, height, maxSide);
		if (size.width === width && size.height === height) return fullSize(width, height);
		return areaSink(width, height, size.width, size.height);
	};
}

/**
 * For each source index along one axis of `from` samples shrunk to `to`: the first output
 * index it falls in and the share of that output's span it covers; the rest, if any, goes to
 * the next output index. Shares are in output units, so the shares an output gets add up to 1.
 */
interface Spans {
	first: Int32Array;
	share: Float64Array;
	/** What one source sample covers in all, in output units: to / from. */
	ratio: number;
}

function spans(from: number, to: number): Spans {
	const first = new Int32Array(from);
	const share = new Float64Array(from);
	for (let i = 0; i < from; i++) {
		const start = (i * to) / from;
		const end = ((i + 1) * to) / from;
		first[i] = Math.floor(start);
		share[i] = Math.min(end, first[i] + 1) - start;
	}
	return { first, share, ratio: to / from };
}

/** One source row shrunk across: each output sample the sum of its source samples' shares. */
function shrinkRow(rgb: Uint8Array, across: Spans, out: Float64Array): void {
	out.fill(0);
	const { first, share, ratio } = across;
	const last = out.length / 3 - 1;
	for (let x = 0; x < first.length; x++) {
		const o = first[x] * 3;
		const a = share[x];
		const b = ratio - a;
		const s = x * 3;
		out[o] += rgb[s] * a;
		out[o + 1] += rgb[s + 1] * a;
		out[o + 2] += rgb[s + 2] * a;
		if (b > 1e-9 && first[x] < last) {
			out[o + 3] += rgb[s] * b;
			out[o + 4] += rgb[s + 1] * b;
			out[o + 5] += rgb[s + 2] * b;
		}
	}
}

/** Adds `row` times `weight` into `sum`. */
function addScaled(sum: Float64Array, row: Float64Array, weight: number): void {
	for (let i = 0; i < sum.length; i++) sum[i] += row[i] * weight;
}

function areaSink(width: number, height: number, outWidth: number, outHeight: number): RowSink {
	const data = new Uint8Array(outWidth * outHeight * 3);
	const across = spans(width, outWidth);
	const down = spans(height, outHeight);
	const shrunk = new Float64Array(outWidth * 3);
	// Sums of output rows `done` and `done + 1`: a source row reaches at most these two.
	let sums = [new Float64Array(outWidth * 3), new Float64Array(outWidth * 3)];
	let done = 0;
	const emit = () => {
		const base = done * outWidth * 3;
		for (let i = 0; i < sums[0].length; i++) {
			const value = (sums[0][i] + 0.5) | 0;
			data[base + i] = value > 255 ? 255 : value;
		}
		sums = [sums[1], sums[0].fill(0)];
		done++;
	};
	return {
		row(y, rgb) {
			shrinkRow(rgb, across, shrunk);
			const share = down.share[y];
			addScaled(sums[down.first[y] - done], shrunk, share);
			const rest = down.ratio - share;
			if (rest > 1e-9 && down.first[y] + 1 < outHeight) addScaled(sums[1], shrunk, rest);
			// Output rows wholly covered by source rows 0..y are complete.
			while (done < Math.floor(((y + 1) * outHeight) / height)) emit();
		},
		finish() {
			while (done < outHeight) emit();
			return { width: outWidth, height: outHeight, data } satisfies RgbImage;
		},
	};
}
