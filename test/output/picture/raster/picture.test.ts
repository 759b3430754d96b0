/**
 * The PNG review picture as drawn: the page image shrunk by area averaging, every box in its
 * class's colour and line style (solid, dashed, dotted: the gaps are real), its number in a tag
 * at the corner in the bitmap font, a blank page of the right size where there is no image,
 * the same numbers as the SVG's labels. Pixels are read back with pngjs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';
import { PNG } from 'pngjs';

import type { RecognisedDocument } from '../../../../nodes/BaiduIocr/model';
import { reviewPicture } from '../../../../nodes/BaiduIocr/output/picture';
import { dashPattern } from '../../../../nodes/BaiduIocr/output/picture/raster/canvas';
import { digitPixel } from '../../../../nodes/BaiduIocr/output/picture/raster/digits';
import { fullSize, type RgbImage } from '../../../../nodes/BaiduIocr/output/picture/raster/image';
import { rasterPicture } from '../../../../nodes/BaiduIocr/output/picture/raster';
import { decodeJpeg } from '../../../../nodes/BaiduIocr/output/picture/raster/jpeg';
import { encodePng } from '../../../../nodes/BaiduIocr/output/picture/raster/pngEncode';
import { fittedSize, fitWithin } from '../../../../nodes/BaiduIocr/output/picture/raster/resize';
import { checkedSample, recordedDocument, SAMPLES } from '../examples';
import { allElements, byClass, parseXml, textOf, type XmlElement } from '../xml';
import { fixtureBytes } from './fixtures';

const COLOUR = { confident: [0x00, 0x72, 0xb2], review: [0xd5, 0x5e, 0x00], none: [0, 0, 0] };

function blank(width: number, height: number, value = 255): RgbImage {
	return { width, height, data: new Uint8Array(width * height * 3).fill(value) };
}

function read(png: Uint8Array) {
	const image = PNG.sync.read(Buffer.from(png), { checkCRC: true });
	const pixel = (x: number, y: number) => {
		const at = (y * image.width + x) * 4;
		return [image.data[at], image.data[at + 1], image.data[at + 2]];
	};
	return { width: image.width, height: image.height, pixel };
}

const same = (a: number[], b: number[]) => a.every((v, k) => v === b[k]);

/** Each of the points of the picture shows the colour. */
function expectAt(shown: ReturnType<typeof read>, points: number[][], colour: number[]): void {
	for (const [x, y] of points) expect(shown.pixel(x, y)).toEqual(colour);
}

function field(name: string, value: string, average: number | null, box: number[]): IDataObject {
	const [left, top, width, height] = box;
	return {
		word_name: name,
		word: value,
		...(average === null ? {} : { probability: { average, min: average, variance: 0 } }),
		location: { left, top, width, height },
	};
}

function documentOf(ret: IDataObject[], fileName = 'page.png'): RecognisedDocument {
	return {
		source: { binaryProperty: 'data', fileName, mimeType: 'image/png' },
		warnings: [],
		data: { ret, templateSign: 't', scores: 1, isStructured: true },
	};
}

describe('shrinking (area averaging)', () => {
	function shrink(image: RgbImage, maxSide: number): RgbImage {
		const sink = fitWithin(maxSide)(image.width, image.height);
		for (let y = 0; y < image.height; y++) {
			sink.row(y, image.data.subarray(y * image.width * 3, (y + 1) * image.width * 3));
		}
		return sink.finish();
	}

	it('averages each output pixel’s area: 4 x 4 → 2 x 2 gives the block means', () => {
		const image = blank(4, 4, 0);
		const levels = [0, 40, 80, 120, 160, 200, 240, 250, 10, 20, 30, 40, 50, 60, 70, 80];
		levels.forEach((v, i) => image.data.fill(v, i * 3, i * 3 + 3));
		const small = shrink(image, 2);
		expect([small.width, small.height]).toEqual([2, 2]);
		const mean = (...i: number[]) => Math.round(i.reduce((s, k) => s + levels[k], 0) / 4);
		expect([small.data[0], small.data[3], small.data[6], small.data[9]]).toEqual([
			mean(0, 1, 4, 5),
			mean(2, 3, 6, 7),
			mean(8, 9, 12, 13),
			mean(10, 11, 14, 15),
		]);
	});

	it('keeps a flat colour flat and splits a pixel that straddles two outputs', () => {
		expect(new Set(shrink(blank(7, 5, 77), 3).data)).toEqual(new Set([77]));
		// 3 px (0, 0, 255) into 2: the middle pixel is half in each output.
		const row = blank(3, 1, 0);
		row.data.fill(255, 6, 9);
		const two = shrink(row, 2);
		expect([two.data[0], two.data[3]]).toEqual([0, Math.round(255 / 1.5)]);
	});

	it('keeps each channel to itself, whole pixels and split ones alike', () => {
		// 4 x 2 → 2 x 1: each output the mean of a 2 x 2 block, per channel.
		const image: RgbImage = { width: 4, height: 2, data: new Uint8Array(4 * 2 * 3) };
		image.data.forEach((_, i) => (image.data[i] = (i * 37) % 256));
		const mean = (x: number, k: number) => {
			const at = (px: number, py: number) => image.data[(py * 4 + px) * 3 + k];
			return Math.round((at(x, 0) + at(x + 1, 0) + at(x, 1) + at(x + 1, 1)) / 4);
		};
		const small = shrink(image, 2);
		expect([...small.data]).toEqual(
			([] as number[]).concat(
				[0, 1, 2].map((k) => mean(0, k)),
				[0, 1, 2].map((k) => mean(2, k)),
			),
		);
		// 3 x 1 → 2 x 1: the middle pixel split half and half, each channel on its own.
		const row: RgbImage = {
			width: 3,
			height: 1,
			data: Uint8Array.of(0, 30, 60, 90, 120, 150, 180, 210, 240),
		};
		const two = shrink(row, 2);
		const share = (a: number, b: number) => Math.round((a + b / 2) / 1.5);
		expect([...two.data]).toEqual([
			share(0, 90),
			share(30, 120),
			share(60, 150),
			share(180, 90),
			share(210, 120),
			share(240, 150),
		]);
	});

	it('shrinks by less than half: 5 rows into 4, 5 columns into 4, by the area each covers', () => {
		// Source k covers [0.8k, 0.8(k + 1)] of the output: output 1 gets 0.6 of 50, 0.4 of 100.
		const levels = [0, 50, 100, 150, 200];
		const column: RgbImage = { width: 1, height: 5, data: new Uint8Array(15) };
		const row: RgbImage = { width: 5, height: 1, data: new Uint8Array(15) };
		levels.forEach((v, k) => {
			column.data.fill(v, k * 3, k * 3 + 3);
			row.data.fill(v, k * 3, k * 3 + 3);
		});
		const expected = [10, 70, 130, 190].flatMap((v) => [v, v, v]);
		expect(shrink(column, 4)).toEqual({ width: 1, height: 4, data: Uint8Array.from(expected) });
		expect(shrink(row, 4)).toEqual({ width: 4, height: 1, data: Uint8Array.from(expected) });
	});

	it('shrinks an image only one pixel high or wide along its long side', () => {
		expect(shrink(blank(4000, 1, 90), 1600)).toMatchObject({ width: 1600, height: 1 });
		expect(shrink(blank(1, 4000, 90), 1600)).toMatchObject({ width: 1, height: 1600 });
	});

	it('keeps at least one pixel on the short side of a very long image', () => {
		// 4000 x 2 into 1600: the height would round to 0.8 → 1; 2 x 4000 the same way round.
		const wide = blank(4000, 2, 90);
		expect(shrink(wide, 1600)).toMatchObject({ width: 1600, height: 1 });
		expect(new Set(shrink(wide, 1600).data)).toEqual(new Set([90]));
		expect(shrink(blank(2, 4000, 90), 1600)).toMatchObject({ width: 1, height: 1600 });
		expect(fittedSize(10_000, 2, 1600)).toEqual({ width: 1600, height: 1 });
		expect(fittedSize(2, 10_000, 1600)).toEqual({ width: 1, height: 1600 });
	});

	it('decodes a JPEG straight to the smaller size, with the same mean colour', () => {
		const bytes = fixtureBytes('odd-444.jpg');
		const full = decodeJpeg(bytes, fullSize);
		const small = decodeJpeg(bytes, fitWithin(12));
		expect([small.width, small.height]).toEqual([12, 7]);
		const mean = (image: RgbImage, k: number) => {
			let sum = 0;
			for (let i = k; i < image.data.length; i += 3) sum += image.data[i];
			return sum / (image.width * image.height);
		};
		for (const k of [0, 1, 2]) expect(Math.abs(mean(small, k) - mean(full, k))).toBeLessThan(3);
	});
});

describe('rasterPicture: boxes, line styles and numbers', () => {
	const page = encodePng(blank(400, 300));
	const file = { kind: 'png' as const, bytes: page, width: 400, height: 300 };
	const ret = [
		field('confident', 'a', 0.99, [40, 60, 120, 40]),
		field('review', 'b', 0.5, [220, 60, 120, 40]),
		field('none', 'c', null, [40, 180, 300, 60]),
		{ word_name: 'nowhere', word: 'd', probability: { average: 0.9 } },
		field('ten', 'e', 0.95, [200, 260, 20, 10]),
	];
	const picture = rasterPicture(documentOf(ret), file, { minConfidence: 0.8 });
	const shown = read(picture.png);

	it('shows the page at its size (no larger than 1600 px) as image/png, named -review.png', () => {
		expect([shown.width, shown.height]).toEqual([400, 300]);
		expect(picture.mimeType).toBe('image/png');
		expect(picture.fileName).toBe('page-review.png');
		expect(picture.counts).toEqual({ confident: 3, review: 1, none: 1 });
	});

	/** The share of the bottom edge's pixels in the class colour. */
	function inked(index: number): number {
		const drawn = picture.drawn[index];
		if (!drawn) throw new Error(`field ${index + 1} was not drawn`);
		const { box, cls } = drawn;
		let ink = 0;
		for (let x = box.x0; x <= box.x1; x++) if (same(shown.pixel(x, box.y1), COLOUR[cls])) ink++;
		return ink / (box.x1 - box.x0 + 1);
	}

	it('draws each class in its colour: solid all along, dashed with gaps, dotted with more', () => {
		expect(picture.drawn.slice(0, 3).map((d) => d?.cls)).toEqual(['confident', 'review', 'none']);
		const [solid, dashed, dotted] = [inked(0), inked(1), inked(2)];
		expect(solid).toBe(1);
		const dash = dashPattern('dashed', 2);
		const dot = dashPattern('dotted', 2);
		expect(dashed).toBeCloseTo(dash.ink / (dash.ink + dash.gap), 1);
		expect(dotted).toBeCloseTo(dot.ink / (dot.ink + dot.gap), 1);
		expect(dotted).toBeLessThan(dashed - 0.15);
		// The gaps show the white halo, not the line's colour.
		const { box } = picture.drawn[1] as NonNullable<(typeof picture.drawn)[number]>;
		const gaps = [];
		for (let x = box.x0; x <= box.x1; x++) {
			if (!same(shown.pixel(x, box.y1), COLOUR.review)) gaps.push(shown.pixel(x, box.y1));
		}
		expect(gaps.length).toBeGreaterThan(5);
		for (const gap of gaps) expect(Math.min(...gap)).toBeGreaterThan(200);
	});

	it('numbers each box in Baidu’s order in a tag at its top left corner', () => {
		expect(picture.drawn.map((d) => d?.number)).toEqual([1, 2, 3, undefined, 5]);
		for (const drawn of picture.drawn) {
			if (!drawn) continue;
			const { tag, box, cls, number } = drawn;
			// Against the outside of the line (2 px, centred): just above, or just below.
			expect(tag.x).toBe(box.x0 - 1);
			expect([box.y0 - 1, box.y1 + 1]).toContain(tag.y + (tag.y < box.y0 ? tag.height : 0));
			const text = cls === 'review' ? [0, 0, 0] : [255, 255, 255];
			const digits = String(number);
			let expectedInk = 0;
			for (const digit of digits) {
				for (let y = 0; y < 7; y++)
					for (let x = 0; x < 5; x++) if (digitPixel(digit, x, y)) expectedInk++;
			}
			let ink = 0;
			let background = 0;
			for (let y = tag.y; y < tag.y + tag.height; y++) {
				for (let x = tag.x; x < tag.x + tag.width; x++) {
					if (same(shown.pixel(x, y), text)) ink++;
					else if (same(shown.pixel(x, y), COLOUR[cls])) background++;
				}
			}
			expect(ink).toBe(expectedInk); // one pixel per font pixel below 500 px
			expect(background + ink).toBe(tag.width * tag.height);
		}
	});

	it('draws the digits of the number, not just any ink: "1" and "5" differ', () => {
		const glyph = (index: number) => {
			const { tag } = picture.drawn[index] as NonNullable<(typeof picture.drawn)[number]>;
			const rows: string[] = [];
			for (let y = 0; y < 7; y++) {
				let row = '';
				for (let x = 0; x < 5; x++)
					row += same(shown.pixel(tag.x + 2 + x, tag.y + 2 + y), [255, 255, 255]) ? '#' : '.';
				rows.push(row);
			}
			return rows;
		};
		const expected = (digit: string) =>
			Array.from({ length: 7 }, (_, y) =>
				Array.from({ length: 5 }, (_, x) => (digitPixel(digit, x, y) ? '#' : '.')).join(''),
			);
		expect(glyph(0)).toEqual(expected('1'));
		expect(glyph(4)).toEqual(expected('5'));
	});

	it('tints inside each box, under a white halo on both sides of its line, and nowhere else', () => {
		// 2 px lines: the line on the box's first and last two columns (one outside, one on the
		// edge), the 4 px halo one further each way, the 10 % tint inside.
		const drawn = picture.drawn[0] as NonNullable<(typeof picture.drawn)[number]>;
		const { x0, x1, y0, y1 } = drawn.box;
		const tint = COLOUR.confident.map((c) => Math.round(255 * 0.9 + c * 0.1));
		const haloOnTint = tint.map((t) => Math.round(t * 0.15 + 255 * 0.85));
		const [midX, midY] = [Math.round((x0 + x1) / 2), Math.round((y0 + y1) / 2)];
		expect(shown.pixel(midX, midY)).toEqual(tint);
		expectAt(
			shown,
			[
				[x0 + 2, midY],
				[x1 - 3, midY],
				[midX, y0 + 2],
				[midX, y1 - 3],
			],
			tint,
		);
		expectAt(
			shown,
			[
				[x0 + 1, midY],
				[x1 - 2, midY],
				[midX, y0 + 1],
				[midX, y1 - 2],
			],
			haloOnTint,
		);
		expectAt(
			shown,
			[
				[x0, midY],
				[x1, midY],
				[midX, y1],
			],
			COLOUR.confident,
		);
		expectAt(
			shown,
			[
				[x0 - 2, midY],
				[x1 + 1, midY],
				[x1 + 2, midY],
				[midX, y1 + 2],
			],
			[255, 255, 255],
		);
		// A dashed line's gaps show the halo over the tint, to the box's last column and row.
		const dashed = picture.drawn[1] as NonNullable<(typeof picture.drawn)[number]>;
		const reviewTint = COLOUR.review.map((c) => Math.round(255 * 0.9 + c * 0.1));
		const gapColour = reviewTint.map((t) => Math.round(t * 0.15 + 255 * 0.85));
		const gaps: number[][] = [];
		for (let y = dashed.box.y0 + 3; y <= dashed.box.y1 - 3; y++)
			gaps.push(shown.pixel(dashed.box.x1, y));
		for (let x = dashed.box.x0 + 3; x <= dashed.box.x1 - 3; x++)
			gaps.push(shown.pixel(x, dashed.box.y1));
		const inGaps = gaps.filter((pixel) => !same(pixel, COLOUR.review));
		expect(inGaps.length).toBeGreaterThan(10);
		for (const pixel of inGaps) expect(pixel).toEqual(gapColour);
	});

	it('puts a tag below its box, against the line, where above there is no room or another box', () => {
		const layout = rasterPicture(
			documentOf([
				// At the top edge: no room above.
				field('top', 'a', 0.99, [200, 0, 100, 30]),
				// A box, and one whose top left corner touches it: a tag above the second would
				// cover the first box's line.
				field('first', 'b', 0.99, [40, 100, 100, 30]),
				field('second', 'c', 0.99, [139, 131, 60, 30]),
				// Clear of both boxes: its tag goes above.
				field('third', 'd', 0.99, [200, 131, 60, 30]),
			]),
			file,
		);
		const [top, , second, third] = layout.drawn as Array<
			NonNullable<(typeof layout.drawn)[number]>
		>;
		expect(third.tag.y + third.tag.height).toBe(third.box.y0 - 1);
		expect(top.tag.y).toBe(top.box.y1 + 1);
		expect(second.tag.y).toBe(second.box.y1 + 1);
		expect(second.tag.x).toBe(second.box.x0 - 1);
	});

	it('leaves the page as it was away from the boxes', () => {
		expect(shown.pixel(390, 10)).toEqual([255, 255, 255]);
		expect(shown.pixel(150, 150)).toEqual([255, 255, 255]);
	});
});

describe('rasterPicture: the page', () => {
	it('shrinks a large image to 1600 px on its longer side, boxes with it', () => {
		const bytes = encodePng(blank(3200, 800, 230));
		const picture = rasterPicture(documentOf([field('x', 'y', 0.9, [800, 400, 1600, 300])]), {
			kind: 'png',
			bytes,
			width: 3200,
			height: 800,
		});
		expect([picture.width, picture.height]).toEqual([1600, 400]);
		expect(picture.drawn[0]?.box).toEqual({ x0: 400, y0: 200, x1: 1199, y1: 349 });
		const shown = read(picture.png);
		expect(shown.pixel(10, 10)).toEqual([230, 230, 230]);
		expect(shown.pixel(800, 200)).toEqual(COLOUR.confident);
		// 3 px lines and 3 px font pixels at this size.
		expect(shown.pixel(800, 201)).toEqual(COLOUR.confident);
		expect(picture.drawn[0]?.tag.height).toBe(7 * 3 + 2 * 4);
	});

	it('draws a real image: the ticket’s own pixels where no box is', () => {
		const file = checkedSample('train-ticket.jpg');
		const picture = rasterPicture(recordedDocument('train-ticket.jpg'), file);
		const ticket = decodeJpeg(readFileSync(join(SAMPLES, 'train-ticket.jpg')));
		const shown = read(picture.png);
		expect([shown.width, shown.height]).toEqual([ticket.width, ticket.height]);
		const at = (820 + 520 * ticket.width) * 3;
		expect(shown.pixel(820, 520)).toEqual([...ticket.data.subarray(at, at + 3)]);
		expect(picture.note).toBeUndefined();
	});

	it('draws a PDF page as a blank page of its CropBox shape, at least 1000 px', () => {
		const picture = rasterPicture(recordedDocument('invoice.pdf'), checkedSample('invoice.pdf'));
		// invoice.pdf is 960 x 600 pt.
		expect([picture.width, picture.height]).toEqual([1000, 625]);
		expect(picture.note).toMatch(/^PDF page \(960 x 600 pt\)/);
		const shown = read(picture.png);
		expect(shown.pixel(500, 600)).toEqual([255, 255, 255]);
		// The page's edge, a pixel wide on all four sides.
		const edge = [0x8c, 0x95, 0x9f];
		expectAt(
			shown,
			[
				[0, 300],
				[999, 300],
				[500, 0],
				[500, 624],
			],
			edge,
		);
		expect(shown.pixel(1, 300)).toEqual([255, 255, 255]);
		expect(shown.pixel(998, 300)).toEqual([255, 255, 255]);
		expect(picture.drawn.filter(Boolean).length).toBe(picture.drawn.length);
	});

	it('draws a URL’s boxes on a blank page just larger than they are', () => {
		const picture = rasterPicture(
			documentOf([field('x', 'y', 0.9, [100, 100, 500, 300])]),
			undefined,
		);
		expect(picture.note).toMatch(/Baidu downloaded it/);
		expect(picture.width / picture.height).toBeCloseTo(624 / 416, 1);
	});

	it('draws boxes larger than 1600 units on a blank page of at most 1600 px', () => {
		const picture = rasterPicture(
			documentOf([field('x', 'y', 0.9, [100, 100, 3000, 1000])]),
			undefined,
		);
		// The page around them is 3224 x 1224 units (a margin of 4 % of 3100): 1600 px on its longer side.
		expect([picture.width, picture.height]).toEqual([1600, Math.round((1224 * 1600) / 3224)]);
		expect(picture.drawn[0]?.box.x1).toBeLessThan(1600);
	});

	it('draws the boxes on a blank page of the image’s size when the image does not decode', () => {
		const broken = Uint8Array.from(fixtureBytes('cmyk.jpg'));
		const picture = rasterPicture(documentOf([field('x', 'y', 0.9, [4, 4, 20, 10])]), {
			kind: 'jpeg',
			bytes: broken,
			width: 48,
			height: 32,
		});
		expect(picture.note).toBe('Image not drawn: the JPEG is CMYK or YCCK (four colour components)');
		expect([picture.width, picture.height]).toEqual([1000, Math.round((32 * 1000) / 48)]);
		expect(read(picture.png).pixel(500, 600)).toEqual([255, 255, 255]);
	});
});

describe('rasterPicture: line and digit sizes by the picture’s longer side', () => {
	/** A field's box in the middle of a blank W x H page, drawn; its tag and the shown pixels. */
	function drawnOn(width: number, height: number) {
		const bytes = encodePng(blank(width, height));
		const box = [Math.round(width / 4), Math.round(height / 4), 60, 40];
		const picture = rasterPicture(documentOf([field('x', 'y', 0.99, box)]), {
			kind: 'png',
			bytes,
			width,
			height,
		});
		const drawn = picture.drawn[0] as NonNullable<(typeof picture.drawn)[number]>;
		return { drawn, shown: read(picture.png) };
	}

	/** How many pixels of the line's colour run across the box's left edge, at its middle. */
	function lineWidth(width: number, height: number): number {
		const { drawn, shown } = drawnOn(width, height);
		const y = Math.round((drawn.box.y0 + drawn.box.y1) / 2);
		let count = 0;
		for (let x = drawn.box.x0 - 3; x <= drawn.box.x0 + 3; x++)
			if (same(shown.pixel(x, y), COLOUR.confident)) count++;
		return count;
	}

	it.each([
		[499, 200, 1, 2],
		[500, 200, 2, 2],
		[200, 500, 2, 2],
		[1199, 200, 2, 2],
		[1200, 200, 3, 3],
		[200, 1200, 3, 3],
	])('%i x %i px: digits at scale %i, lines %i px', (width, height, scale, line) => {
		const { drawn } = drawnOn(width, height);
		// The tag: the digit's 7 rows at the scale, and a padding of scale + 1 above and below.
		expect(drawn.tag.height).toBe(7 * scale + 2 * (scale + 1));
		expect(drawn.tag.width).toBe(5 * scale + 2 * (scale + 1));
		expect(lineWidth(width, height)).toBe(line);
	});
});

/** The text an SVG label shows. */
function shownText(group: XmlElement): string {
	return allElements(group)
		.filter((e) => e.name === 'text')
		.map(textOf)
		.join(' ');
}

describe('the same numbers as the SVG', () => {
	it('labels each SVG box with the number the PNG gives it (the ticket at 0.96)', () => {
		const document = recordedDocument('train-ticket.png');
		const file = checkedSample('train-ticket.png');
		const png = rasterPicture(document, file, { minConfidence: 0.96 });
		const svg = parseXml(reviewPicture(document, file, { minConfidence: 0.96 }).svg);
		const labels = byClass(svg, 'g', 'label').map(shownText);
		const svgNumbers = labels.map((text) => Number(/^#(\d+) /.exec(text)?.[1]));
		const pngNumbers = png.drawn.flatMap((d) => (d ? [d.number] : []));
		expect(svgNumbers).toEqual(pngNumbers);
		const svgClasses = byClass(svg, 'g', 'label').map((g) => g.attributes.get('class'));
		expect(svgClasses).toEqual(png.drawn.flatMap((d) => (d ? [`label ${d.cls}`] : [])));
	});
});
