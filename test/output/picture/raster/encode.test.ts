/**
 * The PNG encoder and its DEFLATE: what it writes is read back by independent readers (Node's
 * zlib for the zlib stream, pngjs for the PNG, both checking their checksums) and by the
 * node's own decoder, and its structure is checked byte by byte: signature, IHDR, the CRC-32 of
 * every chunk, the zlib header and Adler-32.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 as zlibCrc32, deflateSync, inflateSync } from 'node:zlib';

import { PNG } from 'pngjs';

import { inflate } from '../../../../nodes/BaiduIocr/input/inflate';
import { adler32, crc32 } from '../../../../nodes/BaiduIocr/output/picture/raster/checksum';
import { zlibCompress } from '../../../../nodes/BaiduIocr/output/picture/raster/deflate';
import type { RgbImage } from '../../../../nodes/BaiduIocr/output/picture/raster/image';
import { decodeJpeg } from '../../../../nodes/BaiduIocr/output/picture/raster/jpeg';
import { decodePng } from '../../../../nodes/BaiduIocr/output/picture/raster/png';
import { encodePng } from '../../../../nodes/BaiduIocr/output/picture/raster/pngEncode';
import { SAMPLES } from '../examples';

/** A deterministic pseudo-random byte source. */
function noise(length: number, seed = 1): Uint8Array {
	const out = new Uint8Array(length);
	let state = seed;
	for (let i = 0; i < length; i++) {
		state = (state * 1103515245 + 12345) >>> 0;
		out[i] = state >>> 24;
	}
	return out;
}

/** Bytes no compressor can shrink (SHA-256 in counter mode), deterministic. */
function incompressible(length: number): Uint8Array {
	const out = new Uint8Array(length);
	for (let block = 0; block * 32 < length; block++) {
		const digest = createHash('sha256').update(String(block)).digest();
		out.set(digest.subarray(0, Math.min(32, length - block * 32)), block * 32);
	}
	return out;
}

/** Gradients, a sharp block and some noise: the filters and matches all get work. */
function testImage(width: number, height: number): RgbImage {
	const data = new Uint8Array(width * height * 3);
	const grain = noise(width * height);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const at = (y * width + x) * 3;
			const block = x > width / 3 && x < width / 2 && y > height / 4;
			data[at] = block ? 200 : (x * 255) / width;
			data[at + 1] = block ? 30 : (y * 255) / height;
			data[at + 2] = (grain[y * width + x] & 15) + 100;
		}
	}
	return { width, height, data };
}

const u32 = (bytes: Uint8Array, at: number) => Buffer.from(bytes).readUInt32BE(at);

interface Chunk {
	type: string;
	data: Uint8Array;
	crc: number;
	/** Type and data, which the CRC covers. */
	covered: Uint8Array;
}

function chunks(png: Uint8Array): Chunk[] {
	const out: Chunk[] = [];
	for (let at = 8; at < png.length; ) {
		const length = u32(png, at);
		out.push({
			type: Buffer.from(png.subarray(at + 4, at + 8)).toString('latin1'),
			data: png.subarray(at + 8, at + 8 + length),
			crc: u32(png, at + 8 + length),
			covered: png.subarray(at + 4, at + 8 + length),
		});
		at += 12 + length;
	}
	return out;
}

describe('DEFLATE and zlib', () => {
	const inputs: Array<[string, Uint8Array]> = [
		['nothing', new Uint8Array(0)],
		['one byte', Uint8Array.of(42)],
		['a long run', new Uint8Array(300_000).fill(255)],
		['noise', noise(100_000)],
		['text', Buffer.from('the review picture, '.repeat(2000) + 'and its numbers 1 2 3')],
		['an image row pattern', testImage(200, 100).data],
		['incompressible bytes', incompressible(200_000)],
	];

	it.each(inputs)('%s: Node’s zlib and the node’s inflate give the bytes back', (_, data) => {
		const stream = zlibCompress(data);
		expect(Buffer.from(inflateSync(stream)).equals(Buffer.from(data))).toBe(true);
		expect(Buffer.from(inflate(stream, data.length + 1) ?? []).equals(Buffer.from(data))).toBe(
			true,
		);
	});

	it('grows its output past the first 64 KB buffer: incompressible data comes out as large', () => {
		const data = incompressible(200_000);
		const stream = zlibCompress(data);
		expect(stream.length).toBeGreaterThan(200_000);
		expect(Buffer.from(inflateSync(stream)).equals(Buffer.from(data))).toBe(true);
	});

	it('compresses a real page as well as zlib’s default level (the hash chains find its matches)', () => {
		// The train ticket's 1.4 MB of pixels: zlib -6 gives about 128 KB, -1 about 144 KB.
		const ticket = decodeJpeg(readFileSync(join(SAMPLES, 'train-ticket.jpg'))).data;
		const ours = zlibCompress(ticket);
		expect(ours.length).toBeLessThanOrEqual(deflateSync(ticket).length);
		expect(Buffer.from(inflateSync(ours)).equals(Buffer.from(ticket))).toBe(true);
	});

	it('writes a zlib header and the Adler-32 of the data', () => {
		const data = testImage(64, 64).data;
		const stream = zlibCompress(data);
		expect(stream[0] & 0x0f).toBe(8); // DEFLATE
		expect(((stream[0] << 8) | stream[1]) % 31).toBe(0);
		// Adler-32 by its definition (RFC 1950, 8.2), summed without shortcuts.
		let a = 1;
		let b = 0;
		for (const byte of data) {
			a = (a + byte) % 65521;
			b = (b + a) % 65521;
		}
		expect(u32(stream, stream.length - 4)).toBe(((b << 16) | a) >>> 0);
		expect(adler32(data)).toBe(((b << 16) | a) >>> 0);
	});

	it('compresses what repeats: a blank page to a few hundred bytes', () => {
		expect(zlibCompress(new Uint8Array(1600 * 1000 * 3).fill(255)).length).toBeLessThan(10_000);
	});
});

describe('encodePng', () => {
	const image = testImage(67, 45);
	const png = encodePng(image);

	it('starts with the PNG signature and an IHDR for 8-bit RGB, not interlaced', () => {
		expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
		const [header] = chunks(png);
		expect(header.type).toBe('IHDR');
		expect(header.data).toHaveLength(13);
		expect(u32(header.data, 0)).toBe(67);
		expect(u32(header.data, 4)).toBe(45);
		expect([...header.data.subarray(8)]).toEqual([8, 2, 0, 0, 0]);
	});

	it('gives every chunk the CRC-32 of its type and data, and ends with IEND', () => {
		const list = chunks(png);
		expect(list.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
		for (const chunk of list) {
			expect(chunk.crc).toBe(zlibCrc32(chunk.covered));
			expect(crc32(chunk.covered)).toBe(chunk.crc);
		}
		expect(list[2].data).toHaveLength(0);
	});

	it('holds filtered rows in its zlib stream: one filter byte (0-4) per row', () => {
		const raw = inflateSync(chunks(png)[1].data);
		expect(raw).toHaveLength(45 * (1 + 67 * 3));
		for (let y = 0; y < 45; y++) expect(raw[y * (1 + 67 * 3)]).toBeLessThanOrEqual(4);
	});

	it('is read back pixel for pixel by pngjs and by the node’s own decoder', () => {
		const read = PNG.sync.read(Buffer.from(png), { checkCRC: true });
		expect([read.width, read.height]).toEqual([67, 45]);
		const rgb = new Uint8Array(67 * 45 * 3);
		for (let p = 0; p < 67 * 45; p++) rgb.set(read.data.subarray(p * 4, p * 4 + 3), p * 3);
		expect(rgb).toEqual(image.data);
		expect(decodePng(png).data).toEqual(image.data);
	});

	/** A grey image, every sample of pixel (x, y) the level `level(x, y)` (taken mod 256). */
	function grey(width: number, height: number, level: (x: number, y: number) => number) {
		const data = new Uint8Array(width * height * 3);
		for (let y = 0; y < height; y++) {
			for (let x = 0; x < width; x++) {
				const at = (y * width + x) * 3;
				data.fill(level(x, y) & 255, at, at + 3);
			}
		}
		return { width, height, data };
	}

	/** The filter type byte of each row, in order. */
	function filterTypes(bytes: Uint8Array, width: number, height: number): string {
		const raw = inflateSync(chunks(bytes)[1].data);
		return Array.from({ length: height }, (_, y) => raw[y * (1 + width * 3)]).join('');
	}

	const levels = noise(64, 3);
	it.each([
		// Every filter leaves only zeros: the first, None.
		['black', grey(4, 3, () => 0), '000'],
		// Small values with sharp steps under a bright row: None leaves least.
		['a dim row under a bright one', grey(16, 2, (x, y) => (y === 0 ? 200 : (x % 2) * 5)), '10'],
		// Each row one level: Sub leaves three samples.
		['rows of one level each', grey(16, 4, (_x, y) => (y % 2 ? 250 : 10)), '1111'],
		// Even steps under a zigzag: Sub, where Paeth would take some pixels from the row above.
		[
			'steps under a zigzag',
			grey(
				4,
				2,
				(x, y) =>
					[
						[0, 120, 40, 80],
						[0, 40, 120, 200],
					][y][x],
			),
			'31',
		],
		// Each row the same: Up leaves zeros.
		['the same row again and again', grey(16, 4, (x) => levels[x]), '1222'],
		// Each sample half the one before it, under zeros: Average predicts all but the first.
		['halving under black', grey(9, 2, (x, y) => (y === 0 ? 0 : 200 >> x)), '03'],
		// Diagonal stripes: the pixel up and left predicts, which only Paeth can pick.
		['diagonal stripes', grey(16, 5, (x, y) => (x - y + 8) ** 2 % 251), '14444'],
	])(
		'%s: each row gets the filter that leaves the smallest sum, the first on a tie; both readers take it',
		(_name, picture, types) => {
			const bytes = encodePng(picture);
			expect(filterTypes(bytes, picture.width, picture.height)).toBe(types);
			const read = PNG.sync.read(Buffer.from(bytes));
			const rgb = new Uint8Array(picture.width * picture.height * 3);
			for (let p = 0; p < picture.width * picture.height; p++)
				rgb.set(read.data.subarray(p * 4, p * 4 + 3), p * 3);
			expect(rgb).toEqual(picture.data);
			expect(decodePng(bytes).data).toEqual(picture.data);
		},
	);

	it('writes a one-pixel image and a wide noisy one that both readers take', () => {
		for (const picture of [
			testImage(1, 1),
			{ width: 900, height: 3, data: noise(900 * 3 * 3, 7) },
		]) {
			const bytes = encodePng(picture);
			const read = PNG.sync.read(Buffer.from(bytes));
			expect([read.width, read.height]).toEqual([picture.width, picture.height]);
			expect(decodePng(bytes).data).toEqual(picture.data);
		}
	});
});
