import { createHash } from 'node:crypto';

import { ApplicationPacer, RequestLimiter } from './limiter';
import { ApplicationToken } from './token';

/**
 * One pacer per Baidu application in this n8n process: every execution that uses the same
 * API Key and base URL, in any workflow, gets its limiter on the same pacer, so their requests
 * together stay within the plan's rate.
 *
 * - Keyed by a SHA-256 digest of the base URL and the API Key, never the key itself.
 * - An entry lives while an execution uses it, and after that only while something of it
 *   still matters: requests that can still count in Baidu's window, a cooldown, or a rate lowered
 *   by errors 18 that has not climbed back yet. Entries are checked whenever an execution opens
 *   or closes a limiter; no timer is ever left behind.
 * - A quota stop (17, 19) holds for all executions of the application for `QUOTA_STOP_MS` at
 *   most, and ends as soon as no execution uses the application any more: the next execution
 *   tries again (one request, which Baidu does not bill if the quota is still used up).
 */

/** How long a quota stop (17, 19) holds at most while executions keep using the application. */
export const QUOTA_STOP_MS = 10 * 60_000;

/** A non-reversible name for a Baidu application: what the registry and logs may hold. */
export function applicationKey(apiKey: string, baseUrl: string): string {
	const base = baseUrl.trim().replace(/\/+$/, '').toLowerCase();
	return createHash('sha256')
		.update(`baidu-iocr-application\n${base}\n${apiKey.trim()}`)
		.digest('hex');
}

export interface OpenOptions {
	/** `applicationKey(apiKey, baseUrl)` */
	application: string;
	/** The plan's rate, from the credential. */
	planRps: number;
	/** The node's rate: at most the plan's (a higher one is capped). */
	requestsPerSecond: number;
	concurrency: number;
}

interface Entry {
	pacer: ApplicationPacer;
	token: ApplicationToken;
	users: number;
}

export class LimiterRegistry {
	private readonly entries = new Map<string, Entry>();

	constructor(
		private readonly clock: {
			now?: () => number;
			sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
		} = {},
	) {}

	/** The limiter of one execution; call `close()` on it when the execution is done with it. */
	open(options: OpenOptions): RequestLimiter {
		this.sweep();
		let entry = this.entries.get(options.application);
		if (!entry) {
			entry = {
				pacer: new ApplicationPacer({
					requestsPerSecond: options.planRps,
					adaptive: true,
					firstUntilAnswered: true,
					now: this.clock.now,
					sleep: this.clock.sleep,
				}),
				token: new ApplicationToken(),
				users: 0,
			};
			this.entries.set(options.application, entry);
		} else {
			entry.pacer.setPlan(options.planRps);
		}
		const opened = entry;
		const limiter = new RequestLimiter({
			requestsPerSecond: options.requestsPerSecond,
			concurrency: options.concurrency,
			pacer: opened.pacer,
			onClose: () => {
				opened.users--;
				// Nobody of the application runs any more: the next execution may try again.
				if (opened.users === 0) opened.pacer.resume();
				this.sweep();
			},
		});
		// Counted once the limiter exists: one refused for bad options is no user that never closes.
		opened.users++;
		return limiter;
	}

	/**
	 * The token state of an application opened by `open()` (shared by its executions in this
	 * process); a fresh one, shared with nobody, when the application has no entry.
	 */
	tokenOf(application: string): ApplicationToken {
		return this.entries.get(application)?.token ?? new ApplicationToken();
	}

	/** Applications with an entry now (idle ones are dropped first). */
	get size(): number {
		this.sweep();
		return this.entries.size;
	}

	/** The pacer of an application, if it has an entry (for tests and diagnostics). */
	pacerOf(application: string): ApplicationPacer | undefined {
		return this.entries.get(application)?.pacer;
	}

	private sweep(): void {
		for (const [key, entry] of this.entries) {
			if (entry.users === 0 && entry.pacer.idle()) this.entries.delete(key);
		}
	}
}

/** The process's registry, shared by every execution of the node. */
export const applicationLimiters = new LimiterRegistry();
