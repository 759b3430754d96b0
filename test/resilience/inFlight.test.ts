/**
 * Requests in flight. Baidu's iOCR takes 0.3-1 s to answer, so reaching 10 requests a second
 * needs several in flight: without the Concurrency option the node allows as many as
 * Requests per Second (at most 10); the option, when set, is obeyed exactly.
 */
import { useEmulator } from '../harness/emulator';
import { runBaidu } from '../harness/run';
import { credentialsFor } from '../harness/setup';
import { accountFor, allOutputs, pngBatch, templateParameters } from './kit';

const emulator = useEmulator();
// Answers take 3 s, so 'sent before the first answer' holds with seconds to spare on a busy
// machine (nine requests at 10/s leave within about 0.8 s).
const ANSWER_MS = 3000;

async function arrivals(options: Record<string, number>): Promise<number[]> {
	emulator().setLatency(ANSWER_MS);
	const run = await runBaidu({
		items: pngBatch(10).items,
		parameters: templateParameters(options),
		credentials: credentialsFor(emulator().url),
	});
	expect(run.error).toBeUndefined();
	expect(accountFor(allOutputs(run.main), 10).errors).toEqual([]);
	const log = emulator().recognitionRequests();
	expect(log).toHaveLength(10);
	// The first one went alone (it fetched the token): count from the second.
	return log.slice(1).map((entry) => entry.at - log[1].at);
}

describe('requests in flight', () => {
	it('without the Concurrency option: as many as Requests per Second, so 10/s is reached', async () => {
		const at = await arrivals({ requestsPerSecond: 10 });
		// All nine were sent before the first of them was answered.
		expect(at[8]).toBeLessThan(ANSWER_MS);
	}, 30_000);

	it('slow answers do not lower the rate: at 2/s with Concurrency 6, four leave before the first answer', async () => {
		// Each request counts in the QPS window from when it reached Baidu (its start plus a small
		// allowance), not until its answer: the fourth leaves about 1.5 s after the first. Counted
		// until answered, the first two would hold the window for the 3 s their answers take.
		const at = await arrivals({ requestsPerSecond: 2, concurrency: 6 });
		expect(at[3]).toBeLessThan(ANSWER_MS);
	}, 30_000);

	it('with Concurrency 2: a third request waits for an answer', async () => {
		const at = await arrivals({ requestsPerSecond: 10, concurrency: 2 });
		expect(at[1]).toBeLessThan(ANSWER_MS);
		expect(at[2]).toBeGreaterThanOrEqual(ANSWER_MS - 5);
	}, 30_000);
});
