/**
 * TokenRenewal: one renewal serves every request that saw the same dead token. The race that
 * matters: a request sent with the old token gets its 110 only after another request's renewal
 * has finished. It must resend with the new token, not renew a second time (each exchange
 * writes the credential again and makes every worker's stored token stale).
 */
import { TokenRenewal } from '../../nodes/BaiduIocr/transport/renewal';

/** A promise the test settles by hand. */
function deferred<T = void>() {
	let resolve!: (value: T) => void;
	let reject!: (error: Error) => void;
	const promise = new Promise<T>((res, rej) => {
		resolve = res;
		reject = rej;
	});
	return { promise, resolve, reject };
}

/** Records which of renew/resend each request ended up calling. */
function calls() {
	const made: string[] = [];
	return {
		made,
		renew:
			(who: string, result: Promise<string> | string = `${who}: renewed`) =>
			async () => {
				made.push(`${who}: renew`);
				return await result;
			},
		resend: (who: string) => async () => {
			made.push(`${who}: resend`);
			return `${who}: resent`;
		},
	};
}

describe('TokenRenewal', () => {
	it('the first request to see a dead token renews, and the generation moves on', async () => {
		const renewal = new TokenRenewal();
		const { made, renew, resend } = calls();
		expect(renewal.generation).toBe(0);
		expect(await renewal.renewOrWait(0, renew('A'), resend('A'))).toBe('A: renewed');
		expect(made).toEqual(['A: renew']);
		expect(renewal.generation).toBe(1);
	});

	it('a request sent before a renewal that has FINISHED resends, without renewing again', async () => {
		const renewal = new TokenRenewal();
		const { made, renew, resend } = calls();
		// A and B both went out with the token of generation 0; A's 110 came first.
		const seenByA = renewal.generation;
		const seenByB = renewal.generation;
		await renewal.renewOrWait(seenByA, renew('A'), resend('A'));
		// A's renewal is over (nothing pending) when B's 110 arrives.
		expect(await renewal.renewOrWait(seenByB, renew('B'), resend('B'))).toBe('B: resent');
		expect(made).toEqual(['A: renew', 'B: resend']);
		expect(renewal.generation).toBe(1);
	});

	it('a request whose 110 arrives while a renewal is under way waits for it, then resends', async () => {
		const renewal = new TokenRenewal();
		const { made, renew, resend } = calls();
		const exchange = deferred<string>();
		const a = renewal.renewOrWait(0, renew('A', exchange.promise), resend('A'));
		const b = renewal.renewOrWait(0, renew('B'), resend('B'));
		await new Promise((resolve) => setImmediate(resolve));
		// B must not resend before A's renewal has stored the new token.
		expect(made).toEqual(['A: renew']);
		exchange.resolve('A: renewed');
		expect(await a).toBe('A: renewed');
		expect(await b).toBe('B: resent');
		expect(made).toEqual(['A: renew', 'B: resend']);
		expect(renewal.generation).toBe(1);
	});

	it('a request sent with the renewed token that is refused again renews once more', async () => {
		const renewal = new TokenRenewal();
		const { made, renew, resend } = calls();
		await renewal.renewOrWait(0, renew('A'), resend('A'));
		// C was sent after the renewal (generation 1), so its 110 is about the NEW token.
		expect(await renewal.renewOrWait(renewal.generation, renew('C'), resend('C'))).toBe(
			'C: renewed',
		);
		expect(made).toEqual(['A: renew', 'C: renew']);
		expect(renewal.generation).toBe(2);
	});

	it('a renewal that fails still ends: the waiters resend, the generation moves on', async () => {
		const renewal = new TokenRenewal();
		const { made, renew, resend } = calls();
		const exchange = deferred<string>();
		const a = renewal.renewOrWait(0, renew('A', exchange.promise), resend('A'));
		const b = renewal.renewOrWait(0, renew('B'), resend('B'));
		exchange.reject(new Error('token exchange failed'));
		await expect(a).rejects.toThrow('token exchange failed');
		expect(await b).toBe('B: resent');
		expect(renewal.generation).toBe(1);
		// Nothing is left pending: a request of the new generation renews at once.
		expect(await renewal.renewOrWait(1, renew('C'), resend('C'))).toBe('C: renewed');
		expect(made).toEqual(['A: renew', 'B: resend', 'C: renew']);
	});
});
