import { DIGIT_HEIGHT, DIGIT_WIDTH, digitPixel } from './digits';
import type { RgbImage } from './image';

/**
 * Drawing on an RGB image: filled rectangles (opaque or blended), rectangle outlines in a line
 * style (solid, dashed, dotted; the pattern runs on around the corners) and numbers in the
 * bitmap digit font. Everything is clipped to the image.
 */

export type Rgb = readonly [number, number, number];
export type LineStyle = 'solid' | 'dashed' | 'dotted';

/** A rectangle by its first and last pixel column and row (inclusive). */
export interface PixelBox {
	x0: number;
	y0: number;
	x1: number;
	y1: number;
}

/** Ink and gap lengths of a line style at thickness `t` (the SVG's 4t 2t and t 1.5t). */
export function dashPattern(style: LineStyle, t: number): { ink: number; gap: number } {
	if (style === 'dashed') return { ink: 4 * t, gap: 2 * t };
	if (style === 'dotted') return { ink: t, gap: Math.round(1.5 * t) };
	return { ink: 1, gap: 0 };
}

export class Canvas {
	constructor(readonly image: RgbImage) {}

	/** A canvas of the size, filled with one colour. */
	static blank(width: number, height: number, colour: Rgb): Canvas {
		const canvas = new Canvas({ width, height, data: new Uint8Array(width * height * 3) });
		canvas.fillRect(0, 0, width, height, colour);
		return canvas;
	}

	/** Fills `width` x `height` pixels from (x, y) with the colour, blended by `alpha` (0..1). */
	fillRect(x: number, y: number, width: number, height: number, colour: Rgb, alpha = 1): void {
		const { image } = this;
		const left = Math.max(0, Math.round(x));
		const top = Math.max(0, Math.round(y));
		const right = Math.min(image.width, Math.round(x + width));
		const bottom = Math.min(image.height, Math.round(y + height));
		for (let row = top; row < bottom; row++) {
			for (let column = left; column < right; column++) {
				const at = (row * image.width + column) * 3;
				for (let k = 0; k < 3; k++) {
					const value =
						alpha >= 1 ? colour[k] : image.data[at + k] * (1 - alpha) + colour[k] * alpha;
					image.data[at + k] = (value + 0.5) | 0;
				}
			}
		}
	}

	/**
	 * The outline of `box`, `t` pixels thick and centred on its edges, in the style: dashes
	 * and dots run clockwise from the top left corner, on around the corners.
	 */
	strokeRect(box: PixelBox, t: number, colour: Rgb, style: LineStyle, alpha = 1): void {
		const shift = Math.floor(t / 2);
		const left = box.x0 - shift;
		const top = box.y0 - shift;
		const right = box.x1 - shift + t - 1;
		const bottom = box.y1 - shift + t - 1;
		const { ink, gap } = dashPattern(style, t);
		let d = 0;
		const inked = () => gap === 0 || d % (ink + gap) < ink;
		const dot = (x: number, y: number, w: number, h: number) => {
			if (inked()) this.fillRect(x, y, w, h, colour, alpha);
			d++;
		};
		for (let x = left; x <= right; x++) dot(x, top, 1, t);
		for (let y = top + t; y <= bottom - t; y++) dot(right - t + 1, y, t, 1);
		for (let x = right; x >= left; x--) dot(x, bottom - t + 1, 1, t);
		for (let y = bottom - t; y >= top + t; y--) dot(left, y, t, 1);
	}

	/** Digits with their top left corner at (x, y), each font pixel `scale` x `scale` pixels. */
	drawNumber(text: string, x: number, y: number, scale: number, colour: Rgb): void {
		for (const [index, digit] of [...text].entries()) {
			const gx = x + index * (DIGIT_WIDTH + 1) * scale;
			for (let row = 0; row < DIGIT_HEIGHT; row++) {
				for (let column = 0; column < DIGIT_WIDTH; column++) {
					if (!digitPixel(digit, column, row)) continue;
					this.fillRect(gx + column * scale, y + row * scale, scale, scale, colour);
				}
			}
		}
	}
}
