/**
 * The image sizes the PNG picture's decoders take (image.ts checkImageSize): at least one pixel
 * a side and at most MAX_DECODED_PIXELS in all, refused with the size in words before anything
 * is allocated; the decoders' own fixtures with the size in their headers rewritten.
 */
import { decodeBmp } from '../../../../nodes/BaiduIocr/output/picture/raster/bmp';
import { MAX_DECODED_PIXELS } from '../../../../nodes/BaiduIocr/output/picture/raster/image';
import { decodeJpeg } from '../../../../nodes/BaiduIocr/output/picture/raster/jpeg';
import { decodePng } from '../../../../nodes/BaiduIocr/output/picture/raster/png';
import { fixtureBytes } from './fixtures';

/** A 24-bit BMP fixture claiming `width` x `height` (BITMAPINFOHEADER: offsets 18 and 22). */
function bmp(width: number, height: number): Uint8Array {
	const bytes = Buffer.from(fixtureBytes('rgb-24.bmp'));
	bytes.writeInt32LE(width, 18);
	bytes.writeInt32LE(height, 22);
	return bytes;
}

/** An RGB PNG fixture claiming `width` x `height` (IHDR's first eight bytes). */
function png(width: number, height: number): Uint8Array {
	const bytes = Buffer.from(fixtureBytes('rgb-8.png'));
	bytes.writeUInt32BE(width, 16);
	bytes.writeUInt32BE(height, 20);
	return bytes;
}

/** A baseline JPEG fixture claiming `width` x `height` in its SOF0. */
function jpeg(width: number, height: number): Uint8Array {
	const bytes = Buffer.from(fixtureBytes('baseline-444.jpg'));
	const sof = bytes.indexOf(Buffer.from([0xff, 0xc0]));
	bytes.writeUInt16BE(height, sof + 5);
	bytes.writeUInt16BE(width, sof + 7);
	return bytes;
}

const decoders = [
	['BMP', (w: number, h: number) => decodeBmp(bmp(w, h))],
	['PNG', (w: number, h: number) => decodePng(png(w, h))],
	['JPEG', (w: number, h: number) => decodeJpeg(jpeg(w, h))],
] as const;

describe.each(decoders)('%s', (_kind, decode) => {
	it('refuses an image without a pixel across, naming its size', () => {
		expect(() => decode(0, 5)).toThrow(/^the image is 0 x 5 px$/);
	});

	it('refuses an image of more than 2 x 4096 x 4096 pixels, naming its size', () => {
		expect(8193 * 4096).toBeGreaterThan(MAX_DECODED_PIXELS);
		expect(() => decode(8193, 4096)).toThrow(/^the image is 8193 x 4096 px, too large to draw$/);
	});
});

describe('the limits themselves are taken', () => {
	it('a BMP of one pixel a side decodes', () => {
		expect(decodeBmp(bmp(1, 1))).toMatchObject({ width: 1, height: 1 });
	});

	it('a BMP or a PNG of exactly 2 x 4096 x 4096 pixels passes the size check: only its missing data stops it', () => {
		expect(8192 * 4096).toBe(MAX_DECODED_PIXELS);
		expect(() => decodeBmp(bmp(8192, 4096))).toThrow(/^the BMP is cut short$/);
		expect(() => decodePng(png(8192, 4096))).toThrow(/^the PNG’s image data is cut short$/);
	});

	it('a BMP of no height is refused too (its height is the absolute value: rows may run down)', () => {
		expect(() => decodeBmp(bmp(5, 0))).toThrow(/^the image is 5 x 0 px$/);
		expect(decodeBmp(bmp(2, -1))).toMatchObject({ width: 2, height: 1 });
	});
});
