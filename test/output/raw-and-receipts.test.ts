import type { IDataObject } from 'n8n-workflow';

import type { Answer, OutputOptions } from '../../nodes/BaiduIocr/model';
import {
	splitReceipts,
	toOutputEntries,
	toRecognisedDocument,
} from '../../nodes/BaiduIocr/output';
import { malformedReceiptWarning } from '../../nodes/BaiduIocr/output/documents';
import { MERGED_RECEIPTS_WARNING, NO_FIELDS_WARNING } from '../../nodes/BaiduIocr/output/view';

const source = { binaryProperty: 'sheet', fileName: 'receipts.pdf', mimeType: 'application/pdf' };
const p = (average: number) => ({ average, min: average, variance: 0 });

describe('raw mode', () => {
	const raw: OutputOptions = { mode: 'raw', includeInputFields: false };
	const data: IDataObject = {
		ret: [
			{ word_name: 'a', word: '1', probability: p(0.95), extraEntryKey: { deep: true } },
		],
		templateSign: 'T1',
		templateName: '火车票',
		matchDegree: '0.93',
		rotateAngle: 90,
		scores: 1,
		isStructured: true,
		logId: '1532065177226241234',
	};

	it('passes Baidu’s data through unchanged, unknown keys included', () => {
		const [entry] = toOutputEntries(
			toRecognisedDocument({ data, logId: '1532065177226241234' }, source, []),
			raw,
			{},
		);
		expect(entry).toEqual({
			needsReview: false,
			json: {
				data,
				document: {
					templateSign: 'T1',
					classifierScore: 1,
					isStructured: true,
					logId: '1532065177226241234',
					source,
					warnings: [],
				},
			},
		});
		// A copy: changing the output does not change what the router holds.
		((entry.json.data as IDataObject).ret as IDataObject[])[0].word = 'changed';
		expect((data.ret as IDataObject[])[0].word).toBe('1');
	});

	it('flags review when a field is below the minimum, not at it', () => {
		const review = (minConfidence: number) =>
			toOutputEntries(toRecognisedDocument({ data }, source, []), { ...raw, minConfidence }, {})[0];
		expect(review(0.95)).toMatchObject({ needsReview: false, json: { needsReview: false } });
		expect(review(0.96)).toMatchObject({ needsReview: true, json: { needsReview: true } });
	});

	it('puts input keys first when asked, the node’s keys win', () => {
		const [entry] = toOutputEntries(
			toRecognisedDocument({ data }, source, []),
			{ ...raw, includeInputFields: true },
			{ data: 'input', keep: 1 },
		);
		expect(Object.keys(entry.json)).toEqual(['data', 'keep', 'document']);
		expect((entry.json.data as IDataObject).templateName).toBe('火车票');
	});
});

describe('splitReceipts (finance, detectorId=0)', () => {
	const detectorAnswer = (): Answer => ({
		logId: '9007199254740993123',
		data: {
			ret: [
				{
					templateSign: 'taxi',
					scores: 0.98,
					isStructured: true,
					ret: [
						{ word_name: 'fare', word: '35.00', probability: p(0.99) },
						{ word_name: 'date', word: '2024-05-01', probability: p(0.97) },
					],
				},
				{
					templateSign: 'train',
					ret: [{ word_name: '终点站', word: '天津', probability: p(0.8) }],
				},
				'garbage',
				{ templateSign: 'broken' },
			],
		},
	});

	it('gives each receipt its own document with receiptIndex and the answer’s log id', () => {
		const documents = splitReceipts(detectorAnswer(), source, ['input warning']);
		expect(documents.map((d) => [d.receiptIndex, d.logId, d.data.templateSign])).toEqual([
			[0, '9007199254740993123', 'taxi'],
			[1, '9007199254740993123', 'train'],
			[2, '9007199254740993123', undefined],
			[3, '9007199254740993123', 'broken'],
		]);
		expect(documents[0].warnings).toEqual(['input warning']);
		expect(documents[2].warnings).toEqual(['input warning', malformedReceiptWarning(2)]);
		expect(documents[3].warnings).toEqual(['input warning', malformedReceiptWarning(3)]);
		expect(documents[2].data).toEqual({ received: 'garbage' });
		// Warnings are not shared between receipts.
		expect(documents[0].warnings).not.toBe(documents[1].warnings);
	});

	it('says which receipt has no list of fields, counting from 1', () => {
		const documents = splitReceipts(detectorAnswer(), source, []);
		expect(documents[3].warnings).toEqual([
			"Receipt 4 in Baidu's answer has no list of fields; it is passed on empty so it is not lost",
		]);
	});

	it('gives every receipt the file it came from', () => {
		const documents = splitReceipts(detectorAnswer(), source, []);
		expect(documents.map((document) => document.source)).toEqual([source, source, source, source]);
		const entries = documents.flatMap((document) =>
			toOutputEntries(document, { mode: 'document', includeInputFields: false }, {}),
		);
		expect(entries.map((e) => (e.json.document as IDataObject).source)).toEqual([
			source,
			source,
			source,
			source,
		]);
	});

	it('turns receipts into field entries tagged with their receipt', () => {
		const entries = splitReceipts(detectorAnswer(), source, []).flatMap((document) =>
			toOutputEntries(document, { mode: 'field', includeInputFields: false, minConfidence: 0.9 }, {}),
		);
		expect(
			entries.map((e) => {
				const document = e.json.document as IDataObject;
				return [document.receiptIndex, document.templateSign, e.json.field, e.json.value, e.needsReview];
			}),
		).toEqual([
			[0, 'taxi', 'fare', '35.00', false],
			[0, 'taxi', 'date', '2024-05-01', false],
			[1, 'train', '终点站', '天津', true],
			[2, null, null, null, true],
			[3, 'broken', null, null, true],
		]);
		expect((entries[0].json.document as IDataObject).classifierScore).toBe(0.98);
		expect((entries[3].json.document as IDataObject).warnings).toEqual([
			malformedReceiptWarning(2),
			NO_FIELDS_WARNING,
		]);
	});

	it('treats an answer that is not per-receipt as one document', () => {
		const answer: Answer = {
			data: { ret: [{ word_name: 'fare', word: '12' }], templateSign: 'taxi' },
			logId: '5',
		};
		const documents = splitReceipts(answer, source, []);
		expect(documents).toHaveLength(1);
		expect(documents[0]).toEqual({ source, warnings: [], data: answer.data, logId: '5' });
		expect(documents[0]).not.toHaveProperty('receiptIndex');
	});

	it('keeps an answer as one document when a field carries a ret list of its own', () => {
		const answer: Answer = {
			data: {
				ret: [{ word_name: 'items', word: 'tea', ret: [{ word: 'tea' }] }],
				templateSign: 'menu',
				isStructured: true,
			},
			logId: '5',
		};
		const documents = splitReceipts(answer, source, []);
		expect(documents).toEqual([{ source, warnings: [], data: answer.data, logId: '5' }]);
		expect(documents[0]).not.toHaveProperty('receiptIndex');
	});

	it('survives answers with no receipts or no data at all', () => {
		for (const answer of [
			{ data: { ret: [] } },
			{ data: {} },
			{} as Answer,
			{ data: null } as unknown as Answer,
		]) {
			const documents = splitReceipts(answer, source, []);
			expect(documents).toHaveLength(1);
			const entries = toOutputEntries(documents[0], { mode: 'field', includeInputFields: false }, {});
			expect(entries).toHaveLength(1);
			expect(entries[0].json.value).toBeNull();
		}
	});

	it('still shows every field if an unsplit detector answer reaches toOutputEntries', () => {
		const entries = toOutputEntries(
			toRecognisedDocument(detectorAnswer(), source, []),
			{ mode: 'field', includeInputFields: false },
			{},
		);
		expect(entries.map((e) => e.json.field)).toEqual(['fare', 'date', '终点站']);
		expect((entries[0].json.document as IDataObject).warnings).toEqual([
			MERGED_RECEIPTS_WARNING,
			"2 of Baidu's entries could not be read and were left out (the Raw output shows them)",
		]);
	});

	it('keeps the whole sheet lossless in raw mode when not split', () => {
		const answer = detectorAnswer();
		const [entry] = toOutputEntries(
			toRecognisedDocument(answer, source, []),
			{ mode: 'raw', includeInputFields: false, minConfidence: 0.9 },
			{},
		);
		expect(entry.json.data).toEqual(answer.data);
		// The train receipt's field is at 0.8.
		expect(entry.needsReview).toBe(true);
	});
});
