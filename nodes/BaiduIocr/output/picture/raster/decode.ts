import type { FileKind } from '../../../model';
import { decodeBmp } from './bmp';
import { ImageError, type RgbImage, type SinkFactory } from './image';
import { decodeJpeg } from './jpeg';
import { decodePng } from './png';
import { fitWithin } from './resize';

/** The page image for the PNG picture: decoded by its kind and shrunk to fit, or why not. */

export interface DecodedPage {
	/** The image, at most `maxSide` pixels on its longer side. */
	image: RgbImage;
	/** The image's own size, in which Baidu's boxes are given. */
	width: number;
	height: number;
}

/** The kinds of file the PNG picture draws: a PDF page is drawn as a blank page (index.ts). */
export type ImageKind = Exclude<FileKind, 'pdf'>;

const DECODERS: Record<ImageKind, (bytes: Uint8Array, factory: SinkFactory) => RgbImage> = {
	jpeg: decodeJpeg,
	png: decodePng,
	bmp: decodeBmp,
};

/**
 * The file's image shrunk (by area averaging) to at most `maxSide` pixels a side; or the
 * reason it could not be decoded (damaged, or a variant the decoders do not read).
 */
export function decodePage(
	kind: ImageKind,
	bytes: Uint8Array,
	maxSide: number,
): DecodedPage | { reason: string } {
	const decoder = DECODERS[kind];
	let width = 0;
	let height = 0;
	const fit = fitWithin(maxSide);
	try {
		const image = decoder(bytes, (w, h) => {
			[width, height] = [w, h];
			return fit(w, h);
		});
		return { image, width, height };
	} catch (error) {
		// Damaged data can also end in a RangeError or the like: the picture goes on without it.
		return { reason: error instanceof ImageError ? error.message : 'the image is damaged' };
	}
}
