/**
 * The PNG decoder on what ImageMagick's fixtures do not make: 2-bit samples, a tRNS shorter
 * than the palette, 16-bit tRNS colours matched on all 16 bits, Adam7 on images too small to
 * fill every pass, the image data split over several IDAT chunks among chunks it skips, and
 * every file it refuses. Each file is built here from its rows (filter byte first), so the
 * expected pixels follow from the samples written.
 */
import { crc32, deflateSync } from 'node:zlib';

import { decodePng } from '../../../../nodes/BaiduIocr/output/picture/raster/png';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, body: Uint8Array | number[]): Buffer {
	const data = Buffer.from(body);
	const head = Buffer.alloc(8);
	head.writeUInt32BE(data.length, 0);
	head.write(type, 4, 'latin1');
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
	return Buffer.concat([head, data, crc]);
}

interface PngSpec {
	width: number;
	height: number;
	depth: number;
	colourType: number;
	/** IHDR's compression, filter and interlace methods. */
	methods?: [number, number, number];
	/** Chunks between IHDR and the image data. */
	before?: Buffer[];
	/** The inflated image data: each row its filter type, then its bytes. */
	rows: number[][];
	/** How many IDAT chunks the compressed data is split into. */
	idats?: number;
	/** Chunks after IEND. */
	after?: Buffer[];
}

function ihdr(spec: PngSpec): Buffer {
	const body = Buffer.alloc(13);
	body.writeUInt32BE(spec.width, 0);
	body.writeUInt32BE(spec.height, 4);
	body[8] = spec.depth;
	body[9] = spec.colourType;
	body.set(spec.methods ?? [0, 0, 0], 10);
	return chunk('IHDR', body);
}

function idats(spec: PngSpec): Buffer[] {
	const data = deflateSync(Buffer.from(spec.rows.flat()));
	const count = spec.idats ?? 1;
	const size = Math.ceil(data.length / count);
	return Array.from({ length: count }, (_, i) =>
		chunk('IDAT', data.subarray(i * size, (i + 1) * size)),
	);
}

function pngFile(spec: PngSpec): Uint8Array {
	return Buffer.concat([
		SIGNATURE,
		ihdr(spec),
		...(spec.before ?? []),
		...idats(spec),
		chunk('IEND', []),
		...(spec.after ?? []),
	]);
}

/** The decoded image as one [r, g, b] per pixel, rows top to bottom. */
function pixels(file: Uint8Array): number[][] {
	const image = decodePng(file);
	const out: number[][] = [];
	for (let i = 0; i < image.data.length; i += 3) out.push([...image.data.subarray(i, i + 3)]);
	return out;
}

const grey = (v: number) => [v, v, v];
const WHITE = grey(255);

describe('PNG pixel formats beyond the fixtures', () => {
	it('reads 2-bit grey from the high bits down, scaled to 0, 85, 170, 255', () => {
		// 5 pixels: 00 01 10 11 | 10 (the second byte's low bits are padding).
		const spec = {
			width: 5,
			height: 1,
			depth: 2,
			colourType: 0,
			rows: [[0, 0b00011011, 0b10000011]],
		};
		expect(pixels(pngFile(spec))).toEqual([grey(0), grey(85), grey(170), grey(255), grey(170)]);
	});

	it('reads a 2-bit palette whose tRNS is shorter than the palette: the entries past it are opaque', () => {
		const spec = {
			width: 3,
			height: 1,
			depth: 2,
			colourType: 3,
			before: [chunk('PLTE', [200, 0, 0, 0, 100, 0, 0, 0, 50]), chunk('tRNS', [0])],
			rows: [[0, 0b00011000]],
		};
		expect(pixels(pngFile(spec))).toEqual([WHITE, [0, 100, 0], [0, 0, 50]]);
	});

	it('makes a 16-bit RGB transparent only where all 16 bits of each sample match its tRNS', () => {
		const clear = [0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc];
		// The clear colour, then one sample each one off in its low byte: red, green, blue.
		const others = [1, 3, 5].map((k) => clear.map((v, i) => (i === k ? v + 1 : v)));
		const spec = {
			width: 4,
			height: 1,
			depth: 16,
			colourType: 2,
			before: [chunk('tRNS', clear)],
			rows: [[0, ...clear, ...others.flat()]],
		};
		// 0x1234 / 257 = 18.1, 0x5678 / 257 = 86.1, 0x9abc / 257 = 154.1 (+1 changes none).
		expect(pixels(pngFile(spec))).toEqual([WHITE, [18, 86, 154], [18, 86, 154], [18, 86, 154]]);
	});

	it('makes the grey level its tRNS names transparent', () => {
		const spec = {
			width: 2,
			height: 1,
			depth: 8,
			colourType: 0,
			before: [chunk('tRNS', [0, 40])],
			rows: [[0, 40, 41]],
		};
		expect(pixels(pngFile(spec))).toEqual([WHITE, grey(41)]);
	});

	it('ignores an RGB tRNS of only two bytes', () => {
		const spec = {
			width: 1,
			height: 1,
			depth: 8,
			colourType: 2,
			before: [chunk('tRNS', [0, 0])],
			rows: [[0, 0, 0, 0]],
		};
		expect(pixels(pngFile(spec))).toEqual([grey(0)]);
	});

	it('ignores a tRNS too short to name a grey level', () => {
		const spec = {
			width: 1,
			height: 1,
			depth: 8,
			colourType: 0,
			before: [chunk('tRNS', [0])],
			rows: [[0, 0]],
		};
		expect(pixels(pngFile(spec))).toEqual([grey(0)]);
	});

	it('puts Adam7 back together where most passes are empty (2 x 2: passes 1, 6 and 7)', () => {
		const rows = [
			[0, 10, 11, 12],
			[0, 20, 21, 22],
			[0, 30, 31, 32, 40, 41, 42],
		];
		const spec = {
			width: 2,
			height: 2,
			depth: 8,
			colourType: 2,
			methods: [0, 0, 1] as [number, number, number],
			rows,
		};
		expect(pixels(pngFile(spec))).toEqual([
			[10, 11, 12],
			[20, 21, 22],
			[30, 31, 32],
			[40, 41, 42],
		]);
	});

	it('reads Adam7 at 1 x 1: pass 1 only', () => {
		const spec = {
			width: 1,
			height: 1,
			depth: 8,
			colourType: 0,
			methods: [0, 0, 1] as [number, number, number],
			rows: [[0, 77]],
		};
		expect(pixels(pngFile(spec))).toEqual([grey(77)]);
	});

	it('joins image data split over IDAT chunks, skips chunks it does not use, stops at IEND', () => {
		const rows = Array.from({ length: 8 }, (_, y) => [
			0,
			...Array.from({ length: 8 }, (_, x) => x * 30 + y),
		]);
		const spec = {
			width: 8,
			height: 8,
			depth: 8,
			colourType: 0,
			before: [chunk('tEXt', Buffer.from('Comment\0made by hand'))],
			rows,
			idats: 3,
			// Read, this second header (colour type 1) would be refused.
			after: [chunk('IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 1, 0, 0, 0])],
		};
		const expected = rows.flatMap((row) => row.slice(1).map(grey));
		expect(pixels(pngFile(spec))).toEqual(expected);
	});
});

describe('PNG files it refuses, saying why', () => {
	const base: PngSpec = { width: 1, height: 1, depth: 8, colourType: 0, rows: [[0, 9]] };
	const refusal = (spec: PngSpec) => () => decodePng(pngFile(spec));

	it('a file without the signature', () => {
		const file = Uint8Array.from(pngFile(base));
		file[0] = 0x88;
		expect(() => decodePng(file)).toThrow(/^the file is not a PNG$/);
	});

	it('a colour type and bit depth PNG does not combine', () => {
		expect(refusal({ ...base, colourType: 2, depth: 4 })).toThrow(
			/^the PNG has colour type 2 at 4 bits$/,
		);
		expect(refusal({ ...base, colourType: 1 })).toThrow(/^the PNG has colour type 1 at 8 bits$/);
		expect(refusal({ ...base, colourType: 3, depth: 16 })).toThrow(
			/^the PNG has colour type 3 at 16 bits$/,
		);
	});

	it('a compression, filter or interlace method PNG does not define', () => {
		const message = /^the PNG uses a compression, filter or interlace method PNG does not define$/;
		expect(refusal({ ...base, methods: [1, 0, 0] })).toThrow(message);
		expect(refusal({ ...base, methods: [0, 1, 0] })).toThrow(message);
		expect(refusal({ ...base, methods: [0, 0, 2] })).toThrow(message);
	});

	it('a row whose filter type is not one of the five', () => {
		expect(refusal({ ...base, rows: [[5, 9]] })).toThrow(/^the PNG has a row with filter type 5$/);
	});

	it('a file missing its header, its image data or its palette', () => {
		const withoutIhdr = Buffer.concat([SIGNATURE, ...idats(base), chunk('IEND', [])]);
		expect(() => decodePng(withoutIhdr)).toThrow(/^the PNG has no IHDR chunk$/);
		const withoutIdat = Buffer.concat([SIGNATURE, ihdr(base), chunk('IEND', [])]);
		expect(() => decodePng(withoutIdat)).toThrow(/^the PNG has no image data$/);
		expect(refusal({ ...base, colourType: 3 })).toThrow(
			/^the PNG has a palette type but no palette$/,
		);
	});

	it('a file that stops inside a chunk, naming the chunk, even right after its type', () => {
		const file = pngFile(base);
		const idat = Buffer.from(file).indexOf('IDAT');
		for (const end of [idat + 8, idat + 4]) {
			expect(() => decodePng(file.subarray(0, end))).toThrow(
				/^the PNG is cut short in its IDAT chunk$/,
			);
		}
	});

	it('but not a file that stops inside the length and type of a chunk after its image data', () => {
		const file = pngFile(base);
		const iend = Buffer.from(file).indexOf('IEND') - 4;
		const stray = Buffer.concat([file.subarray(0, iend), Buffer.from([0, 0, 0, 5])]);
		expect(pixels(stray)).toEqual([grey(9)]);
	});
});
