/**
 * Fault injection: rules that pick requests of one endpoint by number, by range or by a
 * seeded chance, and what the server does to them (5xx, reset, hang, broken bodies,
 * Baidu error codes).
 */
import type { FaultKind, FaultRule } from './types';

/** A small seeded PRNG (mulberry32): the same seed gives the same fault sequence. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

interface ActiveRule {
	rule: FaultRule;
	applied: number;
	random: () => number;
}

export const DEFAULT_FAULT_SEED = 20240428;

export function describeFault(kind: FaultKind): string {
	if (typeof kind === 'string') return kind;
	return 'json' in kind ? 'json' : `errorCode:${kind.errorCode}`;
}

export class FaultEngine {
	private rules: ActiveRule[] = [];

	add(rule: FaultRule): void {
		if (rule.probability !== undefined && (rule.probability < 0 || rule.probability > 1)) {
			throw new Error(`fault probability must be within 0..1, got ${rule.probability}`);
		}
		this.rules.push({ rule, applied: 0, random: seededRandom(rule.seed ?? DEFAULT_FAULT_SEED) });
	}

	clear(): void {
		this.rules = [];
	}

	/**
	 * The fault for request number n (1-based) of an endpoint, or null. Every selector a
	 * rule gives must pick the request; a rule without selectors picks every request.
	 */
	pick(endpoint: 'recognise' | 'token', n: number): FaultKind | null {
		return this.pickRule(endpoint, n)?.kind ?? null;
	}

	/** Like `pick`, but the whole rule (its kind and how to answer). */
	pickRule(endpoint: 'recognise' | 'token', n: number): FaultRule | null {
		for (const active of this.rules) {
			const { rule } = active;
			if ((rule.endpoint ?? 'recognise') !== endpoint) continue;
			if (rule.times !== undefined && active.applied >= rule.times) continue;
			if (rule.requests && !rule.requests.includes(n)) continue;
			if (rule.from !== undefined || rule.to !== undefined) {
				if (n < (rule.from ?? 1) || n > (rule.to ?? Number.POSITIVE_INFINITY)) continue;
			}
			if (rule.probability !== undefined && !(active.random() < rule.probability)) continue;
			active.applied++;
			return rule;
		}
		return null;
	}
}
