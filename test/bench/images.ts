/**
 * Benchmark inputs: large random-noise PNGs (they do not compress, so the file is as big as
 * its pixels) sized against Baidu's 4 MB limit, and the committed sample documents.
 */
import { randomBytes } from 'crypto';
import { PNG } from 'pngjs';

import { formValueLength } from '../../nodes/BaiduIocr/formValue';
import { readSample } from '../samples';

const WIDTH = 1024;

/** A noise PNG of about `bytes` bytes (RGBA, 1024 px wide). */
export function noisePng(bytes: number): Buffer {
	const height = Math.max(16, Math.floor(bytes / (WIDTH * 4 + 1)));
	const png = new PNG({ width: WIDTH, height });
	randomBytes(png.data.length).copy(png.data);
	return PNG.sync.write(png, { deflateLevel: 1 });
}

/** The form value's length at Baidu: base64, then urlencoded. */
export function encodedLength(file: Buffer): number {
	return formValueLength(file);
}

/**
 * The largest noise PNG near `bytes` (e.g. 2.9 MB) whose encoded form is under Baidu's 4 MB
 * limit with `headroom` to spare, so the node accepts it.
 */
export function noisePngUnderLimit(bytes: number, headroom = 8 * 1024): Buffer {
	const limit = 4 * 1024 * 1024 - headroom;
	let target = bytes;
	for (;;) {
		const file = noisePng(target);
		if (encodedLength(file) <= limit) return file;
		target = Math.floor(target * 0.99);
	}
}

/** The recorded train ticket, as PNG and JPEG, alternating: realistic files Baidu recognises. */
export function sampleImages(count: number): Array<{ bytes: Buffer; fileName: string; mimeType: string }> {
	const png = readSample('train-ticket.png');
	const jpg = readSample('train-ticket.jpg');
	return Array.from({ length: count }, (_, i) =>
		i % 2 === 0
			? { bytes: png, fileName: `ticket-${i}.png`, mimeType: 'image/png' }
			: { bytes: jpg, fileName: `ticket-${i}.jpg`, mimeType: 'image/jpeg' },
	);
}
