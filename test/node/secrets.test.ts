/**
 * What n8n stores of an execution (the run data, errors included) must never hold the
 * Secret Key or an access token: not on success, not when Baidu refuses, not when requests
 * fail at the HTTP level, not when the token is renewed, not in error items.
 */
import { startEmulator } from '../emulator';
import { secretsFoundIn } from '../harness/leaks';
import { CREDENTIAL_ID, runBaidu } from '../harness/run';
import { credentialsFor, DEMO_API_KEY, DEMO_SECRET_KEY, leakedSecrets } from '../harness/setup';
import {
	itemWith,
	NOPERM_KEYS,
	sampleItem,
	TEMPLATE,
	templateParams,
	useEmulator,
} from './helpers';

const emulator = useEmulator();

type Run = Awaited<ReturnType<typeof runBaidu>>;

/** Every secret the emulator has seen or issued so far. */
function secrets(): string[] {
	return [DEMO_SECRET_KEY, NOPERM_KEYS.secretKey, ...emulator().issuedTokens];
}

function expectNoSecrets(run: Run) {
	// Non-vacuous: at least one token existed while this run went on.
	expect(emulator().issuedTokens.length).toBeGreaterThan(0);
	expect(leakedSecrets(run.serialized, secrets())).toEqual([]);
	expect(leakedSecrets(JSON.stringify(run.error ?? {}), secrets())).toEqual([]);
	expect(leakedSecrets(JSON.stringify(run.main), secrets())).toEqual([]);
}

describe('no Secret Key or token in stored runs', () => {
	it('a successful run, in every output mode', async () => {
		for (const output of ['field', 'document', 'raw']) {
			const run = await runBaidu({
				items: [sampleItem('train-ticket.png'), sampleItem('train-ticket.jpg')],
				parameters: templateParams(TEMPLATE.trainTicket, { output }, { includeInputFields: true }),
				credentials: credentialsFor(emulator().url),
			});
			expect(run.error).toBeUndefined();
			expect(run.main[0].length).toBeGreaterThan(0);
			expectNoSecrets(run);
		}
	});

	it('a run Baidu refuses (unpublished template), failing and continuing', async () => {
		for (const onError of ['stopWorkflow', 'continueErrorOutput'] as const) {
			const run = await runBaidu({
				items: [sampleItem('train-ticket.png')],
				parameters: templateParams(TEMPLATE.unpublished),
				credentials: credentialsFor(emulator().url),
				nodeOverrides: { onError },
			});
			if (onError === 'stopWorkflow') expect(run.error?.message).toMatch(/282004/);
			else expect(run.main[1][0].json.error).toMatch(/282004/);
			expectNoSecrets(run);
		}
	});

	it('a run whose app has no permission (error 6)', async () => {
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: templateParams(TEMPLATE.trainTicket),
			credentials: credentialsFor(emulator().url, NOPERM_KEYS),
		});
		expect(run.error?.message).toMatch(/Baidu error 6\b/);
		expectNoSecrets(run);
	});

	it('HTTP failures after every retry: 503, HTML page, cut-off JSON', async () => {
		emulator().addFault({ kind: 'http503', from: 1, to: 2 });
		emulator().addFault({ kind: 'htmlPage', from: 3, to: 4 });
		emulator().addFault({ kind: 'malformedJson', from: 5, to: 6 });
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png'), sampleItem('train-ticket.jpg'), sampleItem('train-ticket.png')],
			parameters: templateParams(TEMPLATE.trainTicket, {}, { maxRetries: 1, concurrency: 1 }),
			credentials: credentialsFor(emulator().url),
			nodeOverrides: { onError: 'continueErrorOutput' },
		});
		expect(run.main[1]).toHaveLength(3);
		expectNoSecrets(run);
	});

	it('a token renewed in the middle of the run, and one refused for good', async () => {
		emulator().addFault({ kind: { errorCode: 111 }, requests: [1] });
		const renewed = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: templateParams(TEMPLATE.trainTicket),
			credentials: credentialsFor(emulator().url),
		});
		expect(renewed.error).toBeUndefined();
		expect(emulator().tokenExchanges).toBe(2);
		expectNoSecrets(renewed);

		emulator().addFault({ kind: { errorCode: 110 }, from: 1, to: 100 });
		const refused = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: templateParams(TEMPLATE.trainTicket),
			credentials: credentialsFor(emulator().url),
		});
		expect(refused.error?.message).toMatch(/110/);
		expectNoSecrets(refused);
	});

	it('pre-flight errors, failing and continuing', async () => {
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png'), itemWith({ data: 'sample.heic' })],
			parameters: templateParams(TEMPLATE.trainTicket),
			credentials: credentialsFor(emulator().url),
			nodeOverrides: { onError: 'continueErrorOutput' },
		});
		expect(run.main[1][0].json.error).toMatch(/HEIC/);
		expectNoSecrets(run);
	});
});

/**
 * A failed token exchange is where the Secret Key is closest to an error message: the request
 * that failed carries it in its body. Every way the exchange can fail, on a first use of the
 * credential and on a renewal, with the run stopping and with error items.
 */
describe('no Secret Key or token when the token exchange fails', () => {
	const WRONG_SECRET = 'wrong-secret-key-6f2a9c41d7';
	const ON_ERROR = ['stopWorkflow', 'continueErrorOutput'] as const;
	type OnError = (typeof ON_ERROR)[number];

	/** Runs two items and checks the run failed at the exchange, leaving no secret anywhere. */
	async function expectCleanFailure(
		credentials: ReturnType<typeof credentialsFor>,
		onError: OnError,
		said: RegExp,
		secretsInPlay: string[],
	) {
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png'), sampleItem('train-ticket.jpg')],
			parameters: templateParams(TEMPLATE.trainTicket, {}, { maxRetries: 0 }),
			credentials,
			nodeOverrides: { onError },
		});
		const errorItems = run.main[1] ?? [];
		if (onError === 'stopWorkflow') {
			expect(run.error?.message).toMatch(said);
		} else {
			expect(run.error).toBeUndefined();
			expect(run.main[0]).toEqual([]);
			expect(errorItems).toHaveLength(2);
			for (const item of errorItems) expect(item.json.error).toMatch(said);
		}
		// Not vacuous: each secret looked for was really in play in this run.
		for (const secret of secretsInPlay) expect(secret.length).toBeGreaterThan(8);
		expect(leakedSecrets(run.serialized, secretsInPlay)).toEqual([]);
		// The live error (message, description, stack, cause) and the error items, field by field.
		expect(secretsFoundIn([run.error, errorItems, run.main, run.run], secretsInPlay)).toEqual([]);
		return run;
	}

	/** The Secret Key really went to the token endpoint (so it could have leaked). */
	function expectSentSecret(secret: string) {
		const exchanges = emulator().requests.filter((entry) => entry.endpoint === 'token');
		expect(exchanges.length).toBeGreaterThan(0);
		for (const entry of exchanges) expect(entry.params.client_secret).toBe(secret);
	}

	it.each(ON_ERROR)('wrong Secret Key (HTTP 401, Client authentication failed), %s', async (onError) => {
		const credentials = credentialsFor(emulator().url, { secretKey: WRONG_SECRET });
		await expectCleanFailure(credentials, onError, /Secret Key does not match the API Key/, [
			WRONG_SECRET,
		]);
		expectSentSecret(WRONG_SECRET);
		expect(emulator().recognitionRequests()).toHaveLength(0);
	});

	it.each(ON_ERROR)('unknown API Key (HTTP 401, unknown client id), %s', async (onError) => {
		const credentials = credentialsFor(emulator().url, { apiKey: 'nobody-knows-this-key' });
		await expectCleanFailure(credentials, onError, /does not know this API Key/, [DEMO_SECRET_KEY]);
		expectSentSecret(DEMO_SECRET_KEY);
	});

	it.each(ON_ERROR)('token endpoint down (connection refused), %s', async (onError) => {
		const down = await startEmulator({ quiet: true });
		const url = down.url;
		await down.close();
		await expectCleanFailure(
			credentialsFor(url),
			onError,
			/could not be reached .*connection refused/,
			[DEMO_SECRET_KEY],
		);
	});

	it.each(ON_ERROR)('token endpoint answering 503 on every try, %s', async (onError) => {
		emulator().addFault({ kind: 'http503', endpoint: 'token', from: 1, to: 100 });
		await expectCleanFailure(
			credentialsFor(emulator().url),
			onError,
			/could not be reached .*HTTP 503/,
			[DEMO_SECRET_KEY],
		);
		expectSentSecret(DEMO_SECRET_KEY);
	});

	it('token endpoint that never answers (timeout), with error items', async () => {
		emulator().addFault({ kind: 'hang', endpoint: 'token', from: 1, to: 100 });
		await expectCleanFailure(
			credentialsFor(emulator().url),
			'continueErrorOutput',
			/could not be reached .*no answer within/,
			[DEMO_SECRET_KEY],
		);
		expectSentSecret(DEMO_SECRET_KEY);
	}, 60_000);

	it.each(ON_ERROR)(
		'a renewal that fails (the stored token died, the Secret Key was changed since), %s',
		async (onError) => {
			const credentials = credentialsFor(emulator().url);
			const first = await runBaidu({
				items: [sampleItem('train-ticket.png')],
				parameters: templateParams(TEMPLATE.trainTicket),
				credentials,
			});
			expect(first.error).toBeUndefined();
			const deadToken = credentials.stored(CREDENTIAL_ID).accessToken as string;
			expect(deadToken).toBe(emulator().issuedTokens[0]);
			credentials.setStored(CREDENTIAL_ID, {
				...credentials.stored(CREDENTIAL_ID),
				apiKey: DEMO_API_KEY,
				secretKey: WRONG_SECRET,
			});
			emulator().revokeTokens();
			await expectCleanFailure(credentials, onError, /Secret Key does not match the API Key/, [
				WRONG_SECRET,
				deadToken,
			]);
			// The run did send the dead token, was told 110, and tried to renew it.
			expect(emulator().recognitionRequests().some((entry) => entry.errorCode === 110)).toBe(true);
			expect(
				emulator().requests.filter(
					(entry) => entry.endpoint === 'token' && entry.params.client_secret === WRONG_SECRET,
				).length,
			).toBeGreaterThan(0);
		},
	);
});
