/**
 * One token renewal serves every request of an execution that saw the dead token.
 *
 * A request remembers the generation it was sent with. When Baidu says the token is dead:
 * - if a renewal finished since the request was sent, it simply resends (the new token is
 *   already stored);
 * - if a renewal is under way, it waits for it, then resends;
 * - otherwise it becomes the renewal: its resend forces n8n to exchange the keys again.
 */
export class TokenRenewal {
	private generationValue = 0;

	private pending: Promise<void> | undefined;

	get generation(): number {
		return this.generationValue;
	}

	/** Runs `renew` unless another request renewed (or is renewing) since `seenGeneration`. */
	async renewOrWait<T>(
		seenGeneration: number,
		renew: () => Promise<T>,
		resend: () => Promise<T>,
	): Promise<T> {
		if (this.generationValue !== seenGeneration) return await resend();
		if (this.pending) {
			await this.pending;
			return await resend();
		}
		let done!: () => void;
		this.pending = new Promise<void>((resolve) => (done = resolve));
		try {
			return await renew();
		} finally {
			this.generationValue++;
			this.pending = undefined;
			done();
		}
	}
}
