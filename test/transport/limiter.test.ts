import { getEventListeners } from 'node:events';
import { runInNewContext } from 'node:vm';

import {
	ApplicationPacer,
	ARRIVAL_ALLOWANCE_MS,
	MAX_ARRIVAL_ALLOWANCE_MS,
	type PacerOptions,
	RequestLimiter,
} from '../../nodes/BaiduIocr/transport/limiter';
import { FakeTime, flush } from './fakeTime';

function deferred() {
	let resolve!: () => void;
	const promise = new Promise<void>((r) => (resolve = r));
	return { promise, resolve };
}

function makeLimiter(time: FakeTime, requestsPerSecond = 10, concurrency = 2) {
	return new RequestLimiter({ requestsPerSecond, concurrency, now: time.now, sleep: time.sleep });
}

/** Asks for a start now; the function returned says when it came (undefined: not yet). */
function nextStart(time: FakeTime, limiter: RequestLimiter): () => number | undefined {
	let startedAt: number | undefined;
	void limiter.pace().then(() => (startedAt = time.t));
	return () => startedAt;
}

/** Every start's latest arrival at Baidu, as the limiter assumes it when nothing is answered. */
const arrival = (start: number) => start + ARRIVAL_ALLOWANCE_MS;

/** Starts `count` requests through `pace` (nobody answers) and returns their start times. */
async function startMany(time: FakeTime, limiter: RequestLimiter, count: number, span: number) {
	const starts: number[] = [];
	const all = Array.from({ length: count }, async () => {
		await limiter.pace();
		starts.push(time.t);
	});
	await time.advance(span);
	await Promise.all(all);
	return starts;
}

/** The most arrivals any window of `windowMs` holds (a window at each arrival, as Baidu's). */
function busiestWindow(arrivals: number[], windowMs: number): number {
	const sorted = [...arrivals].sort((a, b) => a - b);
	return Math.max(
		...sorted.map((at) => sorted.filter((other) => other >= at && other < at + windowMs).length),
	);
}

describe('RequestLimiter.pace', () => {
	it('lets `rps` requests into a second half a spacing apart, then waits for the window', async () => {
		const time = new FakeTime();
		const limiter = makeLimiter(time, 2);
		expect([limiter.capacity, limiter.windowMs, limiter.minGapMs, limiter.spacingMs]).toEqual([
			2, 1000, 250, 500,
		]);
		const starts = await startMany(time, limiter, 6, 5000);
		// The third waits until the first's arrival (start + allowance) has left the window.
		const late = 1000 + ARRIVAL_ALLOWANCE_MS;
		expect(starts).toEqual([0, 250, late, late + 250, 2 * late, 2 * late + 250]);
		expect(busiestWindow(starts.map(arrival), 1000)).toBe(2);
	});

	it.each([
		[
			'counts an answered request from its answer, when that came before the allowance ran out',
			10,
			{},
			1010,
		],
		// Only the gap between starts holds the next one back then (half of 1000 ms).
		[
			'frees the place of a request Baidu did not count (refused with 18, or never sent)',
			80,
			{ counted: false },
			500,
		],
	])('%s', async (_name, answeredAt, outcome, expected) => {
		const time = new FakeTime();
		const limiter = makeLimiter(time, 1);
		const answered = await limiter.pace();
		await time.advance(answeredAt);
		answered(outcome);
		answered(); // a second call changes nothing
		const startedAt = nextStart(time, limiter);
		await time.advance(2000);
		expect(startedAt()).toBe(expected);
	});

	it('holds a first request (until answered) in the window until its answer', async () => {
		const time = new FakeTime();
		const limiter = makeLimiter(time, 1);
		const answered = await limiter.pace(undefined, { untilAnswered: true });
		const startedAt = nextStart(time, limiter);
		await time.advance(3000);
		expect(startedAt()).toBeUndefined();
		answered();
		await time.advance(999);
		expect(startedAt()).toBeUndefined();
		await time.advance(1);
		expect(startedAt()).toBe(4000);
	});

	it('lets the others go while a first request hangs: it takes one place in the window only', async () => {
		const time = new FakeTime();
		const limiter = makeLimiter(time, 2);
		await limiter.pace(undefined, { untilAnswered: true }); // never answered
		const starts = await startMany(time, limiter, 3, 5000);
		expect(starts).toEqual([250, 1275, 2300]);
	});

	it("loses a late timer's time once, not once per late timer, and never crowds a window", async () => {
		const schedule = async (lateTimers: number[]) => {
			let t = 0;
			let timers = 0;
			// The listed timers fire 80 ms late (a busy event loop, a GC pause).
			const sleep = async (ms: number) => {
				t += ms + (lateTimers.includes(++timers) ? 80 : 0);
			};
			const limiter = new RequestLimiter({
				requestsPerSecond: 10,
				concurrency: 1,
				now: () => t,
				sleep,
			});
			const starts: number[] = [];
			for (let i = 0; i < 40; i++) {
				await limiter.pace();
				starts.push(t);
			}
			return starts;
		};
		const onTime = await schedule([]);
		const late = await schedule([4, 20]);
		expect(late[4] - onTime[4]).toBe(80);
		expect(late[20] - onTime[20]).toBe(80);
		// Spacing each start from the previous one would end 160 ms late: the window counts
		// places, and the second delay falls on places the first had already pushed back.
		expect(late[39] - onTime[39]).toBe(80);
		expect(busiestWindow(late.map(arrival), 1000)).toBe(10);
		for (let i = 1; i < late.length; i++) expect(late[i] - late[i - 1]).toBeGreaterThanOrEqual(50);
	});

	it('lets a request start at once when the previous one was long enough ago', async () => {
		const time = new FakeTime();
		const limiter = makeLimiter(time, 2);
		await limiter.pace();
		await time.advance(600);
		let started = false;
		void limiter.pace().then(() => (started = true));
		await flush();
		expect(started).toBe(true);
		expect(time.pendingTimers).toBe(0);
	});

	it('waits only for the rest of the gap', async () => {
		const time = new FakeTime();
		const limiter = makeLimiter(time, 2); // 250 ms gap
		await limiter.pace();
		await time.advance(100);
		const startedAt = nextStart(time, limiter);
		await time.advance(149);
		expect(startedAt()).toBeUndefined();
		await time.advance(1);
		expect(startedAt()).toBe(250);
	});

	it('shares the window across slots: no burst however many slots are free', async () => {
		const time = new FakeTime();
		const limiter = makeLimiter(time, 2, 8);
		const starts: number[] = [];
		const tasks = Array.from(
			{ length: 8 },
			async () =>
				await limiter.withSlot(async () => {
					await limiter.pace();
					starts.push(time.t);
				}),
		);
		await time.advance(5000);
		await Promise.all(tasks);
		expect(starts).toHaveLength(8);
		for (let i = 1; i < starts.length; i++)
			expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(250);
		expect(busiestWindow(starts.map(arrival), 1000)).toBe(2);
	});

	it.each([
		[0.5, 1, 2000],
		[2.5, 2, 800],
		[10, 10, 1000],
	])('rate %d: %d per window of %d ms', async (rps, capacity, windowMs) => {
		const time = new FakeTime();
		const limiter = makeLimiter(time, rps);
		expect([limiter.capacity, limiter.windowMs]).toEqual([capacity, windowMs]);
		const starts = await startMany(time, limiter, 3 * capacity + 1, 10 * windowMs);
		expect(busiestWindow(starts.map(arrival), windowMs)).toBe(capacity);
		// Over the whole run the rate asked for is kept, less the allowance per window.
		const span = starts[starts.length - 1] - starts[0];
		expect(span).toBeGreaterThanOrEqual(3 * windowMs);
		expect(span).toBeLessThanOrEqual(3 * (windowMs + ARRIVAL_ALLOWANCE_MS));
	});

	it('serves pace callers in call order', async () => {
		const time = new FakeTime();
		const limiter = makeLimiter(time, 10);
		const order: number[] = [];
		const all = [0, 1, 2, 3].map(async (n) => {
			await limiter.pace();
			order.push(n);
		});
		await time.advance(1000);
		await Promise.all(all);
		expect(order).toEqual([0, 1, 2, 3]);
	});

	it('re-checks after waking, so a timer that fires early does not let a request through', async () => {
		let t = 0;
		// A sleep that comes back 10 ms early by the limiter's clock.
		const early = async (ms: number) => {
			t += Math.max(1, ms - 10);
		};
		const limiter = new RequestLimiter({
			requestsPerSecond: 1,
			concurrency: 1,
			now: () => t,
			sleep: early,
		});
		await limiter.pace();
		await limiter.pace();
		expect(t).toBeGreaterThanOrEqual(1000 + ARRIVAL_ALLOWANCE_MS);
	});
});

describe('RequestLimiter.penalize', () => {
	it('pushes the next start at least ms from now', async () => {
		const time = new FakeTime();
		const limiter = makeLimiter(time, 10);
		await limiter.pace();
		limiter.penalize(2000);
		const startedAt = nextStart(time, limiter);
		await time.advance(1999);
		expect(startedAt()).toBeUndefined();
		await time.advance(1);
		expect(startedAt()).toBe(2000);
	});

	it('also holds back requests already waiting, and all slots cool down together', async () => {
		const time = new FakeTime();
		const limiter = makeLimiter(time, 10, 3);
		await limiter.pace(); // t = 0
		const starts: number[] = [];
		const waiting = [0, 1].map(async () => {
			await limiter.pace();
			starts.push(time.t);
		});
		await time.advance(20);
		limiter.penalize(1000); // until t = 1020
		await time.advance(3000);
		await Promise.all(waiting);
		expect(starts[0]).toBe(1020);
		expect(starts[1]).toBe(1070);
	});

	it('doubles the arrival allowance from the second time on, up to the maximum: Baidu saw requests later than counted', async () => {
		const time = new FakeTime();
		const limiter = makeLimiter(time, 1);
		expect(limiter.arrivalAllowanceMs).toBe(ARRIVAL_ALLOWANCE_MS);
		limiter.penalize(1);
		// One 18 can be a single late arrival.
		expect(limiter.arrivalAllowanceMs).toBe(ARRIVAL_ALLOWANCE_MS);
		limiter.penalize(0); // a cooldown of 0 ms (full jitter) still counts as an 18
		expect(limiter.arrivalAllowanceMs).toBe(2 * ARRIVAL_ALLOWANCE_MS);
		await time.advance(1);
		// The next window-bound start leaves the wider allowance.
		const starts = await startMany(time, limiter, 2, 3000);
		expect(starts[1] - starts[0]).toBe(1000 + 2 * ARRIVAL_ALLOWANCE_MS);
		for (let i = 0; i < 10; i++) limiter.penalize(1);
		expect(limiter.arrivalAllowanceMs).toBe(MAX_ARRIVAL_ALLOWANCE_MS);
	});

	it('never shortens a wait and ignores nonsense', async () => {
		const time = new FakeTime();
		const limiter = makeLimiter(time, 10);
		limiter.penalize(1000);
		limiter.penalize(10);
		limiter.penalize(-5);
		limiter.penalize(Number.NaN);
		limiter.penalize(Number.POSITIVE_INFINITY);
		const startedAt = nextStart(time, limiter);
		await time.advance(2000);
		expect(startedAt()).toBe(1000);
	});
});

describe('RequestLimiter.withSlot', () => {
	it('runs at most `concurrency` tasks at once', async () => {
		const time = new FakeTime();
		const limiter = makeLimiter(time, 10, 2);
		let running = 0;
		let peak = 0;
		const gates = Array.from({ length: 6 }, () => deferred());
		const results = gates.map(
			async (gate, i) =>
				await limiter.withSlot(async () => {
					running++;
					peak = Math.max(peak, running);
					await gate.promise;
					running--;
					return i;
				}),
		);
		await flush();
		expect(running).toBe(2);
		expect(limiter.active).toBe(2);
		expect(limiter.waiting).toBe(4);
		for (const gate of gates) {
			gate.resolve();
			await flush();
			expect(running).toBeLessThanOrEqual(2);
		}
		expect(await Promise.all(results)).toEqual([0, 1, 2, 3, 4, 5]);
		expect(peak).toBe(2);
		expect(limiter.active).toBe(0);
	});

	it('starts waiters in FIFO order even when running tasks finish out of order', async () => {
		const time = new FakeTime();
		const limiter = makeLimiter(time, 10, 2);
		const started: number[] = [];
		const gates = Array.from({ length: 6 }, () => deferred());
		const all = gates.map(
			async (gate, i) =>
				await limiter.withSlot(async () => {
					started.push(i);
					await gate.promise;
				}),
		);
		await flush();
		expect(started).toEqual([0, 1]);
		gates[1].resolve();
		await flush();
		expect(started).toEqual([0, 1, 2]);
		gates[2].resolve();
		gates[0].resolve();
		await flush();
		expect(started).toEqual([0, 1, 2, 3, 4]);
		gates[5].resolve();
		gates[4].resolve();
		gates[3].resolve();
		await Promise.all(all);
		expect(started).toEqual([0, 1, 2, 3, 4, 5]);
	});

	it('does not let a newcomer jump the queue when a slot frees up', async () => {
		const time = new FakeTime();
		const limiter = makeLimiter(time, 10, 1);
		const started: string[] = [];
		const first = deferred();
		const a = limiter.withSlot(async () => {
			started.push('a');
			await first.promise;
		});
		const b = limiter.withSlot(async () => {
			started.push('b');
		});
		first.resolve();
		const c = limiter.withSlot(async () => {
			started.push('c');
		});
		await Promise.all([a, b, c]);
		expect(started).toEqual(['a', 'b', 'c']);
	});

	it('frees the slot when a task throws', async () => {
		const time = new FakeTime();
		const limiter = makeLimiter(time, 10, 1);
		await expect(
			limiter.withSlot(async () => await Promise.reject(new Error('boom'))),
		).rejects.toThrow('boom');
		expect(limiter.active).toBe(0);
		await expect(limiter.withSlot(async () => 'ok')).resolves.toBe('ok');
	});
});

describe('RequestLimiter abort', () => {
	it('rejects a slot waiter at once with the signal reason, and the queue moves on', async () => {
		const time = new FakeTime();
		const limiter = makeLimiter(time, 10, 1);
		const gate = deferred();
		const started: string[] = [];
		const first = limiter.withSlot(async () => {
			started.push('first');
			await gate.promise;
		});
		const controller = new AbortController();
		const reason = new Error('execution cancelled');
		const cancelled = limiter.withSlot(async () => {
			started.push('cancelled');
		}, controller.signal);
		const last = limiter.withSlot(async () => {
			started.push('last');
		});
		await flush();
		controller.abort(reason);
		await expect(cancelled).rejects.toBe(reason);
		expect(limiter.waiting).toBe(1);
		gate.resolve();
		await Promise.all([first, last]);
		expect(started).toEqual(['first', 'last']);
	});

	it('rejects a pace waiter promptly, without waiting for its start time', async () => {
		const time = new FakeTime();
		const limiter = makeLimiter(time, 1); // the next start at 1025
		await limiter.pace();
		const controller = new AbortController();
		const waiting = limiter.pace(controller.signal);
		await time.advance(10);
		controller.abort();
		await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
		expect(time.t).toBe(10);
		// With nobody left waiting, the limiter's own timer is cancelled too.
		await flush();
		expect(time.pendingTimers).toBe(0);
	});

	it('keeps the spacing for the waiters behind an aborted one', async () => {
		const time = new FakeTime();
		const limiter = makeLimiter(time, 10);
		await limiter.pace(); // t = 0
		const controller = new AbortController();
		const aborted = limiter.pace(controller.signal);
		const startedAt = nextStart(time, limiter);
		await time.advance(20);
		controller.abort();
		await expect(aborted).rejects.toBeDefined();
		await time.advance(1000);
		expect(startedAt()).toBe(50);
	});

	it('rejects at once when the signal has already fired, with Error("aborted") for a non-Error reason', async () => {
		const time = new FakeTime();
		const limiter = makeLimiter(time, 10);
		const controller = new AbortController();
		controller.abort('a string reason');
		let ran = false;
		await expect(
			limiter.withSlot(async () => {
				ran = true;
			}, controller.signal),
		).rejects.toThrow('aborted');
		await expect(limiter.pace(controller.signal)).rejects.toThrow('aborted');
		expect(ran).toBe(false);
		expect(limiter.active).toBe(0);
	});
});

/** A limiter at 1 request a second whose first request has gone and whose timer rejects. */
async function limiterPastItsFirstRequestWithABrokenTimer(): Promise<RequestLimiter> {
	let t = 0;
	const limiter = new RequestLimiter({
		requestsPerSecond: 1,
		concurrency: 1,
		now: () => t,
		sleep: async () => await Promise.reject(new Error('timer broke')),
	});
	await limiter.pace();
	t = 1;
	return limiter;
}

describe('RequestLimiter timer failure', () => {
	it('rejects every pace waiter when the timer itself fails, instead of hanging', async () => {
		const limiter = await limiterPastItsFirstRequestWithABrokenTimer();
		await expect(Promise.all([limiter.pace(), limiter.pace()])).rejects.toThrow('timer broke');
	});
});

describe('RequestLimiter options', () => {
	it.each([
		[{ requestsPerSecond: 0, concurrency: 1 }],
		[{ requestsPerSecond: -1, concurrency: 1 }],
		[{ requestsPerSecond: Number.NaN, concurrency: 1 }],
		[{ requestsPerSecond: 2, concurrency: 0 }],
		[{ requestsPerSecond: 2, concurrency: 1.5 }],
	])('rejects %o', (options) => {
		expect(() => new RequestLimiter(options)).toThrow(RangeError);
	});
});

describe('RequestLimiter in real time', () => {
	it('keeps 50 rps with real timers: no one-second window holds more than 50 starts', async () => {
		const limiter = new RequestLimiter({ requestsPerSecond: 50, concurrency: 4 });
		const count = 60;
		const starts: number[] = [];
		await Promise.all(
			Array.from(
				{ length: count },
				async () =>
					await limiter.withSlot(async () => {
						await limiter.pace();
						starts.push(performance.now());
						await new Promise((resolve) => setTimeout(resolve, Math.random() * 30));
					}),
			),
		);
		expect(starts).toHaveLength(count);
		starts.sort((a, b) => a - b);
		// 51 starts must span more than a second, wherever the window is placed.
		for (let i = 50; i < starts.length; i++) {
			expect(starts[i] - starts[i - 50]).toBeGreaterThanOrEqual(1000);
		}
	});
});

/**
 * What the mutation run over transport/limiter.ts found untested: what an abort's reason turns
 * into, that no listener stays on the execution's signal, the checks on rates and plans, how
 * executions sharing one application take turns and leave, when an application counts as idle,
 * a quota stop, and what an error 18 cuts the adaptive rate to.
 */

function makePacer(time: FakeTime, requestsPerSecond: number, options: Partial<PacerOptions> = {}) {
	return new ApplicationPacer({ requestsPerSecond, now: time.now, sleep: time.sleep, ...options });
}

/** An execution on `pacer`, at the plan's rate unless told otherwise. */
function limiterOn(pacer: ApplicationPacer, requestsPerSecond = pacer.planRps) {
	return new RequestLimiter({ requestsPerSecond, concurrency: 4, pacer });
}

/** How a promise has settled so far: undefined while it is pending. */
function settlement(promise: Promise<unknown>) {
	let state: { started: true } | { error: unknown } | undefined;
	promise.then(
		() => (state = { started: true }),
		(error: unknown) => (state = { error }),
	);
	return () => state;
}

/** Asks `limiter` for `count` starts (nobody answers); each start goes into `log` as name@time. */
function ask(time: FakeTime, limiter: RequestLimiter, name: string, count: number, log: string[]) {
	return Array.from({ length: count }, async () => {
		await limiter.pace();
		log.push(`${name}@${time.t}`);
	});
}

const abortListeners = (signal: AbortSignal) => getEventListeners(signal, 'abort').length;

describe('RequestLimiter abort reasons', () => {
	it.each([
		['an object with a message but no name', { message: 'stop' }],
		['an object with a name but no message', { name: 'AbortError' }],
		['null', null],
		['a function that has a name and a message', Object.assign(() => undefined, { message: 'x' })],
	])('a reason that is not an error (%s) becomes Error("aborted")', async (_name, reason) => {
		const time = new FakeTime();
		const limiter = makeLimiter(time, 1);
		const fired = new AbortController();
		fired.abort(reason);
		const early: unknown = await limiter.pace(fired.signal).catch((error: unknown) => error);
		await limiter.pace();
		const controller = new AbortController();
		const waiting = limiter.pace(controller.signal);
		controller.abort(reason);
		const late: unknown = await waiting.catch((error: unknown) => error);
		for (const error of [early, late]) {
			expect(error).toBeInstanceOf(Error);
			expect((error as Error).message).toBe('aborted');
		}
	});

	it('passes on an error from another realm (a VM context) as it is', async () => {
		const time = new FakeTime();
		const limiter = makeLimiter(time, 1);
		const foreign: unknown = runInNewContext('new Error("stopped by the workflow")');
		expect(foreign instanceof Error).toBe(false);
		const controller = new AbortController();
		controller.abort(foreign);
		await expect(limiter.pace(controller.signal)).rejects.toBe(foreign);
	});

	it('a waiter in the middle of the queue leaves at once; the ones around it keep their turns', async () => {
		const time = new FakeTime();
		const limiter = makeLimiter(time, 1);
		await limiter.pace(); // t = 0; the next may start at 1025
		const second = nextStart(time, limiter);
		const controller = new AbortController();
		const reason = new Error('item cancelled');
		const third = settlement(limiter.pace(controller.signal));
		const fourth = nextStart(time, limiter);
		await time.advance(10);
		controller.abort(reason);
		await flush();
		expect(third()).toEqual({ error: reason });
		await time.advance(3000);
		expect([second(), fourth()]).toEqual([1025, 2050]);
	});
});

describe('RequestLimiter leaves no listener on the execution’s signal', () => {
	// One signal serves every item of an execution: a listener left per item would pile up
	// (and Node warns of a leak past ten).
	it('when the waits end with a start', async () => {
		const time = new FakeTime();
		const limiter = makeLimiter(time, 10, 1);
		const { signal } = new AbortController();
		const runs = [0, 1, 2].map(
			async () => await limiter.withSlot(async () => await limiter.pace(signal), signal),
		);
		await time.advance(1000);
		await Promise.all(runs);
		expect(abortListeners(signal)).toBe(0);
	});

	it('when the signal fires', async () => {
		const time = new FakeTime();
		const limiter = makeLimiter(time, 1, 1);
		await limiter.pace();
		const controller = new AbortController();
		const gate = deferred();
		const running = limiter.withSlot(async () => await gate.promise);
		const waits = [
			limiter.pace(controller.signal),
			limiter.withSlot(async () => 1, controller.signal),
		];
		await flush();
		expect(abortListeners(controller.signal)).toBe(2);
		controller.abort();
		await expect(Promise.allSettled(waits)).resolves.toMatchObject([
			{ status: 'rejected' },
			{ status: 'rejected' },
		]);
		expect(abortListeners(controller.signal)).toBe(0);
		gate.resolve();
		await running;
	});

	it('when the execution closes while a request waits', async () => {
		const time = new FakeTime();
		const limiter = makeLimiter(time, 1);
		await limiter.pace();
		const { signal } = new AbortController();
		const waiting = limiter.pace(signal);
		limiter.close();
		await expect(waiting).rejects.toThrow('the execution has ended');
		expect(abortListeners(signal)).toBe(0);
	});

	it('when the timer fails', async () => {
		const limiter = await limiterPastItsFirstRequestWithABrokenTimer();
		const { signal } = new AbortController();
		await expect(limiter.pace(signal)).rejects.toThrow('timer broke');
		expect(abortListeners(signal)).toBe(0);
	});
});

describe('rates that make no sense are refused with a message that says so', () => {
	const rates: unknown[] = [0, -1, Number.NaN, '2'];

	it.each(rates)('an application pacer at %p requests per second', (requestsPerSecond) => {
		expect(() => new ApplicationPacer({ requestsPerSecond: requestsPerSecond as number })).toThrow(
			new RangeError(
				`requestsPerSecond must be a number above 0, got ${String(requestsPerSecond)}`,
			),
		);
	});

	it.each(rates)('an execution at %p requests per second on a valid plan', (requestsPerSecond) => {
		const pacer = new ApplicationPacer({ requestsPerSecond: 10 });
		expect(
			() =>
				new RequestLimiter({
					requestsPerSecond: requestsPerSecond as number,
					concurrency: 1,
					pacer,
				}),
		).toThrow(
			new RangeError(
				`requestsPerSecond must be a number above 0, got ${String(requestsPerSecond)}`,
			),
		);
		expect(pacer.executions).toBe(0);
	});

	it('an execution with no slot', () => {
		expect(() => new RequestLimiter({ requestsPerSecond: 2, concurrency: 0 })).toThrow(
			new RangeError('concurrency must be a whole number of at least 1, got 0'),
		);
	});
});

describe('ApplicationPacer plan changes', () => {
	it('a raised plan holds at once for an execution running at the plan’s rate', async () => {
		const time = new FakeTime();
		const pacer = makePacer(time, 1);
		const limiter = limiterOn(pacer);
		await limiter.pace(); // t = 0
		pacer.setPlan(10);
		expect(pacer.planRps).toBe(10);
		const starts = await startMany(time, limiter, 4, 1000);
		// Half a spacing at 10 rps apart, not a second as under the old plan.
		expect(starts).toEqual([50, 100, 150, 200]);
	});

	it.each([0, -1, Number.NaN])('ignores a plan of %p: requests keep the old plan', async (plan) => {
		const time = new FakeTime();
		const pacer = makePacer(time, 2);
		const limiter = limiterOn(pacer);
		pacer.setPlan(plan);
		expect(pacer.planRps).toBe(2);
		const starts = await startMany(time, limiter, 3, 3000);
		expect(starts).toEqual([0, 250, 1025]);
	});

	it('an execution slower than the plan keeps its own rate, without spinning on 0 ms timers', async () => {
		const time = new FakeTime();
		const sleep = async (ms: number, signal?: AbortSignal) => {
			// A limiter that asks for no wait at all would spin (on a fake clock, forever).
			if (!(ms > 0)) throw new Error(`asked for a ${ms} ms timer`);
			await time.sleep(ms, signal);
		};
		const pacer = makePacer(time, 10, { sleep });
		const limiter = limiterOn(pacer, 2);
		expect(limiter.spacingMs).toBe(500);
		// Its own window: two starts a second, its own half spacing (250 ms) apart.
		expect(await startMany(time, limiter, 4, 3000)).toEqual([0, 250, 1025, 1275]);
	});
});

describe('ApplicationPacer for a new connection (firstUntilAnswered)', () => {
	it('holds the place of its very first request until the answer, and of no later one', async () => {
		const time = new FakeTime();
		const pacer = makePacer(time, 1, { firstUntilAnswered: true });
		const limiter = limiterOn(pacer);
		const answered = await limiter.pace(); // t = 0: a new connection, perhaps a token exchange
		const second = nextStart(time, limiter);
		await time.advance(3000);
		expect(second()).toBeUndefined();
		answered();
		await time.advance(1000);
		expect(second()).toBe(4000);
		// The second is counted until 25 ms after its start, as usual.
		const third = nextStart(time, limiter);
		await time.advance(2000);
		expect(third()).toBe(5025);
	});
});

describe('ApplicationPacer executions taking turns', () => {
	it('serves a waiting execution after one with nothing to send, instead of the same one again', async () => {
		const time = new FakeTime();
		const pacer = makePacer(time, 10);
		const log: string[] = [];
		const a = limiterOn(pacer);
		limiterOn(pacer); // open, but sends nothing
		const c = limiterOn(pacer);
		const all = [...ask(time, a, 'a', 3, log), ...ask(time, c, 'c', 2, log)];
		await time.advance(1000);
		await Promise.all(all);
		expect(log).toEqual(['a@0', 'c@50', 'a@100', 'c@150', 'a@200']);
	});

	it.each([
		[
			'b, the execution served last',
			'b',
			['a@0', 'b@50', 'c@100', 'd@150', 'a@200', 'c@250', 'd@300'],
			1,
		],
		['d, another one', 'd', ['a@0', 'b@50', 'c@100', 'a@150', 'b@200', 'c@250'], 2],
	])(
		'closing %s: the turn still goes to the next execution',
		async (_name, closing, order, letGo) => {
			const time = new FakeTime();
			const pacer = makePacer(time, 10);
			const log: string[] = [];
			const limiters = new Map(['a', 'b', 'c', 'd'].map((name) => [name, limiterOn(pacer)]));
			const runs = Promise.allSettled(
				[...limiters].flatMap(([name, limiter]) => ask(time, limiter, name, 2, log)),
			);
			await time.advance(60); // a and b have started one each
			(limiters.get(closing) as RequestLimiter).close();
			await time.advance(1000);
			const outcomes = await runs;
			expect(log).toEqual(order);
			// The closed execution's waiting requests are let go with an error.
			expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual(
				Array(letGo).fill({ status: 'rejected', reason: new Error('the execution has ended') }),
			);
			expect(pacer.executions).toBe(3);
		},
	);

	it('closing an execution twice at the pacer leaves the other executions alone', async () => {
		const time = new FakeTime();
		const pacer = makePacer(time, 10);
		const gone = pacer.openQueue(10);
		const other = pacer.openQueue(10);
		pacer.closeQueue(gone);
		pacer.closeQueue(gone);
		expect(pacer.executions).toBe(1);
		const started = settlement(pacer.pace(other));
		await time.advance(100);
		expect(started()).toEqual({ started: true });
	});

	it('closing an execution whose requests wait leaves no timer behind', async () => {
		const time = new FakeTime();
		const limiter = makeLimiter(time, 1);
		await limiter.pace();
		const waiting = limiter.pace();
		await flush();
		expect(time.pendingTimers).toBe(1);
		limiter.close();
		await expect(waiting).rejects.toThrow('the execution has ended');
		await flush();
		expect(time.pendingTimers).toBe(0);
	});

	it('one timer for an application however many requests wait, none once they have gone', async () => {
		const time = new FakeTime();
		const limiter = makeLimiter(time, 1);
		const controller = new AbortController();
		await limiter.pace();
		const waits = [0, 1, 2, 3].map(async () => await limiter.pace(controller.signal));
		await flush();
		expect(time.pendingTimers).toBe(1);
		controller.abort();
		await Promise.allSettled(waits);
		await flush();
		expect(time.pendingTimers).toBe(0);
	});

	it('calls onClose once however often close() is called', () => {
		const onClose = jest.fn();
		const limiter = new RequestLimiter({ requestsPerSecond: 1, concurrency: 1, onClose });
		limiter.close();
		limiter.close();
		expect(onClose).toHaveBeenCalledTimes(1);
	});
});

describe('ApplicationPacer.idle', () => {
	it('only once nobody uses it and a cooldown has ended, from the moment it ends', async () => {
		const time = new FakeTime();
		const pacer = makePacer(time, 10);
		const limiter = limiterOn(pacer);
		expect(pacer.idle()).toBe(false); // an execution uses it, though it sent nothing yet
		limiter.close();
		expect(pacer.idle()).toBe(true);
		pacer.penalize(5000);
		expect(pacer.idle()).toBe(false);
		await time.advance(4999);
		expect(pacer.idle()).toBe(false);
		await time.advance(1);
		expect(pacer.idle()).toBe(true);
	});
});

describe('ApplicationPacer quota stop', () => {
	it('a second quota error during a stop neither replaces nor extends it', async () => {
		const time = new FakeTime();
		const pacer = makePacer(time, 10);
		pacer.stopSending('quota 17', 1000);
		await time.advance(500);
		pacer.stopSending('quota 19', 5000);
		expect(pacer.stoppedBy()).toBe('quota 17');
		await time.advance(500);
		expect(pacer.stoppedBy()).toBeUndefined();
	});
});

describe('ApplicationPacer adaptive rate: what an error 18 cuts to', () => {
	/** Nine requests of one execution at 10 rps, each answered at once with `outcome`, then an 18. */
	async function rateAfter18(outcome: { counted?: boolean }) {
		const time = new FakeTime();
		const pacer = makePacer(time, 10, { adaptive: true, random: () => 0.5 });
		const limiter = limiterOn(pacer);
		for (let i = 0; i < 9; i++) {
			const answered = limiter.pace();
			await time.runUntilIdle();
			(await answered)(outcome);
		}
		expect(time.t).toBe(400);
		pacer.penalize(0);
		return { rate: pacer.rateAt(), limiter };
	}

	it('below what Baidu let through lately: the answers it counted', async () => {
		// 9 answers in 400 ms (over at least a second): 8 rps; 0.8 × 0.95 × 8.
		const { rate, limiter } = await rateAfter18({});
		expect(rate).toBeCloseTo(0.8 * 0.95 * 8);
		// The execution's backoff after the 18 starts from the lowered rate's spacing.
		expect(limiter.spacingMs).toBeCloseTo(1000 / rate);
	});

	it('requests Baidu refused are not what it let through: half the rate at most', async () => {
		const { rate } = await rateAfter18({ counted: false });
		expect(rate).toBeCloseTo(0.8 * 0.95 * 5);
	});

	it('from what the executions asked for together, when that is less than the plan', () => {
		const time = new FakeTime();
		const pacer = makePacer(time, 10, { adaptive: true, random: () => 0.5 });
		limiterOn(pacer, 1);
		limiterOn(pacer, 2);
		pacer.penalize(0);
		// They asked for 3 of the plan's 10: the cut starts from half of 3, not of 10.
		expect(pacer.rateAt()).toBeCloseTo(0.8 * 0.95 * 1.5);
	});
});

describe('RequestLimiter.pace answered twice', () => {
	it('a second call cannot free the place of a request Baidu counted', async () => {
		const time = new FakeTime();
		const limiter = makeLimiter(time, 1);
		const answered = await limiter.pace();
		await time.advance(10);
		answered();
		answered({ counted: false });
		const startedAt = nextStart(time, limiter);
		await time.advance(2000);
		expect(startedAt()).toBe(1010);
	});
});
