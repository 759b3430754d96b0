/**
 * Requests per second through n8n-core's engine: the client-side limiter keeps a run within
 * Baidu's QPS (not one error 18), and a rate set above the plan's QPS is waited out without
 * losing items.
 *
 * The limiter lets a request start once fewer than rps earlier requests can have reached Baidu
 * within the last second, counting each as arriving up to 25 ms after its start (or at its
 * answer, if sooner). That 25 ms covers a pause of the test process (a garbage collection in the
 * jest worker) between the limiter and the socket: with 10 ms, one run in six saw an 18.
 */
import { RemoteEmulator } from '../bench/remote';
import type { RequestLogEntry } from '../emulator';
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
} from './kit';

/** Within one emulator clock second (its QPS window), at most `qps` requests arrived. */
function busiestSecond(log: RequestLogEntry[]): number {
	let most = 0;
	for (let i = 0; i < log.length; i++) {
		let j = i;
		while (j < log.length && log[j].at - log[i].at < 1000) j++;
		most = Math.max(most, j - i);
	}
	return most;
}

describe('requests per second', () => {
	// Baidu in a process of its own, as in life: its QPS window must not see the node's busy
	// moments as bunched arrivals, nor the node wait while the emulator works.
	let remote: RemoteEmulator;
	beforeAll(async () => {
		remote = await RemoteEmulator.start();
		// One small run first: code that loads on first use (ts-jest compiles it then) would
		// otherwise stall a measured run for tens of ms, which a long-running n8n never sees.
		await runBaidu({
			items: pngBatch(3).items,
			parameters: templateParameters({ requestsPerSecond: 100 }),
			credentials: credentialsFor(remote.url),
		});
	}, 30_000);
	afterAll(async () => {
		await remote.close();
	});
	beforeEach(async () => {
		await remote.reset();
		await remote.setQps(5);
	});

	it('keeps within the plan: QPS 5 at Baidu, 5 set in the node, 20 documents, not one error 18', async () => {
		const batch = pngBatch(20);
		const run = await runBaidu({
			items: batch.items,
			// A first use of the credential: the token exchange is part of the run.
			parameters: templateParameters({ requestsPerSecond: 5 }),
			credentials: credentialsFor(remote.url),
		});
		expect(run.error).toBeUndefined();
		const accounting = accountFor(allOutputs(run.main), 20);
		expect(accounting.errors).toEqual([]);
		const { log } = await remote.stats();
		expect(log.filter((entry) => entry.errorCode === 18)).toEqual([]);
		expect(log).toHaveLength(20);
		// Not faster than the plan, wherever Baidu's one-second window is placed.
		expect(busiestSecond(log)).toBeLessThanOrEqual(5);
	}, 30_000);

	it('set above the plan (20 against QPS 5): Baidu answers 18, the node waits it out, every document succeeds', async () => {
		const batch = pngBatch(20);
		const run = await runBaidu({
			items: batch.items,
			parameters: templateParameters({ requestsPerSecond: 20, concurrency: 4, maxRetries: 0 }),
			credentials: credentialsFor(remote.url),
			nodeOverrides: { onError: 'continueRegularOutput' },
		});
		expect(run.error).toBeUndefined();
		const accounting = accountFor(allOutputs(run.main), 20);
		// maxRetries 0: any 18 that counted against a document would have failed it.
		expect(accounting.errors).toEqual([]);
		const { log } = await remote.stats();
		expect(log.filter((entry) => entry.errorCode === 18).length).toBeGreaterThan(0);
		for (const [, requests] of requestsByItem(log, batch)) {
			expect(requests.filter((entry) => !isThrottle(entry))).toHaveLength(1);
			expect(requests.filter(isSuccess)).toHaveLength(1);
		}
	}, 40_000);
});

