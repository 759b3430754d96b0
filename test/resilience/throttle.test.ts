/**
 * An error 18 slows the whole run down, not only the document that met it: Baidu says the
 * account is over its QPS, so every slot cools down together (RequestLimiter.penalize) for
 * about one spacing of the rate before anything else is sent.
 *
 * Deterministic on a busy machine: the cooldown's jitter is pinned (Math.random), and the
 * claim is a lower bound read off the emulator's request log. Whatever the machine does, no
 * request can arrive before the cooldown that started when the 18 was answered (after it
 * arrived) has ended; without the cooldown, the next request leaves half a spacing after the
 * refused one (the limiter's least gap), well before.
 */
import { useEmulator } from '../harness/emulator';
import { runBaidu } from '../harness/run';
import { credentialsFor } from '../harness/setup';
import {
	accountFor,
	allOutputs,
	isSuccess,
	pngBatch,
	requestsByItem,
	templateParameters,
} from './kit';

const emulator = useEmulator();

/** Math.random pinned just below 1: the cooldown is the whole spacing (backoff's full jitter). */
const RANDOM = 0.999;
/** The log's times are whole milliseconds of another clock than the limiter's. */
const CLOCK_SLACK_MS = 2;

describe('after an error 18, the next requests of the run wait', () => {
	afterEach(() => {
		jest.restoreAllMocks();
	});

	// At 2 per second the spacing equals the back-off's default first cap (500 ms); at 1 per
	// second only a cooldown of the rate's own spacing keeps the next request a second away.
	it.each([2, 1])(
		'at %i per second: every request after the 18, of any document, arrives at least one cooldown later',
		async (RPS) => {
			/** One even spacing of the rate: the cooldown after a first 18 is up to this long. */
			const SPACING_MS = 1000 / RPS;
			const COOLDOWN_MS = Math.round(RANDOM * SPACING_MS);
			jest.spyOn(Math, 'random').mockReturnValue(RANDOM);
			const batch = pngBatch(5);
			// Baidu refuses request 3 (at 2 per second, the first of the run's second second).
			emulator().addFault({ kind: { errorCode: 18 }, requests: [3] });
			const run = await runBaidu({
				items: batch.items,
				parameters: templateParameters({ requestsPerSecond: RPS, concurrency: 2, maxRetries: 0 }),
				credentials: credentialsFor(emulator().url),
			});

			expect(run.error).toBeUndefined();
			const accounting = accountFor(allOutputs(run.main), 5);
			expect(accounting.errors).toEqual([]);

			const log = emulator().recognitionRequests();
			const refused = log.findIndex((entry) => entry.errorCode === 18);
			expect(refused).toBe(2);
			const after = log.slice(refused + 1);
			// The refused document's resend and the other documents' requests.
			expect(after.length).toBeGreaterThanOrEqual(3);
			const byItem = requestsByItem(log, batch);
			const refusedItem = [...byItem].find(([, requests]) => requests.includes(log[refused]));
			expect(refusedItem?.[1].filter(isSuccess)).toHaveLength(1);
			expect(after.some((entry) => !refusedItem?.[1].includes(entry))).toBe(true);

			for (const entry of after) {
				expect(entry.at - log[refused].at).toBeGreaterThanOrEqual(COOLDOWN_MS - CLOCK_SLACK_MS);
			}
		},
		30_000,
	);
});
