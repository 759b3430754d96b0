import { inflate } from '../../../input/inflate';
import { concat } from '../../../input/bytes';
import {
	checkImageSize,
	fullSize,
	ImageError,
	overWhite,
	type RgbImage,
	type SinkFactory,
} from './image';
import { PNG_SIGNATURE, rawSize, writePixels, type PngHeader } from './pngPixels';

/**
 * A PNG decoder (ISO/IEC 15948): every colour type (grey, RGB, palette, grey with alpha,
 * RGBA) and bit depth (1, 2, 4, 8, 16), tRNS transparency, Adam7 interlacing. Transparent
 * parts are shown over white. The image data is inflated by the node's own inflate.
 */

const u32 = (data: Uint8Array, at: number) =>
	((data[at] << 24) | (data[at + 1] << 16) | (data[at + 2] << 8) | data[at + 3]) >>> 0;

/** Samples per pixel by colour type. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const DEPTHS: Record<number, number[]> = {
	0: [1, 2, 4, 8, 16],
	2: [8, 16],
	3: [1, 2, 4, 8],
	4: [8, 16],
	6: [8, 16],
};

interface Chunks {
	header: PngHeader;
	idat: Uint8Array[];
}

function readHeader(data: Uint8Array, at: number): PngHeader {
	const header: PngHeader = {
		width: u32(data, at),
		height: u32(data, at + 4),
		depth: data[at + 8],
		colourType: data[at + 9],
		interlaced: data[at + 12] === 1,
		channels: CHANNELS[data[at + 9]] ?? 0,
	};
	if (!DEPTHS[header.colourType]?.includes(header.depth)) {
		throw new ImageError(`the PNG has colour type ${header.colourType} at ${header.depth} bits`);
	}
	if (data[at + 10] !== 0 || data[at + 11] !== 0 || data[at + 12] > 1) {
		throw new ImageError(
			'the PNG uses a compression, filter or interlace method PNG does not define',
		);
	}
	checkImageSize(header.width, header.height);
	return header;
}

/** The palette as RGB over white (tRNS alphas applied), one entry per 3 bytes. */
function shownPalette(plte: Uint8Array, alphas: Uint8Array | undefined): Uint8Array {
	const out = new Uint8Array(256 * 3);
	for (let i = 0; i < plte.length / 3; i++) {
		const alpha = alphas && i < alphas.length ? alphas[i] : 255;
		for (let k = 0; k < 3; k++) out[3 * i + k] = overWhite(plte[3 * i + k], alpha);
	}
	return out;
}

/** The chunks the picture needs: IHDR, PLTE, tRNS and the IDAT data, in order. */
function readChunks(data: Uint8Array): Chunks {
	let header: PngHeader | undefined;
	let plte: Uint8Array | undefined;
	let trns: Uint8Array | undefined;
	const idat: Uint8Array[] = [];
	for (let at = 8; at + 8 <= data.length; ) {
		const length = u32(data, at);
		const type = String.fromCharCode(...data.subarray(at + 4, at + 8));
		const body = data.subarray(at + 8, at + 8 + length);
		if (body.length < length) throw new ImageError(`the PNG is cut short in its ${type} chunk`);
		if (type === 'IHDR') header = readHeader(data, at + 8);
		else if (type === 'PLTE') plte = body;
		else if (type === 'tRNS') trns = body;
		else if (type === 'IDAT') idat.push(body);
		else if (type === 'IEND') break;
		at += 12 + length;
	}
	if (!header) throw new ImageError('the PNG has no IHDR chunk');
	if (idat.length === 0) throw new ImageError('the PNG has no image data');
	if (header.colourType === 3) {
		if (!plte) throw new ImageError('the PNG has a palette type but no palette');
		header.palette = shownPalette(plte, trns);
	} else if (trns && (header.colourType === 0 || header.colourType === 2)) {
		// The one colour (grey level or RGB) that is fully transparent, as 16-bit samples.
		const samples = header.channels;
		if (trns.length >= 2 * samples) {
			header.transparent = Array.from(
				{ length: samples },
				(_, i) => (trns[2 * i] << 8) | trns[2 * i + 1],
			);
		}
	}
	return { header, idat };
}

/**
 * Decodes a PNG file to RGB rows handed to the sink `factory` makes (by default the image at
 * its own size). Throws an ImageError saying why when it cannot.
 */
export function decodePng(data: Uint8Array, factory: SinkFactory = fullSize): RgbImage {
	if (!PNG_SIGNATURE.every((byte, i) => data[i] === byte))
		throw new ImageError('the file is not a PNG');
	const { header, idat } = readChunks(data);
	const expected = rawSize(header);
	const raw = inflate(concat(idat), expected);
	if (!raw) throw new ImageError('the PNG’s image data is damaged');
	if (raw.length < expected) throw new ImageError('the PNG’s image data is cut short');
	return writePixels(header, raw, factory);
}
