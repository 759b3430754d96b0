import { useEmulator } from '../harness/emulator';
/**
 * The credential's token life, through n8n-core's real engine against the current():
 * one exchange per credential, reuse across executions, one renewal for everyone when Baidu
 * says the token died, clear errors for wrong keys and unreachable endpoints, the credential
 * test, and no secret in any stored run.
 */
import { startEmulator, type Emulator } from '../emulator';
import { testCredential } from '../harness/credentialTest';
import { secretsFoundIn } from '../harness/leaks';
import { CREDENTIAL_ID, CREDENTIAL_NAME, runBaidu } from '../harness/run';
import {
	credentialsFor,
	DEMO_SECRET_KEY,
	leakedSecrets,
	makePng,
	TRAIN_TICKET_TEMPLATE,
} from '../harness/setup';

const templateParams = (options: Record<string, unknown> = {}) => ({
	operation: 'recognizeTemplate',
	templateSign: TRAIN_TICKET_TEMPLATE,
	inputType: 'binary',
	binaryPropertyName: 'data',
	output: 'document',
	options: { requestsPerSecond: 200, concurrency: 4, ...options },
});

const pngItems = (count: number) =>
	Array.from({ length: count }, (_, i) => ({
		json: { n: i },
		binary: {
			data: { bytes: makePng(40, 30, i + 1), fileName: `scan-${i}.png`, mimeType: 'image/png' },
		},
	}));

const current = useEmulator();

describe('token exchange and reuse', () => {
	it('exchanges once on first use, stores the token, and the next execution exchanges nothing', async () => {
		const credentials = credentialsFor(current().url);
		const first = await runBaidu({ items: pngItems(3), parameters: templateParams(), credentials });
		expect(first.error).toBeUndefined();
		expect(first.main[0]).toHaveLength(3);
		expect(current().tokenExchanges).toBe(1);
		const stored = credentials.stored(CREDENTIAL_ID).accessToken;
		expect(stored).toBe(current().issuedTokens[0]);

		const second = await runBaidu({
			items: pngItems(2),
			parameters: templateParams(),
			credentials,
		});
		expect(second.error).toBeUndefined();
		expect(second.main[0]).toHaveLength(2);
		expect(current().tokenExchanges).toBe(1);
		const tokensUsed = new Set(
			current()
				.recognitionRequests()
				.map((r) => r.token),
		);
		expect([...tokensUsed]).toEqual([stored]);
	});

	it.each([
		['revoked (110)', (e: Emulator) => e.revokeTokens(), 110],
		['expired (111)', (e: Emulator) => e.expireTokens(), 111],
	])(
		'renews a %s token once in the middle of a 50-item run, and every item succeeds',
		async (_name, kill, code) => {
			const credentials = credentialsFor(current().url);
			await runBaidu({ items: pngItems(1), parameters: templateParams(), credentials });
			expect(current().tokenExchanges).toBe(1);
			const oldToken = credentials.stored(CREDENTIAL_ID).accessToken;

			// Kill the token once 20 recognition requests have arrived, while others are in flight.
			const watcher = setInterval(() => {
				if (current().recognitionRequests().length >= 20) {
					kill(current());
					clearInterval(watcher);
				}
			}, 1);
			const run = await runBaidu({
				items: pngItems(50),
				parameters: templateParams({ concurrency: 8 }),
				credentials,
			});
			clearInterval(watcher);

			expect(run.error).toBeUndefined();
			expect(run.main[0]).toHaveLength(50);
			expect(run.main[0].every((item) => item.json.error === undefined)).toBe(true);
			expect(run.main[0].map((item) => item.pairedItem)).toEqual(
				Array.from({ length: 50 }, (_, i) => ({ item: i })),
			);
			expect(current().tokenExchanges).toBe(2);
			expect(
				current()
					.recognitionRequests()
					.some((r) => r.errorCode === code),
			).toBe(true);
			const newToken = credentials.stored(CREDENTIAL_ID).accessToken;
			expect(newToken).not.toBe(oldToken);
			expect(newToken).toBe(current().issuedTokens[1]);
		},
	);

	it('reports a token that is rejected again after renewal instead of looping', async () => {
		const credentials = credentialsFor(current().url);
		current().addFault({ kind: { errorCode: 110 }, from: 1, to: 1000 });
		const run = await runBaidu({ items: pngItems(1), parameters: templateParams(), credentials });
		expect(run.error?.message).toMatch(/110/);
		// First request with the first token, one resend after one renewal, then stop.
		expect(current().recognitionRequests()).toHaveLength(2);
		expect(current().tokenExchanges).toBe(2);
	});
});

describe('wrong keys and unreachable endpoints', () => {
	type Run = Awaited<ReturnType<typeof runBaidu>>;

	/**
	 * The Secret Key the failed exchange carried (and any token) is nowhere in what the run
	 * leaves: the stored run, the live error with its description, stack and cause, the items.
	 */
	function expectNoSecretIn(run: Run, secretKey: string) {
		const secrets = [secretKey, ...current().issuedTokens];
		expect(leakedSecrets(run.serialized, secrets)).toEqual([]);
		expect(secretsFoundIn([run.error, run.main, run.run], secrets)).toEqual([]);
	}

	it('names the API Key when Baidu does not know it', async () => {
		const credentials = credentialsFor(current().url, { apiKey: 'nobody-knows-me' });
		const run = await runBaidu({ items: pngItems(1), parameters: templateParams(), credentials });
		expect(run.error?.message).toMatch(/does not know this API Key/);
		expect(current().recognitionRequests()).toHaveLength(0);
		expect(current().requests[0].params.client_secret).toBe(DEMO_SECRET_KEY);
		expectNoSecretIn(run, DEMO_SECRET_KEY);
	});

	it('names the Secret Key when it does not match', async () => {
		const credentials = credentialsFor(current().url, { secretKey: 'wrong-secret-key-123' });
		const run = await runBaidu({ items: pngItems(1), parameters: templateParams(), credentials });
		expect(run.error?.message).toMatch(/Secret Key does not match the API Key/);
		expect(current().requests[0].params.client_secret).toBe('wrong-secret-key-123');
		expectNoSecretIn(run, 'wrong-secret-key-123');
	});

	it('says Baidu could not be reached when the token endpoint is down', async () => {
		const down = await startEmulator({ quiet: true });
		const url = down.url;
		await down.close();
		const credentials = credentialsFor(url);
		const run = await runBaidu({ items: pngItems(1), parameters: templateParams(), credentials });
		expect(run.error?.message).toMatch(
			/could not be reached at http:\/\/127\.0\.0\.1:\d+ \(connection refused\)/,
		);
		expectNoSecretIn(run, DEMO_SECRET_KEY);
	});

	it('gives up after three tries on a token endpoint that drops the connection', async () => {
		current().addFault({ kind: 'reset', endpoint: 'token', from: 1, to: 100 });
		const credentials = credentialsFor(current().url);
		const run = await runBaidu({ items: pngItems(1), parameters: templateParams(), credentials });
		expect(run.error?.message).toMatch(/could not be reached .*\(connection closed unexpectedly\)/);
		// A bounded number of tries (3), not a loop: nothing was recognised with a missing token.
		expect(current().requests.filter((r) => r.endpoint === 'token')).toHaveLength(3);
		expect(current().recognitionRequests()).toHaveLength(0);
		expectNoSecretIn(run, DEMO_SECRET_KEY);
	});

	it('retries a token endpoint that answers 503, then succeeds', async () => {
		current().addFault({ kind: 'http503', endpoint: 'token', requests: [1, 2] });
		const credentials = credentialsFor(current().url);
		const run = await runBaidu({ items: pngItems(1), parameters: templateParams(), credentials });
		expect(run.error).toBeUndefined();
		expect(current().tokenExchanges).toBe(1);
		expect(current().requests.filter((r) => r.endpoint === 'token')).toHaveLength(3);
	});

	it('gives up on a hanging token endpoint with a clear message', async () => {
		current().addFault({ kind: 'hang', endpoint: 'token', from: 1, to: 100 });
		const credentials = credentialsFor(current().url);
		const run = await runBaidu({ items: pngItems(1), parameters: templateParams(), credentials });
		expect(run.error?.message).toMatch(/could not be reached .*no answer within 10 s/);
		// Two tries of 10 s each, then it gives up (no third try, no endless wait).
		expect(current().requests.filter((r) => r.endpoint === 'token')).toHaveLength(2);
		expectNoSecretIn(run, DEMO_SECRET_KEY);
	}, 60_000);
});

describe('credential test (the Test button)', () => {
	const data = (over: Record<string, string> = {}) => ({
		apiKey: 'demo-api-key',
		secretKey: DEMO_SECRET_KEY,
		accessToken: '',
		baseUrl: current().url,
		...over,
	});
	const run = async (over: Record<string, string> = {}) =>
		await testCredential(credentialsFor(current().url, over), {
			id: CREDENTIAL_ID,
			name: CREDENTIAL_NAME,
			data: data(over),
		});

	it('passes with working keys, proving the token is accepted for iOCR', async () => {
		expect(await run()).toEqual({ status: 'OK', message: 'Connection successful!' });
		const probe = current().recognitionRequests();
		expect(probe).toHaveLength(1);
		expect(probe[0].errorCode).toBe(216101);
	});

	it('says the app lacks the iOCR permission (error 6)', async () => {
		const result = await run({ apiKey: 'noperm-api-key', secretKey: 'noperm-secret-key' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/no iOCR permission/);
	});

	it('names the API Key or the Secret Key at fault, without showing the Secret Key', async () => {
		const unknown = await run({ apiKey: 'unknown-key' });
		expect(unknown.message).toMatch(/does not know this API Key/);
		const wrong = await run({ secretKey: 'bad-secret-2d7e41' });
		expect(wrong.message).toMatch(/Secret Key does not match/);
		expect(secretsFoundIn([unknown, wrong], [DEMO_SECRET_KEY, 'bad-secret-2d7e41'])).toEqual([]);
	});

	it('reports a token Baidu rejects (110/111)', async () => {
		current().addFault({ kind: { errorCode: 111 }, requests: [1] });
		const result = await run();
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/expired \(error 111\)/);
	});
});

describe('secrets', () => {
	it('never stores the Secret Key or a token in succeeding or failing runs', async () => {
		const credentials = credentialsFor(current().url);
		const ok = await runBaidu({ items: pngItems(2), parameters: templateParams(), credentials });
		current().addFault({ kind: 'http500', from: 1, to: 100 });
		current().addFault({ kind: { errorCode: 110 }, from: 1, to: 100 });
		const failing = await runBaidu({
			items: pngItems(1),
			parameters: templateParams({ maxRetries: 1 }),
			credentials,
		});
		expect(failing.error).toBeDefined();
		const continued = await runBaidu({
			items: pngItems(1),
			parameters: templateParams({ maxRetries: 0 }),
			credentials,
			nodeOverrides: { onError: 'continueErrorOutput' },
		});
		const secrets = [DEMO_SECRET_KEY, ...current().issuedTokens];
		for (const run of [ok, failing, continued]) {
			expect(leakedSecrets(run.serialized, secrets)).toEqual([]);
			expect(leakedSecrets(JSON.stringify(run.error ?? {}), secrets)).toEqual([]);
		}
	});
});
