import { sleep as n8nSleep } from 'n8n-workflow';

import { AdaptiveRate } from './adaptiveRate';

/**
 * Keeps the node within Baidu's limits. An `ApplicationPacer` holds what belongs to one Baidu
 * application (API Key + base URL) in this process: the log of request starts that never lets
 * Baidu count more than the plan's rate, the cooldown after an error 18, the adaptive rate and
 * the quota stop. Every execution gets a `RequestLimiter` on it: its own cap on requests in
 * flight (`withSlot`), its own queue of requests waiting to start (`pace`, served round-robin
 * with the other executions' queues, so a long batch cannot starve a short execution) and, when
 * the node asks for less than the plan, its own log at that rate. See registry.ts for how
 * executions find their application's pacer.
 *
 * Baidu counts requests per second per account (2 on the free tier, 10 paid) and answers
 * error 18 above it. The limiter assumes the strictest usual rule, a sliding window: at most
 * `capacity` requests in any `windowMs` (rps requests in any second). A schedule that keeps
 * it also keeps every calendar second and a token bucket of the same size within the limit.
 *
 * Baidu counts a request when it arrives, a little after we start it, so every start is
 * logged as the latest moment it can have reached Baidu: its answer, or its start plus an
 * arrival allowance while it is unanswered (repeated errors 18 say the allowance is too small
 * for this route: it doubles). A request that sets up the execution (the first one: a new
 * connection, perhaps a token exchange) may arrive any time before its answer, so it is logged
 * as "until answered"; one Baidu refused for the rate leaves the log, as Baidu did not count
 * it. A new request starts once fewer than `capacity` logged arrivals lie within the last
 * window. Because the log counts what Baidu counts, a start delayed by a busy event loop
 * pushes back only the starts that wait for its place in the window, and two delays at
 * different places cost the larger one, not the sum (spacing every start from the previous
 * one adds up every delay). Consecutive starts also stay at least half an even spacing apart,
 * so the window's requests never hit Baidu all in the same instant.
 *
 * Each execution's queues are FIFO, so its items start in input order and memory stays bounded
 * by its concurrency. A waiter whose signal fires leaves its queue at once and rejects.
 */

export interface RequestLimiterOptions {
	/** Request starts per second across all slots. Must be > 0. */
	requestsPerSecond: number;
	/** Tasks allowed to run at once. A whole number >= 1. */
	concurrency: number;
	/** Monotonic clock in ms. Default `performance.now()`. */
	now?: () => number;
	/** Timer. Default `sleep` from n8n-workflow. Must reject when `signal` fires. */
	sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
	/**
	 * The application's pacer, shared with other executions. Without it the limiter gets a
	 * pacer of its own at `requestsPerSecond` (not adaptive).
	 */
	pacer?: ApplicationPacer;
	/** Called once by `close()`. */
	onClose?: () => void;
}

export interface PacerOptions {
	/** The plan's rate: request starts per second of all executions together. Must be > 0. */
	requestsPerSecond: number;
	/** Adapt the rate to errors 18 (other processes on the plan): see adaptiveRate.ts. */
	adaptive?: boolean;
	/** Count the pacer's very first request as arriving until its answer (a new connection). */
	firstUntilAnswered?: boolean;
	now?: () => number;
	sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
	/** The adaptive rate's dice. Default `Math.random`. */
	random?: () => number;
}

export interface PaceOptions {
	/** The request may reach Baidu any time until its answer (the execution's first one). */
	untilAnswered?: boolean;
}

/**
 * Tells the limiter that a started request has its answer (or has failed): call it once.
 * `counted: false` when Baidu refused it for the rate (error 18 or 4) or it was never sent:
 * Baidu counts only the requests it lets in, so its place in the window is free again.
 */
export type Answered = (outcome?: { counted?: boolean }) => void;

/**
 * How long after its start a request is assumed to have reached Baidu, unless answered
 * sooner, at first: covers n8n's request pipeline, a garbage-collection pause and the jitter
 * between two requests on a steady network (on loopback under load: 1-6 ms usually, rarely
 * 20-27 ms). From the second error 18 of an execution on, each doubles it for the rest of the
 * execution, up to the maximum: one 18 can be a single late arrival, a second one says the
 * route is slower than assumed.
 */
export const ARRIVAL_ALLOWANCE_MS = 25;

/** The allowance never grows beyond this (a slow, jittery route to Baidu). */
export const MAX_ARRIVAL_ALLOWANCE_MS = 400;

/** Consecutive starts are at least this share of an even spacing apart. */
const MIN_GAP_SHARE = 0.5;

/** Longer timer delays overflow to 1 ms in Node; longer waits loop. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface LoggedStart {
	/** Latest time the request can have reached Baidu (Infinity: until answered). */
	arrivedBy: number;
}

interface Waiter {
	resolve: () => void;
	reject: (error: Error) => void;
	signal?: AbortSignal;
	onAbort?: () => void;
	untilAnswered?: boolean;
	/** Set when a pace waiter is admitted. */
	logged?: LoggedStart;
}

function isErrorLike(value: unknown): value is Error {
	// A DOMException from another realm (a VM context) fails `instanceof Error`.
	return (
		value instanceof Error ||
		(typeof value === 'object' &&
			value !== null &&
			typeof (value as Error).name === 'string' &&
			typeof (value as Error).message === 'string')
	);
}

/** The signal's reason when it is an error (AbortError by default), else Error('aborted'). */
function abortError(signal: AbortSignal): Error {
	const reason: unknown = signal.reason;
	return isErrorLike(reason) ? reason : new Error('aborted');
}

/** Puts a waiter in `queue`, and takes it out and rejects it if its signal fires first. */
function enqueue(
	queue: Waiter[],
	signal: AbortSignal | undefined,
	onLeave?: () => void,
	seed: Partial<Waiter> = {},
): { waiter: Waiter; admitted: Promise<void> } {
	const waiter = seed as Waiter;
	const admitted = new Promise<void>((resolve, reject) => {
		Object.assign(waiter, { resolve, reject, signal });
		if (signal) {
			waiter.onAbort = () => {
				const index = queue.indexOf(waiter);
				if (index === -1) return;
				queue.splice(index, 1);
				reject(abortError(signal));
				onLeave?.();
			};
			signal.addEventListener('abort', waiter.onAbort, { once: true });
		}
		queue.push(waiter);
	});
	return { waiter, admitted };
}

function release(waiter: Waiter): void {
	if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
	waiter.resolve();
}

/** A sliding window at one rate: `capacity` arrivals in any `windowMs`, starts `minGapMs` apart. */
class Window {
	capacity = 1;

	windowMs = 1000;

	minGapMs = 500;

	/** Starts that may still count in a window, in start order. */
	log: LoggedStart[] = [];

	lastStartAt = -Infinity;

	private rate = 0;

	constructor(requestsPerSecond: number) {
		this.setRate(requestsPerSecond);
	}

	setRate(requestsPerSecond: number): void {
		if (requestsPerSecond === this.rate) return;
		this.rate = requestsPerSecond;
		// Baidu's plans are whole numbers; 2.5 becomes 2 per 800 ms, 0.5 one per 2 s.
		this.capacity = Math.max(1, Math.floor(requestsPerSecond));
		this.windowMs = (this.capacity * 1000) / requestsPerSecond;
		this.minGapMs = (this.windowMs / this.capacity) * MIN_GAP_SHARE;
	}

	/** Forgets starts whose arrival left the window: they can never count again. */
	prune(t: number): void {
		this.log = this.log.filter((logged) => logged.arrivedBy + this.windowMs > t);
	}

	/** Earliest time a request may start by this window, as known at `t` (Infinity: at an answer). */
	earliest(t: number): number {
		this.prune(t);
		let at = this.lastStartAt + this.minGapMs;
		if (this.log.length >= this.capacity) {
			const latest = this.log.map((logged) => logged.arrivedBy).sort((a, b) => b - a);
			at = Math.max(at, latest[this.capacity - 1] + this.windowMs);
		}
		return at;
	}

	record(logged: LoggedStart, t: number): void {
		this.log.push(logged);
		this.lastStartAt = t;
	}
}

/** One execution's place at its application's pacer. */
export interface ExecutionQueue {
	readonly requestsPerSecond: number;
	readonly waiters: Waiter[];
	/** The execution's own window, when the node asks for less than the plan. */
	readonly window?: Window;
}

/**
 * What belongs to one Baidu application in this process: the window of request starts shared
 * by all its executions, the cooldown after errors 18/4, the adaptive rate and the quota stop.
 * Holds no document bytes and no timer while nobody waits.
 */
export class ApplicationPacer {
	private plan: number;

	/** Set when the pacer adapts its rate to errors 18 (other processes on the plan). */
	private readonly adaptive: AdaptiveRate | undefined;

	private readonly firstUntilAnswered: boolean;

	readonly now: () => number;

	private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

	private readonly window: Window;

	private readonly queues: ExecutionQueue[] = [];

	/** The queue served last: the next start goes to the next queue with a waiter that may go. */
	private lastServed: ExecutionQueue | undefined;

	/** No request starts before this (after error 18 or 4). */
	private cooldownUntil = -Infinity;

	private allowanceMs = ARRIVAL_ALLOWANCE_MS;

	/** Errors 18/4 seen. */
	private penalties = 0;

	private admitted = 0;

	private stop: { reason: unknown; until: number } | undefined;

	private pumping = false;

	/** Cancels the pump's sleep: every waiter has gone, or an answer freed the window. */
	private pumpAbort?: AbortController;

	constructor(options: PacerOptions) {
		const { requestsPerSecond } = options;
		if (!(typeof requestsPerSecond === 'number' && requestsPerSecond > 0)) {
			throw new RangeError(`requestsPerSecond must be a number above 0, got ${requestsPerSecond}`);
		}
		this.plan = requestsPerSecond;
		this.adaptive =
			options.adaptive === true ? new AdaptiveRate(requestsPerSecond, options.random) : undefined;
		this.firstUntilAnswered = options.firstUntilAnswered === true;
		this.now = options.now ?? (() => performance.now());
		this.sleep = options.sleep ?? n8nSleep;
		this.window = new Window(requestsPerSecond);
	}

	/** The plan's rate (the credential's). */
	get planRps(): number {
		return this.plan;
	}

	/** The credential's plan changed: the new one holds from now on. */
	setPlan(requestsPerSecond: number): void {
		if (!(requestsPerSecond > 0) || requestsPerSecond === this.plan) return;
		this.plan = requestsPerSecond;
		this.adaptive?.setPlan(requestsPerSecond);
		this.wake();
	}

	/** The rate the pacer keeps at `t`: the plan's, or less after errors 18 (adaptive). */
	rateAt(t: number = this.now()): number {
		return this.adaptive ? this.adaptive.rateAt(t) : this.plan;
	}

	/** An even spacing of the current rate. */
	get spacingMs(): number {
		return 1000 / this.rateAt();
	}

	get arrivalAllowanceMs(): number {
		return this.allowanceMs;
	}

	/** Executions using the pacer now. */
	get executions(): number {
		return this.queues.length;
	}

	/** Requests waiting to start, of all executions. */
	get waiting(): number {
		return this.queues.reduce((sum, queue) => sum + queue.waiters.length, 0);
	}

	openQueue(requestsPerSecond: number): ExecutionQueue {
		const queue: ExecutionQueue = {
			requestsPerSecond,
			waiters: [],
			window: requestsPerSecond < this.plan ? new Window(requestsPerSecond) : undefined,
		};
		this.queues.push(queue);
		return queue;
	}

	/** The execution is done: its waiters (there should be none) leave with it. */
	closeQueue(queue: ExecutionQueue): void {
		const index = this.queues.indexOf(queue);
		if (index === -1) return;
		this.queues.splice(index, 1);
		if (this.lastServed === queue) {
			this.lastServed = this.queues[index - 1] ?? this.queues[this.queues.length - 1];
		}
		for (const waiter of queue.waiters.splice(0)) {
			if (waiter.signal && waiter.onAbort) {
				waiter.signal.removeEventListener('abort', waiter.onAbort);
			}
			waiter.reject(new Error('the execution has ended'));
		}
		if (this.waiting === 0) this.pumpAbort?.abort();
	}

	/**
	 * Nothing waits, nobody uses the pacer, nothing of it can count in Baidu's window any more
	 * and its rate is the plan's: it can be dropped.
	 */
	idle(t: number = this.now()): boolean {
		if (this.queues.length > 0 || this.pumping) return false;
		this.window.setRate(this.rateAt(t));
		this.window.prune(t);
		return (
			this.window.log.length === 0 && (this.adaptive?.settled ?? true) && t >= this.cooldownUntil
		);
	}

	/**
	 * The application's quota is used up (17, 19): no execution sends anything for `ms`, or
	 * until `resume()`. Waiters are let go at once; the caller asks `stoppedBy()` and sends
	 * nothing.
	 */
	stopSending(reason: unknown, ms: number): void {
		if (this.stoppedBy() !== undefined) return;
		this.stop = { reason, until: this.now() + ms };
		this.wake();
	}

	/** Why sending is stopped now, or undefined. */
	stoppedBy(): unknown {
		if (this.stop && this.now() >= this.stop.until) this.stop = undefined;
		return this.stop?.reason;
	}

	resume(): void {
		this.stop = undefined;
	}

	/**
	 * Baidu said too many (error 18 or 4): no request starts for at least `ms` from now, every
	 * execution cools down together, and from the second time on, requests are counted as
	 * arriving up to twice as late as before. An adaptive pacer also lowers its rate to its
	 * share of the plan (another process may be using the same plan).
	 */
	penalize(ms: number): void {
		const t = this.now();
		this.penalties++;
		if (this.penalties > 1) {
			this.allowanceMs = Math.min(2 * this.allowanceMs, MAX_ARRIVAL_ALLOWANCE_MS);
		}
		if (ms > 0 && Number.isFinite(ms)) {
			this.cooldownUntil = Math.max(this.cooldownUntil, t + ms);
		}
		if (this.adaptive) {
			const demand = this.queues.reduce((sum, queue) => sum + queue.requestsPerSecond, 0);
			this.adaptive.throttledAt(t, demand);
		}
	}

	/**
	 * Resolves when a request of `queue` may start without Baidu counting more than the rate in
	 * a window, and it is that queue's turn. Resolves with `answered`.
	 */
	async pace(
		queue: ExecutionQueue,
		signal?: AbortSignal,
		options: PaceOptions = {},
	): Promise<Answered> {
		if (signal?.aborted) throw abortError(signal);
		const { waiter, admitted } = enqueue(
			queue.waiters,
			signal,
			() => {
				if (this.waiting === 0) this.pumpAbort?.abort();
			},
			{ untilAnswered: options.untilAnswered === true },
		);
		void this.pump();
		await admitted;
		const logged = waiter.logged as LoggedStart;
		let called = false;
		return (outcome = {}) => {
			if (called) return;
			called = true;
			// It has reached Baidu by now at the latest; one Baidu did not count leaves the log.
			const t = this.now();
			logged.arrivedBy = outcome.counted === false ? -Infinity : Math.min(logged.arrivedBy, t);
			if (outcome.counted !== false) this.adaptive?.countedAt(t);
			this.pumpAbort?.abort();
		};
	}

	private wake(): void {
		this.pumpAbort?.abort();
	}

	/** The queue after `lastServed` (round-robin) whose first waiter may start at `t`. */
	private nextQueue(t: number): { queue?: ExecutionQueue; at: number } {
		const count = this.queues.length;
		const from = this.lastServed ? this.queues.indexOf(this.lastServed) + 1 : 0;
		let at = Infinity;
		for (let i = 0; i < count; i++) {
			const queue = this.queues[(from + i) % count];
			if (queue.waiters.length === 0) continue;
			const own = queue.window ? queue.window.earliest(t) : -Infinity;
			if (own <= t) return { queue, at: t };
			at = Math.min(at, own);
		}
		return { at };
	}

	/** Lets waiters through one at a time, sleeping until the next may start. */
	private async pump(): Promise<void> {
		if (this.pumping) return;
		this.pumping = true;
		try {
			while (this.waiting > 0) {
				const t = this.now();
				if (this.stoppedBy() !== undefined) {
					// Nothing is sent: every waiter goes at once, logged nowhere.
					for (const queue of this.queues) {
						for (const waiter of queue.waiters.splice(0)) {
							waiter.logged = { arrivedBy: -Infinity };
							release(waiter);
						}
					}
					continue;
				}
				this.window.setRate(this.rateAt(t));
				let at = Math.max(this.window.earliest(t), this.cooldownUntil);
				if (t >= at) {
					const next = this.nextQueue(t);
					if (next.queue) {
						const waiter = next.queue.waiters.shift() as Waiter;
						const untilAnswered =
							waiter.untilAnswered || (this.firstUntilAnswered && this.admitted === 0);
						waiter.logged = { arrivedBy: untilAnswered ? Infinity : t + this.allowanceMs };
						this.window.record(waiter.logged, t);
						next.queue.window?.record(waiter.logged, t);
						this.lastServed = next.queue;
						this.admitted++;
						release(waiter);
						continue;
					}
					at = next.at;
				}
				const controller = new AbortController();
				this.pumpAbort = controller;
				try {
					// Re-check after waking: a cooldown or an answer may have moved the start, or the
					// timer may have fired a little early by this clock.
					await this.sleep(Math.min(at - t, MAX_TIMER_MS), controller.signal);
				} catch (error) {
					if (!controller.signal.aborted) this.rejectWaiters(error);
				} finally {
					this.pumpAbort = undefined;
				}
			}
		} finally {
			this.pumping = false;
		}
	}

	/** The timer itself failed: nobody can be admitted reliably, so tell every waiter. */
	private rejectWaiters(error: unknown): void {
		const failure = error instanceof Error ? error : new Error(String(error));
		for (const queue of this.queues) {
			for (const waiter of queue.waiters.splice(0)) {
				if (waiter.signal && waiter.onAbort) {
					waiter.signal.removeEventListener('abort', waiter.onAbort);
				}
				waiter.reject(failure);
			}
		}
	}
}

/**
 * One execution's limiter: its slots (requests in flight, each holding a body), and its queue
 * at the application's pacer.
 */
export class RequestLimiter {
	/** Requests Baidu may count in any `windowMs`, at this execution's rate. */
	readonly capacity: number;

	/** The window, in ms: `capacity` requests per window is the execution's rate. */
	readonly windowMs: number;

	/** Least time between two consecutive starts at the execution's rate. */
	readonly minGapMs: number;

	readonly concurrency: number;

	readonly requestsPerSecond: number;

	readonly pacer: ApplicationPacer;

	private readonly queue: ExecutionQueue;

	private readonly onClose?: () => void;

	private closed = false;

	private running = 0;

	private readonly slotQueue: Waiter[] = [];

	constructor(options: RequestLimiterOptions) {
		const { requestsPerSecond, concurrency } = options;
		if (!(typeof requestsPerSecond === 'number' && requestsPerSecond > 0)) {
			throw new RangeError(`requestsPerSecond must be a number above 0, got ${requestsPerSecond}`);
		}
		if (!(Number.isInteger(concurrency) && concurrency >= 1)) {
			throw new RangeError(`concurrency must be a whole number of at least 1, got ${concurrency}`);
		}
		this.pacer =
			options.pacer ??
			new ApplicationPacer({ requestsPerSecond, now: options.now, sleep: options.sleep });
		// The node may ask for less than the plan, never more.
		this.requestsPerSecond = Math.min(requestsPerSecond, this.pacer.planRps);
		const own = new Window(this.requestsPerSecond);
		this.capacity = own.capacity;
		this.windowMs = own.windowMs;
		this.minGapMs = own.minGapMs;
		this.concurrency = concurrency;
		this.queue = this.pacer.openQueue(this.requestsPerSecond);
		this.onClose = options.onClose;
	}

	/** How long after its start an unanswered request is counted as arriving. */
	get arrivalAllowanceMs(): number {
		return this.pacer.arrivalAllowanceMs;
	}

	/** Tasks running now. */
	get active(): number {
		return this.running;
	}

	/** Tasks waiting for a slot. */
	get waiting(): number {
		return this.slotQueue.length;
	}

	/** An even spacing of the rate this execution keeps now (its own, or the application's if lower). */
	get spacingMs(): number {
		return Math.max(1000 / this.requestsPerSecond, this.pacer.spacingMs);
	}

	/**
	 * Runs `task` once a slot is free; slots are handed out in call order. The signal only
	 * affects the wait for a slot: a running task watches its own signal.
	 */
	async withSlot<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
		if (signal?.aborted) throw abortError(signal);
		if (this.running < this.concurrency && this.slotQueue.length === 0) {
			this.running++;
		} else {
			// The slot is handed over by `releaseSlot`, already counted in `running`.
			await enqueue(this.slotQueue, signal).admitted;
		}
		try {
			return await task();
		} finally {
			this.releaseSlot();
		}
	}

	private releaseSlot(): void {
		const next = this.slotQueue.shift();
		if (next) release(next);
		else this.running--;
	}

	/**
	 * Resolves when this request may start: the application's window has room, the execution's
	 * own rate allows it, no cooldown holds, and it is this execution's turn (executions take
	 * turns; within one, callers are served in call order). Resolves with `answered`, to call
	 * as soon as the request has its answer or has failed.
	 */
	async pace(signal?: AbortSignal, options: PaceOptions = {}): Promise<Answered> {
		return await this.pacer.pace(this.queue, signal, options);
	}

	/** See `ApplicationPacer.penalize`: the whole application cools down. */
	penalize(ms: number): void {
		this.pacer.penalize(ms);
	}

	/** Stops every execution of the application from sending, for `ms`. */
	stopApplication(reason: unknown, ms: number): void {
		this.pacer.stopSending(reason, ms);
	}

	/** Why the application may not send now (a quota stop), or undefined. */
	get stoppedBy(): unknown {
		return this.pacer.stoppedBy();
	}

	/** The execution is done with the limiter: its place at the pacer is given back. */
	close(): void {
		if (this.closed) return;
		this.closed = true;
		this.pacer.closeQueue(this.queue);
		this.onClose?.();
	}
}
