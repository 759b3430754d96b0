/**
 * Output order under concurrency: with 4 requests in flight and answers that come back
 * after random delays, the output is still in input order (item, then file, then field),
 * and every item carries pairedItem to the input item it came from. Routing to a second
 * output keeps that order on each output.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import type { SourceItem } from '../harness/nodeTypes';
import { runBaidu } from '../harness/run';
import { credentialsFor } from '../harness/setup';
import { CLASSIFIER, classifierParams, documentOf, itemWith, recording, useEmulator } from './helpers';

const emulator = useEmulator();

/** Files per item, in the order the item holds them; the node reads them in natural order. */
const FIRST_TEN: Array<Record<string, string>> = [
	{ data: 'receipt.bmp' },
	{ attachment_1: 'asset-tag.png', attachment_0: 'train-ticket.png' },
	{ data: 'asset-tag.png' },
	{ c: 'receipt.bmp', a: 'receipt-blurry.png', b: 'train-ticket.jpg' },
	{ data: 'train-ticket.jpg' },
	{ attachment_10: 'receipt.bmp', attachment_9: 'asset-tag.png' },
	{ data: 'receipt-blurry.png' },
	{ data: 'train-ticket.png' },
	{ data: 'asset-tag.png' },
	{ x1: 'receipt.bmp', x2: 'receipt-blurry.png' },
];
/** Twenty items, 30 documents: enough answers overtaking each other to catch a wrong order. */
const ITEMS = [...FIRST_TEN, ...FIRST_TEN];

const NATURAL_FIRST_TEN: Record<number, string[]> = {
	1: ['attachment_0', 'attachment_1'],
	3: ['a', 'b', 'c'],
	5: ['attachment_9', 'attachment_10'],
	9: ['x1', 'x2'],
};

const sourceItems = (): SourceItem[] => ITEMS.map((files, n) => itemWith(files, { n }));

/** [item, binary property, field] in the order the output must have. */
function expectedOrder(): Array<[number, string, string]> {
	const order: Array<[number, string, string]> = [];
	ITEMS.forEach((files, itemIndex) => {
		for (const property of NATURAL_FIRST_TEN[itemIndex % 10] ?? Object.keys(files)) {
			for (const entry of recording(files[property]).ret) {
				order.push([itemIndex, property, entry.word_name as string]);
			}
		}
	});
	return order;
}

function orderOf(items: INodeExecutionData[]): Array<[number, string, string]> {
	return items.map((item) => [
		(item.pairedItem as { item: number }).item,
		(documentOf(item).source as { binaryProperty: string }).binaryProperty,
		item.json.field as string,
	]);
}

describe('input order under concurrency', () => {
	beforeEach(() => emulator().setLatency(5, 40));

	it('keeps item, then file, then field order, with pairedItem on every item', async () => {
		const run = await runBaidu({
			items: sourceItems(),
			parameters: classifierParams(CLASSIFIER.general, { binarySelection: 'all' }, { concurrency: 4 }),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		const expected = expectedOrder();
		expect(orderOf(run.main[0])).toEqual(expected);
		expect(run.main[0].every((item) => item.pairedItem !== undefined)).toBe(true);
		// Each output item belongs to the input item it says (the input's json is n).
		for (const item of run.main[0]) {
			const { item: index } = item.pairedItem as { item: number };
			const property = (documentOf(item).source as { binaryProperty: string }).binaryProperty;
			expect((documentOf(item).source as { fileName: string }).fileName).toBe(ITEMS[index][property]);
		}
		const documents = ITEMS.reduce((sum, files) => sum + Object.keys(files).length, 0);
		expect(emulator().recognitionRequests()).toHaveLength(documents);
		// A fresh credential: one token exchange for all requests in flight.
		expect(emulator().tokenExchanges).toBe(1);
	});

	it('keeps that order on both outputs when low confidence is routed', async () => {
		const run = await runBaidu({
			items: sourceItems(),
			parameters: classifierParams(
				CLASSIFIER.general,
				{ binarySelection: 'all' },
				{ concurrency: 4, routeLowConfidence: true },
			),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		const [confident, review] = run.main;
		expect(review.length).toBeGreaterThan(0);
		expect(confident.length).toBeGreaterThan(0);
		const expected = expectedOrder();
		const position = (entry: [number, string, string]) =>
			expected.findIndex((candidate) => candidate.join('\u0000') === entry.join('\u0000'));
		for (const output of [confident, review]) {
			const positions = orderOf(output).map(position);
			expect(positions.every((p) => p >= 0)).toBe(true);
			expect(positions).toEqual([...positions].sort((a, b) => a - b));
		}
		expect(confident.length + review.length).toBe(expected.length);
	});
});
