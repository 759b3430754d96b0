import { sleep as n8nSleep } from 'n8n-workflow';

/**
 * Keeps one execution of the node within Baidu's limits: a cap on requests in flight
 * (`withSlot`) and a log of request starts that never lets Baidu count more than its limit
 * (`pace`), shared by all slots.
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
 * Both queues are FIFO, so items start in input order and memory stays bounded by the
 * concurrency. A waiter whose signal fires leaves its queue at once and rejects.
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

export class RequestLimiter {
	/** Requests Baidu may count in any `windowMs`. */
	readonly capacity: number;

	/** The window, in ms: `capacity` requests per window is the rate asked for. */
	readonly windowMs: number;

	/** Least time between two consecutive starts. */
	readonly minGapMs: number;

	readonly concurrency: number;

	private readonly now: () => number;

	private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

	private running = 0;

	private readonly slotQueue: Waiter[] = [];

	private readonly paceQueue: Waiter[] = [];

	/** Starts that may still count in a window, in start order. */
	private log: LoggedStart[] = [];

	private lastStartAt = -Infinity;

	/** No request starts before this (after error 18 or 4). */
	private cooldownUntil = -Infinity;

	private allowanceMs = ARRIVAL_ALLOWANCE_MS;

	/** Errors 18/4 seen in this execution. */
	private penalties = 0;

	private pumping = false;

	/** Cancels the pump's sleep: every pace waiter has gone, or an answer freed the window. */
	private pumpAbort?: AbortController;

	constructor(options: RequestLimiterOptions) {
		const { requestsPerSecond, concurrency } = options;
		if (!(typeof requestsPerSecond === 'number' && requestsPerSecond > 0)) {
			throw new RangeError(`requestsPerSecond must be a number above 0, got ${requestsPerSecond}`);
		}
		if (!(Number.isInteger(concurrency) && concurrency >= 1)) {
			throw new RangeError(`concurrency must be a whole number of at least 1, got ${concurrency}`);
		}
		// Baidu's plans are whole numbers; 2.5 becomes 2 per 800 ms, 0.5 one per 2 s.
		this.capacity = Math.max(1, Math.floor(requestsPerSecond));
		this.windowMs = (this.capacity * 1000) / requestsPerSecond;
		this.minGapMs = (this.windowMs / this.capacity) * MIN_GAP_SHARE;
		this.concurrency = concurrency;
		this.now = options.now ?? (() => performance.now());
		this.sleep = options.sleep ?? n8nSleep;
	}

	/** How long after its start an unanswered request is counted as arriving. */
	get arrivalAllowanceMs(): number {
		return this.allowanceMs;
	}

	/** Tasks running now. */
	get active(): number {
		return this.running;
	}

	/** Tasks waiting for a slot. */
	get waiting(): number {
		return this.slotQueue.length;
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
	 * Resolves when this request may start without Baidu counting more than `capacity` in a
	 * window, at least `minGapMs` after the previous start and not before a cooldown ends.
	 * Call it right before every send, retries included; callers are served in call order.
	 * Resolves with `answered`, to call as soon as the request has its answer or has failed.
	 */
	async pace(signal?: AbortSignal, options: PaceOptions = {}): Promise<Answered> {
		if (signal?.aborted) throw abortError(signal);
		const { waiter, admitted } = enqueue(
			this.paceQueue,
			signal,
			() => {
				if (this.paceQueue.length === 0) this.pumpAbort?.abort();
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
			logged.arrivedBy =
				outcome.counted === false ? -Infinity : Math.min(logged.arrivedBy, this.now());
			this.pumpAbort?.abort();
		};
	}

	/** An even spacing of the rate: the window shared by its requests. */
	get spacingMs(): number {
		return this.windowMs / this.capacity;
	}

	/**
	 * Baidu said too many (error 18 or 4): no request starts for at least `ms` from now, every
	 * slot cools down together (waiters already in `pace` wait the longer time), and from the
	 * second time on, requests are counted as arriving up to twice as late as before.
	 */
	penalize(ms: number): void {
		this.penalties++;
		if (this.penalties > 1) {
			this.allowanceMs = Math.min(2 * this.allowanceMs, MAX_ARRIVAL_ALLOWANCE_MS);
		}
		if (ms > 0 && Number.isFinite(ms)) {
			this.cooldownUntil = Math.max(this.cooldownUntil, this.now() + ms);
		}
	}

	/** Earliest time a request may start, as far as is known at `t` (Infinity: at an answer). */
	private earliestStart(t: number): number {
		// A start whose arrival left the window can never count again.
		this.log = this.log.filter((logged) => logged.arrivedBy + this.windowMs > t);
		let at = Math.max(this.lastStartAt + this.minGapMs, this.cooldownUntil);
		if (this.log.length >= this.capacity) {
			const latest = this.log.map((logged) => logged.arrivedBy).sort((a, b) => b - a);
			at = Math.max(at, latest[this.capacity - 1] + this.windowMs);
		}
		return at;
	}

	/** Lets pace waiters through one at a time, sleeping until each may start. */
	private async pump(): Promise<void> {
		if (this.pumping) return;
		this.pumping = true;
		try {
			while (this.paceQueue.length > 0) {
				const t = this.now();
				const at = this.earliestStart(t);
				if (t >= at) {
					const waiter = this.paceQueue.shift() as Waiter;
					waiter.logged = {
						arrivedBy: waiter.untilAnswered ? Infinity : t + this.allowanceMs,
					};
					this.log.push(waiter.logged);
					this.lastStartAt = t;
					release(waiter);
					continue;
				}
				const controller = new AbortController();
				this.pumpAbort = controller;
				try {
					// Re-check after waking: a cooldown or an answer may have moved the start, or the
					// timer may have fired a little early by this clock.
					await this.sleep(Math.min(at - t, MAX_TIMER_MS), controller.signal);
				} catch (error) {
					if (!controller.signal.aborted) this.rejectPaceWaiters(error);
				} finally {
					this.pumpAbort = undefined;
				}
			}
		} finally {
			this.pumping = false;
		}
	}

	/** The timer itself failed: nobody can be admitted reliably, so tell every waiter. */
	private rejectPaceWaiters(error: unknown): void {
		const failure = error instanceof Error ? error : new Error(String(error));
		for (const waiter of this.paceQueue.splice(0)) {
			if (waiter.signal && waiter.onAbort) {
				waiter.signal.removeEventListener('abort', waiter.onAbort);
			}
			waiter.reject(failure);
		}
	}
}
