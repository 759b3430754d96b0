/**
 * One pacer per Baidu application in the process (transport/registry.ts, limiter.ts): executions
 * share the plan's window, take turns, give their place back when cancelled or done, stop
 * together on a used-up quota, and an entry is dropped once nothing of it matters any more.
 * The adaptive rate: an error 18 lowers it for every execution, quiet time brings it back.
 * All on a fake clock.
 */
import {
	ADAPT_DECREASE,
	ADAPT_MAX_PLATEAU_MS,
	ADAPT_PLATEAU,
} from '../../nodes/BaiduIocr/transport/adaptiveRate';
import { ARRIVAL_ALLOWANCE_MS, type RequestLimiter } from '../../nodes/BaiduIocr/transport/limiter';
import {
	applicationKey,
	LimiterRegistry,
	QUOTA_STOP_MS,
} from '../../nodes/BaiduIocr/transport/registry';
import { FakeTime } from './fakeTime';

const APP = applicationKey('api-key-of-app-1', 'https://aip.baidubce.com');
const OTHER_APP = applicationKey('api-key-of-app-2', 'https://aip.baidubce.com');

function setup(planRps = 2) {
	const time = new FakeTime();
	const registry = new LimiterRegistry({ now: time.now, sleep: time.sleep });
	const open = (
		options: { application?: string; requestsPerSecond?: number; concurrency?: number } = {},
	) =>
		registry.open({
			application: options.application ?? APP,
			planRps,
			requestsPerSecond: options.requestsPerSecond ?? planRps,
			concurrency: options.concurrency ?? 2,
		});
	return { time, registry, open };
}

/** Asks `limiter` for `count` starts now (nobody answers); returns their start times (so far). */
function ask(time: FakeTime, limiter: RequestLimiter, count: number, signal?: AbortSignal) {
	const starts: number[] = [];
	const done = Array.from({ length: count }, async () => {
		await limiter.pace(signal);
		starts.push(time.t);
	});
	return { starts, done: Promise.allSettled(done) };
}

/** The most arrivals any window of `windowMs` holds (a window at each arrival, as Baidu's). */
function busiestWindow(starts: number[], windowMs = 1000): number {
	const arrivals = starts.map((start) => start + ARRIVAL_ALLOWANCE_MS).sort((a, b) => a - b);
	return Math.max(
		...arrivals.map((at) => arrivals.filter((o) => o >= at && o < at + windowMs).length),
	);
}

describe('applicationKey', () => {
	it('is a digest: the API Key is not in it, and key or base URL change it', () => {
		const key = applicationKey('secret-looking-api-key', 'https://aip.baidubce.com/');
		expect(key).toMatch(/^[0-9a-f]{64}$/);
		expect(key).not.toContain('secret-looking-api-key');
		expect(applicationKey('secret-looking-api-key', 'https://aip.baidubce.com')).toBe(key);
		expect(applicationKey('another-key', 'https://aip.baidubce.com')).not.toBe(key);
		expect(applicationKey('secret-looking-api-key', 'http://127.0.0.1:8787')).not.toBe(key);
	});

	it('one application however the credential spells it: spaces, a pasted newline, trailing slashes, case', () => {
		const key = applicationKey('api-key-of-app-1', 'https://aip.baidubce.com');
		expect(applicationKey('api-key-of-app-1\n', 'https://aip.baidubce.com')).toBe(key);
		expect(applicationKey('  api-key-of-app-1 ', 'https://aip.baidubce.com')).toBe(key);
		expect(applicationKey('api-key-of-app-1', ' https://aip.baidubce.com \n')).toBe(key);
		expect(applicationKey('api-key-of-app-1', 'https://aip.baidubce.com//')).toBe(key);
		expect(applicationKey('api-key-of-app-1', 'HTTPS://AIP.BAIDUBCE.COM/')).toBe(key);
	});

	it('base URLs of different hosts are different applications, even where upper case would merge them', () => {
		// straße and strasse are two host names (xn--strae-oqa and strasse); 'ß'.toUpperCase() is 'SS'.
		expect(new URL('https://straße.example').host).not.toBe(
			new URL('https://strasse.example').host,
		);
		expect(applicationKey('api-key', 'https://straße.example')).not.toBe(
			applicationKey('api-key', 'https://strasse.example'),
		);
	});
});

describe('one pacer per application', () => {
	it('executions of one application share the plan: no window holds more than the plan', async () => {
		const { time, open } = setup(2);
		const runs = [open(), open(), open()].map((limiter) => ask(time, limiter, 2));
		await time.advance(5000);
		const all = runs.flatMap((run) => run.starts);
		expect(all).toHaveLength(6);
		expect(busiestWindow(all)).toBe(2);
	});

	it('another application has its own pacer: its requests do not wait for the first one’s', async () => {
		const { time, open } = setup(1);
		const first = ask(time, open(), 3);
		const other = ask(time, open({ application: OTHER_APP }), 1);
		await time.advance(0);
		expect(first.starts).toEqual([0]);
		expect(other.starts).toEqual([0]);
	});

	it('caps a node rate above the plan without an error, and keeps a lower one for that execution', async () => {
		const { time, open } = setup(2);
		const fast = open({ requestsPerSecond: 10 });
		expect(fast.requestsPerSecond).toBe(2);
		const slow = open({ requestsPerSecond: 0.5 });
		expect(slow.requestsPerSecond).toBe(0.5);
		(await fast.pace())(); // t = 0, answered at once
		const slowRun = ask(time, slow, 3);
		await time.advance(10_000);
		// Half a plan spacing after fast's, then one per 2 s plus the allowance of the one before.
		expect(slowRun.starts).toEqual([250, 2275, 4300]);
		fast.close();
		slow.close();
	});
});

describe('the credential’s plan', () => {
	it('a plan changed in the credential holds for the execution that opens after the change, while an earlier one still runs', async () => {
		const time = new FakeTime();
		const registry = new LimiterRegistry({ now: time.now, sleep: time.sleep });
		const before = registry.open({
			application: APP,
			planRps: 1,
			requestsPerSecond: 1,
			concurrency: 1,
		});
		const after = registry.open({
			application: APP,
			planRps: 4,
			requestsPerSecond: 4,
			concurrency: 4,
		});
		expect(after.requestsPerSecond).toBe(4);
		const run = ask(time, after, 4);
		await time.advance(1000);
		// Four starts within the first second (one a second under the old plan).
		expect(run.starts).toHaveLength(4);
		expect(busiestWindow(run.starts)).toBe(4);
		before.close();
		after.close();
	});
});

describe('a new connection', () => {
	it('the application’s first request may reach Baidu until its answer: the next one waits a window after that answer', async () => {
		const { time, open } = setup(1);
		const limiter = open();
		const answered = await limiter.pace(); // t = 0, a new connection: its answer takes 3 s
		const next = ask(time, limiter, 1);
		await time.advance(3000);
		expect(next.starts).toEqual([]);
		answered();
		await time.advance(2000);
		expect(next.starts).toEqual([4000]);
		limiter.close();
	});
});

describe('fairness', () => {
	it('a one-document execution that comes after a long batch goes within a few spacings', async () => {
		const { time, open } = setup(10);
		const batch = open({ concurrency: 10 });
		const batchRun = ask(time, batch, 10); // the batch's slots all wait for the window
		await time.advance(0);
		const single = open({ concurrency: 1 });
		const singleRun = ask(time, single, 1);
		await time.advance(3000);
		expect(batchRun.starts).toHaveLength(10);
		expect(singleRun.starts).toHaveLength(1);
		// Spacing at QPS 10: 100 ms; the batch's first went at 0 ms.
		expect(singleRun.starts[0]).toBeLessThanOrEqual(2 * 100);
		expect(batchRun.starts.filter((at) => at < singleRun.starts[0]).length).toBeLessThanOrEqual(2);
	});

	it('takes turns between waiting executions', async () => {
		const { time, open } = setup(2);
		const order: string[] = [];
		const a = open();
		const b = open();
		const all = [
			...[0, 1, 2].map(async () => {
				await a.pace();
				order.push('a');
			}),
			...[0, 1, 2].map(async () => {
				await b.pace();
				order.push('b');
			}),
		];
		await time.advance(10_000);
		await Promise.all(all);
		expect(order).toEqual(['a', 'b', 'a', 'b', 'a', 'b']);
	});
});

describe('no leaks', () => {
	it('drops an entry once nothing of it can count in Baidu’s window, and leaves no timer', async () => {
		const { time, registry, open } = setup(2);
		const limiter = open();
		(await limiter.pace())(); // answered at t = 0
		limiter.close();
		// The request can still count in Baidu's window: a new execution must see it.
		await time.advance(999);
		expect(registry.size).toBe(1);
		await time.advance(1);
		expect(registry.size).toBe(0);
		expect(time.pendingTimers).toBe(0);
		// A new execution gets a fresh pacer.
		const next = open();
		expect(registry.pacerOf(APP)?.executions).toBe(1);
		next.close();
	});

	it('a cancelled execution leaves the queue at once; the others go on, and no timer is left', async () => {
		const { time, registry, open } = setup(1);
		const a = open();
		const b = open();
		(await a.pace())(); // answered at t = 0: the next may start at 1000
		const controller = new AbortController();
		const cancelled = ask(time, a, 3, controller.signal);
		const other = ask(time, b, 1);
		await time.advance(10);
		expect(registry.pacerOf(APP)?.waiting).toBe(4);
		controller.abort();
		await cancelled.done;
		expect(registry.pacerOf(APP)?.waiting).toBe(1);
		a.close();
		await time.advance(2000);
		// Without the turn-taking b would have come after a's waiters; they left.
		expect(other.starts).toEqual([1000]);
		expect(cancelled.starts).toEqual([]);
		b.close();
		await time.advance(1100);
		expect(time.pendingTimers).toBe(0);
		expect(registry.size).toBe(0);
	});

	it('an open() refused for bad options leaves no execution behind: a quota stop ends with the last real one', async () => {
		const { time, registry, open } = setup(1);
		const a = open();
		expect(() => open({ concurrency: 0 })).toThrow(RangeError);
		a.stopApplication({ message: 'quota used up' }, QUOTA_STOP_MS);
		a.close();
		// Nobody of the application runs any more: the next execution tries again at once.
		const next = open();
		expect(next.stoppedBy).toBeUndefined();
		next.close();
		await time.advance(0);
		expect(registry.size).toBe(0);
	});

	it('close() lets go of an execution’s waiters instead of keeping them', async () => {
		const { time, registry, open } = setup(1);
		const a = open();
		await a.pace();
		const waiting = a.pace();
		await time.advance(1);
		a.close();
		await expect(waiting).rejects.toThrow('the execution has ended');
		expect(registry.pacerOf(APP)?.waiting).toBe(0);
	});
});

describe('quota stop (17, 19) across executions', () => {
	it('stops the others’ waiting and later requests, until every execution of the application ended', async () => {
		const { time, open } = setup(1);
		const a = open();
		const b = open();
		await a.pace();
		const bRun = ask(time, b, 2);
		await time.advance(100);
		expect(bRun.starts).toEqual([]);
		const reason = { message: 'quota used up' };
		a.stopApplication(reason, QUOTA_STOP_MS);
		await time.advance(0);
		// Let go at once (not at 1025 ms), told why: they send nothing.
		expect(bRun.starts).toEqual([100, 100]);
		expect(b.stoppedBy).toBe(reason);
		a.close();
		// An execution starting while b still runs is stopped too.
		const c = open();
		expect(c.stoppedBy).toBe(reason);
		b.close();
		c.close();
		// Nobody of the application runs any more: the next execution tries again.
		const d = open();
		expect(d.stoppedBy).toBeUndefined();
		d.close();
	});

	it('ends after QUOTA_STOP_MS even while executions keep running', async () => {
		const { time, open } = setup(1);
		const a = open();
		a.stopApplication({ message: 'quota used up' }, QUOTA_STOP_MS);
		await time.advance(QUOTA_STOP_MS - 1);
		expect(a.stoppedBy).toBeDefined();
		await time.advance(1);
		expect(a.stoppedBy).toBeUndefined();
		a.close();
	});
});

describe('adaptive rate', () => {
	it('an 18 lowers the rate of every execution of the application: their requests go further apart', async () => {
		const { time, registry, open } = setup(2);
		const a = open();
		const b = open();
		const pacer = registry.pacerOf(APP);
		(await a.pace())(); // counted at t = 0
		a.penalize(0);
		// One request counted in the last second: a share of 1 a second, held a little below.
		expect(pacer?.rateAt()).toBeCloseTo(ADAPT_DECREASE * ADAPT_PLATEAU * 1, 6);
		const first = ask(time, a, 2);
		const second = ask(time, b, 2);
		await time.advance(6000);
		const starts = [...first.starts, ...second.starts].sort((x, y) => x - y);
		expect(starts).toHaveLength(4);
		for (let i = 1; i < starts.length; i++) {
			// At the plan's 2 a second two starts could be 250 ms apart; below 1 a second, 1 per window.
			expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(1000);
		}
		a.close();
		b.close();
	});

	it('the lowered rate comes back to the plan while Baidu is quiet, and the entry is dropped then', async () => {
		const { time, registry, open } = setup(2);
		const limiter = open();
		const pacer = registry.pacerOf(APP);
		limiter.penalize(0);
		const lowered = pacer?.rateAt() ?? 0;
		expect(lowered).toBeLessThan(2);
		limiter.close();
		await time.advance(5000);
		expect(pacer?.rateAt()).toBeGreaterThan(lowered);
		expect(pacer?.rateAt()).toBeLessThan(2);
		await time.advance(ADAPT_MAX_PLATEAU_MS + 10_000);
		expect(pacer?.rateAt()).toBe(2);
		await time.advance(1000);
		expect(registry.size).toBe(0);
	});

	it('keeps an idle application whose rate is still lowered, then drops it once recovered', async () => {
		const { time, registry, open } = setup(2);
		const limiter = open();
		limiter.penalize(0);
		limiter.penalize(0);
		limiter.close();
		await time.advance(2000);
		expect(registry.size).toBe(1);
		// A new execution starts at the lowered rate, not at the plan's.
		const next = open();
		expect(registry.pacerOf(APP)?.rateAt()).toBeLessThan(2);
		next.close();
		await time.advance(40_000);
		expect(registry.size).toBe(0);
	});
});
