/**
 * /oauth/2.0/token: both ways the SDKs send it, Baidu's two 401s, the grant type,
 * fresh tokens, the exchange counter, token latency and token-endpoint faults.
 */
import { start, useTestEmulator, call, DEMO, form, OTHER, TOKEN_PATH } from './testkit';

const emulator = useTestEmulator();

const credentials = (keys = DEMO) => ({
	grant_type: 'client_credentials',
	client_id: keys.apiKey,
	client_secret: keys.secretKey,
});

describe('token exchange', () => {
	it('accepts POST with a form body (Node and Java SDKs)', async () => {
		const reply = await call(`${emulator().url}${TOKEN_PATH}`, form(credentials()));
		expect(reply.status).toBe(200);
		expect(reply.json).toMatchObject({ expires_in: 2592000 });
		expect(typeof reply.json.access_token).toBe('string');
		for (const key of ['refresh_token', 'scope', 'session_key', 'session_secret']) {
			expect(typeof reply.json[key]).toBe('string');
		}
		expect(reply.json.access_token).toMatch(/^24\.[0-9a-f]{32}\.2592000\.\d+\.\d+-10001$/);
	});

	it('accepts GET with a query string (Python and .NET SDKs)', async () => {
		const reply = await call(`${emulator().url}${TOKEN_PATH}?${form(credentials())}`, undefined, { method: 'GET' });
		expect(reply.status).toBe(200);
		expect(emulator().issuedTokens).toEqual([reply.json.access_token]);
	});

	it('accepts POST with the parameters in the query', async () => {
		const reply = await call(`${emulator().url}${TOKEN_PATH}?${form(credentials(OTHER))}`, '');
		expect(reply.status).toBe(200);
		expect(reply.json.access_token).toMatch(/-10003$/);
	});

	it('answers 401 unknown client id for a wrong API Key', async () => {
		const reply = await call(`${emulator().url}${TOKEN_PATH}`, form({ ...credentials(), client_id: 'nope' }));
		expect(reply.status).toBe(401);
		expect(reply.json).toEqual({ error: 'invalid_client', error_description: 'unknown client id' });
	});

	it('answers 401 Client authentication failed for a wrong Secret Key', async () => {
		const reply = await call(`${emulator().url}${TOKEN_PATH}`, form({ ...credentials(), client_secret: 'nope' }));
		expect(reply.status).toBe(401);
		expect(reply.json).toEqual({ error: 'invalid_client', error_description: 'Client authentication failed' });
	});

	it('answers 400 unsupported_grant_type without grant_type', async () => {
		const { grant_type: _dropped, ...rest } = credentials();
		expect(_dropped).toBe('client_credentials');
		const reply = await call(`${emulator().url}${TOKEN_PATH}`, form(rest));
		expect(reply.status).toBe(400);
		expect(reply.json.error).toBe('unsupported_grant_type');
	});

	it('hands out a fresh token every time and counts successful exchanges only', async () => {
		const url = `${emulator().url}${TOKEN_PATH}`;
		const a = await call(url, form(credentials()));
		const b = await call(url, form(credentials()));
		await call(url, form({ ...credentials(), client_secret: 'wrong' }));
		expect(a.json.access_token).not.toBe(b.json.access_token);
		expect(emulator().tokenExchanges).toBe(2);
		expect(emulator().issuedTokens).toEqual([a.json.access_token, b.json.access_token]);
		const logged = emulator().requests;
		expect(logged.map((entry) => [entry.endpoint, entry.httpStatus])).toEqual([
			['token', 200],
			['token', 200],
			['token', 401],
		]);
		expect(logged[0].token).toBe(a.json.access_token);
	});

	it('applies tokenLatencyMs to token answers', async () => {
		const slow = await start({ tokenLatencyMs: 150, latency: { ms: 0 } });
		try {
			const started = Date.now();
			const reply = await call(`${slow.url}${TOKEN_PATH}`, form(credentials()));
			expect(reply.status).toBe(200);
			expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		} finally {
			await slow.close();
		}
	});

	it('injects faults on the token endpoint when asked, counting its own requests', async () => {
		emulator().addFault({ kind: 'http503', endpoint: 'token', requests: [2] });
		emulator().addFault({ kind: { errorCode: 2 }, endpoint: 'token', requests: [3] });
		const url = `${emulator().url}${TOKEN_PATH}`;
		expect((await call(url, form(credentials()))).status).toBe(200);
		const second = await call(url, form(credentials()));
		expect(second.status).toBe(503);
		expect(second.contentType).toContain('text/html');
		const third = await call(url, form(credentials()));
		expect(third.json).toMatchObject({ error_code: 2, error_msg: 'Service temporarily unavailable' });
		expect((await call(url, form(credentials()))).status).toBe(200);
		expect(emulator().tokenExchanges).toBe(2);
		expect(emulator().requests.map((entry) => entry.fault)).toEqual([undefined, 'http503', 'errorCode:2', undefined]);
	});
});
