/**
 * Field Types through the real engine (issue 15): the option as n8n stores it (a fixed
 * collection inside Options, its Date Format fields shown only for dates), typed values with
 * Baidu's text kept beside them, a text that does not read as its type reaching the Review
 * output, Combine Pages, and a rule that cannot be used stopping the run before any request.
 */
import type { IDataObject } from 'n8n-workflow';

import { runBaidu } from '../harness/run';
import { credentialsFor } from '../harness/setup';
import {
	CLASSIFIER,
	classifierParams,
	documentOf,
	financeParams,
	sampleItem,
	TEMPLATE,
	templateParams,
	useEmulator,
} from './helpers';

const emulator = useEmulator();

type Rule = { field: string; type: string; dateFormat?: string; datePattern?: string };
const fieldTypes = (...rules: Rule[]) => ({ fieldTypes: { rules } });

describe('One Item per Field', () => {
	const rules = fieldTypes(
		{ field: '票价', type: 'amount' },
		{ field: '日期', type: 'date' },
		{ field: '车次', type: 'number' },
	);

	it('typed values with the text kept; the value that is not a number goes to the Review output with its reason', async () => {
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: templateParams(TEMPLATE.trainTicket, {}, { ...rules, routeLowConfidence: true }),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		expect(run.main).toHaveLength(2);
		const [confident, review] = run.main;
		expect(confident.map(({ json }) => json.field)).toEqual([
			'始发站',
			'终点站',
			'日期',
			'座位',
			'票价',
			'姓名',
		]);
		const price = confident.find(({ json }) => json.field === '票价')?.json;
		expect(price).toMatchObject({ value: 54.5, text: '¥54.50', needsReview: false });
		expect(typeof price?.value).toBe('number');
		expect(confident.find(({ json }) => json.field === '日期')?.json).toMatchObject({
			value: '2018-03-10',
			text: '2018-03-10',
		});
		// A field without a rule is as it always was.
		expect(confident[0].json).toMatchObject({ field: '始发站', value: 'BEIJINGNAN' });
		expect(confident[0].json).not.toHaveProperty('text');

		// 车次 reads with confidence 0.98: only its type sends it to Review.
		const train = review.find(({ json }) => json.field === '车次');
		expect(train?.json).toMatchObject({
			value: 'C2565',
			text: 'C2565',
			needsReview: true,
			reviewReason: 'not a number',
		});
		expect(train?.pairedItem).toEqual({ item: 0 });
		expect(review.map(({ json }) => json.field)).toEqual(['车次', '检票口']);
	});

	it('without Field Types the same ticket sends 车次 to the Confident output, as text', async () => {
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: templateParams(TEMPLATE.trainTicket, {}, { routeLowConfidence: true }),
			credentials: credentialsFor(emulator().url),
		});
		expect(run.main[0].find(({ json }) => json.field === '车次')?.json).toMatchObject({
			value: 'C2565',
		});
		expect(run.main[0].find(({ json }) => json.field === '票价')?.json.value).toBe('¥54.50');
		expect(run.main[1].map(({ json }) => json.field)).toEqual(['检票口']);
	});
});

describe('One Item per Document', () => {
	it('a spreadsheet row with typed columns, the texts beside them, and review keys without a minimum', async () => {
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: templateParams(
				TEMPLATE.trainTicket,
				{ output: 'document' },
				fieldTypes(
					{ field: '票价', type: 'amount' },
					{ field: '日期', type: 'date', dateFormat: 'custom', datePattern: 'YYYY-DD-MM' },
					{ field: '*次', type: 'number' },
				),
			),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		expect(run.main).toHaveLength(1);
		const { json } = run.main[0][0];
		expect(json).toMatchObject({
			始发站: 'BEIJINGNAN',
			车次: 'C2565',
			// The Date Pattern reached the node: it is tried before the year-first layouts.
			日期: '2018-10-03',
			票价: 54.5,
			检票口: '',
			texts: { 车次: 'C2565', 日期: '2018-03-10', 票价: '¥54.50' },
			needsReview: true,
			reviewFields: ['车次'],
			reviewReasons: { 车次: 'not a number' },
		});
		expect(Object.keys(json.texts as IDataObject)).toEqual(['车次', '日期', '票价']);
		expect(documentOf(run.main[0][0]).templateSign).toBe(TEMPLATE.trainTicket);
	});

	it('Route to Review Output: a document whose value is not of its type goes to Review, the other stays Confident', async () => {
		const items = [sampleItem('receipt.bmp'), sampleItem('asset-tag.png')];
		const credentials = credentialsFor(emulator().url);
		const options = fieldTypes(
			{ field: '合计', type: 'amount' },
			{ field: '日期', type: 'date' },
			{ field: '小票号码', type: 'number' },
			{ field: '资产编号', type: 'number' },
		);
		const run = await runBaidu({
			items,
			parameters: classifierParams(
				CLASSIFIER.general,
				{ output: 'document' },
				{ ...options, routeLowConfidence: true },
			),
			credentials,
		});
		const untyped = await runBaidu({
			items,
			parameters: classifierParams(
				CLASSIFIER.general,
				{ output: 'document' },
				{ routeLowConfidence: true },
			),
			credentials,
		});

		expect(run.error).toBeUndefined();
		const [confident, review] = run.main;
		expect(confident.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(confident[0].json).toMatchObject({
			合计: 48.2,
			日期: '2024-03-16',
			小票号码: 482,
			texts: { 合计: '48.20', 日期: '2024-03-16', 小票号码: '000482' },
			needsReview: false,
			reviewFields: [],
			reviewReasons: {},
		});
		expect(review.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
		expect(review[0].json).toMatchObject({
			资产编号: 'AT-004217',
			needsReview: true,
			reviewFields: ['资产编号'],
			reviewReasons: { 资产编号: 'not a number' },
		});
		// Only the type sent it there: without Field Types both documents are confident.
		expect(untyped.main.map((output) => output.length)).toEqual([2, 0]);
		expect(untyped.main[0][1].json.资产编号).toBe('AT-004217');
	});

	it('Combine Pages: one row per file, typed lists parallel to texts and pages', async () => {
		const run = await runBaidu({
			items: [sampleItem('invoice-multipage.pdf')],
			parameters: financeParams(
				{ templateSign: TEMPLATE.vatInvoice },
				{ output: 'document', combinePages: true },
				fieldTypes({ field: '*额', type: 'amount' }, { field: '开票日期', type: 'date' }),
			),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		expect(run.main[0]).toHaveLength(1);
		const { json } = run.main[0][0];
		const texts = json.texts as Record<string, string[]>;
		expect(Object.keys(texts)).toEqual(['开票日期', '金额', '税额']);
		expect(json.pages).toMatchObject({ 金额: [1, 2, 3], 税额: [1, 2, 3], 开票日期: [1, 2, 3] });
		for (const key of ['金额', '税额']) {
			expect(texts[key]).toHaveLength(3);
			expect(json[key]).toEqual(texts[key].map((text) => Number(text)));
			for (const value of json[key] as unknown[]) expect(typeof value).toBe('number');
		}
		expect(json.开票日期).toEqual(texts['开票日期']);
		for (const value of json.开票日期 as string[]) expect(value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		// 价税合计 ends in 计, not 额: no rule, still text, not in texts.
		for (const value of json['价税合计'] as unknown[]) expect(typeof value).toBe('string');
		expect(json).toMatchObject({ needsReview: false, reviewFields: [], reviewReasons: {} });
	});
});

describe('Raw Response', () => {
	it('is Baidu’s data, untouched by Field Types', async () => {
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: templateParams(
				TEMPLATE.trainTicket,
				{ output: 'raw' },
				fieldTypes({ field: '*', type: 'number' }),
			),
			credentials: credentialsFor(emulator().url),
		});
		expect(run.error).toBeUndefined();
		expect(Object.keys(run.main[0][0].json).sort()).toEqual(['data', 'document']);
		const ret = (run.main[0][0].json.data as IDataObject).ret as IDataObject[];
		expect(ret.find((entry) => entry.word_name === '票价')?.word).toBe('¥54.50');
	});
});

describe('a rule that cannot be used stops the run before anything is sent', () => {
	it.each([
		[{ field: '  ', type: 'amount' }, /^Field Types, rule 2: no field name$/],
		[
			{ field: '日期', type: 'date', dateFormat: 'custom', datePattern: 'QQ' },
			/^Field Types, rule 2: the Date Pattern 'QQ' cannot be used: 'QQ' is not one of/,
		],
		[
			{ field: '日期', type: 'dateTime', dateFormat: 'custom', datePattern: '' },
			/^Field Types, rule 2: the Date Pattern is empty$/,
		],
	] as Array<[Rule, RegExp]>)('%j', async (rule, message) => {
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: templateParams(
				TEMPLATE.trainTicket,
				{},
				fieldTypes({ field: '票价', type: 'amount' }, rule),
			),
			credentials: credentialsFor(emulator().url),
		});
		expect(run.error?.message).toMatch(message);
		expect(emulator().recognitionRequests()).toEqual([]);
	});

	it('a Date Pattern left behind on a rule that is not a date is not read', async () => {
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: templateParams(
				TEMPLATE.trainTicket,
				{},
				fieldTypes({ field: '票价', type: 'amount', dateFormat: 'custom', datePattern: 'QQ' }),
			),
			credentials: credentialsFor(emulator().url),
		});
		expect(run.error).toBeUndefined();
		expect(run.main[0].find(({ json }) => json.field === '票价')?.json.value).toBe(54.5);
	});
});
