/**
 * What the decoders hand over: an image as 8-bit RGB, delivered row by row to a sink, so that a
 * large photo can be shrunk while it is decoded instead of being held at full size twice.
 */

/** An image as 8-bit RGB, rows top to bottom, three bytes per pixel, no padding. */
export interface RgbImage {
	width: number;
	height: number;
	data: Uint8Array;
}

/** Why an image could not be decoded, in words a person can act on. */
export class ImageError extends Error {}

/** Takes a decoded image row by row, top to bottom; each row is `width * 3` bytes of RGB. */
export interface RowSink {
	row(y: number, rgb: Uint8Array): void;
	finish(): RgbImage;
}

/** Makes the sink once the decoder has read the image's size. */
export type SinkFactory = (width: number, height: number) => RowSink;

/**
 * Larger images are refused before anything is allocated: Baidu takes at most 4096 px a side,
 * so a 6000 x 6000 image is not a document the node sent, and its planes would take 100 MB.
 */
export const MAX_DECODED_PIXELS = 4096 * 4096 * 2;

/** Throws unless the size is one the decoders take: at least 1 px, at most MAX_DECODED_PIXELS. */
export function checkImageSize(width: number, height: number): void {
	if (!(width >= 1 && height >= 1)) throw new ImageError(`the image is ${width} x ${height} px`);
	if (width * height > MAX_DECODED_PIXELS) {
		throw new ImageError(`the image is ${width} x ${height} px, too large to draw`);
	}
}

/** A sink that keeps every row: the image at its own size. */
export function fullSize(width: number, height: number): RowSink {
	const data = new Uint8Array(width * height * 3);
	return {
		row(y, rgb) {
			data.set(rgb.subarray(0, width * 3), y * width * 3);
		},
		finish: () => ({ width, height, data }),
	};
}

/**
 * Blends a sample over white by its alpha (0..255), rounded: how a page shows transparency.
 * (`(x + 0.5) | 0` rounds a non-negative x, without a Math call per sample.)
 */
export function overWhite(value: number, alpha: number): number {
	return ((value * alpha + 255 * (255 - alpha)) / 255 + 0.5) | 0;
}
