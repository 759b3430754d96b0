import type { Component, Frame } from './jpegScan';
import type { RgbImage, SinkFactory } from './image';

/**
 * From decoded component planes to RGB rows: subsampled components brought to full size as
 * libjpeg does ("fancy" triangle filtering for 2:1 across, down or both; replication for other
 * ratios), then YCbCr → RGB with libjpeg's fixed-point tables (JFIF: full-range BT.601).
 */

/** A component's samples, padded to whole MCUs: `width` samples a row (its stride). */
export interface Plane {
	width: number;
	data: Uint8Array;
}

export type ColourModel = 'grey' | 'ycc' | 'rgb';

const FIX = (x: number) => Math.floor(x * 65536 + 0.5);
const HALF = 1 << 15;
const CR_R = new Int32Array(256);
const CB_B = new Int32Array(256);
const CR_G = new Int32Array(256);
const CB_G = new Int32Array(256);
for (let i = 0; i < 256; i++) {
	const x = i - 128;
	CR_R[i] = (FIX(1.402) * x + HALF) >> 16;
	CB_B[i] = (FIX(1.772) * x + HALF) >> 16;
	CR_G[i] = -FIX(0.71414) * x;
	CB_G[i] = -FIX(0.34414) * x + HALF;
}

/** Makes one full-width row of a component for an output row, into a buffer it reuses. */
type Upsampler = (y: number) => Uint8Array;

/**
 * Horizontal 2:1 triangle filter of the `n` samples at `source[start..]`: each output is 3/4
 * of its nearer sample and 1/4 of the next one, edges repeated (libjpeg's rounding biases).
 */
function fancyAcross(
	source: Uint8Array | Int32Array,
	start: number,
	n: number,
	out: Uint8Array,
	biases: [number, number],
	shift: number,
): void {
	const last = start + n - 1;
	for (let i = 0; i < n; i++) {
		const s = start + i;
		const near = source[s] * 3;
		if (2 * i < out.length)
			out[2 * i] = (near + source[s > start ? s - 1 : s] + biases[0]) >> shift;
		if (2 * i + 1 < out.length) {
			out[2 * i + 1] = (near + source[s < last ? s + 1 : s] + biases[1]) >> shift;
		}
	}
}

function upsampler(frame: Frame, c: Component, plane: Plane): Upsampler {
	const { width, height, hMax, vMax } = frame;
	const across = Math.ceil((width * c.h) / hMax);
	const down = Math.ceil((height * c.v) / vMax);
	const out = new Uint8Array(width);
	const at = (row: number) => Math.min(Math.max(row, 0), down - 1) * plane.width;
	const hf = hMax / c.h;
	const vf = vMax / c.v;
	const sums = new Int32Array(across);
	if (hf === 1 && vf === 1)
		return (y) => plane.data.subarray(y * plane.width, y * plane.width + width);
	if (hf === 2 && vf === 1 && across > 2) {
		return (y) => {
			const row = at(y);
			fancyAcross(plane.data, row, across, out, [1, 2], 2);
			return out;
		};
	}
	if (vf === 2 && (hf === 1 || (hf === 2 && across > 2))) {
		return (y) => {
			const near = at(y >> 1);
			const far = at((y & 1) === 0 ? (y >> 1) - 1 : (y >> 1) + 1);
			for (let i = 0; i < across; i++) sums[i] = plane.data[near + i] * 3 + plane.data[far + i];
			if (hf === 2) {
				fancyAcross(sums, 0, across, out, [8, 7], 4);
				return out;
			}
			const bias = (y & 1) === 0 ? 1 : 2;
			for (let x = 0; x < width; x++) out[x] = (sums[x] + bias) >> 2;
			return out;
		};
	}
	return (y) => {
		const row = at(Math.floor((y * c.v) / vMax));
		for (let x = 0; x < width; x++) out[x] = plane.data[row + (((x * c.h) / hMax) | 0)];
		return out;
	};
}

function convertRow(model: ColourModel, rows: Uint8Array[], rgb: Uint8Array, width: number) {
	const [a, b, c] = rows;
	if (model !== 'ycc') {
		for (let x = 0, o = 0; x < width; x++, o += 3) {
			rgb[o] = a[x];
			rgb[o + 1] = model === 'grey' ? a[x] : b[x];
			rgb[o + 2] = model === 'grey' ? a[x] : c[x];
		}
		return;
	}
	for (let x = 0, o = 0; x < width; x++, o += 3) {
		const y = a[x];
		const cb = b[x];
		const cr = c[x];
		// Clamped to 0..255 (the sums lie within about -227..482).
		const red = y + CR_R[cr];
		const green = y + ((CB_G[cb] + CR_G[cr]) >> 16);
		const blue = y + CB_B[cb];
		rgb[o] = red < 0 ? 0 : red > 255 ? 255 : red;
		rgb[o + 1] = green < 0 ? 0 : green > 255 ? 255 : green;
		rgb[o + 2] = blue < 0 ? 0 : blue > 255 ? 255 : blue;
	}
}

/** The image's rows, top to bottom, into the sink the factory makes for its size. */
export function writeRows(
	frame: Frame,
	planes: Plane[],
	model: ColourModel,
	factory: SinkFactory,
): RgbImage {
	const { width, height } = frame;
	const sink = factory(width, height);
	const upsamplers = frame.components.map((c, i) => upsampler(frame, c, planes[i]));
	const rgb = new Uint8Array(width * 3);
	for (let y = 0; y < height; y++) {
		convertRow(
			model,
			upsamplers.map((up) => up(y)),
			rgb,
			width,
		);
		sink.row(y, rgb);
	}
	return sink.finish();
}
