import { useEmulator } from '../harness/emulator';
/**
 * The plan's limits through n8n-core's engine: a used-up quota (17, 19) stops the run at once
 * with done items kept, and cancelling the execution stops new requests. (Requests per
 * second: qps.test.ts.)
 */
import { runBaidu } from '../harness/run';
import { credentialsFor } from '../harness/setup';
import { startBaiduRun } from './engine';
import {
	accountFor,
	allOutputs,
	isSuccess,
	itemOfRequest,
	pngBatch,
	requestsByItem,
	templateParameters,
} from './kit';

const current = useEmulator();

describe('quota used up in the middle of a run', () => {
	const QUOTA = 30;
	const ITEMS = 60;

	it.each(['continueRegularOutput', 'continueErrorOutput'] as const)(
		'daily quota (17) with %s: done items stay results, the rest say the quota is used up, nothing is sent after the 17',
		async (onError) => {
			current().setDailyQuota(QUOTA);
			const batch = pngBatch(ITEMS);
			const run = await runBaidu({
				items: batch.items,
				parameters: templateParameters({ requestsPerSecond: 10, concurrency: 8 }),
				credentials: credentialsFor(current().url),
				nodeOverrides: { onError },
			});
			expect(run.error).toBeUndefined();
			const accounting = accountFor(allOutputs(run.main), ITEMS);
			expect(accounting.results).toEqual(Array.from({ length: QUOTA }, (_, i) => i));
			expect(accounting.errors).toEqual(Array.from({ length: ITEMS - QUOTA }, (_, i) => QUOTA + i));
			if (onError === 'continueErrorOutput') {
				expect(run.main[0]).toHaveLength(QUOTA);
				expect(run.main[1]).toHaveLength(ITEMS - QUOTA);
			}
			for (const index of accounting.errors) {
				const json = accounting.byItem.get(index)?.json ?? {};
				expect(String(json.error)).toContain(
					`Item ${index}, file 'scan-${index}.png' (data): The daily request quota of this Baidu application is used up (Baidu error 17`,
				);
				const details = json.details as Record<string, unknown>;
				// The one that met the 17 was sent; the others never were.
				if (index === QUOTA) expect(details.baiduErrorCode).toBe(17);
				else expect(details.notSent).toBe(true);
			}
			// The 17 is the last request Baidu saw.
			const log = current().recognitionRequests();
			expect(log).toHaveLength(QUOTA + 1);
			expect(log[QUOTA].errorCode).toBe(17);
			expect(itemOfRequest(log[QUOTA], batch)).toBe(QUOTA);
		},
		30_000,
	);

	it('daily quota (17) without continue: the run fails with that message after the 17, and nothing more is sent', async () => {
		current().setDailyQuota(QUOTA);
		const batch = pngBatch(ITEMS);
		const run = await runBaidu({
			items: batch.items,
			parameters: templateParameters({ requestsPerSecond: 10, concurrency: 8 }),
			credentials: credentialsFor(current().url),
		});
		expect(run.error?.message).toBe(
			`Item ${QUOTA}, file 'scan-${QUOTA}.png' (data): The daily request quota of this Baidu application is used up (Baidu error 17: Open api daily request limit reached)`,
		);
		expect(run.main.flat()).toEqual([]);
		const log = current().recognitionRequests();
		expect(log).toHaveLength(QUOTA + 1);
		expect(log[QUOTA].errorCode).toBe(17);
	}, 30_000);

	it('total quota (19) while documents wait out a retry: they are not sent again', async () => {
		// Requests 30-33 fail with 503, so those four documents sleep before retrying while the
		// other four slots go on; from request 40 on the total quota is used up. Each sleep is
		// pinned at its full cap, about 0.5 s (Math.random is the back-off's jitter), far longer
		// than the requests 34-40 take: drawn near 0, a retry could be on its way alongside the
		// request that gets the first 19, which a busy machine showed once.
		jest.spyOn(Math, 'random').mockReturnValue(0.99);
		current().addFault({ kind: 'http503', from: 30, to: 33 });
		current().addFault({ kind: { errorCode: 19 }, from: 40 });
		const batch = pngBatch(100);
		const run = await runBaidu({
			items: batch.items,
			parameters: templateParameters({ requestsPerSecond: 50, concurrency: 8, maxRetries: 3 }),
			credentials: credentialsFor(current().url),
			nodeOverrides: { onError: 'continueRegularOutput' },
		});
		expect(run.error).toBeUndefined();
		const accounting = accountFor(allOutputs(run.main), 100);
		const log = current().recognitionRequests();
		const byItem = requestsByItem(log, batch);
		// A result for exactly the documents Baidu recognised.
		const recognised = [...byItem]
			.filter(([, requests]) => requests.some(isSuccess))
			.map(([index]) => index)
			.sort((a, b) => a - b);
		expect(accounting.results).toEqual(recognised);
		for (const index of accounting.errors) {
			expect(String(accounting.byItem.get(index)?.json.error)).toContain(
				'The total request quota of this Baidu application is used up (Baidu error 19',
			);
		}
		// After the first 19, only requests already on their way: at most one per other slot
		// (Concurrency 8), each a document's first request - no document was sent again. (How
		// many were on their way depends on the machine's speed, not on the node.)
		const first19 = log.findIndex((entry) => entry.errorCode === 19);
		expect(first19).toBeGreaterThan(0);
		const after = log.slice(first19 + 1);
		expect(after.length).toBeLessThanOrEqual(7);
		const sentBefore = new Set(log.slice(0, first19 + 1).map((entry) => itemOfRequest(entry, batch)));
		expect(after.filter((entry) => sentBefore.has(itemOfRequest(entry, batch)))).toEqual([]);
	}, 30_000);

	afterEach(() => {
		jest.restoreAllMocks();
	});
});

describe('cancelling the execution', () => {
	it('stops new requests at once', async () => {
		const batch = pngBatch(60);
		const running = startBaiduRun({
			items: batch.items,
			parameters: templateParameters({ requestsPerSecond: 10, concurrency: 4 }),
			credentials: credentialsFor(current().url),
		});
		const sent = await new Promise<number>((resolve) => {
			const watcher = setInterval(() => {
				const count = current().recognitionRequests().length;
				if (count >= 10) {
					clearInterval(watcher);
					running.cancel();
					resolve(count);
				}
			}, 1);
		});
		await running.done;
		// Give anything still queued time to show up: at 10 per second, 1 s is 10 requests.
		await new Promise((resolve) => setTimeout(resolve, 1000));
		const log = current().recognitionRequests();
		// At most one request that had already left when the cancel came.
		expect(log.length).toBeLessThanOrEqual(sent + 1);
		expect(log.length).toBeLessThan(60);
	}, 30_000);
});
