/**
 * What n8n stores of an execution (the run data, errors included) must never hold the
 * Secret Key or an access token: not on success, not when Baidu refuses, not when requests
 * fail at the HTTP level, not when the token is renewed, not in error items.
 */
import { runBaidu } from '../harness/run';
import { credentialsFor, DEMO_SECRET_KEY, leakedSecrets } from '../harness/setup';
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
