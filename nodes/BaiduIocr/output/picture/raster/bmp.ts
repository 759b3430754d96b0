import {
	checkImageSize,
	fullSize,
	ImageError,
	overWhite,
	type RgbImage,
	type SinkFactory,
} from './image';

/**
 * A BMP decoder: Windows bitmaps with any of the usual headers (OS/2 core, INFO, V4, V5),
 * uncompressed 1, 4, 8-bit palette, 16, 24 and 32-bit pixels, bit fields (with alpha, shown over
 * white), bottom-up or top-down. Refused with a reason: RLE and embedded JPEG/PNG compression.
 */

interface BmpHeader {
	width: number;
	height: number;
	topDown: boolean;
	bits: number;
	/** Where the pixels start. */
	offset: number;
	/** Colour type 1..8 bits: BGR entries. */
	palette: Uint8Array;
	/** 16 and 32 bits: red, green, blue and alpha masks (alpha 0: none). */
	masks: [number, number, number, number];
}

const u16 = (d: Uint8Array, at: number) => d[at] | (d[at + 1] << 8);
const u32 = (d: Uint8Array, at: number) =>
	(d[at] | (d[at + 1] << 8) | (d[at + 2] << 16) | (d[at + 3] << 24)) >>> 0;
const i32 = (d: Uint8Array, at: number) => u32(d, at) | 0;

const BI_RGB = 0;
const BI_BITFIELDS = 3;
const BI_ALPHABITFIELDS = 6;

/** The masks of bit fields: in the V4/V5 header, or in the 12 or 16 bytes after an INFO header. */
function readMasks(d: Uint8Array, size: number, compression: number, bits: number) {
	if (compression === BI_RGB) {
		if (bits === 16) return [0x7c00, 0x03e0, 0x001f, 0] as BmpHeader['masks'];
		return [0xff0000, 0x00ff00, 0x0000ff, 0] as BmpHeader['masks'];
	}
	const at = 14 + 40;
	const alpha = size >= 56 || compression === BI_ALPHABITFIELDS ? u32(d, at + 12) : 0;
	return [u32(d, at), u32(d, at + 4), u32(d, at + 8), alpha] as BmpHeader['masks'];
}

function readHeader(d: Uint8Array): BmpHeader {
	if (d[0] !== 0x42 || d[1] !== 0x4d || d.length < 26)
		throw new ImageError('the file is not a BMP');
	const size = u32(d, 14);
	const core = size === 12;
	const width = core ? u16(d, 18) : i32(d, 18);
	const rawHeight = core ? u16(d, 20) : i32(d, 22);
	const bits = core ? u16(d, 24) : u16(d, 28);
	const compression = core ? BI_RGB : u32(d, 30);
	if (![1, 4, 8, 16, 24, 32].includes(bits)) throw new ImageError(`the BMP has ${bits}-bit pixels`);
	const fields = compression === BI_BITFIELDS || compression === BI_ALPHABITFIELDS;
	if (compression !== BI_RGB && !(fields && (bits === 16 || bits === 32))) {
		throw new ImageError(
			`the BMP is compressed (method ${compression}), which is not decoded here`,
		);
	}
	checkImageSize(width, Math.abs(rawHeight));
	const masksLength = compression === BI_BITFIELDS && size === 40 ? 12 : 0;
	const entries = core ? 3 : 4;
	const used = core ? 0 : u32(d, 46);
	const colours = bits <= 8 ? used || 1 << bits : 0;
	const paletteAt =
		14 + size + (compression === BI_ALPHABITFIELDS && size === 40 ? 16 : masksLength);
	const palette = new Uint8Array(256 * 3);
	for (let i = 0; i < Math.min(colours, 256); i++) {
		const at = paletteAt + i * entries;
		palette.set([d[at] ?? 0, d[at + 1] ?? 0, d[at + 2] ?? 0], i * 3);
	}
	return {
		width,
		height: Math.abs(rawHeight),
		topDown: rawHeight < 0,
		bits,
		offset: u32(d, 10),
		palette,
		masks: readMasks(d, size, compression, bits),
	};
}

/**
 * A bit field's value as 8 bits, by repeating its bits (a 5-bit 3 = 00011 → 00011000 | 000 =
 * 24; 31 → 255), as Windows and libraries do.
 */
function field(value: number, mask: number): number {
	if (mask === 0) return 0;
	let shift = 0;
	while (((mask >>> shift) & 1) === 0) shift++;
	let bits = 0;
	while ((mask >>> (shift + bits)) & 1) bits++;
	const v = (value & mask) >>> shift;
	if (bits >= 8) return v >>> (bits - 8);
	let out = 0;
	let have = 0;
	for (; have < 8; have += bits) out = (out << bits) | v;
	return out >>> (have - 8);
}

/** Whether any pixel has a non-zero alpha: a 32-bit file whose alpha is all 0 is opaque. */
function usesAlpha(d: Uint8Array, h: BmpHeader, stride: number): boolean {
	if (h.masks[3] === 0 || h.bits !== 32) return false;
	for (let y = 0; y < h.height; y++) {
		for (let x = 0; x < h.width; x++) {
			if ((u32(d, h.offset + y * stride + 4 * x) & h.masks[3]) !== 0) return true;
		}
	}
	return false;
}

/** One stored row (at `at`) → RGB. */
function rowToRgb(d: Uint8Array, h: BmpHeader, at: number, alpha: boolean, out: Uint8Array) {
	const [red, green, blue, alphaMask] = h.masks;
	for (let x = 0, o = 0; x < h.width; x++, o += 3) {
		if (h.bits === 24) {
			out[o] = d[at + 3 * x + 2];
			out[o + 1] = d[at + 3 * x + 1];
			out[o + 2] = d[at + 3 * x];
		} else if (h.bits <= 8) {
			const bit = x * h.bits;
			const index = (d[at + (bit >> 3)] >> (8 - h.bits - (bit & 7))) & ((1 << h.bits) - 1);
			out[o] = h.palette[index * 3 + 2];
			out[o + 1] = h.palette[index * 3 + 1];
			out[o + 2] = h.palette[index * 3];
		} else {
			const value = h.bits === 16 ? u16(d, at + 2 * x) : u32(d, at + 4 * x);
			const a = alpha ? field(value, alphaMask) : 255;
			out[o] = overWhite(field(value, red), a);
			out[o + 1] = overWhite(field(value, green), a);
			out[o + 2] = overWhite(field(value, blue), a);
		}
	}
}

/**
 * Decodes a BMP file to RGB rows handed to the sink `factory` makes (by default the image at
 * its own size). Throws an ImageError saying why when it cannot.
 */
export function decodeBmp(data: Uint8Array, factory: SinkFactory = fullSize): RgbImage {
	const h = readHeader(data);
	const stride = Math.ceil((h.width * h.bits) / 32) * 4;
	if (h.offset + stride * h.height > data.length) throw new ImageError('the BMP is cut short');
	const alpha = usesAlpha(data, h, stride);
	const sink = factory(h.width, h.height);
	const rgb = new Uint8Array(h.width * 3);
	for (let y = 0; y < h.height; y++) {
		const stored = h.topDown ? y : h.height - 1 - y;
		rowToRgb(data, h, h.offset + stored * stride, alpha, rgb);
		sink.row(y, rgb);
	}
	return sink.finish();
}
