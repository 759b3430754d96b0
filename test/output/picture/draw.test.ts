/**
 * What the review picture draws (output/picture/draw.ts), checked as a reviewer would see it:
 * each box's tooltip says everything about its field; a value written in its box (a page that
 * is not the image) stays inside the box; labels, the legend and the title strip keep their
 * text inside their own backgrounds and on the canvas; review and no-confidence lines are
 * dashed and dotted.
 */
import type { IDataObject } from 'n8n-workflow';

import { reviewPicture, type PictureFile } from '../../../nodes/BaiduIocr/output/picture';
import { textWidth } from '../../../nodes/BaiduIocr/output/picture/layout';
import { checkedSample, documentOf, field, recordedDocument } from './examples';
import { allElements, byClass, parseXml, textOf, type XmlElement } from './xml';

const n = (element: XmlElement, name: string) => Number(element.attributes.get(name));
const childrenNamed = (group: XmlElement, name: string) =>
	group.children.filter((c): c is XmlElement => 'name' in c && c.name === name);

/** A group's children by element name ('text node' for text between elements). */
const childNames = (group: XmlElement) =>
	group.children.map((c) => ('name' in c ? c.name : 'text node'));

/** The picture of these fields on a blank page (no file: the values are written in the boxes). */
function blank(ret: unknown[], options = {}) {
	return parseXml(reviewPicture(documentOf(ret), undefined, options).svg);
}

function withImage(
	ret: unknown[],
	file: PictureFile = checkedSample('asset-tag.png') as PictureFile,
) {
	return parseXml(reviewPicture(documentOf(ret), file, {}).svg);
}

/** Each text element with the rectangle behind it: the nearest earlier rect in its group or strip. */
function textsOnBackgrounds(root: XmlElement) {
	const pairs: Array<{ text: XmlElement; background: XmlElement; where: string }> = [];
	for (const group of byClass(root, 'g', 'label')) {
		pairs.push({
			text: childrenNamed(group, 'text')[0],
			background: childrenNamed(group, 'rect')[0],
			where: 'label',
		});
	}
	for (const strip of [
		...byClass(root, 'g', 'title'),
		...byClass(root, 'g', 'legend').filter((g) => g.attributes.get('class') === 'legend'),
	]) {
		const background = childrenNamed(strip, 'rect')[0];
		for (const text of allElements(strip).filter((e) => e.name === 'text')) {
			pairs.push({ text, background, where: strip.attributes.get('class') ?? '' });
		}
	}
	return pairs;
}

/** Checks that every label, title and legend text lies inside its background; how many there were. */
function expectTextOnBackgrounds(root: XmlElement): number {
	const pairs = textsOnBackgrounds(root);
	for (const { text, background, where } of pairs) {
		const size = n(text, 'font-size');
		const [x, y] = [n(text, 'x'), n(text, 'y')];
		const [left, top] = [n(background, 'x'), n(background, 'y')];
		const context = `${where}: ${textOf(text)}`;
		expect({ context, inside: x >= left }).toEqual({ context, inside: true });
		expect({
			context,
			inside: x + textWidth(textOf(text), size) <= left + n(background, 'width') + 0.5,
		}).toEqual({ context, inside: true });
		// The baseline leaves room for the letters above it and the descenders below.
		expect({ context, inside: y - size * 0.8 >= top - 0.5 }).toEqual({ context, inside: true });
		expect({ context, inside: y + size * 0.2 <= top + n(background, 'height') + 0.5 }).toEqual({
			context,
			inside: true,
		});
	}
	return pairs.length;
}

const tooltips = (root: XmlElement) =>
	byClass(root, 'g', 'field').map((g) => textOf(childrenNamed(g, 'title')[0]));

describe('a box’s tooltip: everything about its field, in full', () => {
	it('number, name, value, confidence and class, and the box as Baidu gave it', () => {
		const root = blank(
			[
				field('total', '42.00', 0.9, { left: 10, top: 20, width: 100, height: 30 }),
				field('date', '   ', 0.5, { left: 10, top: 60, width: 100, height: 30 }),
				// Baidu gave a corner but no size: the size is shown as unknown.
				field('code', 'A1', undefined, { left: 10, top: 100 }),
			],
			{ minConfidence: 0.8 },
		);
		expect(tooltips(root)).toEqual([
			'#1 total: 42.00 · 90% (confident) · box 10, 20, 100 x 30',
			'#2 date: (empty) · 50% (needs review) · box 10, 60, 100 x 30',
			'#3 code: A1 · ? (no confidence) · box 10, 100, ? x ?',
		]);
		// The label says the same in short, with the value in the box (a blank page).
		expect(byClass(root, 'g', 'label').map((g) => textOf(childrenNamed(g, 'text')[0]))).toEqual([
			'#1 total · 90%',
			'#2 date · 50%',
			'#3 code · ?',
		]);
	});

	it('a plain line (the document did not match its template) is called by its number', () => {
		const root = parseXml(
			reviewPicture(
				documentOf([field(null, 'x', 0.9), field(null, 'y', 0.9)], { isStructured: false }),
				undefined,
			).svg,
		);
		expect(tooltips(root).map((tip) => tip.split(':')[0])).toEqual(['#1 line 1', '#2 line 2']);
	});

	it('on the image, the label carries the value too', () => {
		const root = withImage([field('total', '42.00', 0.9), field('date', ' ', 0.9)]);
		expect(byClass(root, 'g', 'label').map((g) => textOf(childrenNamed(g, 'text')[0]))).toEqual([
			'#1 total: 42.00 · 90%',
			'#2 date: (empty) · 90%',
		]);
		// No value is written over the image.
		expect(byClass(root, 'g', 'field').map((g) => childrenNamed(g, 'text'))).toEqual([[], []]);
	});
});

describe('a value written in its box (a page that is not the image)', () => {
	const valueIn = (location: IDataObject, word = '42.00') => {
		const root = blank([field('v', word, 0.9, location)]);
		const group = byClass(root, 'g', 'field')[0];
		const [value] = childrenNamed(group, 'text');
		const labelText = childrenNamed(byClass(root, 'g', 'label')[0], 'text')[0];
		return { value, font: n(labelText, 'font-size'), box: childrenNamed(group, 'rect')[1] };
	};

	it.each([
		['a short value in a wide box', { left: 10, top: 20, width: 300, height: 30 }, '42.00'],
		[
			'a long value in a narrow box',
			{ left: 10, top: 20, width: 40, height: 30 },
			'TIANJIN HUAXIN TRADING CO LTD',
		],
		[
			'a box narrower than its value is high',
			{ left: 10, top: 20, width: 10, height: 30 },
			'42.00',
		],
		['a tall box', { left: 10, top: 20, width: 600, height: 200 }, '42.00'],
		['a flat box', { left: 10, top: 20, width: 300, height: 2 }, '42.00'],
	])('%s: starts at its left edge and sits on its middle', (_name, location, word) => {
		const { value, box, font } = valueIn(location, word);
		const [x, y, size] = [n(value, 'x'), n(value, 'y'), n(value, 'font-size')];
		const left = n(box, 'x');
		expect(x).toBeGreaterThan(left);
		expect(x).toBeLessThanOrEqual(left + Math.min(size * 0.15, n(box, 'width') * 0.05) + 0.01);
		// The baseline is below the middle by about a third of the size (the text's middle on it).
		const middle = n(box, 'y') + n(box, 'height') / 2;
		expect(y - middle).toBeCloseTo(size * 0.36, 1);
		// Between 0.6 and 3 label fonts, whatever the box.
		expect(size).toBeGreaterThanOrEqual(font * 0.6 - 0.01);
		expect(size).toBeLessThanOrEqual(font * 3 + 0.01);
		// It ends inside the box (squeezed if it had to be).
		const squeezed = value.attributes.get('textLength');
		const drawnWidth = squeezed ? Number(squeezed) : textWidth(word, size);
		expect(x + drawnWidth).toBeLessThanOrEqual(left + n(box, 'width') * 1.1);
	});

	it('a value that fits is written at 72 % of the box height, within 0.7 to 3 label fonts, unsqueezed', () => {
		const { value, font } = valueIn({ left: 10, top: 20, width: 600, height: 30 });
		expect(n(value, 'font-size')).toBeCloseTo(
			Math.min(Math.max(30 * 0.72, font * 0.7), font * 3),
			5,
		);
		expect(value.attributes.has('textLength')).toBe(false);
		expect(value.attributes.has('lengthAdjust')).toBe(false);
		const tall = valueIn({ left: 10, top: 20, width: 2000, height: 400 });
		expect(n(tall.value, 'font-size')).toBeCloseTo(tall.font * 3, 5);
		const flat = valueIn({ left: 10, top: 20, width: 600, height: 2 });
		expect(n(flat.value, 'font-size')).toBeCloseTo(flat.font * 0.7, 5);
	});

	it('a value wider than its box is made smaller to fit it, down to 0.6 label fonts', () => {
		const word = 'TIANJIN HUAXIN';
		const wide = valueIn({ left: 10, top: 20, width: 600, height: 30 }, word);
		const natural = n(wide.value, 'font-size');
		const width = textWidth(word, natural) * 0.8;
		const narrow = valueIn({ left: 10, top: 20, width, height: 30 }, word);
		// Made smaller by the box's share of its natural width: it now fits exactly.
		expect(n(narrow.value, 'font-size')).toBeCloseTo(natural * 0.8, 3);
		expect(narrow.value.attributes.has('textLength')).toBe(false);
	});

	it('a value that still does not fit at 0.6 label fonts is squeezed to 96 % of its box', () => {
		const { value, font } = valueIn(
			{ left: 10, top: 20, width: 30, height: 30 },
			'TIANJIN HUAXIN TRADING',
		);
		expect(n(value, 'font-size')).toBeCloseTo(font * 0.6, 5);
		expect(n(value, 'textLength')).toBeCloseTo(30 * 0.96, 5);
		expect(value.attributes.get('lengthAdjust')).toBe('spacingAndGlyphs');
		// A box without width still gets a text of at least one unit.
		// Its size is not shrunk towards a width of nothing: it stays the box height's.
		const zero = valueIn({ left: 10, top: 20, width: 0, height: 30 });
		expect(n(zero.value, 'textLength')).toBe(1);
		expect(n(zero.value, 'font-size')).toBeCloseTo(
			Math.min(Math.max(30 * 0.72, font * 0.7), font * 3),
			5,
		);
	});

	it('an empty value (spaces only) writes nothing in its box', () => {
		const root = blank([field('v', '   ', 0.9, { left: 10, top: 20, width: 300, height: 30 })]);
		const group = byClass(root, 'g', 'field')[0];
		expect(childNames(group)).toEqual(['title', 'rect', 'rect']);
	});
});

describe('the page under the boxes', () => {
	it('a blank page is white with a grey border half a box line wide, at least one unit', () => {
		for (const root of [blank([field('a', 'x', 0.9)]), withImage([field('a', 'x', 0.9)])]) {
			const background = byClass(root, 'g', 'page')[0].children[0] as XmlElement;
			const boxLine = n(childrenNamed(byClass(root, 'g', 'field')[0], 'rect')[1], 'stroke-width');
			expect(background.attributes.get('fill')).toBe('#FFFFFF');
			expect(background.attributes.get('stroke')).toBe('#8C959F');
			expect(n(background, 'stroke-width')).toBe(Math.max(1, boxLine * 0.5));
		}
		// A large image has thick box lines: the border is half of one.
		const large = withImage([field('a', 'x', 0.9)], {
			...(checkedSample('asset-tag.png') as PictureFile),
			width: 4000,
			height: 3000,
		});
		const boxLine = n(childrenNamed(byClass(large, 'g', 'field')[0], 'rect')[1], 'stroke-width');
		expect(boxLine).toBeGreaterThan(2);
		const background = byClass(large, 'g', 'page')[0].children[0] as XmlElement;
		expect(n(background, 'stroke-width')).toBeCloseTo(boxLine * 0.5, 5);
	});
});

describe('each box and its label', () => {
	it('a white halo under the box line, wider than it, on the same rectangle', () => {
		const root = withImage([field('a', 'x', 0.9, { left: 10, top: 20, width: 100, height: 30 })]);
		const group = byClass(root, 'g', 'field')[0];
		// Only the tooltip and the two rectangles: nothing is written over the image.
		expect(childNames(group)).toEqual(['title', 'rect', 'rect']);
		const [halo, line] = childrenNamed(group, 'rect');
		for (const name of ['x', 'y', 'width', 'height']) expect(n(halo, name)).toBe(n(line, name));
		expect(halo.attributes.get('stroke')).toBe('#FFFFFF');
		expect(halo.attributes.get('fill')).toBe('none');
		expect(n(halo, 'stroke-width')).toBeCloseTo(n(line, 'stroke-width') * 2.6, 1);
	});

	it('a box Baidu gave with a negative width or height is drawn over the same area', () => {
		const root = blank([field('a', 'x', 0.9, { left: 110, top: 50, width: -100, height: -30 })]);
		const line = childrenNamed(byClass(root, 'g', 'field')[0], 'rect')[1];
		expect([n(line, 'x'), n(line, 'y'), n(line, 'width'), n(line, 'height')]).toEqual([
			10, 20, 100, 30,
		]);
	});

	it('a label is bold, with corners rounded by a quarter of its font size', () => {
		const root = blank([field('a', 'x', 0.9)]);
		const group = byClass(root, 'g', 'label')[0];
		const text = childrenNamed(group, 'text')[0];
		expect(text.attributes.get('font-weight')).toBe('bold');
		expect(n(childrenNamed(group, 'rect')[0], 'rx')).toBeCloseTo(n(text, 'font-size') * 0.25, 1);
	});

	/** The label rectangle of each field, in page units. */
	const labelRects = (root: XmlElement) =>
		byClass(root, 'g', 'label').map((g) => childrenNamed(g, 'rect')[0]);

	it('boxes at the page’s edges: labels just outside the page, in its margin', () => {
		// asset-tag.png is 240 x 96: a box on each edge, and one above the bottom one.
		const root = withImage([
			field('top', 'x', 0.9, { left: 0, top: 0, width: 60, height: 20 }),
			field('bottom', 'x', 0.9, { left: 120, top: 76, width: 60, height: 20 }),
			field('above bottom', 'x', 0.9, { left: 120, top: 56, width: 60, height: 20 }),
		]);
		const [top, bottom] = labelRects(root);
		// Above the box at the top edge, starting where the box starts.
		expect(n(top, 'x')).toBe(0);
		expect(n(top, 'y') + n(top, 'height')).toBeCloseTo(0, 5);
		// Below the box at the bottom edge (a box sits above it).
		expect(n(bottom, 'y')).toBe(96);
		expectTextOnBackgrounds(root);
	});

	it('a label is at most as wide as its box or 18 fonts, and never wider than the canvas', () => {
		const long = 'a field name long enough to need far more than eighteen fonts of room';
		const small = blank([field(long, 'x', 0.9, { left: 10, top: 20, width: 100, height: 30 })]);
		const [rect] = labelRects(small);
		const font = n(childrenNamed(byClass(small, 'g', 'label')[0], 'text')[0], 'font-size');
		expect(n(rect, 'width')).toBeLessThanOrEqual(font * 18);
		expect(n(rect, 'width')).toBeGreaterThan(font * 17);
		expectTextOnBackgrounds(small);
		// A box wider than the canvas: the label as wide as the canvas allows, its text inside.
		const wide = withImage([
			field(long.repeat(3), 'x', 0.9, { left: -20, top: 40, width: 1000, height: 20 }),
		]);
		const canvas = n(wide, 'width');
		const [wideRect] = labelRects(wide);
		const wideFont = n(childrenNamed(byClass(wide, 'g', 'label')[0], 'text')[0], 'font-size');
		expect(n(wideRect, 'width')).toBeLessThanOrEqual(canvas - 0.8 * wideFont + 0.01);
		expect(n(wideRect, 'width')).toBeGreaterThan(canvas - 2 * wideFont);
		expectTextOnBackgrounds(wide);
	});
});

describe('the title strip', () => {
	it('rows 1.25 sizes apart, the heading bold and larger, the strip one padding past the last', () => {
		const root = blank([field('a', 'x', 0.9)]);
		const strip = byClass(root, 'g', 'title')[0];
		const rows = childrenNamed(strip, 'text');
		const font = n(childrenNamed(byClass(root, 'g', 'label')[0], 'text')[0], 'font-size');
		// The heading, the template line and the page's note (here on two rows).
		expect(rows).toHaveLength(4);
		rows.forEach((row, k) => {
			expect(n(row, 'font-size')).toBeCloseTo(font * (k === 0 ? 1.2 : 0.95), 2);
			expect(row.attributes.get('font-weight')).toBe(k === 0 ? 'bold' : undefined);
		});
		// Each row's bottom (a quarter of its size under the baseline) is the next row's top.
		let bottom = font * 0.6;
		for (const row of rows) {
			const size = n(row, 'font-size');
			expect(n(row, 'x')).toBeCloseTo(font * 0.6, 1);
			expect(n(row, 'y')).toBeCloseTo(bottom + size, 1);
			bottom += size * 1.25;
		}
		expect(n(childrenNamed(strip, 'rect')[0], 'height')).toBeCloseTo(bottom + font * 0.6, 1);
		expect(strip.children.every((c) => 'name' in c)).toBe(true);
		expect(childrenNamed(strip, 'rect')[0].attributes.get('fill')).toBe('#FFFFFF');
		expect(byClass(root, 'g', 'page')[0].children.every((c) => 'name' in c)).toBe(true);
	});

	it('at most three of the document’s warnings, after the page’s note (an image has none)', () => {
		const warned = (count: number, file?: PictureFile) => {
			const document = documentOf([field('a', 'x', 0.9)]);
			document.warnings = Array.from({ length: count }, (_v, i) => `warning ${i + 1}`);
			const root = parseXml(reviewPicture(document, file, {}).svg);
			return childrenNamed(byClass(root, 'g', 'title')[0], 'text').map(textOf);
		};
		const image = checkedSample('asset-tag.png') as PictureFile;
		expect(warned(0, image)).toEqual(['scan.png', 'Template abc123']);
		expect(warned(5, image)).toEqual([
			'scan.png',
			'Template abc123',
			'warning 1',
			'warning 2',
			'warning 3',
		]);
	});

	it('the page is centred with a margin of 1.9 fonts (whole units) on a page wider than 34 fonts', () => {
		const image = { ...(checkedSample('asset-tag.png') as PictureFile), width: 4000, height: 3000 };
		const root = withImage([field('a', 'x', 0.9)], image);
		const font = n(childrenNamed(byClass(root, 'g', 'label')[0], 'text')[0], 'font-size');
		const margin = Math.ceil(font * 1.9);
		expect(n(root, 'width')).toBe(4000 + 2 * margin);
		expect(byClass(root, 'g', 'page')[0].attributes.get('transform')).toMatch(
			new RegExp(`^translate\\(${margin} `),
		);
	});

	it('an XML file on a grey canvas: the page starts a margin under the title strip', () => {
		const svg = reviewPicture(documentOf([field('a', 'x', 0.9)]), undefined, {}).svg;
		expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')).toBe(true);
		const root = parseXml(svg);
		const canvas = childrenNamed(root, 'rect')[0];
		expect([n(canvas, 'x'), n(canvas, 'y'), n(canvas, 'width'), n(canvas, 'height')]).toEqual([
			0,
			0,
			n(root, 'width'),
			n(root, 'height'),
		]);
		expect(canvas.attributes.get('fill')).toBe('#EEF0F3');
		// Shapes hold nothing (an empty element is written <rect …/>).
		for (const shape of allElements(root).filter((e) => ['rect', 'image'].includes(e.name))) {
			expect(shape.children).toEqual([]);
		}
		const font = n(childrenNamed(byClass(root, 'g', 'label')[0], 'text')[0], 'font-size');
		const title = childrenNamed(byClass(root, 'g', 'title')[0], 'rect')[0];
		const transform = byClass(root, 'g', 'page')[0].attributes.get('transform') ?? '';
		const pageY = Number(/ ([\d.]+)\)$/.exec(transform)?.[1]);
		expect(pageY).toBe(Math.ceil(n(title, 'height')) + Math.ceil(font * 1.9));
	});

	it('a long name wraps within the strip’s padding', () => {
		const root = parseXml(
			reviewPicture(
				documentOf([field('a', 'x', 0.9)], {}, { fileName: `${'long name '.repeat(30)}.png` }),
				undefined,
			).svg,
		);
		const strip = byClass(root, 'g', 'title')[0];
		const [first] = childrenNamed(strip, 'text');
		const font = n(first, 'font-size') / 1.2;
		expect(textWidth(textOf(first), n(first, 'font-size'))).toBeGreaterThan(
			n(root, 'width') - 3 * font * 0.6,
		);
		expectTextOnBackgrounds(root);
	});
});

describe('lines that say how sure Baidu is', () => {
	it('confident: solid; needs review: dashes twice as long as their gaps; no confidence: dots', () => {
		const root = blank([field('a', 'x', 0.9), field('b', 'y', 0.5), field('c', 'z')], {
			minConfidence: 0.8,
		});
		const dashes = byClass(root, 'g', 'field').map((g) => {
			const rect = childrenNamed(g, 'rect')[1];
			const stroke = n(rect, 'stroke-width');
			return (rect.attributes.get('stroke-dasharray') ?? 'solid')
				.split(' ')
				.map((part) => (part === 'solid' ? part : Number(part) / stroke));
		});
		expect(dashes).toEqual([['solid'], [4, 2], [1, 1.5]]);
		// The legend's swatches are drawn the same way.
		const swatches = byClass(root, 'g', 'legend')
			.filter((g) => g.attributes.get('class') !== 'legend')
			.map((g) => childrenNamed(g, 'rect')[0].attributes.get('stroke-dasharray') ?? 'solid');
		expect(swatches).toEqual(
			dashes.map(
				(_d, i) =>
					childrenNamed(byClass(root, 'g', 'field')[i], 'rect')[1].attributes.get(
						'stroke-dasharray',
					) ?? 'solid',
			),
		);
	});
});

describe('text stays inside its background and on the canvas', () => {
	it.each(['train-ticket.png', 'asset-tag.png', 'invoice.pdf'])('%s', (sample) => {
		const root = parseXml(
			reviewPicture(recordedDocument(sample), checkedSample(sample) as PictureFile).svg,
		);
		const canvas = { width: n(root, 'width'), height: n(root, 'height') };
		expect(expectTextOnBackgrounds(root)).toBeGreaterThan(5);
		// The strips span the canvas, one under the other, and end on it.
		const title = childrenNamed(byClass(root, 'g', 'title')[0], 'rect')[0];
		const legend = childrenNamed(
			byClass(root, 'g', 'legend').find(
				(g) => g.attributes.get('class') === 'legend',
			) as XmlElement,
			'rect',
		)[0];
		expect(n(title, 'width')).toBe(canvas.width);
		expect(n(legend, 'width')).toBe(canvas.width);
		expect(n(legend, 'y')).toBeGreaterThanOrEqual(n(title, 'y') + n(title, 'height'));
		// The canvas is the legend's end rounded up to a whole unit.
		const end = n(legend, 'y') + n(legend, 'height');
		expect(end).toBeLessThanOrEqual(canvas.height);
		expect(end).toBeGreaterThan(canvas.height - 1);
	});
});

describe('the legend', () => {
	/** The legend strip (the group with class exactly "legend") and the label font. */
	function legendOf(root: XmlElement) {
		const strip = byClass(root, 'g', 'legend').find(
			(g) => g.attributes.get('class') === 'legend',
		) as XmlElement;
		const font = n(childrenNamed(strip, 'text')[0], 'font-size');
		return { strip, font };
	}
	/** The middle of a text's letters: its baseline less 0.36 of its size. */
	const middle = (text: XmlElement) => n(text, 'y') - n(text, 'font-size') * 0.36;

	it('a bold heading, then each class: a swatch and its words on one row, 1.7 fonts apart', () => {
		const root = blank([field('a', 'x', 0.9), field('b', 'y', 0.5), field('c', 'z')], {
			minConfidence: 0.8,
		});
		const { strip, font } = legendOf(root);
		expect(strip.children.every((c) => 'name' in c)).toBe(true);
		expect(childrenNamed(strip, 'rect')[0].attributes.get('fill')).toBe('#FFFFFF');
		const [heading] = childrenNamed(strip, 'text');
		expect(heading.attributes.get('font-weight')).toBe('bold');
		expect(n(heading, 'x')).toBeCloseTo(font * 0.6, 1);
		expect(middle(heading) - n(childrenNamed(strip, 'rect')[0], 'y')).toBeCloseTo(
			font * 0.6 + font * 0.85,
			1,
		);
		const entries = byClass(root, 'g', 'legend').filter((g) => g !== strip);
		expect(entries.map((g) => g.attributes.get('class'))).toEqual([
			'legend confident',
			'legend review',
			'legend none',
		]);
		expect(entries.map((g) => textOf(childrenNamed(g, 'text')[0]))).toEqual([
			'Confident, at least 80%: 1',
			'Needs review, below 80% or empty: 1',
			'No confidence from Baidu (?): 1',
		]);
		// With other reasons for review from the caller (Field Types), the review entry says so.
		const flagged = parseXml(
			reviewPicture(documentOf([field('a', 'x', 0.9)]), undefined, { alsoNeedsReview: () => true })
				.svg,
		);
		const review = byClass(flagged, 'g', 'legend').find(
			(g) => g.attributes.get('class') === 'legend review',
		) as XmlElement;
		expect(textOf(childrenNamed(review, 'text')[0])).toBe(
			'Needs review, below 80%, empty or flagged: 1',
		);
		let previousEnd = 0;
		let previousMiddle = middle(heading);
		for (const entry of entries) {
			const [swatch] = childrenNamed(entry, 'rect');
			const [words] = childrenNamed(entry, 'text');
			expect(n(swatch, 'width')).toBeCloseTo(font * 2.2, 1);
			expect(n(swatch, 'height')).toBeCloseTo(font * 1.7 * 0.56, 1);
			// The swatch's middle is the words' middle, one row under the heading's.
			expect(n(swatch, 'y') + n(swatch, 'height') / 2).toBeCloseTo(middle(words), 1);
			// On the row under the heading or under the entry before; half a font from swatch to
			// words; 1.2 fonts between entries on one row, a new row at the padding.
			const rowsDown = (middle(words) - previousMiddle) / (font * 1.7);
			expect(Math.abs(rowsDown - Math.round(rowsDown))).toBeLessThan(0.01);
			expect(previousMiddle === middle(heading) ? [1] : [0, 1]).toContain(Math.round(rowsDown));
			expect(n(words, 'x') - (n(swatch, 'x') + n(swatch, 'width'))).toBeCloseTo(font * 0.5, 1);
			if (Math.round(rowsDown) === 0)
				expect(n(swatch, 'x') - previousEnd).toBeCloseTo(font * 1.2, 1);
			else expect(n(swatch, 'x')).toBeCloseTo(font * 0.6, 1);
			previousEnd = n(words, 'x') + textWidth(textOf(words), font);
			previousMiddle = middle(words);
		}
		// No list of fields without a box when every field has one.
		expect(allElements(root).some((e) => textOf(e).startsWith('Without a box'))).toBe(false);
	});

	it('on a wide canvas the three classes share one row, 1.2 fonts apart', () => {
		const root = blank([field('a', 'x', 0.9, { left: 3000, top: 0, width: 100, height: 40 })]);
		const { strip, font } = legendOf(root);
		const entries = byClass(root, 'g', 'legend').filter((g) => g !== strip);
		const words = entries.map((g) => childrenNamed(g, 'text')[0]);
		const swatches = entries.map((g) => childrenNamed(g, 'rect')[0]);
		expect(new Set(words.map((w) => n(w, 'y')))).toEqual(new Set([n(words[0], 'y')]));
		for (const k of [1, 2]) {
			const end = n(words[k - 1], 'x') + textWidth(textOf(words[k - 1]), font);
			expect(n(swatches[k], 'x') - end).toBeCloseTo(font * 1.2, 1);
		}
	});

	it('entries that do not fit on a row start the next one, each inside the canvas', () => {
		// A narrow page: the canvas is 34 fonts wide, too narrow for the three entries side by side.
		const root = blank([field('a', 'x', 0.9, { left: 0, top: 0, width: 10, height: 10 })]);
		const { strip, font } = legendOf(root);
		const canvas = n(root, 'width');
		const entries = byClass(root, 'g', 'legend').filter((g) => g !== strip);
		const rows = entries.map((g) => middle(childrenNamed(g, 'text')[0]));
		expect(new Set(rows.map((y) => Math.round(y))).size).toBeGreaterThan(1);
		for (const [k, entry] of entries.entries()) {
			const [swatch] = childrenNamed(entry, 'rect');
			const [words] = childrenNamed(entry, 'text');
			expect(n(words, 'x') + textWidth(textOf(words), font)).toBeLessThanOrEqual(
				canvas - font * 0.6 + 0.01,
			);
			// An entry that starts a row starts at the padding, one row under the one before.
			if (k > 0 && rows[k] > rows[k - 1] + 1) {
				expect(n(swatch, 'x')).toBeCloseTo(font * 0.6, 1);
				expect(rows[k] - rows[k - 1]).toBeCloseTo(font * 1.7, 1);
			}
		}
		expectTextOnBackgrounds(root);
	});

	it('at any page width, no entry ends inside the right padding', () => {
		// Pages from 20 to 1,200 px wide: somewhere an entry's end falls just past the padding.
		const overruns: string[] = [];
		for (let width = 20; width <= 1200; width += 3) {
			const root = blank([field('a', 'x', 0.9, { left: 0, top: 0, width, height: 10 })], {
				minConfidence: 0.8,
			});
			const { strip, font } = legendOf(root);
			const canvas = n(root, 'width');
			for (const entry of byClass(root, 'g', 'legend').filter((g) => g !== strip)) {
				const [words] = childrenNamed(entry, 'text');
				const end = n(words, 'x') + textWidth(textOf(words), font);
				if (end > canvas - font * 0.6 + 0.01) overruns.push(`${width} px: ${end} of ${canvas}`);
			}
		}
		expect(overruns).toEqual([]);
	});

	it('the list of fields without a box: a bold heading 0.4 fonts below the classes, then a row each', () => {
		const root = blank([
			field('a', 'x', 0.9),
			{ word_name: 'lost', word: 'y' },
			{ word_name: 'gone', word: 'z' },
		]);
		const { strip, font } = legendOf(root);
		const texts = childrenNamed(strip, 'text');
		const heading = texts.find((t) => textOf(t).startsWith('Without a box')) as XmlElement;
		expect(textOf(heading)).toBe('Without a box from Baidu (2):');
		expect(heading.attributes.get('font-weight')).toBe('bold');
		const lastEntry = byClass(root, 'g', 'legend')
			.filter((g) => g !== strip)
			.pop() as XmlElement;
		expect(middle(heading) - middle(childrenNamed(lastEntry, 'text')[0])).toBeCloseTo(
			font * 2.1,
			1,
		);
		const rows = byClass(root, 'g', 'unlocated');
		rows.forEach((row, k) => {
			const [swatch] = childrenNamed(row, 'rect');
			const [words] = childrenNamed(row, 'text');
			expect(middle(words) - middle(heading)).toBeCloseTo(font * 1.7 * (k + 1), 1);
			expect(n(swatch, 'x')).toBeCloseTo(font * 0.6, 1);
			expect(n(words, 'x') - (n(swatch, 'x') + n(swatch, 'width'))).toBeCloseTo(font * 0.5, 1);
		});
		expectTextOnBackgrounds(root);
	});

	it('a long field without a box is cut to fit the canvas, with an ellipsis', () => {
		const root = blank([
			{ word_name: 'lost', word: 'a value far too long for the legend '.repeat(10) },
		]);
		const { font } = legendOf(root);
		const [row] = byClass(root, 'g', 'unlocated');
		const [words] = childrenNamed(row, 'text');
		expect(textOf(words).endsWith('…')).toBe(true);
		const end = n(words, 'x') + textWidth(textOf(words), font);
		expect(end).toBeLessThanOrEqual(n(root, 'width') - font * 0.6 + 0.01);
		expect(end).toBeGreaterThan(n(root, 'width') - font * 2);
	});
});

describe('the legend’s list of fields without a box', () => {
	it('shows the first 50 and says how many more there are', () => {
		const lost = Array.from({ length: 53 }, (_v, i) => ({ word_name: `f${i}`, word: 'x' }));
		const root = blank(lost);
		expect(byClass(root, 'g', 'unlocated')).toHaveLength(50);
		const texts = allElements(root)
			.filter((e) => e.name === 'text')
			.map(textOf);
		expect(texts).toContain('Without a box from Baidu (53):');
		expect(texts).toContain('… and 3 more (see the output items)');
		// One row under the other, in Baidu's order, the "more" line one row further down, all
		// inside the legend's background.
		const rows = byClass(root, 'g', 'unlocated').map((g) => n(childrenNamed(g, 'text')[0], 'y'));
		const step = rows[1] - rows[0];
		for (let i = 1; i < rows.length; i++) expect(rows[i] - rows[i - 1]).toBeCloseTo(step, 5);
		const more = allElements(root).find((e) => e.name === 'text' && textOf(e).includes('more'));
		expect(n(more as XmlElement, 'y') - rows[49]).toBeCloseTo(step, 5);
		expect(n(more as XmlElement, 'x')).toBe(
			n(childrenNamed(byClass(root, 'g', 'unlocated')[0], 'rect')[0], 'x'),
		);
		expectTextOnBackgrounds(root);
	});

	it('exactly 50 are all shown, with no "more"', () => {
		const lost = Array.from({ length: 50 }, (_v, i) => ({ word_name: `f${i}`, word: 'x' }));
		const texts = allElements(blank(lost))
			.filter((e) => e.name === 'text')
			.map(textOf);
		expect(texts.some((t) => t.includes('more (see the output items)'))).toBe(false);
	});
});
