/**
 * The execution's first request pays for a new connection and may reach Baidu late, so the
 * limiter counts it in the QPS window until its answer. With a stored token it must not hold
 * the others back: if it hangs, the rest of the batch is recognised while it waits for its
 * timeout, and it is retried after. (Without a token it goes alone on purpose: see the
 * credential tests, one exchange per run.)
 */
import { fetchToken } from '../bench/bare';
import { startEmulator } from '../emulator';
import { useEmulator } from '../harness/emulator';
import { runBaidu } from '../harness/run';
import { credentialsFor } from '../harness/setup';
import {
	accountFor,
	allOutputs,
	isThrottle,
	itemOfRequest,
	pngBatch,
	templateParameters,
} from './kit';

const emulator = useEmulator();

describe('the execution’s first request', () => {
	it('hangs without holding back the others when the credential has a token', async () => {
		const token = await fetchToken(emulator().url);
		emulator().addFault({ kind: 'hang', requests: [1] });
		const batch = pngBatch(6);
		const timeoutSeconds = 5;
		const run = await runBaidu({
			items: batch.items,
			parameters: templateParameters({
				requestsPerSecond: 10,
				concurrency: 3,
				maxRetries: 1,
				timeout: timeoutSeconds,
			}),
			credentials: credentialsFor(emulator().url, { accessToken: token }),
		});
		expect(run.error).toBeUndefined();
		expect(accountFor(allOutputs(run.main), 6).errors).toEqual([]);

		const log = emulator().recognitionRequests();
		expect(log.map((entry) => itemOfRequest(entry, batch))).toEqual([0, 1, 2, 3, 4, 5, 0]);
		// Items 1-5 went while item 0 hung: all of them long before its timeout ran out ...
		const hungAt = log[0].at;
		for (const entry of log.slice(1, 6))
			expect(entry.at - hungAt).toBeLessThan(timeoutSeconds * 1000);
		// ... and item 0 was sent again only after it.
		expect(log[6].at - hungAt).toBeGreaterThanOrEqual(timeoutSeconds * 1000);
		expect(emulator().tokenExchanges).toBe(1); // the test's own, none by the node
	}, 30_000);
});

describe('a request that exchanges the keys, in a process that already paces the application', () => {
	it('counts in the QPS window until its answer: a slow key exchange brings no 18', async () => {
		// The exchange delays the recognition request's arrival by 600 ms. Counted from its start
		// (plus the usual allowance), the next request would reach Baidu about 0.4 s after it,
		// inside the plan's one-second window. (The application's very first request in a process
		// is counted so anyway: one execution with a stored token goes first.)
		const slow = await startEmulator({ quiet: true, tokenLatencyMs: 600 });
		try {
			slow.setQps(1);
			const token = await fetchToken(slow.url);
			const batch = pngBatch(4);
			const first = await runBaidu({
				items: batch.items.slice(0, 1),
				parameters: templateParameters({ maxRetries: 0 }),
				credentials: credentialsFor(slow.url, { accessToken: token, planQps: 1 }),
			});
			expect(first.error).toBeUndefined();
			// The same application, its credential saved again without a token.
			const run = await runBaidu({
				items: batch.items.slice(1),
				parameters: templateParameters({ maxRetries: 0 }),
				credentials: credentialsFor(slow.url, { planQps: 1 }),
			});
			expect(run.error).toBeUndefined();
			expect(accountFor(allOutputs(run.main), 3).errors).toEqual([]);
			expect(slow.tokenExchanges).toBe(2);
			expect(slow.recognitionRequests().filter(isThrottle)).toEqual([]);
			expect(slow.recognitionRequests()).toHaveLength(4);
		} finally {
			await slow.close();
		}
	}, 30_000);
});
