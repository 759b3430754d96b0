/**
 * How long to wait before trying a request again. Exponential growth with "full jitter":
 * the delay is a random point between 0 and the cap, so many items that failed together do
 * not come back together.
 */

/** Retries for transient failures (Baidu codes 1, 2, 216630, ..., network errors, HTTP 5xx). */
export const DEFAULT_MAX_RETRIES = 3;

/**
 * Retries for throttling (Baidu codes 4 and 18). They do not count against the item: Baidu
 * answered, it only asked us to slow down. The cap keeps a misconfigured plan (requests per
 * second far above the account's QPS) from looping forever.
 */
export const MAX_THROTTLE_RETRIES = 30;

export const DEFAULT_BACKOFF_BASE_MS = 500;
export const DEFAULT_BACKOFF_MAX_MS = 8000;

export interface BackoffOptions {
	/** Cap of the first retry's delay (attempt 0). Default 500 ms. */
	baseMs?: number;
	/** Largest delay ever returned. Default 8 s. */
	maxMs?: number;
	/** A number in [0, 1). Default `Math.random`; inject a fixed one in tests. */
	random?: () => number;
}

/**
 * Delay in whole milliseconds before retry number `attempt` (0 for the first retry):
 * uniformly in [0, min(maxMs, baseMs * 2^attempt)].
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
	const baseMs = Math.max(0, options.baseMs ?? DEFAULT_BACKOFF_BASE_MS);
	const maxMs = Math.max(0, options.maxMs ?? DEFAULT_BACKOFF_MAX_MS);
	const random = options.random ?? Math.random;
	const step = Number.isFinite(attempt) && attempt > 0 ? Math.floor(attempt) : 0;
	// 2 ** step is Infinity for huge steps; Math.min takes care of it.
	const cap = Math.min(maxMs, baseMs * 2 ** step);
	const r = Math.min(Math.max(random(), 0), 1);
	return Math.round(r * cap);
}
