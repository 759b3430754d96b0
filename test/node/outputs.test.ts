/**
 * Each output mode through the real engine, with the exact shapes output/ produces: one item
 * per field, one per document, Baidu's data raw; plain lines when Baidu could not structure
 * the page; the input item's fields copied in; review flags from a minimum confidence; and
 * review items routed to a second output that a following node receives.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import { UNSTRUCTURED_WARNING } from '../../nodes/BaiduIocr/output';
import { registerSource } from '../harness/nodeTypes';
import { baiduNode, runBaidu, runWorkflow } from '../harness/run';
import { credentialsFor } from '../harness/setup';
import type { RetEntry } from '../emulator/types';
import {
	CLASSIFIER,
	classifierParams,
	documentOf,
	fieldOf,
	recording,
	sampleItem,
	TEMPLATE,
	templateParams,
	useEmulator,
} from './helpers';

const emulator = useEmulator();

const TRAIN = recording('train-ticket.png');

/** The `document` object of an answer from the emulator for `sample` read as `data`. */
function expectedDocument(sample: string, mimeType: string, over: IDataObject = {}) {
	return {
		templateSign: TEMPLATE.trainTicket,
		classifierScore: 1,
		isStructured: true,
		// Baidu's top-level 19-digit log_id, kept as a string with every digit.
		logId: expect.stringMatching(/^\d{19}$/),
		source: { binaryProperty: 'data', fileName: sample, mimeType },
		warnings: [],
		...over,
	};
}

/** Document mode's flat object of one recording: values and confidences by field name. */
function flatFields(ret: RetEntry[]) {
	const values: IDataObject = {};
	const confidence: IDataObject = {};
	for (const entry of ret) {
		values[entry.word_name as string] = entry.word;
		confidence[entry.word_name as string] = entry.probability?.average ?? null;
	}
	return { values, confidence };
}

describe('output modes', () => {
	it('field: one item per recognised field, in Baidu’s order, with the document it came from', async () => {
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png', { subject: 'not copied' })],
			parameters: templateParams(TEMPLATE.trainTicket, { output: 'field' }),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		expect(run.main).toHaveLength(1);
		expect(run.main[0].map((item) => item.json)).toEqual(
			TRAIN.ret.map((entry) => ({
				...fieldOf(entry),
				document: expectedDocument('train-ticket.png', 'image/png'),
			})),
		);
		// The entry Baidu sent without probability and with an empty word is kept as it is.
		expect(run.main[0][7].json).toMatchObject({ field: '检票口', value: '', confidence: null });
		expect(run.main[0][7].json.location).toEqual({ left: 600, top: -4, width: 212, height: 36 });
		const logId = documentOf(run.main[0][0]).logId as string;
		expect(BigInt(logId) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
		expect(run.main[0].map((item) => item.pairedItem)).toEqual(TRAIN.ret.map(() => ({ item: 0 })));
	});

	it('document: one item per file, fields flat with their confidences', async () => {
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: templateParams(TEMPLATE.trainTicket, { output: 'document' }),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		const { values, confidence } = flatFields(TRAIN.ret);
		expect(run.main[0]).toHaveLength(1);
		expect(run.main[0][0].json).toEqual({
			...values,
			confidence,
			document: expectedDocument('train-ticket.png', 'image/png'),
		});
		expect(run.main[0][0].json['始发站']).toBe('BEIJINGNAN');
		expect(run.main[0][0].pairedItem).toEqual({ item: 0 });
	});

	it('raw: Baidu’s data exactly as received, extra keys included', async () => {
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: templateParams(TEMPLATE.trainTicket, { output: 'raw' }),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		expect(run.main[0]).toHaveLength(1);
		expect(run.main[0][0].json).toEqual({
			data: {
				ret: TRAIN.ret,
				templateSign: TEMPLATE.trainTicket,
				scores: 1,
				isStructured: true,
				logId: expect.stringMatching(/^\d+$/),
				...TRAIN.dataExtra,
			},
			document: expectedDocument('train-ticket.png', 'image/png'),
		});
	});

	it('without a minimum confidence nothing is flagged, and there is one output', async () => {
		const run = await runBaidu({
			items: [sampleItem('receipt-blurry.png')],
			parameters: templateParams(TEMPLATE.shopReceipt, { output: 'document' }),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		expect(run.main).toHaveLength(1);
		expect(run.main[0][0].json).not.toHaveProperty('needsReview');
		expect(run.main[0][0].json).not.toHaveProperty('reviewFields');
	});
});

describe('a page Baidu could not structure (unstructured.png)', () => {
	const lines = recording('unstructured.png').lines as RetEntry[];

	it('field: one item per plain line, without field names, flagged in the document', async () => {
		const run = await runBaidu({
			items: [sampleItem('unstructured.png')],
			parameters: templateParams(TEMPLATE.trainTicket),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		expect(run.main[0].map((item) => item.json)).toEqual(
			lines.map((line) => ({
				...fieldOf(line),
				field: null,
				document: expectedDocument('unstructured.png', 'image/png', {
					isStructured: false,
					warnings: [UNSTRUCTURED_WARNING],
				}),
			})),
		);
	});

	it('document: the lines as a list, and the whole page needs review under a minimum', async () => {
		const run = await runBaidu({
			items: [sampleItem('unstructured.png')],
			parameters: templateParams(TEMPLATE.trainTicket, { output: 'document' }, { minConfidence: 0.5 }),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		expect(run.main[0]).toHaveLength(1);
		expect(run.main[0][0].json).toEqual({
			lines: lines.map((line) => line.word),
			confidence: {},
			needsReview: true,
			reviewFields: ['lines'],
			document: expectedDocument('unstructured.png', 'image/png', {
				isStructured: false,
				warnings: [UNSTRUCTURED_WARNING],
			}),
		});
	});
});

describe('Include Input Fields', () => {
	const input = { subject: 'Trip to Tianjin', from: 'li@example.com', document: 'from the email' };

	it('field: copies the input item’s fields into every item; the node’s own keys win', async () => {
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png', input)],
			parameters: templateParams(TEMPLATE.trainTicket, {}, { includeInputFields: true }),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		expect(run.main[0]).toHaveLength(TRAIN.ret.length);
		for (const item of run.main[0]) {
			expect(item.json.subject).toBe(input.subject);
			expect(item.json.from).toBe(input.from);
			expect(documentOf(item).templateSign).toBe(TEMPLATE.trainTicket);
		}
	});

	it('document: a recognised field never overwrites an input field; it is renamed', async () => {
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png', { subject: 'Trip', 日期: 'received 2024-03-11' })],
			parameters: templateParams(TEMPLATE.trainTicket, { output: 'document' }, { includeInputFields: true }),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		const json = run.main[0][0].json;
		expect(json.subject).toBe('Trip');
		expect(json['日期']).toBe('received 2024-03-11');
		expect(json['日期 (field)']).toBe('2018-03-10');
		expect(json['始发站']).toBe('BEIJINGNAN');
	});

	it('is off by default', async () => {
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png', input)],
			parameters: templateParams(TEMPLATE.trainTicket, { output: 'raw' }),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		expect(Object.keys(run.main[0][0].json).sort()).toEqual(['data', 'document']);
	});
});

describe('Minimum Confidence', () => {
	const BLURRY = recording('receipt-blurry.png').ret;

	it('field: flags each field whose average confidence is below the minimum', async () => {
		const run = await runBaidu({
			items: [sampleItem('receipt-blurry.png')],
			parameters: templateParams(TEMPLATE.shopReceipt, {}, { minConfidence: 0.8 }),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		expect(run.main).toHaveLength(1);
		expect(run.main[0].map((item) => [item.json.field, item.json.needsReview])).toEqual(
			BLURRY.map((entry) => [entry.word_name, (entry.probability?.average ?? 0) < 0.8]),
		);
		expect(run.main[0].map((item) => item.json.needsReview)).toEqual([true, false, true, true]);
	});

	it('document: flags the document and lists the fields to review', async () => {
		const run = await runBaidu({
			items: [sampleItem('receipt-blurry.png')],
			parameters: templateParams(TEMPLATE.shopReceipt, { output: 'document' }, { minConfidence: 0.8 }),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		expect(run.main[0][0].json).toMatchObject({
			needsReview: true,
			reviewFields: ['商户名称', '日期', '合计'],
			商户名称: 'LUCKY STORE',
		});
	});

	it('raw: flags the answer as a whole', async () => {
		const run = await runBaidu({
			items: [sampleItem('receipt-blurry.png'), sampleItem('receipt.bmp')],
			parameters: templateParams(TEMPLATE.shopReceipt, { output: 'raw' }, { minConfidence: 0.8 }),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		expect(run.main[0].map((item) => item.json.needsReview)).toEqual([true, false]);
	});
});

describe('Route Low Confidence to Second Output', () => {
	it('document: confident documents on output 0, documents to review on output 1', async () => {
		const run = await runBaidu({
			items: [sampleItem('receipt.bmp'), sampleItem('receipt-blurry.png'), sampleItem('asset-tag.png')],
			parameters: classifierParams(CLASSIFIER.general, { output: 'document' }, { routeLowConfidence: true }),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		expect(run.main).toHaveLength(2);
		const [confident, review] = run.main;
		expect(confident.map((item) => [item.pairedItem, documentOf(item).templateSign, item.json.needsReview])).toEqual([
			[{ item: 0 }, TEMPLATE.shopReceipt, false],
			[{ item: 2 }, TEMPLATE.assetTag, false],
		]);
		expect(review.map((item) => [item.pairedItem, item.json['商户名称'], item.json.needsReview])).toEqual([
			[{ item: 1 }, 'LUCKY STORE', true],
		]);
	});

	it('field: routes each field on its own, using the minimum set (default 0.8)', async () => {
		const defaults = await runBaidu({
			items: [sampleItem('receipt-blurry.png')],
			parameters: templateParams(TEMPLATE.shopReceipt, {}, { routeLowConfidence: true }),
			credentials: credentialsFor(emulator().url),
		});
		expect(defaults.error).toBeUndefined();
		expect(defaults.main.map((output) => output.map((item) => item.json.field))).toEqual([
			['小票号码'],
			['商户名称', '日期', '合计'],
		]);

		const lower = await runBaidu({
			items: [sampleItem('receipt-blurry.png')],
			parameters: templateParams(TEMPLATE.shopReceipt, {}, { routeLowConfidence: true, minConfidence: 0.5 }),
			credentials: credentialsFor(emulator().url),
		});
		expect(lower.error).toBeUndefined();
		expect(lower.main.map((output) => output.map((item) => item.json.field))).toEqual([
			['商户名称', '小票号码', '合计'],
			['日期'],
		]);
		expect(lower.main.flat().map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map(() => ({ item: 0 })));
	});

	it('the node after output 1 receives exactly the items to review', async () => {
		const key = registerSource([
			sampleItem('receipt.bmp'),
			sampleItem('receipt-blurry.png'),
			sampleItem('asset-tag.png'),
		]);
		const at = (name: string, type: string, parameters: IDataObject = {}): INode => ({
			id: `node-${name}`,
			name,
			type,
			typeVersion: 1,
			position: [0, 0],
			parameters: parameters as INode['parameters'],
		});
		const baidu = baiduNode(classifierParams(CLASSIFIER.general, { output: 'document' }, { routeLowConfidence: true }));
		const run = await runWorkflow({
			nodes: [at('Source', 'test.source', { key }), baidu, at('Approved', 'test.collect'), at('Approval', 'test.collect')],
			connections: {
				Source: { main: [[{ node: baidu.name, type: 'main', index: 0 }]] },
				[baidu.name]: {
					main: [
						[{ node: 'Approved', type: 'main', index: 0 }],
						[{ node: 'Approval', type: 'main', index: 0 }],
					],
				},
			},
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		expect(run.output('Approval').map((item) => item.json['商户名称'])).toEqual(['LUCKY STORE']);
		expect(run.output('Approval').every((item) => item.json.needsReview === true)).toBe(true);
		expect(run.output('Approved').map((item) => documentOf(item).templateSign)).toEqual([
			TEMPLATE.shopReceipt,
			TEMPLATE.assetTag,
		]);
	});
});
