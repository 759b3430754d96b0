/**
 * Fidelity to Baidu's real answers (issue 13), through the real engine:
 * - the log id is read wherever Baidu put it (top-level, or only `data.logId` on some error
 *   answers), and the node gives back exactly the digits the emulator sent, a 19-digit id above
 *   2^53 included (the emulator's request log records what it answered);
 * - 282004 is two problems: the advice follows Baidu's text ("modelId is not number" is about a
 *   classifier ID, not an unpublished template); a classifier ID that is not a number is
 *   refused before anything is sent;
 * - mixed receipts on the finance edition are asked for as working callers do
 *   (`templateSign=mixed_receipt`, docs/baidu-api-notes.md);
 * - every error's advice reads once: no phrase said twice, no log ID asked for when there is
 *   none, no dangling "Or ..." sentence, no advice to use what is already used.
 */
import type { IDataObject } from 'n8n-workflow';

import { BAIDU_ERRORS } from '../../nodes/BaiduIocr/transport/errors';
import type { FaultKind } from '../emulator';
import { runBaidu } from '../harness/run';
import { credentialsFor } from '../harness/setup';
import {
	CLASSIFIER,
	classifierParams,
	documentOf,
	financeParams,
	recording,
	sampleItem,
	selectorsOf,
	TEMPLATE,
	templateParams,
	useEmulator,
} from './helpers';

const emulator = useEmulator();

const CONTINUE = { onError: 'continueRegularOutput' } as const;

/** The log id the emulator answered to its only recognition request. */
function answeredLogId(): string {
	const requests = emulator().recognitionRequests();
	expect(requests).toHaveLength(1);
	const logId = requests[0].logId;
	if (logId === undefined) throw new Error('the emulator recorded no log id');
	return logId;
}

describe('the request is the form post Baidu documents', () => {
	it('sent as application/x-www-form-urlencoded (with its charset), asking for JSON', async () => {
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: templateParams(TEMPLATE.trainTicket),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		const [request] = emulator().recognitionRequests();
		expect(request.method).toBe('POST');
		expect(request.contentType).toBe('application/x-www-form-urlencoded; charset=utf-8');
		expect(request.accept).toBe('application/json');
	});
});

describe('log id: read wherever Baidu put it, every digit kept', () => {
	it('success: the document carries the exact 19-digit top-level log_id (above 2^53)', async () => {
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: templateParams(TEMPLATE.trainTicket, { output: 'document' }),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		const sent = answeredLogId();
		expect(sent).toMatch(/^\d{19}$/);
		expect(BigInt(sent) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
		// Plain JSON.parse would turn it into a double and change its last digits.
		expect(String(Number(sent))).not.toBe(sent);
		expect(documentOf(run.main[0][0]).logId).toBe(sent);
	});

	it('error with a 19-digit top-level log_id: the error item gives back the same digits', async () => {
		const run = await runBaidu({
			items: [sampleItem('unmatched.png')],
			parameters: templateParams(TEMPLATE.trainTicket),
			credentials: credentialsFor(emulator().url),
			nodeOverrides: CONTINUE,
		});

		expect(run.error).toBeUndefined();
		const sent = answeredLogId();
		expect(BigInt(sent) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
		const details = run.main[0][0].json.details as IDataObject;
		expect(details.baiduErrorCode).toBe(272000);
		expect(details.logId).toBe(sent);
	});

	it('error whose log id is only in data.logId: the error item carries it', async () => {
		emulator().addFault({
			kind: { errorCode: 282004, logIdAt: 'data.logId' },
			requests: [1],
		});
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: templateParams(TEMPLATE.trainTicket),
			credentials: credentialsFor(emulator().url),
			nodeOverrides: CONTINUE,
		});

		expect(run.error).toBeUndefined();
		const sent = answeredLogId();
		const details = run.main[0][0].json.details as IDataObject;
		expect(details.baiduErrorCode).toBe(282004);
		expect(details.logId).toBe(sent);
	});

	it('error whose log id is only in data.logId, without continue: the stored run keeps it', async () => {
		emulator().addFault({
			kind: { errorCode: 272000, logIdAt: 'data.logId' },
			requests: [1],
		});
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: templateParams(TEMPLATE.trainTicket),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error?.message).toMatch(/Baidu error 272000/);
		const sent = answeredLogId();
		expect(run.serialized).toContain(`"log_id":"${sent}"`);
	});
});

interface RunError {
	name?: string;
	message?: string;
	description?: string;
	failure?: { cause?: string };
}

const NOT_A_NUMBER = 'invalid param, modelId is not number';

describe('282004: the advice follows what Baidu said', () => {
	it('"modelId is not number": about the classifier ID being a number, not about publishing', async () => {
		emulator().addFault({ kind: { errorCode: 282004, errorMsg: NOT_A_NUMBER }, requests: [1] });
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: classifierParams(CLASSIFIER.general),
			credentials: credentialsFor(emulator().url),
		});

		const error = run.error as RunError | undefined;
		expect(error?.message).toBe(
			`Item 0, file 'train-ticket.png' (data): Baidu expected a number, but the classifier ID is not one (Baidu error 282004: ${NOT_A_NUMBER})`,
		);
		expect(error?.description).toMatch(/^Classifier IDs are numbers/);
		expect(error?.description).not.toMatch(/[Pp]ublish/);
		expect(error?.failure?.cause).toBe('configuration-invalid');
	});

	it('"appId doesn\'t own this template nor not launch": publish it, or use the same account', async () => {
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: templateParams(TEMPLATE.unpublished),
			credentials: credentialsFor(emulator().url),
		});

		const error = run.error as RunError | undefined;
		expect(error?.message).toMatch(/The template is not published or belongs to another account/);
		expect(error?.description).toMatch(/^Publish the template/);
		expect(error?.description).not.toMatch(/numbers/);
	});
});

describe('a classifier ID that is not a number is refused before sending', () => {
	it('without continue: the run fails naming the item, and nothing reached Baidu', async () => {
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: classifierParams('invoices'),
			credentials: credentialsFor(emulator().url),
		});

		const error = run.error as RunError | undefined;
		expect(error?.message).toBe(
			"Item 0, file 'train-ticket.png' (data): The classifier ID 'invoices' is not a number; Baidu's classifier IDs are numbers, such as 1001.",
		);
		expect(error?.description).toMatch(/iOCR console \(Classifiers\)/);
		expect(error?.failure?.cause).toBe('configuration-invalid');
		expect(emulator().requests).toEqual([]);
	});

	it('with continue: only that item fails, the others are sent; a template ID put there is recognised as one', async () => {
		const run = await runBaidu({
			items: [
				sampleItem('invoice.jpg', { id: CLASSIFIER.finance }),
				sampleItem('invoice.jpg', { id: TEMPLATE.vatInvoice }),
				sampleItem('invoice.jpg', { id: CLASSIFIER.finance }),
			],
			parameters: financeParams({ classifierId: '={{ $json.id }}' }, { output: 'document' }),
			credentials: credentialsFor(emulator().url),
			nodeOverrides: CONTINUE,
		});

		expect(run.error).toBeUndefined();
		const [main] = run.main;
		expect(main.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(documentOf(main[0]).templateSign).toBe(TEMPLATE.vatInvoice);
		expect(documentOf(main[2]).templateSign).toBe(TEMPLATE.vatInvoice);
		expect(main[1].json.error).toBe(
			`Item 1, file 'invoice.jpg' (data): The classifier ID '${TEMPLATE.vatInvoice}' is not a number; Baidu's classifier IDs are numbers, such as 1001.`,
		);
		expect((main[1].json.details as IDataObject).description).toMatch(/looks like a template ID/);
		const requests = emulator().recognitionRequests();
		expect(requests.map(selectorsOf)).toEqual([
			{ classifierId: CLASSIFIER.finance },
			{ classifierId: CLASSIFIER.finance },
		]);
	});
});

describe('mixed receipts on the finance edition', () => {
	it('are asked for with templateSign=mixed_receipt (no detectorId) and come back one document per receipt', async () => {
		const run = await runBaidu({
			items: [sampleItem('receipts-mixed.jpg')],
			parameters: financeParams('detector', { output: 'document' }),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		const requests = emulator().recognitionRequests();
		expect(requests.map(selectorsOf)).toEqual([{ templateSign: 'mixed_receipt' }]);
		expect(requests[0].endpoint).toBe('finance');
		const receipts = recording('receipts-mixed.jpg').receipts ?? [];
		expect(receipts.length).toBeGreaterThanOrEqual(2);
		expect(run.main[0].map((item) => documentOf(item).templateSign)).toEqual(
			receipts.map((receipt) => receipt.templateSign),
		);
		expect(run.main[0].map((item) => documentOf(item).receiptIndex)).toEqual(
			receipts.map((_receipt, index) => index),
		);
	});
});

/** Phrases of three words that may recur in one advice: names, not advice said twice. */
const NAMES = new Set([
	'the baidu ai',
	'baidu ai cloud',
	'requests per second',
	'the classifier id',
	'a template id',
	'template or classifier',
]);

/** Every phrase of three words that occurs twice in `text` (case and punctuation ignored). */
function saidTwice(text: string): string[] {
	const words = text
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s']/gu, ' ')
		.split(/\s+/)
		.filter(Boolean);
	const seen = new Set<string>();
	const twice: string[] = [];
	for (let i = 0; i + 3 <= words.length; i++) {
		const phrase = words.slice(i, i + 3).join(' ');
		if (seen.has(phrase) && !NAMES.has(phrase)) twice.push(phrase);
		seen.add(phrase);
	}
	return twice;
}

/** What a user reads on an error item: checked the same way for every error. */
function expectReadsOnce(details: IDataObject) {
	const description = String(details.description);
	expect(saidTwice(description)).toEqual([]);
	// A sentence may not start as if it continued a choice that was never offered.
	expect(description).not.toMatch(/(?:^|[.!?] )(?:Or|Then) /);
	// The log ID is asked for only when the item has one to give.
	if (/log ID/.test(description)) expect(details.logId).toMatch(/^\d+$/);
}

describe('every advice reads once, as a user reads it', () => {
	const throttled = new Set([4, 18]);
	const codes = Object.keys(BAIDU_ERRORS)
		.map(Number)
		.filter((code) => !throttled.has(code));
	const variants: Array<[number, string]> = Object.entries(BAIDU_ERRORS).flatMap(([code, entry]) =>
		(entry.variants ?? []).map((variant): [number, string] => [Number(code), variant.label]),
	);
	const baiduFaults: Array<[string, FaultKind]> = [
		...codes.map((code): [string, FaultKind] => [`Baidu error ${code}`, { errorCode: code }]),
		...variants.map(([code, label]): [string, FaultKind] => [
			`Baidu error ${code} (${label})`,
			{ errorCode: code, errorMsg: label === '… is not number' ? NOT_A_NUMBER : label },
		]),
		['HTTP 500', 'http500'],
		['HTTP 503', 'http503'],
		['a cut-off JSON body', 'malformedJson'],
		['a connection reset', 'reset'],
	];

	it.each(baiduFaults)('%s', async (_name, kind) => {
		emulator().addFault({ kind, from: 1, to: 100 });
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: templateParams(TEMPLATE.trainTicket, {}, { maxRetries: 0 }),
			credentials: credentialsFor(emulator().url),
			nodeOverrides: CONTINUE,
		});

		expect(run.error).toBeUndefined();
		const details = run.main[0][0].json.details as IDataObject;
		expect(String(details.description).length).toBeGreaterThan(20);
		expectReadsOnce(details);
	});

	it('a classifier that chose the wrong template is not told to use a classifier', () => {
		expect(BAIDU_ERRORS[272002].description).not.toMatch(/use a classifier/);
		expect(BAIDU_ERRORS[272000].description).toMatch(/use a classifier/);
	});
});
