/**
 * A scanned PDF for the PDF benchmarks: `pages` pages, each one A4 JPEG scan of noise (it does
 * not compress, so the file is as big as its scans) drawn over the whole page, as img2pdf or a
 * scanner writes them. Each page stays well under Baidu's 4 MB once cut out and encoded.
 */
import * as jpeg from 'jpeg-js';
import { PDFDocument } from 'pdf-lib';

/** A noise JPEG of `width` x `height` px; different for each `seed`. */
function noiseJpeg(width: number, height: number, seed: number): Buffer {
	const data = Buffer.alloc(width * height * 4);
	let state = (seed * 2654435761) >>> 0 || 1;
	for (let i = 0; i < data.length; i += 4) {
		// xorshift: cheap, reproducible noise
		state ^= state << 13;
		state ^= state >>> 17;
		state ^= state << 5;
		data[i] = state & 0xff;
		data[i + 1] = (state >>> 8) & 0xff;
		data[i + 2] = (state >>> 16) & 0xff;
		data[i + 3] = 0xff;
	}
	return Buffer.from(jpeg.encode({ data, width, height }, 50).data);
}

/** A `pages`-page scanned PDF of about `pages` x `pageBytes` bytes. */
export async function scannedPdf(pages: number, pageBytes: number): Promise<Buffer> {
	// A noise JPEG at quality 50 takes about 0.86 byte per pixel; A4 proportions.
	const pixels = pageBytes / 0.86;
	const width = Math.round(Math.sqrt(pixels / 1.414));
	const height = Math.round(width * 1.414);
	const doc = await PDFDocument.create();
	for (let i = 0; i < pages; i++) {
		const image = await doc.embedJpg(noiseJpeg(width, height, i + 1));
		doc.addPage([595, 842]).drawImage(image, { x: 0, y: 0, width: 595, height: 842 });
	}
	return Buffer.from(await doc.save({ useObjectStreams: false }));
}
