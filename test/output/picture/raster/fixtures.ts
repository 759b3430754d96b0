/**
 * The decoder fixtures made once by scripts/raster-fixtures.ts with ImageMagick (libjpeg-turbo,
 * libpng): each file with the pixels ImageMagick decoded from it, and the repository's sample
 * images with their size and the pixels at a grid of points.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { decodeBmp } from '../../../../nodes/BaiduIocr/output/picture/raster/bmp';
import type { RgbImage } from '../../../../nodes/BaiduIocr/output/picture/raster/image';
import { decodeJpeg } from '../../../../nodes/BaiduIocr/output/picture/raster/jpeg';
import { decodePng } from '../../../../nodes/BaiduIocr/output/picture/raster/png';

export const FIXTURES = join(__dirname, 'fixtures');

export interface Fixture {
	file: string;
	reference?: string;
	width: number;
	height: number;
	about: string;
	/** JPEG: libjpeg's decoding with its float IDCT (`djpeg -dct float`), equalled exactly. */
	exact?: string;
	refused?: string;
}

export interface SamplePoints {
	file: string;
	width: number;
	height: number;
	/** x, y, r, g, b. */
	points: Array<[number, number, number, number, number]>;
}

export const fixtures = JSON.parse(
	readFileSync(join(FIXTURES, 'manifest.json'), 'utf8'),
) as Fixture[];
export const samplePoints = JSON.parse(
	readFileSync(join(FIXTURES, 'samples.json'), 'utf8'),
) as SamplePoints[];

export function fixtureBytes(file: string): Uint8Array {
	return readFileSync(join(FIXTURES, file));
}

/**
 * The reference as the node shows it: ImageMagick's RGB; its RGBA put over white with rounding
 * (ImageMagick's own "-alpha remove" truncates instead, a level darker half the time); its
 * 16-bit samples rounded to 8 bits (value / 257), transparency applied at 16 bits.
 */
export function expectedRgb(fixture: Fixture): Uint8Array {
	const name = fixture.reference as string;
	const raw = fixtureBytes(name);
	const wide = name.endsWith('16');
	const channels = name.includes('.rgba') ? 4 : 3;
	const max = wide ? 65535 : 255;
	const sample = (i: number) => (wide ? (raw[2 * i] << 8) | raw[2 * i + 1] : raw[i]);
	const pixels = raw.length / channels / (wide ? 2 : 1);
	const out = new Uint8Array(pixels * 3);
	for (let p = 0; p < pixels; p++) {
		const alpha = channels === 4 ? sample(p * 4 + 3) : max;
		for (let k = 0; k < 3; k++) {
			const over = (sample(p * channels + k) * alpha + max * (max - alpha)) / max;
			out[p * 3 + k] = Math.round(wide ? over / 257 : over);
		}
	}
	return out;
}

/** The largest difference of any sample, and how many samples differ. */
export function compare(
	actual: Uint8Array,
	expected: Uint8Array,
): { worst: number; differ: number } {
	let worst = 0;
	let differ = 0;
	for (let i = 0; i < expected.length; i++) {
		const d = Math.abs(actual[i] - expected[i]);
		if (d > 0) differ++;
		worst = Math.max(worst, d);
	}
	return { worst, differ };
}

/** The file decoded by the decoder its name's extension says. */
export function decode(file: string, bytes: Uint8Array): RgbImage {
	if (file.endsWith('.jpg')) return decodeJpeg(bytes);
	if (file.endsWith('.png')) return decodePng(bytes);
	return decodeBmp(bytes);
}

/** How far a decoded sample may be from the reference: JPEG's IDCTs round differently. */
export const tolerance = (file: string) => (file.endsWith('.jpg') ? 3 : 0);
