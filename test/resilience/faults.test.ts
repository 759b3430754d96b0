/**
 * 200-document runs through n8n-core's engine while the emulator misbehaves the way Baidu,
 * its front end or the network can: bursts and floods of HTTP 5xx, connection resets,
 * connections that never answer, cut-off JSON, HTML error pages, storms of error 18 and 4,
 * and a token that dies in the middle of the run.
 *
 * Whatever happens, every input document must end as exactly one result or one error item
 * (never both, never twice), outputs keep input order, no document is sent more often than
 * its retries allow, a document Baidu answered is never sent again, and the run ends.
 */
import type { IDataObject } from 'n8n-workflow';

import type { FaultRule, RequestLogEntry } from '../emulator';
import { useEmulator } from '../harness/emulator';
import { runBaidu } from '../harness/run';
import { credentialsFor } from '../harness/setup';
import {
	accountFor,
	allOutputs,
	isSuccess,
	isThrottle,
	pngBatch,
	requestsByItem,
	templateParameters,
	type Accounting,
	type Batch,
} from './kit';

/** MAX_THROTTLE_RETRIES of transport/backoff: throttling is waited out, up to this many times. */
const MAX_THROTTLE_RETRIES = 30;

const ITEMS = 200;

const emulator = useEmulator();
const batch: Batch = pngBatch(ITEMS);

const isRenewal = (entry: RequestLogEntry) =>
	entry.errorCode === 100 || entry.errorCode === 110 || entry.errorCode === 111;

/** The words of the error item a document gets when its last request failed this way. */
function expectedMessage(last: RequestLogEntry): RegExp {
	if (last.fault === 'reset') return /The connection to Baidu broke before an answer arrived/;
	if (last.fault === 'hang') return /Baidu did not answer within 1 s/;
	if (last.fault === 'malformedJson' || last.fault === 'htmlPage')
		return /Baidu's answer was not valid JSON/;
	if (last.errorCode !== undefined && last.errorCode !== 0)
		return new RegExp(`\\(Baidu error ${last.errorCode}: `);
	if (last.httpStatus >= 500)
		return new RegExp(`Baidu's server answered with an error \\(HTTP ${last.httpStatus}`);
	throw new Error(`unexpected last request of a failed document: ${JSON.stringify(last)}`);
}

/**
 * Ties the output to the emulator()'s log: results were answered exactly once, error items
 * used up exactly 1 + maxRetries counted attempts (throttling and token renewal do not
 * count) and say what the last attempt met.
 */
function checkAgainstLog(accounting: Accounting, maxRetries: number): void {
	const byItem = requestsByItem(emulator().recognitionRequests(), batch);
	for (let index = 0; index < ITEMS; index++) {
		const requests = byItem.get(index) ?? [];
		const counted = requests.filter((entry) => !isThrottle(entry) && !isRenewal(entry));
		const successes = requests.filter(isSuccess);
		expect(requests.filter(isThrottle).length).toBeLessThanOrEqual(MAX_THROTTLE_RETRIES);
		expect(requests.filter(isRenewal).length).toBeLessThanOrEqual(1);
		expect(counted.length).toBeLessThanOrEqual(1 + maxRetries);
		const item = accounting.byItem.get(index);
		if (item?.json.error === undefined) {
			// Recognised once, and the answer ended the document's requests.
			expect(successes).toHaveLength(1);
			expect(requests[requests.length - 1]).toBe(successes[0]);
			expect((item?.json.document as IDataObject).source).toMatchObject({
				fileName: `scan-${index}.png`,
			});
		} else {
			expect(successes).toHaveLength(0);
			expect(counted).toHaveLength(1 + maxRetries);
			const last = requests[requests.length - 1];
			expect(String(item.json.error)).toContain(`Item ${index}, file 'scan-${index}.png'`);
			expect(String(item.json.error)).toMatch(expectedMessage(last));
		}
	}
}

interface Scenario {
	name: string;
	faults: FaultRule[];
	options?: IDataObject;
	onError?: 'continueRegularOutput' | 'continueErrorOutput';
	/** Some documents are expected to run out of retries. */
	someFail?: boolean;
	/** Every document is expected to be recognised. */
	allSucceed?: boolean;
}

const scenarios: Scenario[] = [
	{
		name: 'bursts of HTTP 502, 503 and 500',
		faults: [
			{ kind: 'http502', from: 20, to: 35 },
			{ kind: 'http503', from: 90, to: 97 },
			{ kind: 'http500', from: 150, to: 153 },
		],
	},
	{
		name: 'HTTP 5xx on about half of all requests',
		faults: [
			{ kind: 'http500', probability: 0.2, seed: 1 },
			{ kind: 'http502', probability: 0.2, seed: 2 },
			{ kind: 'http503', probability: 0.2, seed: 3 },
		],
		options: { concurrency: 16 },
		onError: 'continueErrorOutput',
		someFail: true,
	},
	{
		name: 'connection resets',
		faults: [{ kind: 'reset', probability: 0.25, seed: 4 }],
	},
	{
		name: 'connections that never answer (1 s timeout)',
		faults: [{ kind: 'hang', probability: 0.05, seed: 5 }],
		options: { timeout: 1, maxRetries: 2 },
		onError: 'continueErrorOutput',
	},
	{
		name: 'cut-off JSON',
		faults: [{ kind: 'malformedJson', probability: 0.25, seed: 6 }],
	},
	{
		name: 'HTML error pages with HTTP 200',
		faults: [{ kind: 'htmlPage', probability: 0.25, seed: 7 }],
		onError: 'continueErrorOutput',
	},
	{
		name: 'a storm of error 18 (QPS limit) that does not count against the documents',
		faults: [{ kind: { errorCode: 18 }, from: 50, to: 73 }],
		options: { maxRetries: 0 },
		allSucceed: true,
	},
	{
		name: 'a storm of error 4 (cluster limit) that does not count against the documents',
		faults: [{ kind: { errorCode: 4 }, from: 120, to: 135 }],
		options: { maxRetries: 0 },
		allSucceed: true,
	},
	{
		name: 'everything at once, with Baidu codes 1, 2, 216630, 216634, 282000 and 282112',
		faults: [
			{ kind: 'http503', probability: 0.03, seed: 11 },
			{ kind: 'reset', probability: 0.03, seed: 12 },
			{ kind: 'malformedJson', probability: 0.03, seed: 13 },
			{ kind: 'htmlPage', probability: 0.03, seed: 14 },
			{ kind: { errorCode: 18 }, probability: 0.03, seed: 15 },
			{ kind: { errorCode: 1 }, probability: 0.02, seed: 16 },
			{ kind: { errorCode: 2 }, probability: 0.02, seed: 17 },
			{ kind: { errorCode: 216630 }, probability: 0.02, seed: 18 },
			{ kind: { errorCode: 216634 }, probability: 0.02, seed: 19 },
			{ kind: { errorCode: 282000 }, probability: 0.02, seed: 20 },
			{ kind: { errorCode: 282112 }, probability: 0.02, seed: 21 },
		],
	},
];

describe('200 documents through faults', () => {
	it.each(scenarios.map((scenario) => [scenario.name, scenario] as const))(
		'%s: one result or error per document, in order, retries within the bound',
		async (_name, scenario) => {
			for (const fault of scenario.faults) emulator().addFault(fault);
			const options = {
				requestsPerSecond: 500,
				concurrency: 8,
				maxRetries: 3,
				timeout: 5,
				...scenario.options,
			};
			const onError = scenario.onError ?? 'continueRegularOutput';
			const run = await runBaidu({
				items: batch.items,
				parameters: templateParameters(options),
				credentials: credentialsFor(emulator().url),
				nodeOverrides: { onError },
			});
			expect(run.error).toBeUndefined();
			const accounting = accountFor(allOutputs(run.main), ITEMS);
			if (onError === 'continueErrorOutput') {
				// Results on the first output, error items on the error output.
				expect(run.main[0].every((item) => item.json.error === undefined)).toBe(true);
				expect((run.main[1] ?? []).every((item) => item.json.error !== undefined)).toBe(true);
			}
			checkAgainstLog(accounting, Number(options.maxRetries));
			// Baidu codes answered with a real error code are retried, never failed at once.
			const log = emulator().recognitionRequests();
			expect(log.length).toBeGreaterThanOrEqual(ITEMS);
			if (scenario.allSucceed) expect(accounting.errors).toEqual([]);
			if (scenario.someFail) {
				expect(accounting.errors.length).toBeGreaterThan(0);
				expect(accounting.results.length).toBeGreaterThan(0);
			}
			// One token exchange for the whole run, however many requests failed.
			expect(emulator().tokenExchanges).toBe(1);
		},
		40_000,
	);
});

describe('a token that dies in the middle of 200 documents', () => {
	it('is renewed once, and every document is recognised exactly once', async () => {
		const credentials = credentialsFor(emulator().url);
		// Baidu answers 110 to everything sent with the first token from the 100th request on.
		const watcher = setInterval(() => {
			if (emulator().recognitionRequests().length >= 100) {
				emulator().revokeTokens();
				clearInterval(watcher);
			}
		}, 1);
		try {
			const run = await runBaidu({
				items: batch.items,
				parameters: templateParameters({ requestsPerSecond: 500, concurrency: 8, maxRetries: 0 }),
				credentials,
				nodeOverrides: { onError: 'continueRegularOutput' },
			});
			expect(run.error).toBeUndefined();
			const accounting = accountFor(allOutputs(run.main), ITEMS);
			expect(accounting.errors).toEqual([]);
			checkAgainstLog(accounting, 0);
			const log = emulator().recognitionRequests();
			expect(log.some((entry) => entry.errorCode === 110)).toBe(true);
			// The first exchange, then one renewal shared by every request that saw the 110.
			expect(emulator().tokenExchanges).toBe(2);
			const [first, second] = emulator().issuedTokens;
			const firstSeen = log.findIndex((entry) => entry.token === second);
			expect(firstSeen).toBeGreaterThan(0);
			// Once the new token was in use, only requests already on their way carried the old one.
			const lateOld = log.slice(firstSeen).filter((entry) => entry.token === first);
			expect(lateOld.length).toBeLessThanOrEqual(7);
		} finally {
			clearInterval(watcher);
		}
	}, 40_000);
});
