import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import type { RecognisedDocument } from '../../../nodes/BaiduIocr/model';
import {
	PICTURE_DEFAULT_MINIMUM,
	reviewPicture,
	type PictureFile,
	type ReviewPictureOptions,
} from '../../../nodes/BaiduIocr/output/picture';
import { CLASS_STYLE, labelFontSize } from '../../../nodes/BaiduIocr/output/picture/layout';
import { handMade } from '../../input/handMadePdf';
import { checkedSample, documentOf, field, recordedDocument, recording, SAMPLES } from './examples';
import { allElements, byClass, parseXml, textOf, type XmlElement } from './xml';

const assetTag: PictureFile = {
	kind: 'png',
	bytes: readFileSync(join(SAMPLES, 'asset-tag.png')),
	width: 240,
	height: 96,
};

/** The picture, parsed by the strict checker (which throws if it is not well-formed XML). */
function draw(
	document: RecognisedDocument,
	file: PictureFile | null = assetTag,
	options: ReviewPictureOptions = {},
) {
	const picture = reviewPicture(document, file ?? undefined, options);
	return { picture, root: parseXml(picture.svg) };
}

const attributeNumber = (element: XmlElement, name: string) => Number(element.attributes.get(name));

/** The rectangle drawn in the box's colour (the second rect: the first is its white halo). */
function boxRect(group: XmlElement): XmlElement {
	return group.children.filter((c): c is XmlElement => 'name' in c && c.name === 'rect')[1];
}

/** What a group shows: its text elements (not its tooltip), one after another. */
function shownText(group: XmlElement): string {
	return allElements(group)
		.filter((e) => e.name === 'text')
		.map(textOf)
		.join(' ');
}

/** Everything the title strip shows. */
const titleText = (root: XmlElement) => byClass(root, 'g', 'title').map(shownText).join(' ');

/** The translation of the page group. */
function pageOrigin(root: XmlElement): { x: number; y: number } {
	const transform = byClass(root, 'g', 'page')[0].attributes.get('transform') ?? '';
	const match = /translate\(([-\d.]+) ([-\d.]+)\)/.exec(transform);
	if (!match) throw new Error(`no translation in '${transform}'`);
	return { x: Number(match[1]), y: Number(match[2]) };
}

/** Attributes that can make a renderer fetch something: only data: and local #ids may appear. */
const REFERENCE_ATTRIBUTES = ['href', 'xlink:href', 'src', 'style'];

function expectSelfContained(root: XmlElement): void {
	for (const element of allElements(root)) {
		expect(['script', 'foreignObject', 'style', 'a', 'iframe', 'use', 'link']).not.toContain(
			element.name,
		);
		for (const [name, value] of element.attributes) {
			expect(name.toLowerCase().startsWith('on')).toBe(false);
			if (REFERENCE_ATTRIBUTES.includes(name)) {
				expect(name === 'href' && value.startsWith('data:image/')).toBe(true);
			}
			// url(...) in a presentation attribute (fill, filter, mask, clip-path, ...) would load
			// something unless it names a local element; the picture uses none.
			if (name !== 'aria-label') expect(value).not.toMatch(/url\s*\(/i);
		}
	}
}

describe('reviewPicture', () => {
	describe('a well-formed, self-contained SVG', () => {
		const cases: Array<[string, number | null]> = [
			['train-ticket.png', 0.96],
			['train-ticket.jpg', null],
			['receipt.bmp', 0.8],
			['invoice.pdf', 0.97],
			['receipt-blurry.png', 0.8],
		];
		it.each(cases)('%s', (sample, minConfidence) => {
			const { picture, root } = draw(recordedDocument(sample), checkedSample(sample), {
				minConfidence,
			});
			expect(root.name).toBe('svg');
			expect(root.attributes.get('xmlns')).toBe('http://www.w3.org/2000/svg');
			expect(picture.mimeType).toBe('image/svg+xml');
			expectSelfContained(root);
			// The only http(s) text in the file is the SVG namespace.
			expect(picture.svg.match(/https?:\/\/[^"\s]*/g)).toEqual(['http://www.w3.org/2000/svg']);
			expect(byClass(root, 'g', 'field')).toHaveLength(recording(sample).ret.length);
		});

		it('embeds the image itself as a data: URI of its own type, byte for byte', () => {
			for (const [sample, type] of [
				['train-ticket.png', 'image/png'],
				['invoice.jpg', 'image/jpeg'],
				['receipt.bmp', 'image/bmp'],
			]) {
				const checked = checkedSample(sample);
				const { root, picture } = draw(recordedDocument(sample), checked);
				const images = allElements(root).filter((e) => e.name === 'image');
				expect(images).toHaveLength(1);
				const href = images[0].attributes.get('href') ?? '';
				const prefix = `data:${type};base64,`;
				expect(href.startsWith(prefix)).toBe(true);
				expect(
					Buffer.from(href.slice(prefix.length), 'base64').equals(Buffer.from(checked.bytes)),
				).toBe(true);
				expect(attributeNumber(images[0], 'width')).toBe(checked.width);
				expect(attributeNumber(images[0], 'height')).toBe(checked.height);
				// The image dominates: the rest of the picture is a few kilobytes.
				expect(picture.svg.length - href.length).toBeLessThan(20_000);
			}
		});

		it('is the same for the same input', () => {
			const make = () =>
				reviewPicture(recordedDocument('train-ticket.png'), checkedSample('train-ticket.png'), {
					minConfidence: 0.9,
				}).svg;
			expect(make()).toBe(make());
		});
	});

	describe('hostile field names and values', () => {
		const hostile = [
			'<script>alert(1)</script>',
			'</text></svg><svg onload="alert(1)">',
			'fish & chips &amp; &lt; &#0; &#x41;',
			`"double" 'single' \`back\``,
			']]> <![CDATA[ x ]]>',
			'<!-- comment --> <?pi x?> <!DOCTYPE x>',
			'nul\u0000 bell\u0007 esc\u001b vt\u000b ff\u000c',
			'lone \ud800 high, lone \udfff low, \ufffe \uffff',
			'line\nbreak\r\ncarriage\ttab',
			'right-to-left \u202eoverride\u202c and isolate \u2067x\u2069',
			'url(http://evil.example/x.png) href="http://evil.example"',
			'中文 值 😀 𠀀',
		];
		const ret = hostile.map((text, i) =>
			field(text, `${text} value`, 0.5 + i / 40, {
				left: 10 + i * 15,
				top: 10 + i * 6,
				width: 60,
				height: 5,
			}),
		);
		const document = documentOf(
			ret,
			{ templateSign: '<tpl & "sign">' },
			{
				fileName: '<evil & "file">\u0000.png',
			},
		);

		it.each([
			['an embedded image', assetTag],
			['a blank page (PDF)', { kind: 'pdf' } as PictureFile],
			['no file (URL input)', null],
		])('stay text on %s, escaped, with forbidden characters removed', (_what, file) => {
			const { root, picture } = draw(document, file, { minConfidence: 0.7 });
			expectSelfContained(root);
			expect(allElements(root).map((e) => e.name)).not.toContain('script');
			// (parseXml refuses them too; said here in so many words)
			const forbidden = [...picture.svg].filter((c) => {
				const code = c.codePointAt(0) ?? 0;
				const control = code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d;
				return control || code === 0xfffe || code === 0xffff || (code >= 0xd800 && code <= 0xdfff);
			});
			expect(forbidden).toEqual([]);
			const texts = allElements(root)
				.filter((e) => e.name === 'text' || e.name === 'title')
				.map(textOf)
				.join('\n');
			expect(texts).toContain('<script>alert(1)</script>');
			expect(texts).toContain('</text></svg><svg onload="alert(1)">');
			expect(texts).toContain('fish & chips &amp; &lt; &#0; &#x41;');
			expect(texts).toContain(`"double" 'single' \`back\``);
			expect(texts).toContain(']]> <![CDATA[ x ]]>');
			expect(texts).toContain('nul bell esc vt ff');
			expect(texts).toContain('中文 值 😀 𠀀');
			expect(texts).toContain('<tpl & "sign">');
			expect(texts).toContain('<evil & "file">.png');
			// Shown text is on one line and cannot be turned around.
			const shownTexts = allElements(root)
				.filter((e) => e.name === 'text')
				.map(textOf)
				.join('\n');
			expect(shownTexts).not.toMatch(/[\u202a-\u202e\u2066-\u2069\t\r]/);
			expect(shownTexts).toContain('line break  carriage tab');
		});

		it('gives a file name without path separators or reserved characters', () => {
			const { picture } = draw(document);
			expect(picture.fileName).toBe('_evil & _file__-review.svg');
			const names = [
				['../../etc/passwd', 'passwd-review.svg'],
				['C:\\temp\\x.jpg', 'x-review.svg'],
				['a:b*c?.png', 'a_b_c_-review.svg'],
				['...', 'document-review.svg'],
				['', 'document-review.svg'],
			];
			for (const [fileName, expected] of names) {
				expect(draw(documentOf([], {}, { fileName })).picture.fileName).toBe(expected);
			}
		});
	});

	describe('colour classes against the minimum', () => {
		const ret = [
			field('below', 'v', 0.79),
			field('equal', 'v', 0.8),
			field('above', 'v', 0.81),
			field('none', 'v'),
			field('empty', '  ', 0.99),
			field('empty without confidence', ''),
		];

		it('below: needs review; equal or above: confident; no confidence: its own class', () => {
			const { root, picture } = draw(documentOf(ret), assetTag, { minConfidence: 0.8 });
			const groups = byClass(root, 'g', 'field');
			expect(groups.map((g) => g.attributes.get('class'))).toEqual([
				'field review',
				'field confident',
				'field confident',
				'field none',
				'field review',
				'field none',
			]);
			for (const group of groups) {
				const cls = (group.attributes.get('class') ?? '').split(' ')[1] as keyof typeof CLASS_STYLE;
				expect(boxRect(group).attributes.get('stroke')).toBe(CLASS_STYLE[cls].colour);
			}
			expect(picture.counts).toEqual({ confident: 2, review: 2, none: 2 });
			// The three colours differ and the line style repeats the class.
			expect(new Set(Object.values(CLASS_STYLE).map((s) => s.colour)).size).toBe(3);
			const dashes = groups.map((g) => boxRect(g).attributes.get('stroke-dasharray'));
			expect(dashes[1]).toBeUndefined();
			expect(dashes[0]).toBeDefined();
			expect(dashes[3]).toBeDefined();
			expect(dashes[0]).not.toBe(dashes[3]);
		});

		it('shows confidences so that a value below the minimum never reads as reaching it', () => {
			const { root } = draw(
				documentOf([field('a', 'x', 0.79999), field('b', 'x', 0.8), field('c', 'x', 0.80499)]),
				assetTag,
				{ minConfidence: 0.805 },
			);
			const labels = byClass(root, 'g', 'label').map((g) =>
				textOf(
					g.children.find((c): c is XmlElement => 'name' in c && c.name === 'text') as XmlElement,
				),
			);
			expect(labels).toEqual(['#1 a: x · 79%', '#2 b: x · 80.0%', '#3 c: x · 80.4%']);
		});

		it('has a legend naming each class, its count and the minimum', () => {
			const { root } = draw(documentOf(ret), assetTag, { minConfidence: 0.8 });
			const legend = byClass(root, 'g', 'legend').map(shownText).join(' ');
			expect(legend).toContain('Minimum Confidence 80%');
			expect(legend).toContain('Confident, at least 80%: 2');
			expect(legend).toContain('Needs review, below 80% or empty: 2');
			expect(legend).toContain('No confidence from Baidu (?): 2');
		});

		it(`without a minimum compares with ${PICTURE_DEFAULT_MINIMUM}, as Route to Review Output does, and says so`, () => {
			for (const minConfidence of [undefined, null]) {
				const { root, picture } = draw(documentOf(ret), assetTag, { minConfidence });
				expect(picture.counts).toEqual({ confident: 2, review: 2, none: 2 });
				expect(byClass(root, 'g', 'legend').map(shownText).join(' ')).toContain(
					'Compared with 80% (no Minimum Confidence set)',
				);
			}
			const strict = draw(documentOf(ret), assetTag, { minConfidence: 0.9 }).picture.counts;
			expect(strict).toEqual({ confident: 0, review: 4, none: 2 });
		});

		it('marks every field of a document that needs review as a whole (plain lines)', () => {
			const lines = [field('ignored', 'line one', 0.99), field(null, 'line two')];
			const { root, picture } = draw(documentOf(lines, { isStructured: false }), assetTag, {
				minConfidence: 0.8,
			});
			expect(picture.counts).toEqual({ confident: 0, review: 1, none: 1 });
			expect(byClass(root, 'g', 'legend').map(shownText).join(' ')).toContain(
				'Needs review (the whole document): 1',
			);
			const title = titleText(root);
			expect(title).toContain('plain recognised lines');
			expect(byClass(root, 'g', 'label').map(shownText)).toEqual([
				'#1 line 1: line one · 99%',
				'#2 line 2: line two · ?',
			]);
		});

		it('takes other reasons for review from the caller (e.g. Field Types)', () => {
			const { picture } = draw(documentOf(ret), assetTag, {
				minConfidence: 0.8,
				alsoNeedsReview: (f) => f.name === 'above' || f.name === 'none',
			});
			expect(picture.counts).toEqual({ confident: 1, review: 3, none: 2 });
		});
	});

	describe('the page', () => {
		it('draws each box where Baidu located it, negative coordinates included', () => {
			const { root } = draw(
				recordedDocument('train-ticket.png'),
				checkedSample('train-ticket.png'),
			);
			const groups = byClass(root, 'g', 'field');
			const ret = recordedDocument('train-ticket.png').data.ret as Array<{ location: IDataObject }>;
			for (const [i, group] of groups.entries()) {
				const rect = boxRect(group);
				expect([
					attributeNumber(rect, 'x'),
					attributeNumber(rect, 'y'),
					attributeNumber(rect, 'width'),
					attributeNumber(rect, 'height'),
				]).toEqual([
					ret[i].location.left,
					ret[i].location.top,
					ret[i].location.width,
					ret[i].location.height,
				]);
			}
			// 检票口 sits 4 px above the image's top edge: inside the margin, still on the canvas.
			expect(attributeNumber(boxRect(groups[7]), 'y')).toBe(-4);
			expect(pageOrigin(root).y).toBeGreaterThan(4);
		});

		it('draws a PDF page of its MediaBox size, with the values written in their boxes', () => {
			const { root } = draw(recordedDocument('invoice.pdf'), checkedSample('invoice.pdf'));
			expect(allElements(root).some((e) => e.name === 'image')).toBe(false);
			const page = byClass(root, 'g', 'page')[0];
			const background = page.children[0] as XmlElement;
			expect([attributeNumber(background, 'width'), attributeNumber(background, 'height')]).toEqual(
				[960, 600],
			);
			const values = byClass(root, 'g', 'field').map((g) =>
				textOf(
					g.children.find((c): c is XmlElement => 'name' in c && c.name === 'text') as XmlElement,
				),
			);
			expect(values).toEqual([
				'1100182130',
				'08812345',
				'2024-03-15',
				'TIANJIN HUAXIN TRADING CO LTD',
				'¥1000.00',
				'¥130.00',
				'¥1130.00',
			]);
			// Labels name the field (the value is in the box).
			// The number is the field's place in Baidu's order, as on the PNG's boxes.
			expect(byClass(root, 'g', 'label').map(shownText)[0]).toBe('#1 发票代码 · 95%');
			expect(titleText(root)).toContain(
				'PDF page (960 x 600 pt), not rendered: values written in their boxes; box units taken as points',
			);
		});

		it('scales a PDF page when the boxes reach beyond it in points (rendered at 150 dpi)', () => {
			const letter = handMade([
				'<< /Type /Catalog /Pages 2 0 R >>',
				'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
				'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
			]);
			const ret = [field('total', '42.00', 0.9, { left: 1050, top: 1500, width: 200, height: 40 })];
			const { root } = draw(documentOf(ret), { kind: 'pdf', bytes: letter });
			const background = byClass(root, 'g', 'page')[0].children[0] as XmlElement;
			expect(attributeNumber(background, 'width')).toBe(1275);
			expect(attributeNumber(background, 'height')).toBe(1650);
			expect(titleText(root)).toContain('units taken as 1/150 inch');
			// A page whose size cannot be read: just larger than the boxes, and said so.
			const unknown = draw(documentOf(ret), { kind: 'pdf', bytes: Buffer.from('%PDF-1.4 junk') });
			const around = byClass(unknown.root, 'g', 'page')[0].children[0] as XmlElement;
			expect(attributeNumber(around, 'width')).toBeGreaterThanOrEqual(1250);
			expect(attributeNumber(around, 'height')).toBeGreaterThanOrEqual(1540);
			expect(titleText(unknown.root)).toContain('size unreadable');
		});

		it('draws boxes on a blank page just larger than they are for a URL (no file)', () => {
			const ret = [field('a', 'x', 0.9, { left: 100, top: 50, width: 400, height: 40 })];
			const { root } = draw(
				documentOf(
					ret,
					{},
					{ fileName: undefined, url: 'https://example.com/scans/ticket%201.jpg?sig=x' },
				),
				null,
			);
			const background = byClass(root, 'g', 'page')[0].children[0] as XmlElement;
			expect(attributeNumber(background, 'width')).toBeGreaterThanOrEqual(500);
			expect(attributeNumber(background, 'width')).toBeLessThan(560);
			expect(allElements(root).some((e) => e.name === 'image')).toBe(false);
			const title = titleText(root);
			expect(title).toContain('ticket 1.jpg');
			expect(title).not.toContain('sig=x');
		});

		it('lists the fields Baidu gave no box for below the page', () => {
			const ret = [
				field('located', 'x', 0.9),
				{ word_name: 'lost', word: 'y', probability: { average: 0.5 } },
			];
			const { root } = draw(documentOf(ret), assetTag, { minConfidence: 0.8 });
			const unlocated = byClass(root, 'g', 'unlocated');
			expect(unlocated).toHaveLength(1);
			expect(unlocated[0].attributes.get('class')).toBe('unlocated review');
			// Numbered in Baidu's order like every field, with or without a box.
			expect(textOf(unlocated[0])).toContain('#2 lost: y · 50%');
			expect(byClass(root, 'g', 'legend').map(shownText).join(' ')).toContain(
				'Without a box from Baidu (1):',
			);
		});

		it('draws an empty page, with the warning, when Baidu recognised nothing', () => {
			const { root, picture } = draw(documentOf([]), assetTag);
			expect(byClass(root, 'g', 'field')).toHaveLength(0);
			expect(picture.counts).toEqual({ confident: 0, review: 0, none: 0 });
			expect(titleText(root)).toContain('Baidu recognised no fields in this document');
		});
	});

	describe('the title strip', () => {
		it('names the file, the page of the PDF and the template', () => {
			const document = documentOf(
				[],
				{ templateSign: '2b404fb9fb05aa69b2772de64f9030b1' },
				{
					fileName: 'invoice-multipage.pdf',
					page: 2,
					pageCount: 3,
				},
			);
			const { root, picture } = draw(document, {
				kind: 'pdf',
				bytes: readFileSync(join(SAMPLES, 'invoice-multipage.pdf')),
			});
			const title = titleText(root);
			expect(title).toContain('invoice-multipage.pdf · page 2 of 3');
			expect(title).toContain('Template 2b404fb9fb05aa69b2772de64f9030b1');
			expect(picture.fileName).toBe('invoice-multipage-p2-review.svg');
			// The whole picture has the same name for screen readers and as a tooltip.
			expect(root.attributes.get('aria-label')).toContain('invoice-multipage.pdf · page 2 of 3');
			expect(root.attributes.get('role')).toBe('img');
		});

		it('names the receipt of a mixed sheet and a classifier score', () => {
			const document = {
				...documentOf([], { scores: 0.87 }, { fileName: 'sheet.jpg' }),
				receiptIndex: 1,
			};
			const { root, picture } = draw(document);
			const title = titleText(root);
			expect(title).toContain('sheet.jpg · receipt 2');
			expect(title).toContain('classifier score 0.87');
			expect(picture.fileName).toBe('sheet-receipt2-review.svg');
		});

		it('wraps a long file name rather than losing it on a narrow picture', () => {
			const fileName = `${'very-long-name-'.repeat(8)}.png`;
			const { root } = draw(documentOf([], {}, { fileName }));
			const title = byClass(root, 'g', 'title').map(textOf).join('');
			expect(title.replace(/\s/g, '')).toContain(fileName);
		});
	});

	describe('sizes', () => {
		const sized = (width: number, height: number) =>
			draw(
				documentOf([
					field('名称', '值', 0.9, {
						left: width / 10,
						top: height / 10,
						width: width / 5,
						height: height / 20,
					}),
				]),
				{
					...assetTag,
					width,
					height,
				},
			).root;
		const labelFont = (root: XmlElement) =>
			Number(
				(
					byClass(root, 'g', 'label')[0].children.find(
						(c): c is XmlElement => 'name' in c && c.name === 'text',
					) as XmlElement
				).attributes.get('font-size'),
			);

		it('scales the label font with the image so that it reads the same when fitted to a screen', () => {
			const small = labelFont(sized(400, 300));
			const large = labelFont(sized(4000, 3000));
			expect(small).toBe(12);
			expect(large).toBeCloseTo(66.7, 1);
			// Fitted to a 1000 px wide screen, a 4000 px page's labels are 16 px: legible.
			expect((large * 1000) / 4000).toBeGreaterThanOrEqual(12);
			// A 400 px page shown at its own size keeps 12 px labels.
			expect(labelFontSize(400, 300)).toBe(12);
			expect(labelFontSize(300, 4000)).toBe(labelFontSize(4000, 300));
		});

		it('keeps the canvas close to the page: margins grow with the font, not more', () => {
			const root = sized(4000, 3000);
			const width = attributeNumber(root, 'width');
			const height = attributeNumber(root, 'height');
			expect(width).toBeGreaterThan(4000);
			expect(width).toBeLessThan(4000 * 1.1);
			expect(height).toBeLessThan(3000 * 1.35);
			expect(root.attributes.get('viewBox')).toBe(`0 0 ${width} ${height}`);
			// A very small image still gets a canvas wide enough for the legend.
			expect(attributeNumber(sized(100, 60), 'width')).toBeGreaterThanOrEqual(12 * 34);
		});

		it('uses a font list that includes the common CJK fonts', () => {
			const family = sized(400, 300).attributes.get('font-family') ?? '';
			for (const font of ['Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC']) {
				expect(family).toContain(`'${font}'`);
			}
			expect(family.trim().endsWith('sans-serif')).toBe(true);
		});

		it('clamps wild coordinates instead of drawing an enormous page', () => {
			const ret = [field('wild', 'x', 0.9, { left: 1e30, top: -1e30, width: 1e300, height: 5 })];
			const { root } = draw(documentOf(ret), null);
			expect(attributeNumber(root, 'width')).toBeLessThan(300_000);
			expect(attributeNumber(root, 'height')).toBeLessThan(300_000);
		});
	});
});
