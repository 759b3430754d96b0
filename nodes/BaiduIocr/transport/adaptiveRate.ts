/**
 * The rate one process keeps for a Baidu application when other processes (queue-mode workers,
 * other n8n instances) may use the same plan and nobody can see the others' requests. Baidu's
 * error 18 is the only signal: the plan's window was full when our request arrived.
 *
 * On an 18 the rate drops below what Baidu has let through for this process lately (its
 * counted requests of the last few seconds): that is this process's share of the plan as Baidu
 * sees it, so two processes that both start at the full plan settle on about half each after
 * one 18 apiece, instead of cutting step by step with an 18 at every step. The rate then comes
 * back quickly to a little below that share and holds there for a while (a random while, so
 * processes do not probe in step), then probes upwards, slowly at first and doubling its step
 * every half second: processes sharing the plan probe the limit rarely, and a process left alone on
 * the plan has all of it back within seconds.
 */

/** After an 18 the rate is this share of what Baidu let through lately. */
export const ADAPT_DECREASE = 0.8;

/** The rate holds at this share of what Baidu let through (a margin for late arrivals). */
export const ADAPT_PLATEAU = 0.95;

/** One 18 never cuts the rate below this share of the rate it had. */
export const ADAPT_MAX_CUT = 0.5;

/** "Lately": Baidu's counted requests of this process in the last ... ms. */
export const ADAPT_HORIZON_MS = 4000;

/** 18s within this time after a cut are the same full window (requests already in flight). */
export const ADAPT_HOLD_MS = 1000;

/** Half-life of the gap between the cut rate and the plateau, in ms. */
export const ADAPT_RETURN_MS = 500;

/** How long the rate holds at the plateau, on average (the actual time is random ±50 %). */
export const ADAPT_PLATEAU_MS = 12000;

/** The time at the plateau doubles with every probe that met an 18, up to this. */
export const ADAPT_MAX_PLATEAU_MS = 24000;

/** The probe's first step (share of the plan) and the time in which each step doubles. */
export const ADAPT_PROBE_SHARE = 0.02;
export const ADAPT_PROBE_DOUBLING_MS = 500;

/** The rate never drops below this share of the plan. */
export const ADAPT_FLOOR_SHARE = 0.05;

interface Cut {
	/** Where the rate holds before it probes. */
	plateau: number;
	/** The rate right after the 18. */
	to: number;
	at: number;
	/** When the probe starts, ms after the cut. */
	probeAfterMs: number;
	/** Probes that went too far in a row before this cut. */
	failedProbes: number;
}

export class AdaptiveRate {
	private cut: Cut | undefined;

	/** When Baidu counted this process's recent requests (their answers), oldest first. */
	private counted: number[] = [];

	constructor(
		private plan: number,
		private readonly random: () => number = Math.random,
	) {}

	/** The credential's plan changed: it holds from now on, the adaptation starts over. */
	setPlan(plan: number): void {
		this.plan = plan;
		this.cut = undefined;
	}

	/** No cut holds: the rate is the plan's. */
	get settled(): boolean {
		return this.cut === undefined;
	}

	/** The rate to keep at `t` (ms). */
	rateAt(t: number): number {
		const cut = this.cut;
		if (!cut) return this.plan;
		const since = t - cut.at;
		const rate =
			since < cut.probeAfterMs
				? cut.plateau - (cut.plateau - cut.to) * 2 ** (-since / ADAPT_RETURN_MS)
				: cut.plateau +
					ADAPT_PROBE_SHARE *
						this.plan *
						(2 ** ((since - cut.probeAfterMs) / ADAPT_PROBE_DOUBLING_MS) - 1);
		if (rate >= this.plan) {
			this.cut = undefined;
			return this.plan;
		}
		return Math.max(rate, ADAPT_FLOOR_SHARE * this.plan);
	}

	/** Baidu counted one of this process's requests; its answer came at `t`. */
	countedAt(t: number): void {
		this.counted.push(t);
		this.forget(t);
	}

	/**
	 * Baidu answered 18 at `t`. `demand` is what this process's executions ask for together (at
	 * most the plan): a process that wanted less than the plan was not at the plan's rate.
	 */
	throttledAt(t: number, demand: number): void {
		const cut = this.cut;
		if (cut && t - cut.at < ADAPT_HOLD_MS) return;
		const rate = this.rateAt(t);
		const current = Math.min(rate, demand > 0 ? demand : this.plan);
		let plateau: number;
		let failedProbes = 0;
		if (cut && t - cut.at >= cut.probeAfterMs && cut.plateau < current) {
			// The probe went too far: the plateau held without an 18, go back to it, and probe
			// again later (the plan is shared).
			plateau = cut.plateau;
			failedProbes = cut.failedProbes + 1;
		} else {
			// This process's share as Baidu counted it, never below a part of the rate it had.
			const share = Math.min(current, Math.max(this.deliveredAt(t), ADAPT_MAX_CUT * current));
			plateau = ADAPT_PLATEAU * share;
		}
		const to = Math.max(ADAPT_FLOOR_SHARE * this.plan, ADAPT_DECREASE * plateau);
		if (to >= rate) return;
		this.cut = {
			plateau: Math.max(to, plateau),
			to,
			at: t,
			probeAfterMs: this.plateauMs(plateau, failedProbes),
			failedProbes,
		};
	}

	/**
	 * How long the rate holds before it probes: longer after each probe that met an 18 (the plan
	 * is shared), random so that processes do not probe in step, and shorter the lower the
	 * plateau (a process squeezed to a small share by another that started first probes often
	 * enough to take the plan over soon after the other is done).
	 */
	private plateauMs(plateau: number, failedProbes: number): number {
		const base = Math.min(ADAPT_MAX_PLATEAU_MS, ADAPT_PLATEAU_MS * 2 ** failedProbes);
		const share = Math.min(1, Math.max(0.1, (2 * plateau) / this.plan));
		return base * share * (0.5 + this.random());
	}

	/** Requests per second Baidu counted for this process over the horizon (at least a second). */
	private deliveredAt(t: number): number {
		this.forget(t);
		const n = this.counted.length;
		if (n < 2) return n === 0 ? 0 : 1000 / Math.max(1000, t - this.counted[0]);
		// n answers are n - 1 spacings apart.
		return ((n - 1) * 1000) / Math.max(1000, this.counted[n - 1] - this.counted[0]);
	}

	private forget(t: number): void {
		while (this.counted.length > 0 && this.counted[0] <= t - ADAPT_HORIZON_MS) {
			this.counted.shift();
		}
	}
}
