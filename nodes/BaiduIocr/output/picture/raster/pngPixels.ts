import { ImageError, overWhite, type RgbImage, type SinkFactory } from './image';

/**
 * A PNG's inflated image data → RGB rows: the filters undone row by row (ISO/IEC 15948, 9),
 * samples of any depth read and brought to 8 bits, transparency shown over white, Adam7's
 * seven passes put back together.
 */

export interface PngHeader {
	width: number;
	height: number;
	depth: number;
	colourType: number;
	interlaced: boolean;
	/** Samples per pixel. */
	channels: number;
	/** Colour type 3: 256 RGB entries, already over white by tRNS. */
	palette?: Uint8Array;
	/** Colour types 0 and 2 with tRNS: the transparent grey level or RGB, as read. */
	transparent?: number[];
}

interface Pass {
	x0: number;
	y0: number;
	dx: number;
	dy: number;
	width: number;
	height: number;
}

/** Adam7's passes: start column and row, column and row step. */
const ADAM7 = [
	[0, 0, 8, 8],
	[4, 0, 8, 8],
	[0, 4, 4, 8],
	[2, 0, 4, 4],
	[0, 2, 2, 4],
	[1, 0, 2, 2],
	[0, 1, 1, 2],
];

function passesOf(header: PngHeader): Pass[] {
	const { width, height } = header;
	if (!header.interlaced) return [{ x0: 0, y0: 0, dx: 1, dy: 1, width, height }];
	return ADAM7.map(([x0, y0, dx, dy]) => ({
		x0,
		y0,
		dx,
		dy,
		width: Math.ceil((width - x0) / dx),
		height: Math.ceil((height - y0) / dy),
	})).filter((pass) => pass.width > 0 && pass.height > 0);
}

const rowBytes = (header: PngHeader, width: number) =>
	Math.ceil((width * header.channels * header.depth) / 8);

/** How many bytes the inflated data must have: each row of each pass with its filter byte. */
export function rawSize(header: PngHeader): number {
	return passesOf(header).reduce((sum, p) => sum + p.height * (1 + rowBytes(header, p.width)), 0);
}

/** The PNG file signature. */
export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** PNG's Paeth predictor: of left, above and upper left, the one nearest to left + above - upper left. */
export function paeth(a: number, b: number, c: number): number {
	const p = a + b - c;
	const pa = p > a ? p - a : a - p;
	const pb = p > b ? p - b : b - p;
	const pc = p > c ? p - c : c - p;
	return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Undoes the filter of the row at `raw[at]` (its type byte) into `row`, given the row above. */
function unfilter(raw: Uint8Array, at: number, row: Uint8Array, prior: Uint8Array, bpp: number) {
	const type = raw[at];
	for (let i = 0; i < row.length; i++) {
		const a = i >= bpp ? row[i - bpp] : 0;
		const b = prior[i];
		const c = i >= bpp ? prior[i - bpp] : 0;
		const x = raw[at + 1 + i];
		if (type === 0) row[i] = x;
		else if (type === 1) row[i] = x + a;
		else if (type === 2) row[i] = x + b;
		else if (type === 3) row[i] = x + ((a + b) >> 1);
		else if (type === 4) row[i] = x + paeth(a, b, c);
		else throw new ImageError(`the PNG has a row with filter type ${type}`);
	}
}

/** Sample `i` of an unfiltered row, as stored (1..16 bits). */
function sample(row: Uint8Array, i: number, depth: number): number {
	if (depth === 8) return row[i];
	if (depth === 16) return (row[2 * i] << 8) | row[2 * i + 1];
	const bit = i * depth;
	return (row[bit >> 3] >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
}

/** A sample of `depth` bits brought to 8 bits (1, 2, 4 bits scaled up; 16 bits rounded). */
function to8(value: number, depth: number): number {
	if (depth === 8) return value;
	if (depth === 16) return (value / 257 + 0.5) | 0;
	return ((value * 255) / ((1 << depth) - 1) + 0.5) | 0;
}

/** A 16-bit sample over white by a 16-bit alpha, brought to 8 bits. */
function over16(value: number, alpha: number): number {
	return ((value * alpha + 65535 * (65535 - alpha)) / 65535 / 257 + 0.5) | 0;
}

/** The first `count` samples of an unfiltered row into `out`. */
function readSamples(row: Uint8Array, count: number, depth: number, out: Uint16Array): void {
	for (let i = 0; i < count; i++) out[i] = sample(row, i, depth);
}

/** One unfiltered row of `width` pixels → RGB; `s` holds the row's samples while it works. */
function rowToRgb(
	header: PngHeader,
	row: Uint8Array,
	width: number,
	out: Uint8Array,
	s: Uint16Array,
) {
	const { depth, colourType, channels, palette, transparent } = header;
	readSamples(row, width * channels, depth, s);
	// Grey types read their one sample three times: the colour's samples are `step` apart.
	const step = colourType === 0 || colourType === 4 ? 0 : 1;
	for (let x = 0; x < width; x++) {
		const at = x * channels;
		const o = 3 * x;
		if (colourType === 3) {
			const index = s[at] * 3;
			out[o] = palette ? palette[index] : 0;
			out[o + 1] = palette ? palette[index + 1] : 0;
			out[o + 2] = palette ? palette[index + 2] : 0;
			continue;
		}
		const r = s[at];
		const g = s[at + step];
		const b = s[at + 2 * step];
		if (colourType === 4 || colourType === 6) {
			const alpha = s[at + channels - 1];
			const over = depth === 16 ? over16 : overWhite;
			out[o] = over(r, alpha);
			out[o + 1] = over(g, alpha);
			out[o + 2] = over(b, alpha);
		} else if (
			transparent &&
			r === transparent[0] &&
			g === transparent[step] &&
			b === transparent[2 * step]
		) {
			out[o] = out[o + 1] = out[o + 2] = 255;
		} else {
			out[o] = to8(r, depth);
			out[o + 1] = to8(g, depth);
			out[o + 2] = to8(b, depth);
		}
	}
}

/** Each row of a pass, unfiltered and as RGB, to `take(rowIndex, rgb)`; returns where it ended. */
function readPass(
	header: PngHeader,
	raw: Uint8Array,
	at: number,
	pass: Pass,
	take: (y: number, rgb: Uint8Array) => void,
): number {
	const length = rowBytes(header, pass.width);
	const bpp = Math.max(1, (header.channels * header.depth) >> 3);
	let row = new Uint8Array(length);
	let prior = new Uint8Array(length);
	const rgb = new Uint8Array(pass.width * 3);
	const samples = new Uint16Array(pass.width * header.channels);
	for (let y = 0; y < pass.height; y++, at += 1 + length) {
		[row, prior] = [prior, row];
		unfilter(raw, at, row, prior, bpp);
		rowToRgb(header, row, pass.width, rgb, samples);
		take(y, rgb);
	}
	return at;
}

/** The image's rows, top to bottom, into the sink the factory makes for its size. */
export function writePixels(header: PngHeader, raw: Uint8Array, factory: SinkFactory): RgbImage {
	const { width, height } = header;
	const sink = factory(width, height);
	const passes = passesOf(header);
	if (!header.interlaced) {
		readPass(header, raw, 0, passes[0], (y, rgb) => sink.row(y, rgb));
		return sink.finish();
	}
	// Adam7: the passes fill the whole image, which then goes to the sink row by row.
	const full = new Uint8Array(width * height * 3);
	let at = 0;
	for (const pass of passes) {
		at = readPass(header, raw, at, pass, (y, rgb) => {
			const line = (pass.y0 + y * pass.dy) * width;
			for (let i = 0; i < pass.width; i++) {
				full.set(rgb.subarray(3 * i, 3 * i + 3), (line + pass.x0 + i * pass.dx) * 3);
			}
		});
	}
	for (let y = 0; y < height; y++) sink.row(y, full.subarray(y * width * 3, (y + 1) * width * 3));
	return sink.finish();
}
