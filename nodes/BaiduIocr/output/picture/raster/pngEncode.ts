import { concat } from '../../../input/bytes';
import { crc32 } from './checksum';
import { zlibCompress } from './deflate';
import type { RgbImage } from './image';
import { paeth, PNG_SIGNATURE } from './pngPixels';

/**
 * A PNG encoder for 8-bit RGB (colour type 2, not interlaced): each row filtered with the
 * filter that leaves the smallest sum of absolute differences (the heuristic libpng uses),
 * the filtered rows compressed into one zlib stream, chunks with their CRC-32.
 */

const BPP = 3;

/** The row filtered with filter `type` (0..4) into `out`, given the row above (one loop each). */
function filterRow(type: number, row: Uint8Array, prior: Uint8Array, out: Uint8Array): void {
	const n = row.length;
	if (type === 0) out.set(row);
	else if (type === 2) for (let i = 0; i < n; i++) out[i] = row[i] - prior[i];
	else {
		for (let i = 0; i < BPP; i++) {
			out[i] = type === 1 ? row[i] : type === 3 ? row[i] - (prior[i] >> 1) : row[i] - prior[i];
		}
		if (type === 1) for (let i = BPP; i < n; i++) out[i] = row[i] - row[i - BPP];
		else if (type === 3)
			for (let i = BPP; i < n; i++) out[i] = row[i] - ((row[i - BPP] + prior[i]) >> 1);
		else
			for (let i = BPP; i < n; i++) out[i] = row[i] - paeth(row[i - BPP], prior[i], prior[i - BPP]);
	}
}

/** Sum of the filtered bytes taken as signed: small sums compress well. */
function cost(filtered: Uint8Array): number {
	let sum = 0;
	for (let i = 0; i < filtered.length; i++)
		sum += filtered[i] < 128 ? filtered[i] : 256 - filtered[i];
	return sum;
}

/** Every row with its filter type byte in front, as the IDAT data holds them before zlib. */
function filtered(image: RgbImage): Uint8Array {
	const stride = image.width * BPP;
	const out = new Uint8Array((stride + 1) * image.height);
	const candidates = Array.from({ length: 5 }, () => new Uint8Array(stride));
	let prior: Uint8Array = new Uint8Array(stride);
	for (let y = 0; y < image.height; y++) {
		const row = image.data.subarray(y * stride, (y + 1) * stride);
		let best = 0;
		let bestCost = Number.POSITIVE_INFINITY;
		for (let type = 0; type < 5; type++) {
			filterRow(type, row, prior, candidates[type]);
			const c = cost(candidates[type]);
			if (c < bestCost) [best, bestCost] = [type, c];
		}
		out[y * (stride + 1)] = best;
		out.set(candidates[best], y * (stride + 1) + 1);
		prior = row;
	}
	return out;
}

function u32be(value: number): number[] {
	return [value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

/** A chunk: length, type, data, CRC-32 of type and data. */
function chunk(type: string, data: Uint8Array): Uint8Array {
	const out = new Uint8Array(12 + data.length);
	out.set(u32be(data.length), 0);
	for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
	out.set(data, 8);
	out.set(u32be(crc32(out.subarray(4, 8 + data.length))), 8 + data.length);
	return out;
}

/** The image as a PNG file. */
export function encodePng(image: RgbImage): Uint8Array {
	const header = new Uint8Array(13);
	header.set(u32be(image.width), 0);
	header.set(u32be(image.height), 4);
	// 8 bits per sample, colour type 2 (RGB), deflate, adaptive filtering, not interlaced.
	header.set([8, 2, 0, 0, 0], 8);
	const parts = [
		Uint8Array.from(PNG_SIGNATURE),
		chunk('IHDR', header),
		chunk('IDAT', zlibCompress(filtered(image))),
		chunk('IEND', new Uint8Array(0)),
	];
	return concat(parts);
}
