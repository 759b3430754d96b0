/**
 * Combine Pages, the shape of the file item (output/combine.ts): fields of all pages in page
 * order, a field found on several pages a list with its pages beside it, plain lines of a page
 * Baidu could not structure, warnings once, the templates the pages matched.
 */
import type { IDataObject } from 'n8n-workflow';

import type { RecognisedDocument } from '../../nodes/BaiduIocr/model';
import { toCombinedEntry } from '../../nodes/BaiduIocr/output';

const source = { binaryProperty: 'data', fileName: 'contract.pdf', mimeType: 'application/pdf' };

function page(
	n: number,
	ret: Array<[string | null, string, number]>,
	extra: IDataObject = {},
	warnings: string[] = [],
): RecognisedDocument {
	return {
		source: { ...source, page: n, pageCount: 3 },
		warnings,
		logId: `10${n}`,
		data: {
			ret: ret.map(([name, word, average]) => ({
				...(name === null ? {} : { word_name: name }),
				word,
				probability: { average, min: average, variance: 0 },
			})),
			templateSign: 'invoice',
			scores: 1,
			isStructured: true,
			...extra,
		},
	};
}

const options = { mode: 'document' as const, includeInputFields: false };

describe('toCombinedEntry', () => {
	it('a field on pages 1 and 3 is a list with pages [1, 3]; one on page 2 only a value with page 2', () => {
		const { json, needsReview } = toCombinedEntry(
			[
				page(1, [
					['Number', '0881', 0.99],
					['Total', '100', 0.9],
				]),
				page(2, [['Item', 'Paper', 0.95]]),
				page(3, [['Total', '250', 0.8]]),
			],
			options,
			{},
		);
		expect(json.Number).toBe('0881');
		expect(json.Item).toBe('Paper');
		expect(json.Total).toEqual(['100', '250']);
		expect(json.pages).toEqual({ Number: 1, Total: [1, 3], Item: 2 });
		expect(json.confidence).toEqual({ Number: 0.99, Total: [0.9, 0.8], Item: 0.95 });
		expect(needsReview).toBe(false);
		expect(json).not.toHaveProperty('needsReview');
		const document = json.document as IDataObject;
		expect(document.source).toEqual({ ...source, pages: [1, 2, 3], pageCount: 3 });
		expect(document.templateSign).toBe('invoice');
		expect(document.isStructured).toBe(true);
		expect((document.pages as IDataObject[]).map((p) => [p.page, p.logId])).toEqual([
			[1, '101'],
			[2, '102'],
			[3, '103'],
		]);
	});

	it('a page Baidu could not structure gives lines with their pages, and the file needs review', () => {
		const { json, needsReview } = toCombinedEntry(
			[
				page(1, [['Number', '0881', 0.99]]),
				page(
					2,
					[
						[null, 'Terms and conditions', 0.97],
						['Junk', 'x', 0.9],
					],
					{
						isStructured: false,
						templateSign: null,
					},
				),
			],
			{ ...options, minConfidence: 0.5 },
			{},
		);
		expect(json.Number).toBe('0881');
		expect(json).not.toHaveProperty('Junk');
		expect(json.lines).toEqual(['Terms and conditions', 'x']);
		expect((json.pages as IDataObject).lines).toEqual([2, 2]);
		expect(needsReview).toBe(true);
		expect(json.needsReview).toBe(true);
		const document = json.document as IDataObject;
		expect(document.isStructured).toBe(false);
		expect(document.templateSign).toEqual(['invoice', null]);
		expect(document.warnings).toEqual([
			"Page 2: Baidu could not match the template's structure; these are plain recognised lines",
		]);
	});

	it('a warning of every page is said once; a field named "pages" is renamed, not overwritten', () => {
		const limit = 'Only the first 2 of the 3 selected pages of this PDF were sent';
		const { json } = toCombinedEntry(
			[page(1, [['pages', '2', 0.9]], {}, [limit]), page(2, [['Total', '5', 0.9]], {}, [limit])],
			options,
			{},
		);
		expect(json['pages (field)']).toBe('2');
		expect(json.pages).toEqual({ 'pages (field)': 1, Total: 2 });
		expect((json.document as IDataObject).warnings).toEqual([limit]);
	});

	it('a warning of some pages says which, once per page even if a page repeats it', () => {
		const smudge = 'Baidu flagged the scan as blurred';
		const { json } = toCombinedEntry(
			[
				page(1, [['Total', '5', 0.9]], {}, [smudge, smudge]),
				page(2, [['Item', 'Paper', 0.9]]),
				page(3, [['Item', 'Ink', 0.9]], {}, [smudge]),
			],
			options,
			{},
		);
		expect((json.document as IDataObject).warnings).toEqual([`Pages 1, 3: ${smudge}`]);
		const { json: one } = toCombinedEntry(
			[page(1, [['Total', '5', 0.9]], {}, [smudge, smudge]), page(2, [['Item', 'Paper', 0.9]])],
			options,
			{},
		);
		expect((one.document as IDataObject).warnings).toEqual([`Page 1: ${smudge}`]);
	});

	it('puts the input item’s fields first only when asked', () => {
		const pages = [page(1, [['Total', '5', 0.9]]), page(2, [['Item', 'Paper', 0.9]])];
		const input = { customer: 'ACME', Total: 'from input' };
		const asked = toCombinedEntry(pages, { ...options, includeInputFields: true }, input).json;
		expect(Object.keys(asked).slice(0, 4)).toEqual(['customer', 'Total', 'Total (field)', 'Item']);
		expect(asked.Total).toBe('from input');
		expect(asked['Total (field)']).toBe('5');
		const notAsked = toCombinedEntry(pages, options, input).json;
		expect(notAsked).not.toHaveProperty('customer');
		expect(notAsked.Total).toBe('5');
	});

	it('leaves out of the file’s source what n8n did not know (a binary without a file name)', () => {
		const pages = [page(1, [['Total', '5', 0.9]]), page(2, [['Item', 'Paper', 0.9]])].map(
			(document) => ({ ...document, source: { ...document.source, fileName: undefined } }),
		);
		const { json } = toCombinedEntry(pages, options, {});
		expect((json.document as IDataObject).source).toStrictEqual({
			binaryProperty: 'data',
			mimeType: 'application/pdf',
			pages: [1, 2],
			pageCount: 3,
		});
	});
});
