import { createHash } from 'node:crypto';

import { TokenRenewal } from './renewal';

/**
 * A token's fingerprint: enough to tell two tokens apart, of no use to anyone who reads it.
 * '' for no token.
 */
export function tokenFingerprint(token: unknown): string {
	if (typeof token !== 'string' || token === '') return '';
	return createHash('sha256').update(`baidu-iocr-token\n${token}`).digest('hex');
}

/**
 * The access token of one Baidu application as this n8n process handles it, shared by every
 * execution that uses the application:
 * - on a credential that has no token yet, the first request (of whichever execution) goes
 *   alone, and every other request waits for the token n8n stores after it: one exchange;
 * - a dead token is renewed once for every execution that saw it (renewal.ts).
 */
export class ApplicationToken {
	readonly renewal = new TokenRenewal();

	private firstFetch: Promise<string> | undefined;

	/**
	 * Waits while another request fetches the first token, and resolves with the fingerprint
	 * of the token it stored ('' when none was). The request that goes first gets, instead,
	 * the function that ends its turn with the fingerprint of what it stored.
	 */
	async firstTurn(): Promise<string | ((fetched: string) => void)> {
		if (this.firstFetch) return await this.firstFetch;
		let release!: (fetched: string) => void;
		this.firstFetch = new Promise<string>((resolve) => (release = resolve));
		return (fetched: string) => {
			this.firstFetch = undefined;
			release(fetched);
		};
	}
}
