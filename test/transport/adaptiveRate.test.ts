/**
 * The adaptive rate of one process on a plan it may share (transport/adaptiveRate.ts): an 18
 * drops it below the share Baidu counted lately, it comes back to a plateau, holds, then probes
 * with a step that doubles each second, and holds longer after every probe that met an 18.
 */
import {
	ADAPT_DECREASE,
	ADAPT_FLOOR_SHARE,
	ADAPT_HOLD_MS,
	ADAPT_HORIZON_MS,
	ADAPT_MAX_PLATEAU_MS,
	ADAPT_PLATEAU,
	ADAPT_PLATEAU_MS,
	ADAPT_PROBE_DOUBLING_MS,
	ADAPT_PROBE_SHARE,
	ADAPT_RETURN_MS,
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
		// half of the way back in ADAPT_RETURN_MS, three quarters in twice that
		const to = ADAPT_DECREASE * plateau;
		expect(rate.rateAt(8000 + ADAPT_RETURN_MS)).toBeCloseTo(plateau - (plateau - to) / 2, 6);
		expect(rate.rateAt(8000 + 2 * ADAPT_RETURN_MS)).toBeCloseTo(plateau - (plateau - to) / 4, 6);
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

	it('a short hold ends before the rate is all the way back: the probe starts from the plateau', () => {
		// Asked for a quarter of the plan, nothing counted: the share is half of that.
		const rate = new AdaptiveRate(2, () => 0);
		rate.throttledAt(0, 0.5);
		const plateau = ADAPT_PLATEAU * 0.25;
		// random 0: half the average hold, scaled by the plateau's share (×2) of the plan
		const probeAt = ADAPT_PLATEAU_MS * ((2 * plateau) / 2) * 0.5;
		expect(rate.rateAt(probeAt - 1)).toBeLessThan(plateau - 0.005);
		expect(rate.rateAt(probeAt)).toBe(plateau);
		expect(rate.rateAt(probeAt + ADAPT_PROBE_DOUBLING_MS)).toBeCloseTo(
			plateau + ADAPT_PROBE_SHARE * 2,
			6,
		);
	});

	it('is settled again the moment the probe reaches the plan', () => {
		// Plan 50: the probe's first step is 1 a second, so it reaches the plan exactly.
		const rate = new AdaptiveRate(50, () => 0.5);
		rate.throttledAt(0, 40); // nothing counted: the share is half of the 40 asked for
		const plateau = ADAPT_PLATEAU * 20; // 19
		const probeAt = ADAPT_PLATEAU_MS * ((2 * plateau) / 50);
		// 19 + 1 × (2^5 − 1) = 50
		const reached = probeAt + 5 * ADAPT_PROBE_DOUBLING_MS;
		expect(rate.rateAt(reached - 1)).toBeLessThan(50);
		expect(rate.settled).toBe(false);
		expect(rate.rateAt(reached)).toBe(50);
		expect(rate.settled).toBe(true);
	});

	it('on a plan below 1 a second, a process that asked for little is cut from what it asked for', () => {
		// The credential allows plans from 0.1 a second; the node's rate from 0.1 as well.
		const rate = new AdaptiveRate(0.5, () => 0.5);
		rate.throttledAt(0, 0.2); // nothing counted: the share is half of the 0.2 asked for
		expect(rate.rateAt(0)).toBeCloseTo(ADAPT_DECREASE * ADAPT_PLATEAU * 0.1, 6);
		expect(rate.rateAt(0)).toBeGreaterThanOrEqual(ADAPT_FLOOR_SHARE * 0.5);
	});

	it('an 18 that comes when no execution asks for anything (demand 0) is cut as at the plan', () => {
		const idle = new AdaptiveRate(2, () => 0.5);
		const busy = new AdaptiveRate(2, () => 0.5);
		for (const rate of [idle, busy]) countedEverySecond(rate, 8000);
		idle.throttledAt(8100, 0);
		busy.throttledAt(8100, 2);
		expect(idle.rateAt(8100)).toBeCloseTo(ADAPT_DECREASE * ADAPT_PLATEAU * 1, 6);
		expect(idle.rateAt(8100)).toBe(busy.rateAt(8100));
	});

	it.each([
		['less than', 0.5],
		['exactly', ADAPT_PLATEAU * 1],
	])(
		'an 18 during a probe while the process asks for %s the plateau is a new cut, not a failed probe',
		(_, demand) => {
			const rate = new AdaptiveRate(2, () => 0.5);
			countedEverySecond(rate, 8000);
			rate.throttledAt(8000, 2);
			const plateau = ADAPT_PLATEAU * 1;
			const probed = 8000 + ADAPT_PLATEAU_MS * plateau + 3 * ADAPT_PROBE_DOUBLING_MS;
			expect(rate.rateAt(probed)).toBeGreaterThan(plateau + 0.1);
			countedEverySecond(rate, probed); // one a second counted meanwhile
			rate.throttledAt(probed, demand);
			// Not back to the old plateau: a share of what it asks for now (Baidu counted more).
			expect(rate.rateAt(probed)).toBeCloseTo(ADAPT_DECREASE * ADAPT_PLATEAU * demand, 6);
		},
	);

	it('squeezed to the floor: the probe starts from the floor, and more 18s there do not put it off', () => {
		// Asked for a tenth of the plan: the plateau (0.95 × half of 0.2) is below the floor.
		const once = new AdaptiveRate(2, () => 0.5);
		const twice = new AdaptiveRate(2, () => 0.5);
		const floor = ADAPT_FLOOR_SHARE * 2;
		for (const rate of [once, twice]) {
			rate.throttledAt(0, 0.2);
			expect(rate.rateAt(0)).toBe(floor);
		}
		// Another 18 after the hold, still at the floor: the rate cannot go lower, nothing changes.
		twice.throttledAt(ADAPT_HOLD_MS, 0.2);
		// random 0.5: the hold is the average scaled by the share (×2), at least a tenth of it
		const probeAt = ADAPT_PLATEAU_MS * 0.1;
		for (const rate of [once, twice]) {
			expect(rate.rateAt(probeAt - 1)).toBe(floor);
			expect(rate.rateAt(probeAt + ADAPT_PROBE_DOUBLING_MS)).toBeCloseTo(
				floor + ADAPT_PROBE_SHARE * 2,
				6,
			);
		}
	});

	it('one answer counted lately is one a second: the share Baidu let through', () => {
		// At 1.5 a second asked for: half of that (0.75) would be the cut without anything counted.
		const rate = new AdaptiveRate(2, () => 0.5);
		rate.countedAt(3000);
		rate.throttledAt(3500, 1.5);
		expect(rate.rateAt(3500)).toBeCloseTo(ADAPT_DECREASE * ADAPT_PLATEAU * 1, 6);
	});

	it('two answers two seconds apart are half a request a second, however late the 18 comes', () => {
		const rate = new AdaptiveRate(2, () => 0.5);
		rate.countedAt(0);
		rate.countedAt(2000);
		rate.throttledAt(3900, 0.8);
		expect(rate.rateAt(3900)).toBeCloseTo(ADAPT_DECREASE * ADAPT_PLATEAU * 0.5, 6);
	});

	it.each([
		['long before', 0],
		['exactly ADAPT_HORIZON_MS before', 14_000 - ADAPT_HORIZON_MS],
	])('an answer counted %s the 18 does not dilute the share Baidu counted lately', (_, oldAt) => {
		// Lately at the full plan (2 a second), and one answer before.
		const rate = new AdaptiveRate(2, () => 0.5);
		rate.countedAt(oldAt);
		for (let t = 11_000; t <= 14_000; t += 500) rate.countedAt(t);
		rate.throttledAt(14_000, 2);
		expect(rate.rateAt(14_000)).toBeCloseTo(ADAPT_DECREASE * ADAPT_PLATEAU * 2, 6);
	});

	it('a new plan starts over', () => {
		const rate = new AdaptiveRate(2, () => 0.5);
		rate.throttledAt(0, 2);
		rate.setPlan(10);
		expect(rate.rateAt(1)).toBe(10);
		expect(rate.settled).toBe(true);
	});
});
