/**
 * The request log: every request in arrival order, with params but never file bytes,
 * the raw encoded length, token, status, error code and fault; reset() clears it.
 */
import { useTestEmulator, b64, encodedLength, getToken, pdf, png, recognise, TRAIN, VAT, call } from './testkit';

const emulator = useTestEmulator();

describe('request log', () => {
	it('records token and recognition requests in arrival order', async () => {
		const token = await getToken(emulator());
		const image = b64(png(20, 20, 5));
		await recognise(emulator(), token, { image, templateSign: TRAIN });
		await recognise(emulator(), token, { pdf_file: b64(pdf()), templateSign: VAT }, 'finance');
		await recognise(emulator(), null, { image, templateSign: TRAIN });

		const log = emulator().requests;
		expect(log.map((entry) => [entry.seq, entry.endpoint, entry.method, entry.httpStatus, entry.errorCode])).toEqual([
			[1, 'token', 'POST', 200, undefined],
			[2, 'recognise', 'POST', 200, 0],
			[3, 'finance', 'POST', 200, 0],
			[4, 'recognise', 'POST', 200, 100],
		]);
		for (let i = 1; i < log.length; i++) expect(log[i].at).toBeGreaterThanOrEqual(log[i - 1].at);
		expect(log[1].token).toBe(token);
		expect(log[3].token).toBeUndefined();
		expect(emulator().recognitionRequests().map((entry) => entry.seq)).toEqual([2, 3, 4]);
	});

	it('keeps params but replaces file values with a summary, never the bytes', async () => {
		const token = await getToken(emulator());
		const image = b64(png(64, 64, 9));
		await recognise(emulator(), token, { image, templateSign: TRAIN, url: 'http://127.0.0.1:1/ignored.png' });
		const entry = emulator().recognitionRequests()[0];
		expect(entry.params.templateSign).toBe(TRAIN);
		expect(entry.params.access_token).toBe(token);
		expect(entry.params.url).toBe('http://127.0.0.1:1/ignored.png');
		expect(entry.params.image).toMatch(new RegExp(`^<image ${image.length} chars sha256:[0-9a-f]{12}\\.\\.>$`));
		expect(entry.fileField).toBe('image');
		expect(entry.encodedLength).toBe(encodedLength(image));
		expect(entry.encodedLength).toBeGreaterThan(image.length); // + / = each took three characters
		const everything = JSON.stringify(emulator().requests);
		for (let i = 0; i + 40 <= image.length; i += 200) expect(everything).not.toContain(image.slice(i, i + 40));
	});

	it('summarises text that is not base64 without keeping it', async () => {
		const token = await getToken(emulator());
		const secretish = 'data:image/png;base64,' + 'Q'.repeat(300);
		await recognise(emulator(), token, { image: secretish, templateSign: TRAIN });
		const entry = emulator().recognitionRequests()[0];
		expect(entry.errorCode).toBe(216201);
		expect(entry.params.image).toMatch(/^<image 322 chars sha256:[0-9a-f]{12}\.\. not base64>$/);
	});

	it('records faults, including answers never sent', async () => {
		const token = await getToken(emulator());
		emulator().addFault({ kind: 'http502', requests: [1] });
		emulator().addFault({ kind: 'reset', requests: [2] });
		const params = { image: b64(png(20, 20)), templateSign: TRAIN };
		await recognise(emulator(), token, params);
		await expect(recognise(emulator(), token, params)).rejects.toThrow();
		const [first, second] = emulator().recognitionRequests();
		expect(first).toMatchObject({ fault: 'http502', httpStatus: 502 });
		expect(first.errorCode).toBeUndefined();
		expect(second).toMatchObject({ fault: 'reset', httpStatus: 0 });
	});

	it('returns a copy of the list, whose entries stay readable after reset()', async () => {
		await getToken(emulator());
		const before = emulator().requests;
		emulator().reset();
		expect(before).toHaveLength(1);
		expect(emulator().requests).toHaveLength(0);
	});

	it('reset() clears the log, counters, faults, limits and tokens', async () => {
		const token = await getToken(emulator());
		emulator().setQps(1);
		emulator().setDailyQuota(1);
		emulator().addFault({ kind: 'http500', from: 3 });
		await recognise(emulator(), token, { image: b64(png(20, 20)), templateSign: TRAIN });
		emulator().reset();
		expect(emulator().requests).toEqual([]);
		expect(emulator().tokenExchanges).toBe(0);
		expect(emulator().issuedTokens).toEqual([]);
		const fresh = await getToken(emulator());
		const replies = await Promise.all(
			[1, 2, 3, 4].map(() => recognise(emulator(), fresh, { image: b64(png(20, 20)), templateSign: TRAIN })),
		);
		expect(replies.map((reply) => [reply.status, reply.json.error_code])).toEqual([
			[200, 0],
			[200, 0],
			[200, 0],
			[200, 0],
		]);
		expect(emulator().requests[0].seq).toBe(1);
	});

	it('does not log requests to paths it does not emulate; Baidu answers 3 under /rest/', async () => {
		const reply = await call(`${emulator().url}/rest/2.0/ocr/v1/general_basic`, 'image=x');
		expect(reply.json).toMatchObject({ error_code: 3, error_msg: 'Unsupported openapi method' });
		expect((await call(`${emulator().url}/favicon.ico`, undefined, { method: 'GET' })).status).toBe(404);
		expect(emulator().requests).toEqual([]);
	});
});
