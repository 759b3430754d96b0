/**
 * The PNG picture's decoders against a real reference: every fixture (made once by
 * scripts/raster-fixtures.ts with ImageMagick's libjpeg-turbo and libpng, or with libjpeg's own
 * cjpeg for samplings ImageMagick does not write) decodes to the pixels that reference decoded,
 * within ±3 per sample for JPEG (IDCT rounding) and exactly for PNG and BMP. The repository's
 * sample images: samples.test.ts.
 */
import { decodePage } from '../../../../nodes/BaiduIocr/output/picture/raster/decode';
import { ImageError } from '../../../../nodes/BaiduIocr/output/picture/raster/image';
import { decodeJpeg } from '../../../../nodes/BaiduIocr/output/picture/raster/jpeg';
import { compare, decode, expectedRgb, fixtureBytes, fixtures, tolerance } from './fixtures';

describe.each(fixtures.filter((f) => f.reference).map((f) => [f.file, f] as const))(
	'%s',
	(file, fixture) => {
		it(`decodes ${fixture.about} as the reference decoder does`, () => {
			const image = decode(file, fixtureBytes(file));
			expect([image.width, image.height]).toEqual([fixture.width, fixture.height]);
			const expected = expectedRgb(fixture);
			expect(image.data).toHaveLength(expected.length);
			expect(compare(image.data, expected).worst).toBeLessThanOrEqual(tolerance(file));
		});
	},
);

// ImageMagick's JPEG references use libjpeg's integer IDCT, hence the ±3 above; with its float
// IDCT, the one the node's decoder uses, libjpeg decodes every JPEG fixture to exactly the same
// bytes: upsampling, colour conversion and rounding all checked to the last bit.
describe.each(fixtures.filter((f) => f.exact).map((f) => [f.file, f] as const))(
	'%s',
	(file, fixture) => {
		it('decodes to exactly the bytes libjpeg’s float IDCT gives (djpeg -dct float)', () => {
			const image = decode(file, fixtureBytes(file));
			expect(Buffer.from(image.data).equals(fixtureBytes(fixture.exact as string))).toBe(true);
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

	it('gives a reason, too, when a decoder fails in a way it did not foresee', () => {
		// No file makes a decoder throw anything but its own ImageError (300 damaged variants of
		// every fixture tried); bytes that throw a TypeError when read stand in for such a bug.
		const unreadable = new Proxy(fixtureBytes('rgb-8.png'), {
			get: () => {
				throw new TypeError('not an ImageError');
			},
		});
		for (const kind of ['jpeg', 'png', 'bmp'] as const) {
			expect(decodePage(kind, unreadable, 1600)).toEqual({ reason: 'the image is damaged' });
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
