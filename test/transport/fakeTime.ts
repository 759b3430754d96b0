/** A fake clock for the limiter's tests: time moves only when a test says so. */

/** Lets every pending promise callback run. */
export const flush = async () => {
	for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

/** A clock that only moves when told to, and a sleep that follows it. */
export class FakeTime {
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

	/** Fires every timer in time order, and those they set, until none is left. */
	async runUntilIdle(): Promise<void> {
		await flush();
		while (this.timers.length > 0) {
			const next = Math.min(...this.timers.map((timer) => timer.at));
			await this.advance(Math.max(0, next - this.t));
		}
	}
}
