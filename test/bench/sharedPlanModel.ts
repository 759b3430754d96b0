/**
 * Several processes on one Baidu plan, on a virtual clock (issue 12). Each process has the
 * node's real `ApplicationPacer` (adaptive, as registry.ts opens it) and `RequestLimiter`; a
 * modelled Baidu counts arrivals in a strict sliding window and answers error 18 above the plan;
 * the send loop does what the client does on an 18 (the request leaves the pacer's log, the
 * application cools down about a spacing, doubling if it repeats, and the request goes again).
 * Arrivals come 1-4 ms after the start, now and then 30-40 ms late (a busy machine), answers
 * 80-90 ms after arrival. Seeded, so a figure can be reproduced exactly; the clock is virtual,
 * so a run of minutes takes well under a second and the figures do not depend on this machine.
 *
 * Used by the benchmark (`--only=executions`, model rows) and by
 * test/transport/sharedPlan.model.test.ts.
 */
import { backoffDelay } from '../../nodes/BaiduIocr/transport/backoff';
import { ApplicationPacer, RequestLimiter } from '../../nodes/BaiduIocr/transport/limiter';
import { seededRandom } from '../emulator/faults';
import { FakeTime } from '../transport/fakeTime';

export interface ModelOptions {
	processes: number;
	/** The plan's requests per second (every process believes it). */
	plan: number;
	/** Documents each process sends. */
	documentsPerProcess: number;
	seed: number;
	/** Virtual ms between the processes' starts (0: all at once). */
	staggerMs?: number;
	/** Chance that an arrival is 30-40 ms late. Default 0.03. */
	lateShare?: number;
	/** The pacers adapt their rate to errors 18 (as registry.ts opens them). Default true. */
	adaptive?: boolean;
}

export interface ModelResult {
	requests: number;
	errors18: number;
	wallMs: number;
	idealMs: number;
	/** Per process: when its last document was answered. */
	endedAtMs: number[];
}

const WINDOW_MS = 1000;
const SERVICE_MS = 80;

/** Baidu's QPS gate: a strict sliding window of admitted arrivals. */
class ModelBaidu {
	requests = 0;

	errors18 = 0;

	private admitted: number[] = [];

	constructor(private readonly plan: number) {}

	admit(t: number): boolean {
		this.requests++;
		this.admitted = this.admitted.filter((at) => t - at < WINDOW_MS);
		if (this.admitted.length >= this.plan) {
			this.errors18++;
			return false;
		}
		this.admitted.push(t);
		return true;
	}
}

async function sendDocument(
	clock: FakeTime,
	baidu: ModelBaidu,
	limiter: RequestLimiter,
	random: () => number,
	lateShare: number,
): Promise<void> {
	let throttles = 0;
	for (;;) {
		const answered = await limiter.pace();
		const late = random() < lateShare;
		await clock.sleep(late ? 30 + 10 * random() : 1 + 3 * random());
		const ok = baidu.admit(clock.now());
		await clock.sleep(ok ? SERVICE_MS + 10 * random() : 5);
		answered({ counted: ok });
		if (ok) return;
		limiter.penalize(backoffDelay(throttles++, { baseMs: limiter.spacingMs, random }));
	}
}

async function runProcess(
	clock: FakeTime,
	baidu: ModelBaidu,
	options: ModelOptions,
	index: number,
	random: () => number,
): Promise<number> {
	await clock.sleep(index * (options.staggerMs ?? 0));
	const pacer = new ApplicationPacer({
		requestsPerSecond: options.plan,
		adaptive: options.adaptive ?? true,
		firstUntilAnswered: true,
		random,
		now: clock.now,
		sleep: clock.sleep,
	});
	const limiter = new RequestLimiter({
		requestsPerSecond: options.plan,
		concurrency: Math.min(10, Math.ceil(options.plan)),
		pacer,
		now: clock.now,
		sleep: clock.sleep,
	});
	await Promise.all(
		Array.from(
			{ length: options.documentsPerProcess },
			async () =>
				await limiter.withSlot(
					async () => await sendDocument(clock, baidu, limiter, random, options.lateShare ?? 0.03),
				),
		),
	);
	limiter.close();
	return clock.now();
}

/** One run of the model. */
export async function runSharedPlanModel(options: ModelOptions): Promise<ModelResult> {
	const clock = new FakeTime();
	const baidu = new ModelBaidu(options.plan);
	const random = seededRandom(options.seed);
	const ended = Promise.all(
		Array.from(
			{ length: options.processes },
			async (_, index) => await runProcess(clock, baidu, options, index, random),
		),
	);
	await clock.runUntilIdle();
	const endedAtMs = await ended;
	const total = options.processes * options.documentsPerProcess;
	return {
		requests: baidu.requests,
		errors18: baidu.errors18,
		wallMs: Math.max(...endedAtMs),
		idealMs: (total / options.plan) * 1000,
		endedAtMs,
	};
}

/** The model over several seeds: totals and the worst run. */
export async function sharedPlanFigures(
	options: Omit<ModelOptions, 'seed'>,
	seeds: number,
): Promise<{ per100: number; worstPer100: number; ratio: number; worstRatio: number }> {
	let requests = 0;
	let errors = 0;
	let ideal = 0;
	let wall = 0;
	let worstPer100 = 0;
	let worstRatio = Infinity;
	for (let seed = 1; seed <= seeds; seed++) {
		const run = await runSharedPlanModel({ ...options, seed });
		requests += run.requests;
		errors += run.errors18;
		ideal += run.idealMs;
		wall += run.wallMs;
		worstPer100 = Math.max(worstPer100, (100 * run.errors18) / run.requests);
		worstRatio = Math.min(worstRatio, run.idealMs / run.wallMs);
	}
	return { per100: (100 * errors) / requests, worstPer100, ratio: ideal / wall, worstRatio };
}
