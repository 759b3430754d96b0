import { sleep as n8nSleep } from 'n8n-workflow';

/**
 * Keeps one execution of the node within Baidu's limits: a cap on requests in flight
 * (`withSlot`) and a minimum spacing between request starts (`pace`), shared by all slots.
 *
 * Baidu counts requests per second per account (2 on the free tier, 10 paid) and answers
 * error 18 above it. Spacing every start by 1000 / rps ms (plus ~1%) means no one-second
 * window, wherever it is placed, can hold more than rps starts; a token bucket would allow
 * bursts that a sliding window on the server could see as rps + 1.
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

/** Safety margin on the spacing, so timer jitter never lets rps + 1 starts into a second. */
const SPACING_MARGIN = 1.01;

/** Longer timer delays overflow to 1 ms in Node; longer waits loop. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface Waiter {
	resolve: () => void;
	reject: (error: Error) => void;
	signal?: AbortSignal;
	onAbort?: () => void;
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
function enqueue(queue: Waiter[], signal: AbortSignal | undefined, onLeave?: () => void) {
	return new Promise<void>((resolve, reject) => {
		const waiter: Waiter = { resolve, reject, signal };
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
}

function release(waiter: Waiter): void {
	if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
	waiter.resolve();
}

export class RequestLimiter {
	/** Minimum time between two request starts, margin included. */
	readonly intervalMs: number;

	readonly concurrency: number;

	private readonly now: () => number;

	private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

	private running = 0;

	private readonly slotQueue: Waiter[] = [];

	private readonly paceQueue: Waiter[] = [];

	/** Earliest time the next request may start. */
	private nextStartAt = -Infinity;

	private pumping = false;

	/** Cancels the pump's sleep when every pace waiter has gone. */
	private pumpAbort?: AbortController;

	constructor(options: RequestLimiterOptions) {
		const { requestsPerSecond, concurrency } = options;
		if (!(typeof requestsPerSecond === 'number' && requestsPerSecond > 0)) {
			throw new RangeError(`requestsPerSecond must be a number above 0, got ${requestsPerSecond}`);
		}
		if (!(Number.isInteger(concurrency) && concurrency >= 1)) {
			throw new RangeError(`concurrency must be a whole number of at least 1, got ${concurrency}`);
		}
		this.intervalMs = (1000 / requestsPerSecond) * SPACING_MARGIN;
		this.concurrency = concurrency;
		this.now = options.now ?? (() => performance.now());
		this.sleep = options.sleep ?? n8nSleep;
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
			await enqueue(this.slotQueue, signal);
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
	 * Resolves when this request may start: at least `intervalMs` after the previous start
	 * and not before a penalty ends. Call it right before every send, retries included.
	 * Callers are served in call order.
	 */
	async pace(signal?: AbortSignal): Promise<void> {
		if (signal?.aborted) throw abortError(signal);
		const admitted = enqueue(this.paceQueue, signal, () => {
			if (this.paceQueue.length === 0) this.pumpAbort?.abort();
		});
		void this.pump();
		await admitted;
	}

	/**
	 * No request starts for at least `ms` from now (for example after Baidu error 18 or 4):
	 * every slot cools down together. Waiters already in `pace` wait the longer time.
	 */
	penalize(ms: number): void {
		if (!(ms > 0 && Number.isFinite(ms))) return;
		this.nextStartAt = Math.max(this.nextStartAt, this.now() + ms);
	}

	/** Lets pace waiters through one at a time, sleeping until each may start. */
	private async pump(): Promise<void> {
		if (this.pumping) return;
		this.pumping = true;
		try {
			while (this.paceQueue.length > 0) {
				const t = this.now();
				if (t >= this.nextStartAt) {
					const waiter = this.paceQueue.shift() as Waiter;
					// Spacing counts from the actual start, so a late timer never bunches starts.
					this.nextStartAt = t + this.intervalMs;
					release(waiter);
					continue;
				}
				const controller = new AbortController();
				this.pumpAbort = controller;
				try {
					// Re-check after waking: a penalty may have moved the start, or the timer
					// may have fired a little early by this clock.
					await this.sleep(Math.min(this.nextStartAt - t, MAX_TIMER_MS), controller.signal);
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
