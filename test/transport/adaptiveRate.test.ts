/**
 * The adaptive rate of one process on a plan it may share (transport/adaptiveRate.ts): an 18
 * drops it below the share Baidu counted lately, it comes back to a plateau, holds, then probes
 * with a step that doubles each second, and holds longer after every probe that met an 18.
 */
import {
	ADAPT_DECREASE,
	ADAPT_FLOOR_SHARE,
	ADAPT_HOLD_MS,
	ADAPT_MAX_PLATEAU_MS,
	ADAPT_PLATEAU,
	ADAPT_PLATEAU_MS,
	ADAPT_PROBE_DOUBLING_MS,
	ADAPT_PROBE_SHARE,
	AdaptiveRate,
} from '../../nodes/BaiduIocr/transport/adaptiveRate';

/** A process that had one request counted a second from 0 to `lastAt` (ms). */
function countedEverySecond(rate: AdaptiveRate, lastAt: number): void {
	for (let t = 0; t <= lastAt; t += 1000) rate.countedAt(t);
}

describe('AdaptiveRate', () => {
	it('keeps the plan until Baidu answers 18', () => {
		const rate = new AdaptiveRate(2, () => 0.5);
		countedEverySecond(rate, 10_000);
		expect(rate.rateAt(10_000)).toBe(2);
		expect(rate.settled).toBe(true);
	});

	it('an 18 drops the rate below the share Baidu counted lately, in one step', () => {
		const rate = new AdaptiveRate(2, () => 0.5);
		countedEverySecond(rate, 8000); // 1 a second: another process has the other half
		rate.throttledAt(8100, 2);
		expect(rate.rateAt(8100)).toBeCloseTo(ADAPT_DECREASE * ADAPT_PLATEAU * 1, 6);
		expect(rate.settled).toBe(false);
	});

	it('with nothing counted, an 18 cuts at most to half the rate it had', () => {
		const rate = new AdaptiveRate(2, () => 0.5);
		rate.throttledAt(0, 2);
		expect(rate.rateAt(0)).toBeCloseTo(ADAPT_DECREASE * ADAPT_PLATEAU * 1, 6);
		rate.throttledAt(ADAPT_HOLD_MS, 2);
		expect(rate.rateAt(ADAPT_HOLD_MS)).toBeLessThan(0.76 * 0.9);
		expect(rate.rateAt(ADAPT_HOLD_MS)).toBeGreaterThanOrEqual(ADAPT_FLOOR_SHARE * 2);
	});

	it('18s within the hold are the same full window: no second cut', () => {
		const rate = new AdaptiveRate(2, () => 0.5);
		countedEverySecond(rate, 8000);
		rate.throttledAt(8100, 2);
		const cut = rate.rateAt(8100);
		rate.throttledAt(8100 + ADAPT_HOLD_MS - 1, 2);
		expect(rate.rateAt(8100)).toBe(cut);
		// (the rate has only moved back up since)
		expect(rate.rateAt(8100 + ADAPT_HOLD_MS - 1)).toBeGreaterThan(cut);
	});

	it('comes back to the plateau within a second or two and holds it until the probe', () => {
		const rate = new AdaptiveRate(2, () => 0.5);
		countedEverySecond(rate, 8000);
		rate.throttledAt(8000, 2);
		const plateau = ADAPT_PLATEAU * 1;
		// random 0.5: the hold is the average, scaled by the plateau's share (0.95 of half the plan)
		const probeAt = 8000 + ADAPT_PLATEAU_MS * plateau;
		expect(rate.rateAt(10_000)).toBeGreaterThan(plateau - 0.02);
		expect(rate.rateAt(probeAt - 1)).toBeLessThanOrEqual(plateau);
		const step = ADAPT_PROBE_DOUBLING_MS;
		expect(rate.rateAt(probeAt + step)).toBeCloseTo(plateau + ADAPT_PROBE_SHARE * 2 * 1, 6);
		expect(rate.rateAt(probeAt + 2 * step)).toBeCloseTo(plateau + ADAPT_PROBE_SHARE * 2 * 3, 6);
		expect(rate.rateAt(probeAt + 3 * step)).toBeCloseTo(plateau + ADAPT_PROBE_SHARE * 2 * 7, 6);
		// alone on the plan: all of it back within seconds of the probe's start
		expect(rate.rateAt(probeAt + 6000)).toBe(2);
		expect(rate.settled).toBe(true);
	});

	it('a probe that meets an 18 goes back to the plateau it left and holds it twice as long', () => {
		const rate = new AdaptiveRate(2, () => 0.5);
		countedEverySecond(rate, 8000);
		rate.throttledAt(8000, 2);
		const plateau = ADAPT_PLATEAU * 1;
		const firstHold = ADAPT_PLATEAU_MS * plateau;
		const probed = 8000 + firstHold + 3 * ADAPT_PROBE_DOUBLING_MS;
		expect(rate.rateAt(probed)).toBeGreaterThan(plateau + 0.1);
		countedEverySecond(rate, probed); // (it had many answers meanwhile)
		rate.throttledAt(probed, 2);
		expect(rate.rateAt(probed)).toBeCloseTo(ADAPT_DECREASE * plateau, 6);
		expect(rate.rateAt(probed + 2 * firstHold - 1)).toBeLessThanOrEqual(plateau);
		expect(rate.rateAt(probed + 2 * firstHold + 1000)).toBeGreaterThan(plateau);
	});

	it('holds at most ADAPT_MAX_PLATEAU_MS (× 1.5 at the most random) however often probes fail', () => {
		const rate = new AdaptiveRate(2, () => 0.999);
		countedEverySecond(rate, 4000);
		let t = 4000;
		rate.throttledAt(t, 2);
		const plateau = ADAPT_PLATEAU * 1;
		for (let i = 0; i < 6; i++) {
			// the probe starts: the rate goes above the plateau; an 18 comes a little later
			while (rate.rateAt(t) <= plateau + 1e-9) t += 100;
			t += 2 * ADAPT_PROBE_DOUBLING_MS;
			rate.throttledAt(t, 2);
			expect(rate.rateAt(t + 5000)).toBeCloseTo(plateau, 3);
		}
		// without the cap this hold would be 64 times the first
		expect(rate.rateAt(t + ADAPT_MAX_PLATEAU_MS * 1.5 + 1000)).toBeGreaterThan(plateau);
	});

	it('the dice spread the hold from half to one and a half times', () => {
		const early = new AdaptiveRate(2, () => 0);
		const late = new AdaptiveRate(2, () => 0.999);
		for (const rate of [early, late]) {
			countedEverySecond(rate, 8000);
			rate.throttledAt(8000, 2);
		}
		const hold = ADAPT_PLATEAU_MS * ADAPT_PLATEAU;
		const t = 8000 + hold * 0.5 + 1000;
		expect(early.rateAt(t)).toBeGreaterThan(ADAPT_PLATEAU);
		expect(late.rateAt(t)).toBeLessThanOrEqual(ADAPT_PLATEAU);
	});

	it('a process squeezed to a small share probes sooner than one holding half the plan', () => {
		const squeezed = new AdaptiveRate(2, () => 0.5);
		squeezed.countedAt(0);
		squeezed.throttledAt(3900, 0.4); // it asked for 0.4 a second
		const half = new AdaptiveRate(2, () => 0.5);
		countedEverySecond(half, 3000);
		half.throttledAt(3900, 2);
		// half the average hold of a process at half the plan: the squeezed one probes already
		const t = 3900 + ADAPT_PLATEAU_MS * 0.5;
		const holding = squeezed.rateAt(3900 + 2000);
		expect(squeezed.rateAt(t)).toBeGreaterThan(holding);
		expect(half.rateAt(t)).toBeLessThanOrEqual(ADAPT_PLATEAU);
	});

	it('a process that asked for less than the plan is cut from what it asked for', () => {
		const rate = new AdaptiveRate(10, () => 0.5);
		countedEverySecond(rate, 4000);
		rate.throttledAt(4000, 1);
		expect(rate.rateAt(4000)).toBeCloseTo(ADAPT_DECREASE * ADAPT_PLATEAU * 1, 6);
	});

	it('a new plan starts over', () => {
		const rate = new AdaptiveRate(2, () => 0.5);
		rate.throttledAt(0, 2);
		rate.setPlan(10);
		expect(rate.rateAt(1)).toBe(10);
		expect(rate.settled).toBe(true);
	});
});
