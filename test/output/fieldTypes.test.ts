/**
 * Field Types in the output shapes (output/typing.ts, entries.ts, combine.ts): the typed value
 * where the text was, the text kept beside it, a text that does not read as its type left as
 * it is and flagged for review with the reason; nothing changes without the option, or in raw.
 */
import type { IDataObject } from 'n8n-workflow';

import type { FieldTypeRule, OutputOptions, RecognisedDocument } from '../../nodes/BaiduIocr/model';
import {
	toCombinedEntry,
	toOutputEntries,
	toRecognisedDocument,
} from '../../nodes/BaiduIocr/output';

const p = (average: number) => ({ average, min: average, variance: 0 });

const TICKET: IDataObject = {
	ret: [
		{ word_name: '车次', word: 'C2565', probability: p(0.98) },
		{ word_name: '日期', word: '2017年06月09日', probability: p(0.95) },
		{ word_name: '发车时间', word: '201706092107', probability: p(0.95) },
		{ word_name: '票价', word: '¥54.50', probability: p(0.6) },
		{ word_name: '合计金额', word: '壹仟贰佰叁拾肆元伍角陆分', probability: p(0.97) },
		{ word_name: '发票号码', word: '00123456', probability: p(0.99) },
	],
	templateSign: 'T1',
	scores: 1,
	isStructured: true,
};

const RULES: FieldTypeRule[] = [
	{ field: '日期', type: 'date' },
	{ field: '发车时间', type: 'dateTime' },
	{ field: '*金额*', type: 'amount' },
	{ field: '票价', type: 'amount' },
	{ field: '车次', type: 'number' },
];

function entries(data: IDataObject, options: OutputOptions, input: IDataObject = {}) {
	return toOutputEntries(
		toRecognisedDocument({ data, logId: '42' }, { url: 'https://x/t.png' }, []),
		options,
		input,
	);
}

describe('field mode with Field Types', () => {
	const options: OutputOptions = { mode: 'field', includeInputFields: false, fieldTypes: RULES };

	it('typed value as value, the text beside it; a failed parse stays text and needs review with its reason', () => {
		const result = entries(TICKET, options);
		expect(result.map(({ json }) => [json.field, json.value, json.text])).toEqual([
			['车次', 'C2565', 'C2565'],
			['日期', '2017-06-09', '2017年06月09日'],
			['发车时间', '2017-06-09T21:07', '201706092107'],
			['票价', 54.5, '¥54.50'],
			['合计金额', 1234.56, '壹仟贰佰叁拾肆元伍角陆分'],
			['发票号码', '00123456', undefined],
		]);
		// No minimum: only the failed parse is flagged, and only it has a reason.
		expect(result.map((entry) => entry.needsReview)).toEqual([
			true,
			false,
			false,
			false,
			false,
			false,
		]);
		expect(result.map(({ json }) => json.needsReview)).toEqual([
			true,
			false,
			false,
			false,
			false,
			false,
		]);
		expect(result[0].json.reviewReason).toBe('not a number');
		expect(result.slice(1).some(({ json }) => 'reviewReason' in json)).toBe(false);
	});

	it('keeps the keys in order, with text right after value', () => {
		const [, date] = entries(TICKET, options);
		expect(Object.keys(date.json)).toEqual([
			'field',
			'value',
			'text',
			'confidence',
			'location',
			'needsReview',
			'document',
		]);
		expect(date.json.document).toMatchObject({ templateSign: 'T1', logId: '42' });
	});

	it('a field without a matching rule is output exactly as without the option (no text key)', () => {
		const withTypes = entries(TICKET, options)[5].json;
		const without = entries(TICKET, { mode: 'field', includeInputFields: false })[5].json;
		const { needsReview, ...rest } = withTypes;
		expect(needsReview).toBe(false);
		expect(rest).toEqual(without);
	});

	it('adds type failures to the minimum’s reasons for review', () => {
		const result = entries(TICKET, { ...options, minConfidence: 0.9 });
		expect(result.map(({ json }) => [json.field, json.needsReview])).toEqual([
			['车次', true], // not a number
			['日期', false],
			['发车时间', false],
			['票价', true], // 0.6 < 0.9, though it parsed
			['合计金额', false],
			['发票号码', false],
		]);
		expect(result[3].json.value).toBe(54.5);
		expect(result[3].json).not.toHaveProperty('reviewReason');
	});

	it('an empty value under a rule stays empty text and needs review', () => {
		const [entry] = entries(
			{ ret: [{ word_name: '票价', word: '' }], isStructured: true },
			options,
		);
		expect(entry.json).toMatchObject({
			value: '',
			text: '',
			needsReview: true,
			reviewReason: 'not an amount: empty',
		});
		expect(entry.needsReview).toBe(true);
	});

	it('a Text rule keeps a field out of a wider pattern', () => {
		const textFirst: OutputOptions = {
			...options,
			fieldTypes: [
				{ field: '发票号码', type: 'text' },
				{ field: '*', type: 'number' },
			],
		};
		const result = entries(TICKET, textFirst);
		const invoice = result.find(({ json }) => json.field === '发票号码')?.json;
		expect(invoice).toMatchObject({ value: '00123456', needsReview: false });
		expect(invoice).not.toHaveProperty('text');
		// Without the Text rule the wide Number rule reads the id as a number, as asked.
		const numberOnly = entries(TICKET, {
			...options,
			fieldTypes: [{ field: '*', type: 'number' }],
		});
		expect(numberOnly.find(({ json }) => json.field === '发票号码')?.json).toMatchObject({
			value: 123456,
			text: '00123456',
		});
	});

	it('plain lines of a page Baidu could not structure are never typed', () => {
		const result = entries(
			{ ret: [{ word_name: '票价', word: '¥54.50', probability: p(0.99) }], isStructured: false },
			options,
		);
		expect(result[0].json).toMatchObject({ field: null, value: '¥54.50', needsReview: false });
		expect(result[0].json).not.toHaveProperty('text');
	});

	it('the node’s keys win over input keys named text or reviewReason', () => {
		const result = entries(
			TICKET,
			{ ...options, includeInputFields: true },
			{ text: 'mail body', reviewReason: 'x' },
		);
		expect(result[3].json).toMatchObject({ value: 54.5, text: '¥54.50' });
		expect(result[0].json).toMatchObject({ text: 'C2565', reviewReason: 'not a number' });
		// A field with no rule keeps the input's keys as they were.
		expect(result[5].json).toMatchObject({ text: 'mail body', reviewReason: 'x' });
	});

	it('a document with no fields still gives one entry, not flagged for types', () => {
		const [entry] = entries({ ret: [], isStructured: true }, options);
		expect(entry.json).toMatchObject({ field: null, value: null, needsReview: false });
		expect(entry.needsReview).toBe(false);
	});
});

describe('document mode with Field Types', () => {
	const options: OutputOptions = { mode: 'document', includeInputFields: false, fieldTypes: RULES };

	it('typed columns, texts keyed like confidence, the failed field in reviewFields and reviewReasons', () => {
		const [entry] = entries(TICKET, options);
		expect(entry.needsReview).toBe(true);
		expect(entry.json).toEqual({
			车次: 'C2565',
			日期: '2017-06-09',
			发车时间: '2017-06-09T21:07',
			票价: 54.5,
			合计金额: 1234.56,
			发票号码: '00123456',
			confidence: {
				车次: 0.98,
				日期: 0.95,
				发车时间: 0.95,
				票价: 0.6,
				合计金额: 0.97,
				发票号码: 0.99,
			},
			texts: {
				车次: 'C2565',
				日期: '2017年06月09日',
				发车时间: '201706092107',
				票价: '¥54.50',
				合计金额: '壹仟贰佰叁拾肆元伍角陆分',
			},
			needsReview: true,
			reviewFields: ['车次'],
			reviewReasons: { 车次: 'not a number' },
			document: {
				templateSign: 'T1',
				classifierScore: 1,
				isStructured: true,
				logId: '42',
				source: { url: 'https://x/t.png' },
				warnings: [],
			},
		});
	});

	it('when everything parses the document is not flagged, and the review keys are there, empty', () => {
		const [entry] = entries(TICKET, { ...options, fieldTypes: RULES.slice(0, 4) });
		expect(entry.needsReview).toBe(false);
		expect(entry.json).toMatchObject({ needsReview: false, reviewFields: [], reviewReasons: {} });
		expect(entry.json.车次).toBe('C2565');
		expect(entry.json.texts).not.toHaveProperty('车次');
	});

	it('with a minimum: confidence and type failures both listed, reasons only for types', () => {
		const [entry] = entries(TICKET, { ...options, minConfidence: 0.9 });
		expect(entry.json.reviewFields).toEqual(['车次', '票价']);
		expect(entry.json.reviewReasons).toEqual({ 车次: 'not a number' });
		expect(entry.json.票价).toBe(54.5);
	});

	it('a repeated name gives typed lists, texts and reasons parallel to them', () => {
		const [entry] = entries(
			{
				ret: [
					{ word_name: '金额', word: '¥1,200.00', probability: p(0.99) },
					{ word_name: '金额', word: '35O.00', probability: p(0.99) },
					{ word_name: '金额', word: '￥３５０．００', probability: p(0.99) },
				],
				isStructured: true,
			},
			options,
		);
		expect(entry.json.金额).toEqual([1200, '35O.00', 350]);
		expect(entry.json.texts).toEqual({ 金额: ['¥1,200.00', '35O.00', '￥３５０．００'] });
		expect(entry.json.reviewReasons).toEqual({ 金额: [null, 'not an amount', null] });
		expect(entry.json.reviewFields).toEqual(['金额']);
		expect(entry.json.confidence).toEqual({ 金额: [0.99, 0.99, 0.99] });
	});

	it('fields named texts or reviewReasons are renamed, only when Field Types are set', () => {
		const data = {
			ret: [
				{ word_name: 'texts', word: 'a' },
				{ word_name: 'reviewReasons', word: 'b' },
			],
			isStructured: true,
		};
		const [typed] = entries(data, options);
		expect(typed.json).toMatchObject({
			'texts (field)': 'a',
			'reviewReasons (field)': 'b',
			texts: {},
			reviewReasons: {},
		});
		const [plain] = entries(data, { mode: 'document', includeInputFields: false });
		expect(plain.json).toMatchObject({ texts: 'a', reviewReasons: 'b' });
	});

	it('a renamed field is still matched by its own name', () => {
		const [entry] = entries(
			{ ret: [{ word_name: 'confidence', word: '12%', probability: p(0.9) }], isStructured: true },
			{ ...options, fieldTypes: [{ field: 'confidence', type: 'number' }] },
		);
		expect(entry.json['confidence (field)']).toBe(0.12);
		expect(entry.json.texts).toEqual({ 'confidence (field)': '12%' });
		expect(entry.json.confidence).toEqual({ 'confidence (field)': 0.9 });
	});

	it('plain lines stay text and are not in texts', () => {
		const [entry] = entries(
			{ ret: [{ word_name: '票价', word: '¥54.50' }, { word: '¥54.50' }], isStructured: true },
			options,
		);
		expect(entry.json).toMatchObject({ 票价: 54.5, lines: ['¥54.50'], texts: { 票价: '¥54.50' } });
	});
});

describe('without Field Types, and in raw mode, nothing changes', () => {
	it('an empty rule list is no option at all', () => {
		for (const mode of ['field', 'document', 'raw'] as const) {
			const without = entries(TICKET, { mode, includeInputFields: false });
			const empty = entries(TICKET, { mode, includeInputFields: false, fieldTypes: [] });
			expect(empty).toEqual(without);
			expect(JSON.stringify(without.map(({ json }) => json))).not.toMatch(
				/"texts?"|reviewReason|needsReview/,
			);
		}
	});

	it('raw output is Baidu’s data, untyped and unflagged by types', () => {
		const [entry] = entries(TICKET, { mode: 'raw', includeInputFields: false, fieldTypes: RULES });
		expect(entry.needsReview).toBe(false);
		expect(entry.json).toEqual({
			data: TICKET,
			document: expect.objectContaining({ templateSign: 'T1' }),
		});
	});
});

describe('Combine Pages with Field Types', () => {
	const source = { binaryProperty: 'data', fileName: 'invoice.pdf', mimeType: 'application/pdf' };
	const page = (n: number, ret: Array<[string, string]>): RecognisedDocument => ({
		source: { ...source, page: n, pageCount: 3 },
		warnings: [],
		logId: `10${n}`,
		data: {
			ret: ret.map(([name, word]) => ({ word_name: name, word, probability: p(0.97) })),
			templateSign: 'invoice',
			isStructured: true,
		},
	});

	it('typed values of all pages, texts and reasons parallel to them and to pages', () => {
		const { json, needsReview } = toCombinedEntry(
			[
				page(1, [
					['发票号码', '08812345'],
					['金额', '¥1,200.00'],
					['开票日期', '2024年3月15日'],
				]),
				page(2, [['备注', '—']]),
				page(3, [['金额', '¥3５0.0O']]),
			],
			{
				mode: 'document',
				includeInputFields: false,
				fieldTypes: [
					{ field: '金额', type: 'amount' },
					{ field: '*日期', type: 'date' },
				],
			},
			{},
		);
		expect(json.金额).toEqual([1200, '¥3５0.0O']);
		expect(json.开票日期).toBe('2024-03-15');
		expect(json.发票号码).toBe('08812345');
		expect(json.pages).toEqual({ 发票号码: 1, 金额: [1, 3], 开票日期: 1, 备注: 2 });
		expect(json.texts).toEqual({ 金额: ['¥1,200.00', '¥3５0.0O'], 开票日期: '2024年3月15日' });
		expect(json.reviewReasons).toEqual({ 金额: [null, 'not an amount'] });
		expect(json.reviewFields).toEqual(['金额']);
		expect(json.needsReview).toBe(true);
		expect(needsReview).toBe(true);
		expect(Object.keys(json)).toEqual([
			'发票号码',
			'金额',
			'开票日期',
			'备注',
			'confidence',
			'texts',
			'pages',
			'needsReview',
			'reviewFields',
			'reviewReasons',
			'document',
		]);
	});
});
