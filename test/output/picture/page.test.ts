/**
 * What the review picture draws its boxes on (output/picture/page.ts): the image itself, a PDF
 * page of its MediaBox's size at the first resolution the boxes fit, or a blank page just
 * larger than the boxes, each saying what it is.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Rect } from '../../../nodes/BaiduIocr/output/picture/layout';
import { picturePage } from '../../../nodes/BaiduIocr/output/picture/page';
import { handMade } from '../../input/handMadePdf';
import { SAMPLES } from './examples';

const box = (right: number, bottom: number): Rect => ({
	x: right - 10,
	y: bottom - 10,
	width: 10,
	height: 10,
});

const pdfOf = (mediaBox: string) =>
	handMade([
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		`<< /Type /Page /Parent 2 0 R /MediaBox ${mediaBox} >>`,
	]);

const LETTER = pdfOf('[0 0 612 792]');
const AROUND =
	'Image not available to the node (Baidu downloaded it): values written in their boxes';

describe('a blank page just larger than the boxes (a URL: no file)', () => {
	it.each([
		['no box', [], 595, 842],
		// 4 % of the longer extent around, rounded up.
		['one box', [box(1000, 500)], 1040, 540],
		['boxes ending at fractions', [box(99.5, 50), box(20, 20)], 104, 54],
		['a taller than wide extent', [box(500, 1000)], 540, 1040],
		// Boxes entirely above or left of the page give no extent: A4.
		['boxes left of the page', [box(-5, 500)], 595, 842],
		['boxes above the page', [box(500, -5)], 595, 842],
		['a box ending at 0', [box(0, 500)], 595, 842],
	] as Array<[string, Rect[], number, number]>)('%s: %d x %d', (_name, boxes, width, height) => {
		expect(picturePage(undefined, boxes)).toEqual({ width, height, note: AROUND });
	});
});

describe('a PDF page: its MediaBox, in the unit the boxes fit', () => {
	const note = (unit: string) =>
		`PDF page (612 x 792 pt), not rendered: values written in their boxes; ${unit}`;

	it('boxes within the page in points: one unit per point', () => {
		expect(picturePage({ kind: 'pdf', bytes: LETTER }, [box(612, 792)])).toEqual({
			width: 612,
			height: 792,
			note: note('box units taken as points'),
		});
		// Up to 2 % beyond the page still fits.
		expect(picturePage({ kind: 'pdf', bytes: LETTER }, [box(612 * 1.02, 10)]).width).toBe(612);
		expect(picturePage({ kind: 'pdf', bytes: LETTER }, [box(10, 792 * 1.02)]).height).toBe(792);
	});

	// 3 % beyond the page at the resolution before (more than the 2 % tolerance), by width or height.
	const beyond = (previousDpi: number) => ((612 * previousDpi) / 72) * 1.03;
	const below = (previousDpi: number) => ((792 * previousDpi) / 72) * 1.03;
	it.each([
		[96, beyond(72), 10],
		[96, 10, below(72)],
		[144, beyond(96), 10],
		[150, beyond(144), 10],
		[200, beyond(150), 10],
		[300, beyond(200), 10],
		[400, 10, below(300)],
		[600, beyond(400), 10],
	])('boxes beyond it at the resolution below: %d dpi', (dpi, right, bottom) => {
		const page = picturePage({ kind: 'pdf', bytes: LETTER }, [box(right, bottom)]);
		expect(page.width).toBeCloseTo((612 * dpi) / 72, 6);
		expect(page.height).toBeCloseTo((792 * dpi) / 72, 6);
		expect(page.note).toBe(
			note(`boxes larger than the page in points, so units taken as 1/${dpi} inch`),
		);
	});

	it('boxes beyond every resolution: the scale that just fits them, by the side that needs most', () => {
		const wide = picturePage({ kind: 'pdf', bytes: LETTER }, [box(612 * 9, 792 * 2)]);
		expect([wide.width, wide.height]).toEqual([612 * 9, 792 * 9]);
		expect(wide.note).toBe(
			note('boxes larger than the page in points, so units taken as 1/648 inch'),
		);
		const tall = picturePage({ kind: 'pdf', bytes: LETTER }, [box(612, 792 * 10)]);
		expect([tall.width, tall.height]).toEqual([612 * 10, 792 * 10]);
	});

	it('a page size with fractions is written to a tenth of a point', () => {
		const a4 = picturePage({ kind: 'pdf', bytes: pdfOf('[0 0 595.276 841.89]') }, []);
		expect(a4.note).toBe(
			'PDF page (595.3 x 841.9 pt), not rendered: values written in their boxes; box units taken as points',
		);
	});

	it('a PDF whose size cannot be read, or without bytes: a page just larger than the boxes', () => {
		const unreadable =
			'PDF page not rendered and its size unreadable: boxes drawn on a page just larger than they are';
		expect(
			picturePage({ kind: 'pdf', bytes: Buffer.from('%PDF-1.4 junk') }, [box(1000, 500)]),
		).toEqual({ width: 1040, height: 540, note: unreadable });
		expect(picturePage({ kind: 'pdf' }, [])).toEqual({ width: 595, height: 842, note: unreadable });
	});
});

describe('an image: the boxes are drawn on it', () => {
	const png = readFileSync(join(SAMPLES, 'asset-tag.png'));
	const href = `data:image/png;base64,${png.toString('base64')}`;

	it('embedded as a data: URI, at the size the check read or, if either side is missing, its own', () => {
		expect(picturePage({ kind: 'png', bytes: png, width: 240, height: 96 }, [])).toEqual({
			width: 240,
			height: 96,
			href,
		});
		// The size the check read wins: the bytes are not read again.
		expect(picturePage({ kind: 'png', bytes: png, width: 480, height: 192 }, [])).toEqual({
			width: 480,
			height: 192,
			href,
		});
		expect(picturePage({ kind: 'png', bytes: png }, [])).toEqual({ width: 240, height: 96, href });
		expect(picturePage({ kind: 'png', bytes: png, width: 240 }, [])).toEqual({
			width: 240,
			height: 96,
			href,
		});
		expect(picturePage({ kind: 'png', bytes: png, height: 96 }, [])).toEqual({
			width: 240,
			height: 96,
			href,
		});
	});

	it.each([
		['no size and bytes that give none', { bytes: Buffer.from('not a png') }],
		['a width of 0', { bytes: png, width: 0, height: 96 }],
		['a height of 0', { bytes: png, width: 240, height: 0 }],
		['a size that is no number', { bytes: png, width: Number.NaN, height: 96 }],
		['no size and no bytes', {}],
	])('%s: a page just larger than the boxes, saying why', (_name, file) => {
		expect(picturePage({ kind: 'png', ...file }, [box(1000, 500)])).toEqual({
			width: 1040,
			height: 540,
			note: 'Image size unreadable: values written in their boxes on a page just larger than they are',
		});
	});

	it.each([
		['without bytes', undefined],
		['with empty bytes', new Uint8Array(0)],
	])('a size %s: the page of that size, the values in their boxes', (_name, bytes) => {
		expect(picturePage({ kind: 'jpeg', bytes, width: 960, height: 600 }, [])).toEqual({
			width: 960,
			height: 600,
			note: 'Image not embedded: values written in their boxes',
		});
	});
});
