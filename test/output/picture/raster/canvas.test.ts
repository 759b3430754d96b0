/**
 * Drawing on the PNG picture's canvas (raster/canvas.ts), pixel by pixel on small canvases:
 * outlines centred on a box's edges in each line style (the pattern running on clockwise
 * around the corners), filled rectangles rounded to whole pixels, clipped and blended, and
 * numbers in the bitmap font at their scale.
 */
import {
	Canvas,
	dashPattern,
	type LineStyle,
	type PixelBox,
	type Rgb,
} from '../../../../nodes/BaiduIocr/output/picture/raster/canvas';
import { digitPixel, numberWidth } from '../../../../nodes/BaiduIocr/output/picture/raster/digits';

const WHITE: Rgb = [255, 255, 255];
const INK: Rgb = [0, 0, 0];

/** The canvas as rows of '#' (ink) and '.' (white). */
function rows(canvas: Canvas): string[] {
	const { width, height, data } = canvas.image;
	return Array.from({ length: height }, (_, y) =>
		Array.from({ length: width }, (_, x) => {
			const at = (y * width + x) * 3;
			const pixel = [data[at], data[at + 1], data[at + 2]].join();
			if (pixel === INK.join()) return '#';
			if (pixel === WHITE.join()) return '.';
			return '?';
		}).join(''),
	);
}

function pixel(canvas: Canvas, x: number, y: number): number[] {
	const at = (y * canvas.image.width + x) * 3;
	return [...canvas.image.data.subarray(at, at + 3)];
}

describe('line styles: ink and gap lengths for a thickness', () => {
	it.each([
		[1, { ink: 4, gap: 2 }, { ink: 1, gap: 2 }],
		[2, { ink: 8, gap: 4 }, { ink: 2, gap: 3 }],
		[3, { ink: 12, gap: 6 }, { ink: 3, gap: 5 }],
	])('at %i px: dashes 4t with gaps 2t, dots t with gaps 1.5t rounded', (t, dashed, dotted) => {
		expect(dashPattern('dashed', t)).toEqual(dashed);
		expect(dashPattern('dotted', t)).toEqual(dotted);
		expect(dashPattern('solid', t)).toEqual({ ink: 1, gap: 0 });
	});
});

describe('strokeRect: an outline centred on the box’s edges', () => {
	/** The rows of a blank canvas with one outline drawn in ink. */
	function outline(width: number, height: number, box: PixelBox, t: number, style: LineStyle) {
		const canvas = Canvas.blank(width, height, WHITE);
		canvas.strokeRect(box, t, INK, style);
		return rows(canvas);
	}

	it('1 px solid: on the box’s first and last columns and rows', () => {
		expect(outline(6, 5, { x0: 1, y0: 1, x1: 4, y1: 3 }, 1, 'solid')).toEqual([
			'......',
			'.####.',
			'.#..#.',
			'.####.',
			'......',
		]);
	});

	it('2 px solid: one pixel outside each edge and the edge itself', () => {
		expect(outline(9, 8, { x0: 2, y0: 2, x1: 6, y1: 5 }, 2, 'solid')).toEqual([
			'.........',
			'.######..',
			'.######..',
			'.##..##..',
			'.######..',
			'.######..',
			'.........',
			'.........',
		]);
	});

	it('3 px solid: one pixel outside, the edge, one inside', () => {
		expect(outline(9, 9, { x0: 2, y0: 2, x1: 6, y1: 6 }, 3, 'solid')).toEqual([
			'.........',
			'.#######.',
			'.#######.',
			'.#######.',
			'.###.###.',
			'.#######.',
			'.#######.',
			'.#######.',
			'.........',
		]);
	});

	it('dashed: 4 on, 2 off, running on clockwise around the corners from the top left', () => {
		expect(outline(10, 6, { x0: 1, y0: 1, x1: 8, y1: 4 }, 1, 'dashed')).toEqual([
			'..........',
			'.####..##.',
			'.#......#.',
			'.#......#.',
			'...####...',
			'..........',
		]);
	});

	it('dotted: 1 on, 2 off, the same way round', () => {
		expect(outline(10, 6, { x0: 1, y0: 1, x1: 8, y1: 4 }, 1, 'dotted')).toEqual([
			'..........',
			'.#..#..#..',
			'..........',
			'.#......#.',
			'...#..#...',
			'..........',
		]);
	});

	it('blended: the outline’s colour mixed with the page by alpha', () => {
		const canvas = Canvas.blank(4, 4, WHITE);
		canvas.strokeRect({ x0: 0, y0: 0, x1: 3, y1: 3 }, 1, INK, 'solid', 0.5);
		// 255 / 2 = 127.5, rounded up.
		expect(pixel(canvas, 0, 0)).toEqual([128, 128, 128]);
		expect(pixel(canvas, 1, 1)).toEqual([255, 255, 255]);
	});
});

describe('fillRect: whole pixels, clipped to the canvas, blended by alpha', () => {
	it('rounds each edge to the nearest pixel', () => {
		const canvas = Canvas.blank(4, 4, WHITE);
		canvas.fillRect(0.4, 0.6, 1.4, 1.8, INK);
		// Left 0.4 → 0, top 0.6 → 1, right 1.8 → 2, bottom 2.4 → 2.
		expect(rows(canvas)).toEqual(['....', '##..', '....', '....']);
	});

	it('draws what lies on the canvas of a rectangle that sticks out on every side', () => {
		const canvas = Canvas.blank(4, 3, WHITE);
		canvas.fillRect(-2, -2, 5, 4, INK);
		expect(rows(canvas)).toEqual(['###.', '###.', '....']);
		const whole = Canvas.blank(3, 2, WHITE);
		whole.fillRect(-1, -1, 10, 10, INK);
		expect(rows(whole)).toEqual(['###', '###']);
	});

	it('blends by alpha, rounding half up; alpha 1 or more paints the colour', () => {
		const canvas = Canvas.blank(4, 1, [255, 100, 0]);
		canvas.fillRect(0, 0, 1, 1, [0, 0, 255], 0.3);
		canvas.fillRect(1, 0, 1, 1, [0, 0, 255], 1);
		canvas.fillRect(2, 0, 1, 1, [0, 0, 255], 1.5);
		canvas.fillRect(3, 0, 1, 1, [0, 0, 255], 0);
		// 255 · 0.7 = 178.5 → 179; 100 · 0.7 = 70; 255 · 0.3 = 76.5 → 77.
		expect(pixel(canvas, 0, 0)).toEqual([179, 70, 77]);
		expect(pixel(canvas, 1, 0)).toEqual([0, 0, 255]);
		expect(pixel(canvas, 2, 0)).toEqual([0, 0, 255]);
		expect(pixel(canvas, 3, 0)).toEqual([255, 100, 0]);
	});

	it('a blank canvas is the colour everywhere', () => {
		const canvas = Canvas.blank(3, 2, [1, 2, 3]);
		expect([...canvas.image.data]).toEqual([1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3]);
	});
});

describe('drawNumber: digits of the 5 x 7 font, one font pixel apart, at a scale', () => {
	/** The font's rows of a number at scale 1, digits one column apart. */
	function fontRows(text: string): string[] {
		return Array.from({ length: 7 }, (_, y) =>
			[...text]
				.map((digit) =>
					Array.from({ length: 5 }, (_, x) => (digitPixel(digit, x, y) ? '#' : '.')).join(''),
				)
				.join('.'),
		);
	}

	it('at scale 1 from its top left corner', () => {
		const canvas = Canvas.blank(13, 9, WHITE);
		canvas.drawNumber('47', 1, 1, 1, INK);
		const drawn = rows(canvas);
		expect(drawn[0]).toBe('.............');
		expect(drawn[8]).toBe('.............');
		expect(drawn.slice(1, 8).map((row) => row.slice(1, 12))).toEqual(fontRows('47'));
		expect(drawn.every((row) => row[0] === '.' && row[12] === '.')).toBe(true);
	});

	it('at scale 2 every font pixel is 2 x 2, the gap between digits 2 wide', () => {
		const canvas = Canvas.blank(22, 14, WHITE);
		canvas.drawNumber('18', 0, 0, 2, INK);
		const halved = rows(canvas)
			.filter((_, y) => y % 2 === 0)
			.map((row) => [...row].filter((_, x) => x % 2 === 0).join(''));
		expect(halved).toEqual(fontRows('18'));
		// Each font pixel's four screen pixels agree.
		const drawn = rows(canvas);
		for (let y = 0; y < 14; y += 2) {
			for (let x = 0; x < 22; x += 2) {
				const cell = [drawn[y][x], drawn[y][x + 1], drawn[y + 1][x], drawn[y + 1][x + 1]];
				expect(new Set(cell).size).toBe(1);
			}
		}
		expect(numberWidth('18', 2)).toBe(22);
	});

	it('the width of a number: digits times 6 less the last gap, times the scale', () => {
		expect(numberWidth('', 3)).toBe(0);
		expect(numberWidth('7', 1)).toBe(5);
		expect(numberWidth('123', 3)).toBe(51);
	});

	it('the font: a "1" is a stem with a foot, an "8" two rings', () => {
		expect(fontRows('1')).toEqual(['..#..', '.##..', '..#..', '..#..', '..#..', '..#..', '.###.']);
		expect(fontRows('8')).toEqual(['.###.', '#...#', '#...#', '.###.', '#...#', '#...#', '.###.']);
		expect(digitPixel('x', 0, 0)).toBe(false);
		expect(digitPixel('8', 1, 7)).toBe(false);
	});
});
