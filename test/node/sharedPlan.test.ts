/**
 * Several executions at once in one process, through n8n-core's engine, against an emulator
 * that enforces a strict 2-per-second sliding window: they share the plan set in the credential
 * (one limiter per Baidu application), so Baidu answers (almost) no 18s and every document is
 * recognised once; and a used-up quota met by one execution stops the others' sending too.
 * Assertions are counts from the emulator's request log, not times.
 */
import { fetchToken } from '../bench/bare';
import { useEmulator } from '../harness/emulator';
import { credentialsFor } from '../harness/setup';
import { startBaiduRun } from '../resilience/engine';
import {
	accountFor,
	allOutputs,
	isSuccess,
	isThrottle,
	itemOfRequest,
	pngBatch,
	requestsByItem,
	templateParameters,
} from '../resilience/kit';

const emulator = useEmulator();

describe('executions sharing one Baidu application', () => {
	it('8 one-document executions and a 4-document batch, plan QPS 2: no 18s, every document once', async () => {
		emulator().setQps(2);
		const token = await fetchToken(emulator().url);
		const batch = pngBatch(12);
		const runs = [...batch.items.slice(0, 8).map((item) => [item]), batch.items.slice(8)].map(
			(items) =>
				startBaiduRun({
					items,
					// No Requests per Second in the node: the credential's plan.
					parameters: templateParameters({ maxRetries: 0 }),
					credentials: credentialsFor(emulator().url, { accessToken: token, planQps: 2 }),
					nodeOverrides: { onError: 'continueRegularOutput' },
				}),
		);
		const results = await Promise.all(runs.map(async (run) => await run.done));
		for (const [index, result] of results.entries()) {
			expect(result.error).toBeUndefined();
			const count = index < 8 ? 1 : 4;
			expect(accountFor(allOutputs(result.main), count).errors).toEqual([]);
		}
		const log = emulator().recognitionRequests();
		// Each execution on its own would take the whole plan: about 20 of these were 18s.
		expect(log.filter(isThrottle).length).toBeLessThanOrEqual(1);
		for (const [, requests] of requestsByItem(log, batch)) {
			expect(requests.filter(isSuccess)).toHaveLength(1);
		}
		expect(requestsByItem(log, batch).size).toBe(12);
	}, 60_000);

	it('a node asking for more than the plan is capped to it without an error', async () => {
		emulator().setQps(2);
		const token = await fetchToken(emulator().url);
		const batch = pngBatch(5);
		const result = await startBaiduRun({
			items: batch.items,
			parameters: templateParameters({ requestsPerSecond: 20, concurrency: 4, maxRetries: 0 }),
			credentials: credentialsFor(emulator().url, { accessToken: token, planQps: 2 }),
		}).done;
		expect(result.error).toBeUndefined();
		expect(accountFor(allOutputs(result.main), 5).errors).toEqual([]);
		expect(emulator().recognitionRequests().filter(isThrottle).length).toBeLessThanOrEqual(1);
	}, 30_000);

	it('a daily quota (17) met by one execution stops the other’s sending too', async () => {
		emulator().setDailyQuota(6);
		const token = await fetchToken(emulator().url);
		const batch = pngBatch(40);
		const credentials = credentialsFor(emulator().url, { accessToken: token, planQps: 20 });
		const runs = [batch.items.slice(0, 20), batch.items.slice(20)].map((items) =>
			startBaiduRun({
				items,
				parameters: templateParameters({ concurrency: 2 }),
				credentials,
				nodeOverrides: { onError: 'continueRegularOutput' },
			}),
		);
		const results = await Promise.all(runs.map(async (run) => await run.done));
		const log = emulator().recognitionRequests();
		const first17 = log.findIndex((entry) => entry.errorCode === 17);
		expect(first17).toBe(6);
		// After the first 17, at most the requests already on their way (2 slots per execution,
		// one of them the 17's); without the shared stop the other execution would send the rest
		// of its 20 documents, each answered 17.
		expect(log.length - first17 - 1).toBeLessThanOrEqual(3);
		for (const result of results) {
			expect(result.error).toBeUndefined();
			const accounting = accountFor(allOutputs(result.main), 20);
			for (const index of accounting.errors) {
				expect(String(accounting.byItem.get(index)?.json.error)).toContain(
					'The daily request quota of this Baidu application is used up',
				);
			}
		}
	}, 30_000);

	it('the other execution’s waiting documents are not sent, and their errors say why', async () => {
		emulator().setDailyQuota(1);
		const token = await fetchToken(emulator().url);
		const batch = pngBatch(6);
		// One request a second: when the 17 comes back, each execution's next request is still
		// waiting its turn in the limiter.
		const credentials = credentialsFor(emulator().url, { accessToken: token, planQps: 1 });
		const runs = [batch.items.slice(0, 3), batch.items.slice(3)].map((items) =>
			startBaiduRun({
				items,
				parameters: templateParameters({ concurrency: 1 }),
				credentials,
				nodeOverrides: { onError: 'continueRegularOutput' },
			}),
		);
		const results = await Promise.all(runs.map(async (run) => await run.done));
		const log = emulator().recognitionRequests();
		expect(log.map((entry) => entry.errorCode)).toEqual([0, 17]);
		const sent = new Set(log.map((entry) => itemOfRequest(entry, batch)));
		const other = itemOfRequest(log[1], batch) < 3 ? 1 : 0;
		const accounting = accountFor(allOutputs(results[other].main), 3);
		const notSent = [0, 1, 2].filter((index) => !sent.has(other * 3 + index));
		expect(notSent.length).toBeGreaterThanOrEqual(2);
		for (const index of notSent) {
			const item = accounting.byItem.get(index);
			expect(String(item?.json.error)).toContain(
				'The daily request quota of this Baidu application is used up',
			);
			expect(String((item?.json.details as { description?: string }).description)).toContain(
				'Baidu answered this to another execution using the same Baidu application moments ago, so this document was not sent.',
			);
		}
	}, 30_000);

	it('a document that stops its own execution does not stop the other’s', async () => {
		// 282004 (an unpublished template) fails fast: without "continue", that execution stops.
		emulator().addFault({ kind: { errorCode: 282004 }, requests: [2] });
		const token = await fetchToken(emulator().url);
		const batch = pngBatch(6);
		const credentials = credentialsFor(emulator().url, { accessToken: token, planQps: 1 });
		const runs = [batch.items.slice(0, 3), batch.items.slice(3)].map((items) =>
			startBaiduRun({ items, parameters: templateParameters({ concurrency: 1 }), credentials }),
		);
		const results = await Promise.all(runs.map(async (run) => await run.done));
		const log = emulator().recognitionRequests();
		expect(log[1].errorCode).toBe(282004);
		const stopped = itemOfRequest(log[1], batch) < 3 ? 0 : 1;
		expect(results[stopped].error?.message).toMatch(/Baidu error 282004/);
		const other = results[1 - stopped];
		expect(other.error).toBeUndefined();
		expect(accountFor(allOutputs(other.main), 3).errors).toEqual([]);
	}, 30_000);
});
