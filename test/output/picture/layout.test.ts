/**
 * The review picture's decisions before anything is drawn (output/picture/layout.ts): how a
 * confidence is written so that a value below the minimum never reads as reaching it, how large
 * labels are, how wide text is taken to be, how it is cut and wrapped, and where each label goes.
 */
import {
	fitText,
	formatConfidence,
	labelFontSize,
	placeLabels,
	textWidth,
	wrapText,
	type Rect,
} from '../../../nodes/BaiduIocr/output/picture/layout';

describe('formatConfidence: whole percent unless that would hide a value below the minimum', () => {
	it.each([
		[0.956, 0.8, '95%'],
		[0.8, 0.8, '80%'],
		// At or above the minimum: whole percent, rounded down, however close.
		[0.80499, 0.805, '80.4%'],
		[0.7999, 0.8, '79%'],
		// Rounded down to whole percent, 80.4 would read as 80 against a minimum of 80.5.
		[0.8049, 0.805, '80.4%'],
		[0.80549, 0.8055, '80.54%'],
		[0.805549, 0.80555, '80.554%'],
		[0.8055549, 0.805555, '80.5554%'],
		// Four decimals at most, even where the minimum has more.
		[0.80555549, 0.8055555, '80.5555%'],
		[0.9, 0.5, '90%'],
	])('%d against %d: %s', (average, minimum, shown) => {
		expect(formatConfidence(average, minimum)).toBe(shown);
	});
});

describe('labelFontSize: a 60th of the longer side, never below 12', () => {
	it.each([
		[400, 300, 12],
		[720, 100, 12],
		[100, 726, 12.1],
		[4000, 3000, 66.7],
		[3000, 4000, 66.7],
	])('%d x %d: %d', (width, height, size) => {
		expect(labelFontSize(width, height)).toBe(size);
	});
});

describe('textWidth: ems by kind of character, times the font size', () => {
	it.each([
		['A', 0.66],
		['Z', 0.66],
		['0', 0.66],
		['9', 0.66],
		['%', 0.66],
		['@', 0.66],
		['#', 0.66],
		['&', 0.66],
		['W', 0.66],
		['m', 0.66],
		['w', 0.66],
		['a', 0.56],
		['z', 0.56],
		['-', 0.56],
		[' ', 0.32],
		['.', 0.32],
		[',', 0.32],
		[':', 0.32],
		[';', 0.32],
		["'", 0.32],
		['|', 0.32],
		['!', 0.32],
		['i', 0.32],
		['l', 0.32],
		['(', 0.32],
		[')', 0.32],
		['[', 0.32],
		[']', 0.32],
	])('%j: %d em', (character, ems) => {
		expect(textWidth(character, 10)).toBeCloseTo(ems * 10, 10);
	});

	// Each range of wide characters (CJK, Hangul, full-width forms, emoji), at both ends and
	// just outside them.
	it.each([
		[0x10ff, false],
		[0x1100, true],
		[0x115f, true],
		[0x1160, false],
		[0x2e7f, false],
		[0x2e80, true],
		[0x4e2d, true],
		[0xa4cf, true],
		[0xa4d0, false],
		[0xabff, false],
		[0xac00, true],
		[0xd7a3, true],
		[0xd7a4, false],
		[0xf8ff, false],
		[0xf900, true],
		[0xfaff, true],
		[0xfb00, false],
		[0xfe2f, false],
		[0xfe30, true],
		[0xfe4f, true],
		[0xfe50, false],
		[0xfeff, false],
		[0xff00, true],
		[0xff60, true],
		[0xff61, false],
		[0xffdf, false],
		[0xffe0, true],
		[0xffe6, true],
		[0xffe7, false],
		[0x1f2ff, false],
		[0x1f300, true],
		[0x1f600, true],
	])('U+%s wide: %s', (code, wide) => {
		expect(textWidth(String.fromCodePoint(code), 10)).toBeCloseTo(wide ? 10 : 5.6, 10);
	});

	it('adds up over the text, one character (not UTF-16 unit) at a time', () => {
		expect(textWidth('Ai 中😀', 20)).toBeCloseTo((0.66 + 0.32 + 0.32 + 1 + 1) * 20, 10);
		expect(textWidth('', 20)).toBe(0);
	});
});

describe('fitText: cut to a width, with an ellipsis', () => {
	// At 10 units: 'a' is 5.6 wide, '…' 5.6.
	it.each([
		['abc', 16.8, 'abc'],
		['abcd', 16.8, 'ab…'],
		['abcdefgh', 28.1, 'abcd…'],
		['abcdefgh', 27.9, 'abc…'],
		['abcdefgh', 5.6, '…'],
		['abcdefgh', 1, '…'],
		// Not half of a surrogate pair.
		['😀😀😀', 25, '😀…'],
	])('%j in %d: %j', (value, width, fitted) => {
		expect(fitText(value, 10, width)).toBe(fitted);
		if (fitted !== '…') expect(textWidth(fitted, 10)).toBeLessThanOrEqual(width);
	});
});

describe('wrapText: lines of a width, at spaces where it can', () => {
	it.each([
		['', 100, 3, []],
		['   ', 100, 3, []],
		['  aaa bbb  ', 100, 3, ['aaa bbb']],
		// 'aaa bbb' is 36.8 wide at 10 units.
		['aaa bbb ccc', 36.9, 3, ['aaa bbb', 'ccc']],
		['aaa bbb ccc', 36.7, 3, ['aaa', 'bbb', 'ccc']],
		['aaa   bbb', 20, 3, ['aaa', 'bbb']],
		// A word too long for a line is broken between characters (CJK has no spaces).
		['aaaaaaaaaa', 16.8, 3, ['aaa', 'aaa', 'aa…']],
		['中文中文中文', 20, 3, ['中文', '中文', '中文']],
		// The last line allowed takes the rest, cut.
		['aaa bbb ccc ddd', 36.9, 2, ['aaa bbb', 'ccc ddd']],
		['aaa bbb ccc ddd eee', 36.9, 2, ['aaa bbb', 'ccc dd…']],
		['aaa bbb', 20, 1, ['aa…']],
		// A character wider than the line still makes progress, one per line.
		['中中', 5, 3, ['中', '中']],
		// A space just after what fits is where the line breaks.
		['aaa bbbbbbbbbb', 16.8, 2, ['aaa', 'bb…']],
		['ab cd ef', 25.7, 3, ['ab cd', 'ef']],
	] as Array<[string, number, number, string[]]>)(
		'%j in %d, %d lines: %j',
		(value, width, lines, wrapped) => {
			expect(wrapText(value, 10, width, lines)).toEqual(wrapped);
		},
	);
});

it('wrapText: a text exactly as wide as the line stays on it', () => {
	for (const value of ['aaa bbb', 'ab cd ef', '中文 中文']) {
		expect(wrapText(value, 10, textWidth(value, 10), 3)).toEqual([value]);
	}
});

describe('placeLabels: above the box, else below, else inside its top edge', () => {
	const bounds: Rect = { x: 0, y: 0, width: 500, height: 500 };
	const label = (box: Rect, width = 50, height = 20) => ({ box, width, height });
	const box = (x: number, y: number, width = 100, height = 30): Rect => ({ x, y, width, height });

	it('above the box when there is room', () => {
		expect(placeLabels([label(box(100, 100))], bounds)).toEqual([
			{ x: 100, y: 80, width: 50, height: 20 },
		]);
		// Exactly room enough above.
		expect(placeLabels([label(box(100, 20))], bounds)[0].y).toBe(0);
	});

	it('below a box at the top edge; inside its top edge when there is room for neither', () => {
		expect(placeLabels([label(box(100, 10))], bounds)[0].y).toBe(40);
		// Exactly room enough below.
		expect(placeLabels([label(box(100, 10, 100, 470))], bounds)[0].y).toBe(480);
		expect(placeLabels([label(box(100, 10, 100, 480))], bounds)[0].y).toBe(10);
	});

	it('a box beyond the bounds: the label is kept inside them, as near as it can be', () => {
		expect(placeLabels([label(box(100, -100))], bounds)[0].y).toBe(0);
		expect(placeLabels([label(box(100, 600))], bounds)[0].y).toBe(480);
		expect(placeLabels([label(box(-40, 100))], bounds)[0].x).toBe(0);
		expect(placeLabels([label(box(480, 100))], bounds)[0].x).toBe(450);
		// Wider than the bounds: as wide as they are.
		expect(placeLabels([label(box(100, 100), 900)], bounds)[0]).toEqual({
			x: 0,
			y: 80,
			width: 500,
			height: 20,
		});
	});

	it('bounds that do not start at 0 (the page’s margin)', () => {
		const margin: Rect = { x: -30, y: -30, width: 560, height: 560 };
		// No room above (it would start at -40): below.
		expect(placeLabels([label(box(-50, -20))], margin)[0]).toEqual({
			x: -30,
			y: 10,
			width: 50,
			height: 20,
		});
		expect(placeLabels([label(box(600, 520))], margin)[0]).toEqual({
			x: 480,
			y: 500,
			width: 50,
			height: 20,
		});
	});

	it('not over a label already placed: the next place is taken', () => {
		// Two boxes side by side: the second label's place above would cover the first label.
		const places = placeLabels([label(box(100, 100), 80), label(box(150, 100), 80)], bounds);
		expect(places[0]).toEqual({ x: 100, y: 80, width: 80, height: 20 });
		expect(places[1]).toEqual({ x: 150, y: 130, width: 80, height: 20 });
	});

	it('not over another box: below when a box sits just above', () => {
		const places = placeLabels([label(box(100, 100)), label(box(100, 75, 100, 10))], bounds);
		expect(places[0]).toEqual({ x: 100, y: 130, width: 50, height: 20 });
	});

	it('where every place covers something, the one covering least, labels counting double', () => {
		const boxes = [box(100, 100, 50, 30), box(100, 120, 50, 30), box(100, 150, 50, 30)];
		const places = placeLabels(
			boxes.map((b) => label(b)),
			bounds,
		);
		// Box 1: above covers box 0 (20 x 50 = 1000); below covers box 2 (20 x 50 = 1000);
		// inside covers box 0 (10 x 50 = 500) and box 2 (0): inside is cheapest.
		expect(places[1].y).toBe(120);
		// A label covered counts double. Box 1 reaches the bottom (no room below): above, its
		// label would cover 20 x 20 of label 0; inside its top edge, 20 x 20 of box 0. Inside wins.
		const tall = (x: number) => ({ x, y: 200, width: 50, height: 300 });
		const crowded = placeLabels([label(tall(130)), label(tall(100))], bounds);
		expect(crowded[0]).toEqual({ x: 130, y: 180, width: 50, height: 20 });
		expect(crowded[1]).toEqual({ x: 100, y: 200, width: 50, height: 20 });
	});
});
