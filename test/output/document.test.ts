import type { IDataObject } from 'n8n-workflow';

import type { OutputOptions } from '../../nodes/BaiduIocr/model';
import { toOutputEntries, toRecognisedDocument } from '../../nodes/BaiduIocr/output';
import { documentKeys } from '../../nodes/BaiduIocr/output/entries';
import { UNSTRUCTURED_WARNING } from '../../nodes/BaiduIocr/output/view';

const source = { url: 'https://example.com/ticket.png' };
const documentMode: OutputOptions = { mode: 'document', includeInputFields: false };
const p = (average: number) => ({ average, min: average, variance: 0 });

function entryOf(data: IDataObject, options: OutputOptions = documentMode, input: IDataObject = {}) {
	const entries = toOutputEntries(
		toRecognisedDocument({ data, logId: '153206517722624' }, source, []),
		options,
		input,
	);
	expect(entries).toHaveLength(1);
	return entries[0];
}

describe('document mode', () => {
	it('puts field values flat at the top level with per-field confidence', () => {
		const entry = entryOf({
			ret: [
				{ word_name: '始发站', word: 'Beijing', probability: p(0.99) },
				{ word_name: '终点站', word: '天津', probability: p(0.97) },
				{ word_name: '座位', word: '' },
			],
			templateSign: 'T1',
			scores: 1,
			isStructured: true,
		});
		expect(entry).toEqual({
			needsReview: false,
			json: {
				始发站: 'Beijing',
				终点站: '天津',
				座位: '',
				confidence: { 始发站: 0.99, 终点站: 0.97, 座位: null },
				document: {
					templateSign: 'T1',
					classifierScore: 1,
					isStructured: true,
					logId: '153206517722624',
					source: { url: 'https://example.com/ticket.png' },
					warnings: [],
				},
			},
		});
		expect(Object.keys(entry.json)).toEqual(['始发站', '终点站', '座位', 'confidence', 'document']);
	});

	it('makes a list, in order, where a name repeats', () => {
		const entry = entryOf({
			ret: [
				{ word_name: 'item', word: 'tea', probability: p(0.9) },
				{ word_name: 'total', word: '30' },
				{ word_name: 'item', word: 'rice', probability: p(0.8) },
			],
			isStructured: true,
		});
		expect(entry.json.item).toEqual(['tea', 'rice']);
		expect(entry.json.total).toBe('30');
		expect(entry.json.confidence).toEqual({ item: [0.9, 0.8], total: null });
	});

	it('renames a field that collides with a reserved key; metadata is never overwritten', () => {
		const entry = entryOf({
			ret: [
				{ word_name: 'confidence', word: 'high' },
				{ word_name: 'document', word: 'passport' },
				{ word_name: 'needsReview', word: 'no' },
				{ word_name: 'reviewFields', word: 'x' },
				{ word_name: 'lines', word: '3' },
				{ word_name: '__proto__', word: 'evil' },
				{ word_name: 'confidence (field)', word: 'already taken' },
			],
			templateSign: 'T9',
			isStructured: true,
		});
		expect(entry.json['confidence (field)']).toBe('high');
		expect(entry.json['document (field)']).toBe('passport');
		expect(entry.json['needsReview (field)']).toBe('no');
		expect(entry.json['reviewFields (field)']).toBe('x');
		expect(entry.json['lines (field)']).toBe('3');
		expect(Object.prototype.hasOwnProperty.call(entry.json, '__proto__ (field)')).toBe(true);
		expect(entry.json['__proto__ (field)']).toBe('evil');
		expect(Object.getPrototypeOf(entry.json)).toBe(Object.prototype);
		expect(entry.json['confidence (field) (field)']).toBe('already taken');
		expect((entry.json.document as IDataObject).templateSign).toBe('T9');
		expect(entry.json).not.toHaveProperty('needsReview');
		expect(entry.json).not.toHaveProperty('lines');
		expect(Object.keys(entry.json.confidence as IDataObject)).toContain('confidence (field)');
	});

	it('numbers further collisions', () => {
		expect([...documentKeys(['a', 'a (field)', 'b'], ['a', 'a (field)'])]).toEqual([
			['a', 'a (field 2)'],
			['a (field)', 'a (field) (field)'],
			['b', 'b'],
		]);
	});

	it('gives an unstructured document its plain lines', () => {
		const entry = entryOf({ ret: [{ word: 'Line one' }, { word: 'Line two' }], isStructured: false });
		expect(entry.json).toMatchObject({ lines: ['Line one', 'Line two'], confidence: {} });
		expect(entry.json.document).toMatchObject({ isStructured: false, warnings: [UNSTRUCTURED_WARNING] });
	});

	it('puts unnamed entries of a structured document in lines', () => {
		const entry = entryOf({ ret: [{ word_name: 'a', word: '1' }, { word: 'loose' }], isStructured: true });
		expect(entry.json.a).toBe('1');
		expect(entry.json.lines).toEqual(['loose']);
		expect(Object.keys(entry.json)).toEqual(['a', 'lines', 'confidence', 'document']);
		expect(entry.json.confidence).toEqual({ a: null });
	});

	it('trusts no name in a document Baidu could not structure: every entry is a line', () => {
		const entry = entryOf({
			ret: [
				{ word_name: '终点站', word: '天津', probability: p(0.99) },
				{ word: 'Line two', probability: p(0.98) },
			],
			isStructured: false,
		});
		expect(entry.json).not.toHaveProperty('终点站');
		expect(entry.json.lines).toEqual(['天津', 'Line two']);
		expect(entry.json.confidence).toEqual({});
	});

	it('does not flag a document Baidu could not structure when no minimum is set', () => {
		const entry = entryOf({ ret: [{ word: 'Line one', probability: p(0.5) }], isStructured: false });
		expect(entry.needsReview).toBe(false);
		expect(entry.json).not.toHaveProperty('needsReview');
		const typed = entryOf(
			{ ret: [{ word: 'Line one', probability: p(0.5) }], isStructured: false },
			{ ...documentMode, fieldTypes: [{ field: 'total', type: 'amount' }] },
		);
		expect(typed.needsReview).toBe(false);
		expect(typed.json).toMatchObject({ needsReview: false, reviewFields: [] });
	});

	describe('with a minimum confidence', () => {
		const review: OutputOptions = { ...documentMode, minConfidence: 0.9 };

		it('lists the fields below the minimum (once per name), equal passes', () => {
			const entry = entryOf(
				{
					ret: [
						{ word_name: 'ok', word: 'x', probability: p(0.9) },
						{ word_name: 'low', word: 'y', probability: p(0.5) },
						{ word_name: 'rep', word: 'z', probability: p(0.2) },
						{ word_name: 'rep', word: 'w', probability: p(0.3) },
						{ word_name: 'blank', word: '', probability: p(0.99) },
						{ word_name: 'confidence', word: 'q' },
					],
					isStructured: true,
				},
				review,
			);
			expect(entry.needsReview).toBe(true);
			expect(entry.json.needsReview).toBe(true);
			expect(entry.json.reviewFields).toEqual(['low', 'rep', 'blank', 'confidence (field)']);
		});

		it('is not under review when every field reaches the minimum', () => {
			const entry = entryOf(
				{ ret: [{ word_name: 'ok', word: 'x', probability: p(0.9) }], isStructured: true },
				review,
			);
			expect(entry.needsReview).toBe(false);
			expect(entry.json).toMatchObject({ needsReview: false, reviewFields: [] });
		});

		it('flags unstructured and empty documents', () => {
			const lines = entryOf({ ret: [{ word: 'a', probability: p(1) }], isStructured: false }, review);
			expect(lines.json).toMatchObject({ needsReview: true, reviewFields: ['lines'] });
			const empty = entryOf({ ret: [], isStructured: true }, review);
			expect(empty.json).toMatchObject({ needsReview: true, reviewFields: [] });
		});

		it('lists no lines for review when an unstructured document has none', () => {
			const empty = entryOf({ ret: [], isStructured: false }, review);
			expect(empty.needsReview).toBe(true);
			expect(empty.json).toMatchObject({ lines: [], needsReview: true, reviewFields: [] });
		});

		it('lists the lines of a structured document only when one of them is below the minimum', () => {
			const sure = entryOf(
				{
					ret: [
						{ word_name: 'a', word: '1', probability: p(0.95) },
						{ word: 'loose', probability: p(0.95) },
						{ word: 'also loose', probability: p(0.9) },
					],
					isStructured: true,
				},
				review,
			);
			expect(sure.needsReview).toBe(false);
			expect(sure.json).toMatchObject({ needsReview: false, reviewFields: [] });
			const unsure = entryOf(
				{
					ret: [
						{ word_name: 'a', word: '1', probability: p(0.95) },
						{ word: 'loose', probability: p(0.95) },
						{ word: 'smudged', probability: p(0.4) },
					],
					isStructured: true,
				},
				review,
			);
			expect(unsure.needsReview).toBe(true);
			expect(unsure.json).toMatchObject({ needsReview: true, reviewFields: ['lines'] });
		});
	});

	describe('includeInputFields', () => {
		const options: OutputOptions = { mode: 'document', includeInputFields: true };

		it('keeps input keys first, renames colliding fields, overrides input metadata keys', () => {
			const entry = entryOf(
				{ ret: [{ word_name: 'customer', word: 'from Baidu' }, { word_name: 'x', word: '1' }] },
				options,
				{ customer: 'ACME', document: 'input doc', id: 7 },
			);
			expect(Object.keys(entry.json)).toEqual([
				'customer',
				'document',
				'id',
				'customer (field)',
				'x',
				'confidence',
			]);
			expect(entry.json.customer).toBe('ACME');
			expect(entry.json['customer (field)']).toBe('from Baidu');
			expect(entry.json.id).toBe(7);
			expect(entry.json.document).toMatchObject({ logId: '153206517722624' });
		});

		it('does not rename a field after input keys that are not included', () => {
			const entry = entryOf({ ret: [{ word_name: 'customer', word: 'B' }] }, documentMode, {
				customer: 'ACME',
			});
			expect(entry.json.customer).toBe('B');
		});
	});
});
