import {
	ARRIVAL_ALLOWANCE_MS,
	MAX_ARRIVAL_ALLOWANCE_MS,
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

describe('RequestLimiter timer failure', () => {
	it('rejects every pace waiter when the timer itself fails, instead of hanging', async () => {
		let t = 0;
		const limiter = new RequestLimiter({
			requestsPerSecond: 1,
			concurrency: 1,
			now: () => t,
			sleep: async () => await Promise.reject(new Error('timer broke')),
		});
		await limiter.pace();
		t = 1;
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
