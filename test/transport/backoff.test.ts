import {
	backoffDelay,
	DEFAULT_MAX_RETRIES,
	MAX_THROTTLE_RETRIES,
} from '../../nodes/BaiduIocr/transport/backoff';

describe('backoffDelay', () => {
	const top = () => 0.999999;

	it('attempt 0 waits at most the base (500 ms by default)', () => {
		expect(backoffDelay(0, { random: top })).toBe(500);
		expect(backoffDelay(0, { random: () => 0 })).toBe(0);
		expect(backoffDelay(0, { random: () => 0.5 })).toBe(250);
	});

	it('doubles the cap with each attempt', () => {
		const caps = [0, 1, 2, 3].map((attempt) => backoffDelay(attempt, { random: top }));
		expect(caps).toEqual([500, 1000, 2000, 4000]);
		expect(backoffDelay(2, { random: () => 0.5 })).toBe(1000);
	});

	it('never exceeds the maximum (8 s by default), even for huge attempts', () => {
		expect(backoffDelay(4, { random: top })).toBe(8000);
		expect(backoffDelay(5, { random: top })).toBe(8000);
		expect(backoffDelay(5000, { random: top })).toBe(8000);
	});

	it('honours baseMs and maxMs', () => {
		expect(backoffDelay(0, { baseMs: 100, random: top })).toBe(100);
		expect(backoffDelay(3, { baseMs: 100, maxMs: 300, random: top })).toBe(300);
	});

	it('stays within [0, cap] with the real random source', () => {
		for (let attempt = 0; attempt < 8; attempt++) {
			for (let i = 0; i < 50; i++) {
				const delay = backoffDelay(attempt);
				expect(Number.isInteger(delay)).toBe(true);
				expect(delay).toBeGreaterThanOrEqual(0);
				expect(delay).toBeLessThanOrEqual(Math.min(8000, 500 * 2 ** attempt));
			}
		}
	});

	it('treats a negative or non-numeric attempt as the first one', () => {
		expect(backoffDelay(-3, { random: top })).toBe(500);
		expect(backoffDelay(Number.NaN, { random: top })).toBe(500);
	});

	it('exports the retry policy', () => {
		expect(DEFAULT_MAX_RETRIES).toBe(3);
		expect(MAX_THROTTLE_RETRIES).toBe(30);
	});
});
