/**
 * Injected faults as a client sees them: 5xx pages, a reset socket, a hang that only the
 * client's timeout ends, truncated JSON, an HTML page with 200, and Baidu error codes.
 */
import * as http from 'http';

import { ERROR_MESSAGES } from './errors';
import { start, useTestEmulator, b64, form, getToken, png, recognise, recogniseUrl, TRAIN } from './testkit';

const emulator = useTestEmulator();
let token: string;
const ok = { image: b64(png(20, 20)), templateSign: TRAIN };

beforeEach(async () => {
	token = await getToken(emulator());
});

describe('HTTP-level faults', () => {
	it.each([
		['http500', 500, 'text/plain'],
		['http502', 502, 'text/html'],
		['http503', 503, 'text/html'],
	] as const)('%s answers HTTP %i with a non-JSON body', async (kind, status, type) => {
		emulator().addFault({ kind, requests: [1] });
		const reply = await recognise(emulator(), token, ok);
		expect(reply.status).toBe(status);
		expect(reply.contentType).toContain(type);
		expect(reply.json).toBeUndefined();
		expect((await recognise(emulator(), token, ok)).json.error_code).toBe(0);
	});

	it('reset destroys the socket without an answer', async () => {
		emulator().addFault({ kind: 'reset', requests: [1] });
		await expect(recognise(emulator(), token, ok)).rejects.toThrow(/socket|ECONNRESET|other side closed/i);
		expect((await recognise(emulator(), token, ok)).json.error_code).toBe(0);
		expect(emulator().recognitionRequests()[0]).toMatchObject({ fault: 'reset', httpStatus: 0 });
	});

	it('hang never answers; the client timeout fires and close() still returns', async () => {
		const hanging = await start();
		const hangToken = await getToken(hanging);
		hanging.addFault({ kind: 'hang' });
		const started = Date.now();
		await expect(recognise(hanging, hangToken, ok, 'general', { timeoutMs: 200 })).rejects.toThrow(/timeout|aborted/i);
		// Only the client's timeout ended it (no answer came first).
		expect(Date.now() - started).toBeGreaterThanOrEqual(190);
		expect(hanging.recognitionRequests()[0]).toMatchObject({ fault: 'hang', httpStatus: 0 });

		// A second hanging request that the client does not give up on: close() ends it.
		const pending = new Promise<string>((resolve) => {
			const req = http.request(recogniseUrl(hanging, hangToken), {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
			});
			req.on('error', (error) => resolve(error.message));
			req.on('response', () => resolve('answered'));
			req.end(form(ok));
		});
		while (hanging.recognitionRequests().length < 2 || hanging.recognitionRequests()[1].fault !== 'hang') {
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
		// close() returns although the request is still open, and ends it.
		await hanging.close();
		expect(await pending).toMatch(/socket hang up|ECONNRESET/);
	});

	it('malformedJson answers 200 application/json with truncated JSON', async () => {
		emulator().addFault({ kind: 'malformedJson', requests: [1] });
		const reply = await recognise(emulator(), token, ok);
		expect(reply.status).toBe(200);
		expect(reply.contentType).toContain('application/json');
		expect(reply.text.startsWith('{"data":')).toBe(true);
		expect(() => JSON.parse(reply.text)).toThrow();
	});

	it('htmlPage answers 200 text/html with an error page', async () => {
		emulator().addFault({ kind: 'htmlPage', requests: [1] });
		const reply = await recognise(emulator(), token, ok);
		expect(reply.status).toBe(200);
		expect(reply.contentType).toContain('text/html');
		expect(reply.text).toMatch(/^<!DOCTYPE html>/);
	});
});

describe('json faults', () => {
	it('answers 200 application/json with exactly the text given, logged as a fault', async () => {
		emulator().addFault({ kind: { json: '{"log_id":1}' }, requests: [1] });
		const reply = await recognise(emulator(), token, ok);
		expect(reply.status).toBe(200);
		expect(reply.contentType).toContain('application/json');
		expect(reply.text).toBe('{"log_id":1}');
		expect(emulator().recognitionRequests()[0].fault).toBe('json');
	});
});

describe('error-code faults', () => {
	it.each([1, 2, 4, 6, 17, 18, 19, 100, 110, 111, 216630, 216634, 282000, 282112])(
		'answers error_code %i with Baidu\'s message',
		async (code) => {
			emulator().addFault({ kind: { errorCode: code }, requests: [1] });
			const reply = await recognise(emulator(), token, ok);
			expect(reply.status).toBe(200);
			expect(reply.json).toMatchObject({ error_code: code, error_msg: ERROR_MESSAGES[code] });
			expect(reply.text).toMatch(/"log_id":\d{19}\}$/);
		},
	);

	it('uses a given errorMsg instead of the table', async () => {
		emulator().addFault({ kind: { errorCode: 216630, errorMsg: 'recognize error, please retry' } });
		const reply = await recognise(emulator(), token, ok);
		expect(reply.json).toMatchObject({ error_code: 216630, error_msg: 'recognize error, please retry' });
	});
});

describe('fault selection over HTTP', () => {
	it('counts recognition requests of both editions since reset, and takes ranges and times', async () => {
		emulator().addFault({ kind: { errorCode: 18 }, from: 2, to: 4, times: 2 });
		const codes: number[] = [];
		for (let i = 0; i < 5; i++) {
			const edition = i % 2 ? 'finance' : 'general';
			const params = edition === 'finance' ? { ...ok, templateSign: 'd4e5f60718293a4b5c6d7e8f90a1b2c3' } : ok;
			codes.push((await recognise(emulator(), token, params, edition)).json.error_code);
		}
		expect(codes).toEqual([0, 18, 18, 0, 0]);
		expect(emulator().recognitionRequests().map((entry) => entry.fault)).toEqual([
			undefined,
			'errorCode:18',
			'errorCode:18',
			undefined,
			undefined,
		]);
	});

	it('token requests do not move the recognition count', async () => {
		emulator().addFault({ kind: 'http500', requests: [2] });
		expect((await recognise(emulator(), token, ok)).status).toBe(200);
		await getToken(emulator());
		await getToken(emulator());
		expect((await recognise(emulator(), token, ok)).status).toBe(500);
	});

	it('a seeded probability gives the same faults on every run', async () => {
		const run = async () => {
			emulator().reset();
			const runToken = await getToken(emulator());
			emulator().addFault({ kind: 'http502', probability: 0.5, seed: 99 });
			const statuses: number[] = [];
			for (let i = 0; i < 12; i++) statuses.push((await recognise(emulator(), runToken, ok)).status);
			return statuses;
		};
		const first = await run();
		expect(first).toContain(502);
		expect(first).toContain(200);
		expect(await run()).toEqual(first);
	});

	it('heldUntilRequest holds a fault\'s answer until that request of its endpoint has arrived', async () => {
		emulator().addFault({ kind: { errorCode: 110 }, requests: [1], heldUntilRequest: 3 });
		const first = recognise(emulator(), token, ok);
		while (emulator().recognitionRequests().length < 1) await new Promise((resolve) => setTimeout(resolve, 5));
		expect((await recognise(emulator(), token, ok)).json.error_code).toBe(0);
		// Request 2 has its answer; request 1 is still held, whatever the time.
		expect(emulator().recognitionRequests()[0]).toMatchObject({ fault: 'errorCode:110', httpStatus: 0 });
		expect((await recognise(emulator(), token, ok)).json.error_code).toBe(0);
		expect((await first).json.error_code).toBe(110);
	});

	it('clearFaults() removes every rule', async () => {
		emulator().addFault({ kind: 'http500' });
		emulator().clearFaults();
		expect((await recognise(emulator(), token, ok)).status).toBe(200);
	});

	it('latency applies to fault answers', async () => {
		emulator().setLatency(120);
		emulator().addFault({ kind: 'http503' });
		const started = Date.now();
		expect((await recognise(emulator(), token, ok)).status).toBe(503);
		expect(Date.now() - started).toBeGreaterThanOrEqual(110);
		emulator().setLatency(0);
	});
});
