/**
 * Processes that share one Baidu plan settle on sharing it (issue 12), in the model of
 * test/bench/sharedPlanModel.ts: each process has the node's real pacer and limiter, a modelled
 * Baidu counts a strict sliding window, the clock is virtual and the dice seeded, so the figures
 * are exact and the same on every machine. The benchmark prints them for more cases.
 */
import { runSharedPlanModel, sharedPlanFigures } from '../bench/sharedPlanModel';

describe('several processes on one plan (model)', () => {
	it('two processes started together at QPS 2: few errors 18 and most of the plan used', async () => {
		const adaptive = await sharedPlanFigures(
			{ processes: 2, plan: 2, documentsPerProcess: 30 },
			10,
		);
		expect(adaptive.per100).toBeLessThanOrEqual(10);
		expect(adaptive.ratio).toBeGreaterThanOrEqual(0.85);
		// The same model without adapting: each process keeps believing it has the whole plan.
		const fixed = await sharedPlanFigures(
			{ processes: 2, plan: 2, documentsPerProcess: 30, adaptive: false },
			10,
		);
		expect(fixed.per100).toBeGreaterThan(2 * adaptive.per100);
	});

	it('a process alone on the plan keeps nearly all of it, late arrivals and all', async () => {
		const alone = await sharedPlanFigures(
			{ processes: 1, plan: 2, documentsPerProcess: 60, lateShare: 0.03 },
			10,
		);
		expect(alone.ratio).toBeGreaterThanOrEqual(0.9);
		expect(alone.per100).toBeLessThanOrEqual(3);
	});

	it('the process that is left gets the whole plan back soon after the other is done', async () => {
		const run = await runSharedPlanModel({
			processes: 2,
			plan: 2,
			documentsPerProcess: 30,
			seed: 1,
		});
		expect(run.requests - run.errors18).toBe(60); // each document counted once
		const [first, last] = [...run.endedAtMs].sort((a, b) => a - b);
		// 30 documents each at half the plan end together (30 s); the one left does not crawl.
		expect(last - first).toBeLessThan(8000);
	});
});
