/**
 * The BMP decoder on the header kinds and pixel formats ImageMagick's fixtures do not make: the
 * OS/2 core header, 1-bit palettes, a palette shorter than the bit depth allows, 16-bit pixels
 * without bit fields, the alpha bit fields of an INFO header, 10-bit fields, a 32-bit file whose
 * alpha is all 0, and the files it refuses. Each file is built here byte by byte, so the
 * expected pixels follow from the bytes written.
 */
import { decodeBmp } from '../../../../nodes/BaiduIocr/output/picture/raster/bmp';

interface BmpSpec {
	/** 12: OS/2 core; 40: INFO; 56: V3 (INFO with its four masks); 124: V5. */
	headerSize: 12 | 40 | 56 | 124;
	width: number;
	/** Negative: rows stored top-down. */
	height: number;
	bits: number;
	compression?: number;
	/** INFO's "colours used" (0: all the bit depth allows). */
	used?: number;
	/** RGB entries, written as BGR (core) or BGR0. */
	palette?: Array<[number, number, number]>;
	/** Written after an INFO header (12 or 16 bytes) or into a V5 header. */
	masks?: number[];
	/** Stored rows, bottom-up unless height < 0, each padded here to 4 bytes. */
	rows: number[][];
}

function bmpFile(spec: BmpSpec): Uint8Array {
	const header = Buffer.alloc(spec.headerSize);
	header.writeUInt32LE(spec.headerSize, 0);
	if (spec.headerSize === 12) {
		header.writeUInt16LE(spec.width, 4);
		header.writeUInt16LE(spec.height, 6);
		header.writeUInt16LE(1, 8);
		header.writeUInt16LE(spec.bits, 10);
	} else {
		header.writeInt32LE(spec.width, 4);
		header.writeInt32LE(spec.height, 8);
		header.writeUInt16LE(1, 12);
		header.writeUInt16LE(spec.bits, 14);
		header.writeUInt32LE(spec.compression ?? 0, 16);
		header.writeUInt32LE(spec.used ?? 0, 32);
		if (spec.headerSize > 40) spec.masks?.forEach((m, i) => header.writeUInt32LE(m, 40 + 4 * i));
	}
	const masks = Buffer.alloc(spec.headerSize === 40 ? 4 * (spec.masks?.length ?? 0) : 0);
	if (spec.headerSize === 40) spec.masks?.forEach((m, i) => masks.writeUInt32LE(m, 4 * i));
	const palette = Buffer.from(
		(spec.palette ?? []).flatMap(([r, g, b]) =>
			spec.headerSize === 12 ? [b, g, r] : [b, g, r, 0],
		),
	);
	const pixels = Buffer.concat(
		spec.rows.map((row) => {
			const padded = Buffer.alloc(Math.ceil(row.length / 4) * 4);
			padded.set(row);
			return padded;
		}),
	);
	const offset = 14 + header.length + masks.length + palette.length;
	const file = Buffer.alloc(14);
	file.write('BM', 0, 'latin1');
	file.writeUInt32LE(offset + pixels.length, 2);
	file.writeUInt32LE(offset, 10);
	return Buffer.concat([file, header, masks, palette, pixels]);
}

/** The decoded image as one [r, g, b] per pixel, rows top to bottom. */
function pixels(spec: BmpSpec): number[][] {
	const image = decodeBmp(bmpFile(spec));
	expect([image.width, image.height]).toEqual([spec.width, Math.abs(spec.height)]);
	const out: number[][] = [];
	for (let i = 0; i < image.data.length; i += 3) out.push([...image.data.subarray(i, i + 3)]);
	return out;
}

const RED: [number, number, number] = [255, 0, 0];
const NAVY: [number, number, number] = [0, 0, 128];
const TEAL: [number, number, number] = [0, 128, 128];
const WHITE: [number, number, number] = [255, 255, 255];

/** A V5 header with 32-bit ARGB bit fields: alpha in the top byte. */
const ARGB_V5 = {
	headerSize: 124,
	bits: 32,
	compression: 3,
	masks: [0x00ff0000, 0x0000ff00, 0x000000ff, 0xff000000],
} as const satisfies Partial<BmpSpec>;

describe('BMP headers and pixel formats beyond the fixtures', () => {
	it('reads the OS/2 core header: 16-bit sizes and three-byte palette entries', () => {
		const spec: BmpSpec = {
			headerSize: 12,
			width: 3,
			height: 2,
			bits: 8,
			palette: [RED, NAVY, TEAL],
			rows: [
				[2, 1, 0],
				[0, 0, 1],
			],
		};
		expect(pixels(spec)).toEqual([RED, RED, NAVY, TEAL, NAVY, RED]);
	});

	it('reads 1-bit pixels from the high bit down, across a byte boundary', () => {
		// 10 pixels: 1010 0000 11 (top row, stored last) and 0000 0001 01.
		const spec: BmpSpec = {
			headerSize: 40,
			width: 10,
			height: 2,
			bits: 1,
			palette: [NAVY, TEAL],
			rows: [
				[0b00000001, 0b01000000],
				[0b10100000, 0b11000000],
			],
		};
		const bitsOf = (s: string) => [...s].map((c) => (c === '1' ? TEAL : NAVY));
		expect(pixels(spec)).toEqual([...bitsOf('1010000011'), ...bitsOf('0000000101')]);
	});

	it('reads 4-bit pixels high nibble first with a palette of only the colours used', () => {
		// "colours used" 2: the pixels start right after two entries, not sixteen.
		const spec: BmpSpec = {
			headerSize: 40,
			width: 3,
			height: -1,
			bits: 4,
			used: 2,
			palette: [RED, TEAL],
			rows: [[0x10, 0x10]],
		};
		expect(pixels(spec)).toEqual([TEAL, RED, TEAL]);
	});

	it('shows an index past a short palette as black, not as the bytes after the palette', () => {
		// Two colours used; entry 3 would be read from the second row's bytes, all 0xff.
		const spec: BmpSpec = {
			headerSize: 40,
			width: 2,
			height: -2,
			bits: 4,
			used: 2,
			palette: [RED, TEAL],
			rows: [
				[0x03, 0, 0, 0],
				[0xff, 0xff, 0xff, 0xff],
			],
		};
		expect(pixels(spec).slice(0, 2)).toEqual([RED, [0, 0, 0]]);
	});

	it('reads a bit field whose mask is 0 as 0', () => {
		const spec: BmpSpec = {
			headerSize: 40,
			width: 1,
			height: 1,
			bits: 32,
			compression: 3,
			masks: [0x00ff0000, 0x0000ff00, 0],
			rows: [[0xff, 0x80, 0x40, 0]],
		};
		expect(pixels(spec)).toEqual([[0x40, 0x80, 0]]);
	});

	it('reads 16-bit pixels without bit fields as 5-5-5, each field widened by repeating its bits', () => {
		// 0 11111 00011 00000: red 31 → 255, green 3 → 24, blue 0.
		const value = (31 << 10) | (3 << 5);
		const spec: BmpSpec = {
			headerSize: 40,
			width: 1,
			height: 1,
			bits: 16,
			rows: [[value & 0xff, value >> 8]],
		};
		expect(pixels(spec)).toEqual([[255, 24, 0]]);
	});

	it('reads fields wider than 8 bits by their top 8 (2-10-10-10)', () => {
		const value = (0x3ff << 20) | (0x200 << 10) | 0x0ff;
		const spec: BmpSpec = {
			headerSize: 40,
			width: 1,
			height: 1,
			bits: 32,
			compression: 3,
			masks: [0x3ff00000, 0x000ffc00, 0x000003ff],
			rows: [[value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, value >>> 24]],
		};
		expect(pixels(spec)).toEqual([[255, 128, 63]]);
	});

	it('shows the alpha of an INFO header’s alpha bit fields over white', () => {
		// Compression 6 (BI_ALPHABITFIELDS): four masks after the 40-byte header.
		const spec: BmpSpec = {
			headerSize: 40,
			width: 2,
			height: 1,
			bits: 32,
			compression: 6,
			masks: [0x00ff0000, 0x0000ff00, 0x000000ff, 0xff000000],
			rows: [[0, 0, 0, 0x80, 0, 0, 255, 255]],
		};
		// Black at alpha 128: 255 * 127 / 255 = 127; opaque red stays red.
		expect(pixels(spec)).toEqual([[127, 127, 127], RED]);
	});

	it('takes a 32-bit file whose alpha is 0 everywhere as opaque', () => {
		const spec: BmpSpec = {
			...ARGB_V5,
			width: 2,
			height: 1,
			rows: [[128, 0, 0, 0, 0, 128, 0, 0]],
		};
		expect(pixels(spec)).toEqual([NAVY, [0, 128, 0]]);
	});

	it('reads the alpha mask of a 56-byte (V3) header', () => {
		const spec: BmpSpec = {
			headerSize: 56,
			width: 1,
			height: 1,
			bits: 32,
			compression: 3,
			masks: [0x00ff0000, 0x0000ff00, 0x000000ff, 0xff000000],
			rows: [[0, 0, 0, 0x80]],
		};
		expect(pixels(spec)).toEqual([[127, 127, 127]]);
	});

	it('shows 16-bit pixels opaque, whatever their alpha mask says', () => {
		// A1R5G5B5, the first pixel's alpha bit set and the second's clear: both pure red.
		const spec: BmpSpec = {
			headerSize: 124,
			width: 2,
			height: 1,
			bits: 16,
			compression: 3,
			masks: [0x7c00, 0x03e0, 0x001f, 0x8000],
			rows: [[0x00, 0xfc, 0x00, 0x7c]],
		};
		expect(pixels(spec)).toEqual([RED, RED]);
	});

	it('looks for alpha in the pixels only: not in bytes after the last row (a V5 profile)', () => {
		const spec: BmpSpec = {
			...ARGB_V5,
			width: 1,
			height: 1,
			rows: [[128, 0, 0, 0]],
		};
		const file = Buffer.concat([bmpFile(spec), Buffer.from([0xff, 0xff, 0xff, 0xff])]);
		expect([...decodeBmp(file).data]).toEqual(NAVY);
	});

	it('finds alpha in any pixel, the last of the last row too', () => {
		const spec: BmpSpec = {
			...ARGB_V5,
			width: 3,
			height: 2,
			// Stored bottom-up: the last pixel stored is the top row's right one.
			rows: [
				[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
				[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255],
			],
		};
		// With alpha in use, the clear black pixels are white; the opaque one stays black.
		expect(pixels(spec)).toEqual([WHITE, WHITE, [0, 0, 0], WHITE, WHITE, WHITE]);
	});

	it('blends a 32-bit pixel by its own alpha once any pixel has alpha', () => {
		const spec: BmpSpec = {
			...ARGB_V5,
			width: 2,
			height: 1,
			rows: [[128, 0, 0, 0, 0, 0, 0, 255]],
		};
		// The first pixel is transparent now: white.
		expect(pixels(spec)).toEqual([
			[255, 255, 255],
			[0, 0, 0],
		]);
	});
});

describe('BMP files it refuses, saying why', () => {
	const base: BmpSpec = { headerSize: 40, width: 1, height: 1, bits: 24, rows: [[0, 0, 0]] };

	it('a file that does not start with BM, or stops inside its header', () => {
		const file = bmpFile(base);
		const other = Uint8Array.from(file);
		other[1] = 0x41;
		expect(() => decodeBmp(other)).toThrow(/^the file is not a BMP$/);
		other.set([0x41, 0x4d]);
		expect(() => decodeBmp(other)).toThrow(/^the file is not a BMP$/);
		expect(() => decodeBmp(file.slice(0, 25))).toThrow(/^the file is not a BMP$/);
		// 26 bytes hold a core header: a BMP, cut short before its pixels.
		const core = bmpFile({ ...base, headerSize: 12 });
		expect(() => decodeBmp(core.slice(0, 26))).toThrow(/^the BMP is cut short$/);
		expect(decodeBmp(file)).toMatchObject({ width: 1, height: 1 });
	});

	it('a bit depth BMP does not have', () => {
		expect(() => decodeBmp(bmpFile({ ...base, bits: 2 }))).toThrow(/^the BMP has 2-bit pixels$/);
	});

	it('run-length compression, and bit fields on 24-bit pixels', () => {
		expect(() => decodeBmp(bmpFile({ ...base, bits: 8, compression: 1 }))).toThrow(
			/^the BMP is compressed \(method 1\), which is not decoded here$/,
		);
		expect(() =>
			decodeBmp(bmpFile({ ...base, compression: 3, masks: [0xff0000, 0xff00, 0xff] })),
		).toThrow(/^the BMP is compressed \(method 3\), which is not decoded here$/);
		// Embedded JPEG and PNG, even on 32-bit pixels, where bit fields would be taken.
		for (const compression of [4, 5]) {
			expect(() =>
				decodeBmp(bmpFile({ ...base, bits: 32, compression, rows: [[0, 0, 0, 0]] })),
			).toThrow(
				new RegExp(
					`^the BMP is compressed \\(method ${compression}\\), which is not decoded here$`,
				),
			);
		}
	});
});
