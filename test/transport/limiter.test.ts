import { RequestLimiter } from '../../nodes/BaiduIocr/transport/limiter';

/** Lets every pending promise callback run. */
const flush = async () => {
	for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

/** A clock that only moves when told to, and a sleep that follows it. */
class FakeTime {
	t = 0;

	private timers: Array<{ at: number; resolve: () => void }> = [];

	readonly now = () => this.t;

	readonly sleep = async (ms: number, signal?: AbortSignal) =>
		await new Promise<void>((resolve, reject) => {
			if (signal?.aborted) return reject(signal.reason);
			const timer = { at: this.t + ms, resolve };
			this.timers.push(timer);
			signal?.addEventListener(
				'abort',
				() => {
					this.timers = this.timers.filter((other) => other !== timer);
					reject(signal.reason);
				},
				{ once: true },
			);
		});

	get pendingTimers() {
		return this.timers.length;
	}

	/** Moves the clock forward by `ms`, firing due timers in time order. */
	async advance(ms: number) {
		const target = this.t + ms;
		await flush();
		for (;;) {
			const due = this.timers.filter((timer) => timer.at <= target).sort((a, b) => a.at - b.at)[0];
			if (!due) break;
			this.timers = this.timers.filter((timer) => timer !== due);
			this.t = Math.max(this.t, due.at);
			due.resolve();
			await flush();
		}
		this.t = target;
		await flush();
	}
}

function deferred() {
	let resolve!: () => void;
	const promise = new Promise<void>((r) => (resolve = r));
	return { promise, resolve };
}

function makeLimiter(time: FakeTime, requestsPerSecond = 10, concurrency = 2) {
	return new RequestLimiter({ requestsPerSecond, concurrency, now: time.now, sleep: time.sleep });
}

describe('RequestLimiter.pace', () => {
	it('spaces request starts by 1000/rps ms plus about 1%', async () => {
		const time = new FakeTime();
		const limiter = makeLimiter(time, 10);
		expect(limiter.intervalMs).toBeCloseTo(101, 6);
		const starts: number[] = [];
		const all = Array.from({ length: 5 }, async () => {
			await limiter.pace();
			starts.push(time.t);
		});
		await time.advance(1000);
		await Promise.all(all);
		expect(starts).toHaveLength(5);
		starts.forEach((start, i) => expect(start).toBeCloseTo(i * 101, 6));
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

	it('waits only for the rest of the interval', async () => {
		const time = new FakeTime();
		const limiter = makeLimiter(time, 2); // 505 ms
		await limiter.pace();
		await time.advance(300);
		let startedAt: number | undefined;
		void limiter.pace().then(() => (startedAt = time.t));
		await time.advance(204);
		expect(startedAt).toBeUndefined();
		await time.advance(1);
		expect(startedAt).toBe(505);
	});

	it('shares the spacing across slots: no burst however many slots are free', async () => {
		const time = new FakeTime();
		const limiter = makeLimiter(time, 2, 8);
		const starts: number[] = [];
		const tasks = Array.from({ length: 8 }, async () =>
			await limiter.withSlot(async () => {
				await limiter.pace();
				starts.push(time.t);
			}),
		);
		await time.advance(5000);
		await Promise.all(tasks);
		expect(starts).toHaveLength(8);
		for (let i = 1; i < starts.length; i++) {
			expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(505 - 1e-9);
		}
		// No one-second window holds more than 2 starts.
		for (let i = 2; i < starts.length; i++) expect(starts[i] - starts[i - 2]).toBeGreaterThan(1000);
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
		const limiter = new RequestLimiter({ requestsPerSecond: 10, concurrency: 1, now: () => t, sleep: early });
		await limiter.pace();
		await limiter.pace();
		expect(t).toBeGreaterThanOrEqual(101);
	});
});

describe('RequestLimiter.penalize', () => {
	it('pushes the next start at least ms from now', async () => {
		const time = new FakeTime();
		const limiter = makeLimiter(time, 10);
		await limiter.pace();
		limiter.penalize(2000);
		let startedAt: number | undefined;
		void limiter.pace().then(() => (startedAt = time.t));
		await time.advance(1999);
		expect(startedAt).toBeUndefined();
		await time.advance(1);
		expect(startedAt).toBe(2000);
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
		await time.advance(50);
		limiter.penalize(1000); // until t = 1050
		await time.advance(3000);
		await Promise.all(waiting);
		expect(starts[0]).toBe(1050);
		expect(starts[1]).toBeCloseTo(1151, 6);
	});

	it('never shortens a wait and ignores nonsense', async () => {
		const time = new FakeTime();
		const limiter = makeLimiter(time, 10);
		limiter.penalize(1000);
		limiter.penalize(10);
		limiter.penalize(-5);
		limiter.penalize(Number.NaN);
		limiter.penalize(Number.POSITIVE_INFINITY);
		let startedAt: number | undefined;
		void limiter.pace().then(() => (startedAt = time.t));
		await time.advance(2000);
		expect(startedAt).toBe(1000);
	});
});

describe('RequestLimiter.withSlot', () => {
	it('runs at most `concurrency` tasks at once', async () => {
		const time = new FakeTime();
		const limiter = makeLimiter(time, 10, 2);
		let running = 0;
		let peak = 0;
		const gates = Array.from({ length: 6 }, () => deferred());
		const results = gates.map(async (gate, i) =>
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
		const all = gates.map(async (gate, i) =>
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
		await expect(limiter.withSlot(async () => await Promise.reject(new Error('boom')))).rejects.toThrow('boom');
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
		const limiter = makeLimiter(time, 1); // 1010 ms spacing
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
		let startedAt: number | undefined;
		void limiter.pace().then(() => (startedAt = time.t));
		await time.advance(20);
		controller.abort();
		await expect(aborted).rejects.toBeDefined();
		await time.advance(1000);
		expect(startedAt).toBeCloseTo(101, 6);
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
	it('keeps 50 rps: no one-second window holds more than 50 starts, total close to ideal', async () => {
		const limiter = new RequestLimiter({ requestsPerSecond: 50, concurrency: 4 });
		const count = 60;
		const starts: number[] = [];
		const begin = performance.now();
		await Promise.all(
			Array.from({ length: count }, async () =>
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
		const ideal = (count - 1) * 20;
		const total = starts[starts.length - 1] - begin;
		expect(total).toBeGreaterThanOrEqual(0.9 * ideal);
		expect(total).toBeLessThanOrEqual(1.3 * ideal);
	});
});
