/**
 * The PNG picture's decoders against a real reference: every fixture (made once by
 * scripts/raster-fixtures.ts with ImageMagick's libjpeg-turbo and libpng) decodes to the pixels
 * ImageMagick decoded, within ±3 per sample for JPEG (IDCT rounding) and exactly for PNG and
 * BMP; the repository's sample images decode at their size to the reference pixels.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { decodeBmp } from '../../../../nodes/BaiduIocr/output/picture/raster/bmp';
import { decodePage } from '../../../../nodes/BaiduIocr/output/picture/raster/decode';
import { ImageError, type RgbImage } from '../../../../nodes/BaiduIocr/output/picture/raster/image';
import { decodeJpeg } from '../../../../nodes/BaiduIocr/output/picture/raster/jpeg';
import { decodePng } from '../../../../nodes/BaiduIocr/output/picture/raster/png';
import { SAMPLES } from '../examples';
import { compare, expectedRgb, fixtureBytes, fixtures, samplePoints } from './fixtures';

function decode(file: string, bytes: Uint8Array): RgbImage {
	if (file.endsWith('.jpg')) return decodeJpeg(bytes);
	if (file.endsWith('.png')) return decodePng(bytes);
	return decodeBmp(bytes);
}

const tolerance = (file: string) => (file.endsWith('.jpg') ? 3 : 0);

describe.each(fixtures.filter((f) => f.reference).map((f) => [f.file, f] as const))(
	'%s',
	(file, fixture) => {
		it(`decodes ${fixture.about} as ImageMagick does`, () => {
			const image = decode(file, fixtureBytes(file));
			expect([image.width, image.height]).toEqual([fixture.width, fixture.height]);
			const expected = expectedRgb(fixture);
			expect(image.data).toHaveLength(expected.length);
			expect(compare(image.data, expected).worst).toBeLessThanOrEqual(tolerance(file));
		});
	},
);

/** The PNG with bytes in the middle of its image data overwritten. */
function damagedIdat(png: Uint8Array): Uint8Array {
	const copy = Uint8Array.from(png);
	const at = Buffer.from(copy).indexOf('IDAT') + 4;
	copy.fill(0xff, at + 10, at + 40);
	return copy;
}

describe('refused and damaged files', () => {
	it('refuses a CMYK JPEG, saying so', () => {
		expect(() => decodeJpeg(fixtureBytes('cmyk.jpg'))).toThrow(ImageError);
		expect(() => decodeJpeg(fixtureBytes('cmyk.jpg'))).toThrow(/CMYK/);
	});

	it('gives a reason instead of throwing for a damaged file of each kind', () => {
		const jpeg = fixtureBytes('baseline-420.jpg');
		const png = fixtureBytes('rgb-8.png');
		const bmp = fixtureBytes('rgb-24.bmp');
		const cases: Array<['jpeg' | 'png' | 'bmp', Uint8Array, RegExp]> = [
			['jpeg', jpeg.slice(0, 300), /no image data|Huffman|quantisation/],
			['jpeg', fixtureBytes('cmyk.jpg'), /CMYK/],
			['png', damagedIdat(png), /damaged|cut short/],
			['png', png.slice(0, 20), /cut short|IHDR/],
			['bmp', bmp.slice(0, bmp.length - 10), /cut short/],
		];
		for (const [kind, bytes, reason] of cases) {
			const result = decodePage(kind, bytes, 1600);
			expect('reason' in result && result.reason).toMatch(reason);
		}
	});

	it('draws what it can of a JPEG whose data stops early (the rest grey, as browsers do)', () => {
		const jpeg = fixtureBytes('baseline-444.jpg');
		const image = decodeJpeg(jpeg.slice(0, Math.floor(jpeg.length * 0.8)));
		const fixture = fixtures.find((f) => f.file === 'baseline-444.jpg');
		const expected = expectedRgb(fixture as (typeof fixtures)[number]);
		// The first rows are whole.
		const firstRows = 8 * fixture!.width * 3;
		expect(
			compare(image.data.subarray(0, firstRows), expected.subarray(0, firstRows)).worst,
		).toBeLessThanOrEqual(3);
	});
});

describe.each(samplePoints.map((s) => [s.file, s] as const))('the sample %s', (file, sample) => {
	it('decodes at its size to the reference pixels', () => {
		const image = decode(file, readFileSync(join(SAMPLES, file)));
		expect([image.width, image.height]).toEqual([sample.width, sample.height]);
		for (const [x, y, r, g, b] of sample.points) {
			const at = (y * image.width + x) * 3;
			const got = [image.data[at], image.data[at + 1], image.data[at + 2]];
			got.forEach((value, k) =>
				expect(Math.abs(value - [r, g, b][k])).toBeLessThanOrEqual(tolerance(file)),
			);
		}
	});
});
