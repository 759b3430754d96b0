import type { IDataObject } from 'n8n-workflow';

import type { Answer, OutputOptions } from '../../nodes/BaiduIocr/model';
import { toOutputEntries, toRecognisedDocument } from '../../nodes/BaiduIocr/output';
import { NO_FIELDS_WARNING, UNSTRUCTURED_WARNING } from '../../nodes/BaiduIocr/output/view';

// The answer exactly as in the reference (docs "The answer"), parsed from its JSON text.
const REFERENCE_JSON = `{"data":{"ret":[{"probability":{"average":0.998,"min":0.99,"variance":0.000002},
 "location":{"height":88,"left":1202,"top":437,"width":267},
 "word_name":"终点站","word":"天津"}],
 "templateSign":"1c65a67f151df56ba4e29c4dddace5ee","scores":1,
 "isStructured":true,"logId":"153206517722624"},
 "error_code":0,"error_msg":""}`;

function referenceAnswer(): Answer {
	const parsed = JSON.parse(REFERENCE_JSON) as { data: IDataObject };
	return { data: parsed.data, logId: '153206517722624' };
}

const source = { binaryProperty: 'data', fileName: 'ticket.jpg', mimeType: 'image/jpeg' };
const fieldMode: OutputOptions = { mode: 'field', includeInputFields: false };

function entriesOf(data: IDataObject, options: OutputOptions = fieldMode, input: IDataObject = {}) {
	return toOutputEntries(toRecognisedDocument({ data }, source, []), options, input);
}

describe('field mode', () => {
	it('maps the reference answer to one entry in the user’s words', () => {
		const document = toRecognisedDocument(referenceAnswer(), source, ['PDF has 3 pages']);
		const entries = toOutputEntries(document, fieldMode, { ignored: true });
		expect(entries).toEqual([
			{
				needsReview: false,
				json: {
					field: '终点站',
					value: '天津',
					confidence: { average: 0.998, min: 0.99, variance: 0.000002 },
					location: { left: 1202, top: 437, width: 267, height: 88 },
					document: {
						templateSign: '1c65a67f151df56ba4e29c4dddace5ee',
						classifierScore: 1,
						isStructured: true,
						logId: '153206517722624',
						source: { binaryProperty: 'data', fileName: 'ticket.jpg', mimeType: 'image/jpeg' },
						warnings: ['PDF has 3 pages'],
					},
				},
			},
		]);
		// No review keys without a minimum, and no receiptIndex outside detector mode.
		expect(entries[0].json).not.toHaveProperty('needsReview');
		expect(entries[0].json.document).not.toHaveProperty('receiptIndex');
	});

	it('keeps Baidu’s order and gives each entry its own document object', () => {
		const entries = entriesOf({
			ret: [
				{ word_name: 'b', word: '2' },
				{ word_name: 'a', word: '1' },
				{ word_name: 'c', word: '3' },
			],
			isStructured: true,
		});
		expect(entries.map((e) => [e.json.field, e.json.value])).toEqual([
			['b', '2'],
			['a', '1'],
			['c', '3'],
		]);
		(entries[0].json.document as IDataObject).templateSign = 'changed';
		expect((entries[1].json.document as IDataObject).templateSign).toBeNull();
	});

	it('reads a missing probability, an empty word, negative location and string numbers', () => {
		const [empty, odd] = entriesOf({
			ret: [
				{ word_name: '备注', word: '' },
				{
					word_name: '金额',
					word: '12.00',
					probability: { average: '0.91', min: 'n/a', variance: null },
					location: { left: -4, top: -2, width: '30', height: 10 },
				},
			],
			scores: '0.87',
			isStructured: 'true',
			logId: 153206517722624,
		});
		expect(empty.json).toMatchObject({ field: '备注', value: '', confidence: null, location: null });
		expect(odd.json).toMatchObject({
			field: '金额',
			value: '12.00',
			confidence: { average: 0.91, min: null, variance: null },
			location: { left: -4, top: -2, width: 30, height: 10 },
			document: { classifierScore: 0.87, isStructured: true, logId: '153206517722624' },
		});
		expect(JSON.stringify([empty.json, odd.json])).not.toContain('NaN');
	});

	it('keeps a 19-digit log id given as a string, digit for digit', () => {
		const [entry] = toOutputEntries(
			toRecognisedDocument(
				{ data: { ret: [{ word_name: 'x', word: 'y' }] }, logId: '9223372036854775807' },
				source,
				[],
			),
			fieldMode,
			{},
		);
		expect((entry.json.document as IDataObject).logId).toBe('9223372036854775807');
	});

	it('takes the log id from data.log_id when nothing else has one, and null when none', () => {
		expect((entriesOf({ ret: [], log_id: '77' })[0].json.document as IDataObject).logId).toBe('77');
		expect((entriesOf({ ret: [] })[0].json.document as IDataObject).logId).toBeNull();
	});

	it('turns an unstructured answer into plain lines with a warning', () => {
		const entries = entriesOf({
			ret: [
				{ word: 'Line one', probability: { average: 0.99, min: 0.9, variance: 0 } },
				{ word: 'Line two' },
				'Line three',
			],
			isStructured: false,
		});
		expect(entries.map((e) => [e.json.field, e.json.value])).toEqual([
			[null, 'Line one'],
			[null, 'Line two'],
			[null, 'Line three'],
		]);
		expect(entries[0].json.confidence).toEqual({ average: 0.99, min: 0.9, variance: 0 });
		const document = entries[2].json.document as IDataObject;
		expect(document.isStructured).toBe(false);
		expect(document.warnings).toEqual([UNSTRUCTURED_WARNING]);
	});

	it('infers plain lines when isStructured is missing and no entry has a name', () => {
		const entries = entriesOf({ ret: [{ word: 'a' }] });
		expect((entries[0].json.document as IDataObject).isStructured).toBe(false);
	});

	it('keeps a document with no fields as one entry', () => {
		for (const data of [{ ret: [] }, {}, { ret: null }, { ret: 'oops' }] as IDataObject[]) {
			const entries = entriesOf({ ...data, templateSign: 'T1', isStructured: true });
			expect(entries).toHaveLength(1);
			expect(entries[0].needsReview).toBe(false);
			expect(entries[0].json).toMatchObject({
				field: null,
				value: null,
				confidence: null,
				location: null,
				document: { templateSign: 'T1', warnings: [NO_FIELDS_WARNING] },
			});
		}
	});

	it('gives a document with no fields review keys only when review is on', () => {
		const [plain] = entriesOf({ ret: [], isStructured: true });
		expect(plain.json).not.toHaveProperty('needsReview');
		const [typed] = entriesOf(
			{ ret: [], isStructured: true },
			{ ...fieldMode, fieldTypes: [{ field: '金额', type: 'amount' }] },
		);
		expect(typed).toMatchObject({ needsReview: false, json: { needsReview: false } });
	});

	it('reports unreadable entries instead of crashing', () => {
		const entries = entriesOf({ ret: [null, 5, { word_name: 'ok', word: 'v' }], isStructured: true });
		expect(entries.map((e) => e.json.field)).toEqual(['ok']);
		expect((entries[0].json.document as IDataObject).warnings).toEqual([
			"2 of Baidu's entries could not be read and were left out (the Raw output shows them)",
		]);
	});

	describe('with a minimum confidence', () => {
		const review: OutputOptions = { mode: 'field', includeInputFields: false, minConfidence: 0.9 };
		const probability = (average: number) => ({ average, min: average, variance: 0 });

		it('flags below the minimum, passes at exactly the minimum', () => {
			const entries = entriesOf(
				{
					ret: [
						{ word_name: 'equal', word: 'a', probability: probability(0.9) },
						{ word_name: 'below', word: 'b', probability: probability(0.8999) },
						{ word_name: 'above', word: 'c', probability: probability(0.95) },
					],
					isStructured: true,
				},
				review,
			);
			expect(entries.map((e) => [e.json.field, e.needsReview, e.json.needsReview])).toEqual([
				['equal', false, false],
				['below', true, true],
				['above', false, false],
			]);
		});

		it('flags a missing probability and an empty word', () => {
			const entries = entriesOf(
				{
					ret: [
						{ word_name: 'noProbability', word: 'x' },
						{ word_name: 'blank', word: '  ', probability: probability(0.99) },
					],
					isStructured: true,
				},
				review,
			);
			expect(entries.map((e) => e.needsReview)).toEqual([true, true]);
		});

		it('flags every plain line and an empty document', () => {
			const lines = entriesOf(
				{ ret: [{ word: 'x', probability: probability(0.99) }], isStructured: false },
				review,
			);
			expect(lines.map((e) => e.json.needsReview)).toEqual([true]);
			const empty = entriesOf({ ret: [], isStructured: true }, review);
			expect(empty[0]).toMatchObject({ needsReview: true, json: { field: null, needsReview: true } });
		});

		it('reads a minimum of 0 as set (only missing or empty values are flagged)', () => {
			const entries = entriesOf(
				{ ret: [{ word_name: 'a', word: 'x', probability: probability(0) }], isStructured: true },
				{ ...review, minConfidence: 0 },
			);
			expect(entries[0].json.needsReview).toBe(false);
		});
	});

	describe('includeInputFields', () => {
		const input: IDataObject = { value: 'from input', customer: 'ACME', nested: { a: 1 } };

		it('puts the input keys first and lets the node’s keys override them', () => {
			const entries = entriesOf(
				{ ret: [{ word_name: 'f', word: 'recognised' }], isStructured: true },
				{ mode: 'field', includeInputFields: true },
				input,
			);
			const json = entries[0].json;
			expect(Object.keys(json)).toEqual([
				'value',
				'customer',
				'nested',
				'field',
				'confidence',
				'location',
				'document',
			]);
			expect(json.value).toBe('recognised');
			expect(json.customer).toBe('ACME');
		});

		it('copies the input instead of sharing it', () => {
			const entries = entriesOf(
				{ ret: [{ word_name: 'f', word: '1' }, { word_name: 'g', word: '2' }] },
				{ mode: 'field', includeInputFields: true },
				input,
			);
			(entries[0].json.nested as IDataObject).a = 99;
			expect((entries[1].json.nested as IDataObject).a).toBe(1);
			expect(input.nested).toEqual({ a: 1 });
		});

		it('leaves input keys out when not asked', () => {
			const entries = entriesOf({ ret: [{ word_name: 'f', word: '1' }] }, fieldMode, input);
			expect(entries[0].json).not.toHaveProperty('customer');
		});
	});
});
