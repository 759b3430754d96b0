/**
 * The repository's sample images (test/samples/files, the photos and scans the demo and the
 * engine tests send) decode at their size to the pixels ImageMagick decoded at a grid of points:
 * real files from real encoders, kept apart from decoders.test.ts because they are large
 * (mutation runs leave them out; see docs/mutation/README.md).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { SAMPLES } from '../examples';
import { decode, samplePoints, tolerance } from './fixtures';

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
