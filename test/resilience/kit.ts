/**
 * Shared pieces of the resilience tests: many small distinct documents, the node's options,
 * and bookkeeping that ties the emulator's request log back to input items (the log names
 * every file by the first 12 hex digits of its sha256), so a test can say how often each
 * document was sent and how each request was answered.
 */
import { createHash } from 'crypto';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { RequestLogEntry } from '../emulator';
import { makePng, TRAIN_TICKET_TEMPLATE } from '../harness/setup';

export interface Batch {
	items: Array<{
		json: IDataObject;
		binary: { data: { bytes: Buffer; fileName: string; mimeType: string } };
	}>;
	/** first 12 hex digits of each item's file sha256 → item index */
	indexByHash: Map<string, number>;
}

/** `count` items, each with its own small PNG (distinct seeds, so distinct hashes). */
export function pngBatch(count: number): Batch {
	const items: Batch['items'] = [];
	const indexByHash = new Map<string, number>();
	for (let i = 0; i < count; i++) {
		const bytes = makePng(40, 30, i + 1);
		const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
		if (indexByHash.has(hash)) throw new Error(`two test files share the hash ${hash}`);
		indexByHash.set(hash, i);
		items.push({
			json: { n: i },
			binary: { data: { bytes, fileName: `scan-${i}.png`, mimeType: 'image/png' } },
		});
	}
	return { items, indexByHash };
}

/** Recognise with the train-ticket template, one output item per document. */
export function templateParameters(options: IDataObject): IDataObject {
	return {
		operation: 'recognizeTemplate',
		templateSign: TRAIN_TICKET_TEMPLATE,
		inputType: 'binary',
		binaryPropertyName: 'data',
		output: 'document',
		options,
	};
}

/** Which item a logged recognition request carried, from the file summary in its params. */
export function itemOfRequest(entry: RequestLogEntry, batch: Batch): number {
	const match = /sha256:([0-9a-f]{12})/.exec(entry.params.image ?? '');
	const index = match ? batch.indexByHash.get(match[1]) : undefined;
	if (index === undefined) throw new Error(`request ${entry.seq} carries no known file`);
	return index;
}

/** The recognition requests of each item, in arrival order. */
export function requestsByItem(
	log: RequestLogEntry[],
	batch: Batch,
): Map<number, RequestLogEntry[]> {
	const byItem = new Map<number, RequestLogEntry[]>();
	for (const entry of log) {
		const index = itemOfRequest(entry, batch);
		const list = byItem.get(index) ?? [];
		list.push(entry);
		byItem.set(index, list);
	}
	return byItem;
}

/** Baidu's answer of a request said "slow down" (18, 4): it does not count against the item. */
export const isThrottle = (entry: RequestLogEntry) =>
	entry.errorCode === 18 || entry.errorCode === 4;

export const isSuccess = (entry: RequestLogEntry) =>
	entry.httpStatus === 200 && entry.errorCode === 0 && entry.fault === undefined;

export interface Accounting {
	/** item index → the output item that stands for it (result or error) */
	byItem: Map<number, INodeExecutionData>;
	results: number[];
	errors: number[];
}

/**
 * Checks that every input item came out exactly once, as a result or as an error item, with
 * pairedItem, and that each output keeps input order. Returns which items are which.
 */
export function accountFor(outputs: INodeExecutionData[][], itemCount: number): Accounting {
	const byItem = new Map<number, INodeExecutionData>();
	for (const output of outputs) {
		let previous = -1;
		for (const item of output) {
			const paired = item.pairedItem as { item: number } | undefined;
			expect(paired).toBeDefined();
			const index = (paired as { item: number }).item;
			// Output order = input order, whatever order the answers came back in.
			expect(index).toBeGreaterThan(previous);
			previous = index;
			if (byItem.has(index)) throw new Error(`item ${index} came out twice`);
			byItem.set(index, item);
		}
	}
	expect([...byItem.keys()].sort((a, b) => a - b)).toEqual(
		Array.from({ length: itemCount }, (_, i) => i),
	);
	const results: number[] = [];
	const errors: number[] = [];
	for (const [index, item] of [...byItem].sort((a, b) => a[0] - b[0])) {
		if (item.json.error === undefined) results.push(index);
		else errors.push(index);
	}
	return { byItem, results, errors };
}

/** The items of the regular output followed by the error output, whatever the onError mode. */
export function allOutputs(main: INodeExecutionData[][]): INodeExecutionData[][] {
	return main.filter((output) => output.length > 0);
}
