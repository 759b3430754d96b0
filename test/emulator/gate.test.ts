/**
 * What stands between a recognition request and the recogniser: the token (100, 110,
 * 111), the app's permission (6), the QPS sliding window (18), the daily quota (17),
 * and the latency every answer waits for.
 */
import { start, useTestEmulator, b64, call, getToken, NOPERM, png, recognise, recogniseUrl, sleep, TRAIN } from './testkit';

const emulator = useTestEmulator();
const image = b64(png(20, 20));
const ok = { image, templateSign: TRAIN };

describe('token checks', () => {
	it('answers a valid token (HTTP 200, error_code 0)', async () => {
		const reply = await recognise(emulator(), await getToken(emulator()), ok);
		expect(reply.status).toBe(200);
		expect(reply.json.error_code).toBe(0);
	});

	it('answers 100 without access_token', async () => {
		const reply = await recognise(emulator(), null, ok);
		expect(reply.status).toBe(200);
		expect(reply.json).toMatchObject({ error_code: 100, error_msg: 'Invalid parameter' });
		expect(reply.text).toMatch(/"log_id":\d{19}\}$/);
	});

	it('answers 110 for a token it never issued', async () => {
		const reply = await recognise(emulator(), '24.deadbeef.2592000.1.1-10001', ok);
		expect(reply.json).toMatchObject({ error_code: 110, error_msg: 'Access token invalid or no longer valid' });
	});

	it('answers 111 for every token issued before expireTokens(), not for later ones', async () => {
		const old = await getToken(emulator());
		emulator().expireTokens();
		expect((await recognise(emulator(), old, ok)).json).toMatchObject({ error_code: 111, error_msg: 'Access token expired' });
		const fresh = await getToken(emulator());
		expect((await recognise(emulator(), fresh, ok)).json.error_code).toBe(0);
	});

	it('answers 110 for every token issued before revokeTokens()', async () => {
		const old = await getToken(emulator());
		emulator().revokeTokens();
		expect((await recognise(emulator(), old, ok)).json.error_code).toBe(110);
		expect((await recognise(emulator(), await getToken(emulator()), ok)).json.error_code).toBe(0);
	});

	it('forgets tokens on reset()', async () => {
		const token = await getToken(emulator());
		emulator().reset();
		expect((await recognise(emulator(), token, ok)).json.error_code).toBe(110);
		expect(emulator().tokenExchanges).toBe(0);
	});

	it('answers 6 for an app without iOCR permission', async () => {
		const reply = await recognise(emulator(), await getToken(emulator(), NOPERM), ok);
		expect(reply.json).toMatchObject({ error_code: 6, error_msg: 'No permission to access data' });
	});

	it('answers 3 to a GET on the recognition URL', async () => {
		const token = await getToken(emulator());
		const reply = await call(recogniseUrl(emulator(), token), undefined, { method: 'GET' });
		expect(reply.json.error_code).toBe(3);
	});
});

describe('QPS limit', () => {
	it('answers 18 over the limit within a second, and recovers after it', async () => {
		const token = await getToken(emulator());
		emulator().setQps(2);
		const burst = await Promise.all([1, 2, 3].map(() => recognise(emulator(), token, ok)));
		const codes = burst.map((reply) => reply.json.error_code).sort();
		expect(codes).toEqual([0, 0, 18]);
		expect(burst.find((reply) => reply.json.error_code === 18)?.json.error_msg).toBe('Open api qps request limit reached');
		await sleep(1050);
		expect((await recognise(emulator(), token, ok)).json.error_code).toBe(0);
	});

	it('uses a sliding window, not calendar seconds, and rejected requests do not fill it', async () => {
		const token = await getToken(emulator());
		emulator().setQps(2);
		expect((await recognise(emulator(), token, ok)).json.error_code).toBe(0); // t ≈ 0
		await sleep(600);
		expect((await recognise(emulator(), token, ok)).json.error_code).toBe(0); // t ≈ 600
		expect((await recognise(emulator(), token, ok)).json.error_code).toBe(18); // two in the last second
		await sleep(450);
		// t ≈ 1050: the first left the window, the second (t ≈ 600) is still in it
		expect((await recognise(emulator(), token, ok)).json.error_code).toBe(0);
		expect((await recognise(emulator(), token, ok)).json.error_code).toBe(18);
	});

	it('does not count requests refused at the token check', async () => {
		emulator().setQps(1);
		await recognise(emulator(), 'bogus', ok);
		await recognise(emulator(), null, ok);
		expect((await recognise(emulator(), await getToken(emulator()), ok)).json.error_code).toBe(0);
	});

	it('setQps(null) lifts the limit', async () => {
		const token = await getToken(emulator());
		emulator().setQps(1);
		emulator().setQps(null);
		const replies = await Promise.all([1, 2, 3, 4].map(() => recognise(emulator(), token, ok)));
		expect(replies.map((reply) => reply.json.error_code)).toEqual([0, 0, 0, 0]);
	});

	it('takes the limit from the options', async () => {
		const limited = await start({ qps: 1 });
		try {
			const token = await getToken(limited);
			const replies = await Promise.all([1, 2].map(() => recognise(limited, token, ok)));
			expect(replies.map((reply) => reply.json.error_code).sort()).toEqual([0, 18]);
		} finally {
			await limited.close();
		}
	});
});

describe('daily quota', () => {
	it('answers 17 once the day\'s successes are used up; failures cost nothing', async () => {
		const token = await getToken(emulator());
		emulator().setDailyQuota(2);
		expect((await recognise(emulator(), token, { image: '', templateSign: TRAIN })).json.error_code).toBe(216200);
		expect((await recognise(emulator(), token, ok)).json.error_code).toBe(0);
		expect((await recognise(emulator(), token, ok)).json.error_code).toBe(0);
		const over = await recognise(emulator(), token, ok);
		expect(over.json).toMatchObject({ error_code: 17, error_msg: 'Open api daily request limit reached' });
		emulator().setDailyQuota(null);
		expect((await recognise(emulator(), token, ok)).json.error_code).toBe(0);
	});

	it('does not let concurrent requests overshoot the quota', async () => {
		const token = await getToken(emulator());
		emulator().setDailyQuota(3);
		emulator().setLatency(50);
		const replies = await Promise.all([1, 2, 3, 4, 5].map(() => recognise(emulator(), token, ok)));
		expect(replies.filter((reply) => reply.json.error_code === 0)).toHaveLength(3);
		expect(replies.filter((reply) => reply.json.error_code === 17)).toHaveLength(2);
	});
});

describe('latency', () => {
	it('delays recognition answers by the fixed latency', async () => {
		const token = await getToken(emulator());
		emulator().setLatency(150);
		const started = Date.now();
		const reply = await recognise(emulator(), token, ok);
		expect(reply.json.error_code).toBe(0);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
	});

	it('delays error answers too, and adds jitter within its bound', async () => {
		emulator().setLatency(60, 60);
		const times: number[] = [];
		for (let i = 0; i < 5; i++) {
			const started = Date.now();
			await recognise(emulator(), null, ok);
			times.push(Date.now() - started);
		}
		for (const time of times) expect(time).toBeGreaterThanOrEqual(55);
	});

	it('jitter varies the delay from answer to answer', async () => {
		emulator().setLatency(0, 200);
		const times: number[] = [];
		for (let i = 0; i < 8; i++) {
			const started = Date.now();
			await recognise(emulator(), null, ok);
			times.push(Date.now() - started);
		}
		expect(Math.max(...times)).toBeGreaterThanOrEqual(50);
		expect(Math.max(...times) - Math.min(...times)).toBeGreaterThanOrEqual(30);
	});

	it('does not delay token answers (those have tokenLatencyMs)', async () => {
		// A recognition latency longer than the test's timeout: a token answer that waited for it
		// would fail the test, whatever the machine's speed.
		const slow = await start({ latency: { ms: 120_000 } });
		try {
			const token = await getToken(slow);
			const held = recognise(slow, token, ok).catch((error: Error) => error);
			while (slow.recognitionRequests().length < 1) await sleep(5);
			// Another exchange while a recognition answer is being delayed: answered, the other not.
			expect(await getToken(slow)).not.toBe(token);
			expect(slow.recognitionRequests()[0].httpStatus).toBe(0);
			await slow.close();
			expect(await held).toBeInstanceOf(Error);
		} finally {
			await slow.close();
		}
	}, 20_000);

	it('takes latency from the options', async () => {
		const slow = await start({ latency: { ms: 120 } });
		try {
			const token = await getToken(slow);
			const started = Date.now();
			await recognise(slow, token, ok);
			expect(Date.now() - started).toBeGreaterThanOrEqual(110);
		} finally {
			await slow.close();
		}
	});
});
