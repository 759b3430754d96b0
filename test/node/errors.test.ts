/**
 * Every class of Baidu error, through the real engine, with and without "continue":
 * - fail fast (the user must fix something): one request, a NodeApiError whose message and
 *   description are transport/errors.ts's words, with n8n's failure cause;
 * - retryable (Baidu busy, 5xx, broken answers): retried until it works, or reported;
 * - throttled (18): waited out without using up the retries;
 * - token (110/111): renewed once, transparently, or reported when Baidu keeps refusing;
 * - quota (17): the run stops sending at once.
 * With "continue" the failed item becomes an error item (main output, or the error output)
 * and the other items go on.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { BAIDU_ERRORS } from '../../nodes/BaiduIocr/transport/errors';
import type { FaultKind } from '../emulator';
import type { SourceItem } from '../harness/nodeTypes';
import { CREDENTIAL_ID, runBaidu } from '../harness/run';
import { credentialsFor, leakedSecrets } from '../harness/setup';
import {
	classifierParams,
	NOPERM_KEYS,
	sampleItem,
	TEMPLATE,
	templateParams,
	useEmulator,
} from './helpers';

const emulator = useEmulator();

/** What the node says for a Baidu error code, as transport/errors.ts words it. */
function baiduWords(code: number) {
	const entry = BAIDU_ERRORS[code];
	return {
		message: `${entry.message} (Baidu error ${code}: ${entry.baiduText})`,
		description: entry.description,
		cause: entry.cause,
	};
}

interface RunError {
	name?: string;
	message?: string;
	description?: string;
	httpCode?: string;
	failure?: { cause?: string };
	context?: IDataObject;
}

const errorOf = (run: { error?: unknown }) => run.error as RunError | undefined;

describe('fail fast: Baidu says the user must fix something', () => {
	const cases: Array<[string, number, () => Promise<Awaited<ReturnType<typeof runBaidu>>>]> = [
		[
			'an unpublished template',
			282004,
			async () =>
				await runBaidu({
					items: [sampleItem('train-ticket.png')],
					parameters: templateParams(TEMPLATE.unpublished),
					credentials: credentialsFor(emulator().url),
				}),
		],
		[
			"another account's template",
			216110,
			async () =>
				await runBaidu({
					items: [sampleItem('train-ticket.png')],
					parameters: templateParams(TEMPLATE.otherAccount),
					credentials: credentialsFor(emulator().url),
				}),
		],
		[
			'an unknown classifier',
			272004,
			async () =>
				await runBaidu({
					items: [sampleItem('train-ticket.png')],
					parameters: classifierParams('9999'),
					credentials: credentialsFor(emulator().url),
				}),
		],
		[
			'an image that matches no template (unmatched.png)',
			272000,
			async () =>
				await runBaidu({
					items: [sampleItem('unmatched.png')],
					parameters: templateParams(TEMPLATE.trainTicket),
					credentials: credentialsFor(emulator().url),
				}),
		],
		[
			'an application without iOCR permission',
			6,
			async () =>
				await runBaidu({
					items: [sampleItem('train-ticket.png')],
					parameters: templateParams(TEMPLATE.trainTicket),
					credentials: credentialsFor(emulator().url, NOPERM_KEYS),
				}),
		],
	];

	it.each(cases)(
		'%s (%d): NodeApiError with the table’s words, after one request',
		async (_name, code, run) => {
			const result = await run();
			const error = errorOf(result);
			const words = baiduWords(code);
			const sample = code === 272000 ? 'unmatched.png' : 'train-ticket.png';

			expect(error?.name).toBe('NodeApiError');
			expect(error?.message).toBe(`Item 0, file '${sample}' (data): ${words.message}`);
			expect(error?.description).toBe(words.description);
			expect(error?.failure?.cause).toBe(words.cause);
			expect(error?.context?.itemIndex).toBe(0);
			const requests = emulator().recognitionRequests();
			expect(requests.map((request) => request.errorCode)).toEqual([code]);
		},
	);
});

/** Three items whose template comes from their json: item 1 uses the unpublished one. */
const mixedTemplates = (): SourceItem[] => [
	sampleItem('train-ticket.png', { sign: TEMPLATE.trainTicket }),
	sampleItem('train-ticket.png', { sign: TEMPLATE.unpublished }),
	sampleItem('train-ticket.jpg', { sign: TEMPLATE.trainTicket }),
];

/** The node's own keys of an error item (the engine adds the input's json on the error output). */
function nodeKeys(item: INodeExecutionData, input: IDataObject): string[] {
	return Object.keys(item.json)
		.filter((key) => !(key in input))
		.sort();
}

describe('an HTTP status other than 2xx', () => {
	const answer = '{"data":{"ret":[]},"log_id":1234567890123456789}';

	it.each([
		[
			503,
			/^Item 0, file 'train-ticket\.png' \(data\): Baidu's server answered with an error \(HTTP 503, /,
		],
		[300, /^Item 0, file 'train-ticket\.png' \(data\): .*HTTP 300/],
	])('%i, even with an answer in the body, is reported with its status', async (status, words) => {
		emulator().addFault({ kind: { json: answer, status } });
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: templateParams(TEMPLATE.trainTicket, {}, { maxRetries: 0 }),
			credentials: credentialsFor(emulator().url),
		});

		expect(errorOf(run)?.message).toMatch(words);
		expect(errorOf(run)?.httpCode).toBe(String(status));
	});

	it('299 with an answer is an answer', async () => {
		emulator().addFault({ kind: { json: answer, status: 299 } });
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: templateParams(TEMPLATE.trainTicket, { output: 'document' }, { maxRetries: 0 }),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		expect(run.main[0]).toHaveLength(1);
	});
});

describe('an error answer without error_msg', () => {
	it('is worded with the text Baidu gives for the code', async () => {
		emulator().addFault({ kind: { json: '{"error_code":282004,"log_id":1234567890123456789}' } });
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: templateParams(TEMPLATE.trainTicket),
			credentials: credentialsFor(emulator().url),
		});

		expect(errorOf(run)?.message).toBe(
			`Item 0, file 'train-ticket.png' (data): ${baiduWords(282004).message}`,
		);
		expect(emulator().recognitionRequests()).toHaveLength(1);
	});
});

describe('fail fast with "continue"', () => {
	it('Continue: the error item takes the failed item’s place in the main output', async () => {
		const run = await runBaidu({
			items: mixedTemplates(),
			parameters: templateParams('={{ $json.sign }}', { output: 'document' }),
			credentials: credentialsFor(emulator().url),
			nodeOverrides: { onError: 'continueRegularOutput' },
		});

		expect(run.error).toBeUndefined();
		expect(run.main).toHaveLength(1);
		const [main] = run.main;
		expect(main.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(main[0].json['车次']).toBe('C2565');
		expect(main[2].json['车次']).toBe('C2565');
		expect(Object.keys(main[1].json).sort()).toEqual(['details', 'error']);
		expect(main[1].json.error).toBe(
			`Item 1, file 'train-ticket.png' (data): ${baiduWords(282004).message}`,
		);
		expect(main[1].json.details).toMatchObject({
			description: baiduWords(282004).description,
			itemIndex: 1,
			baiduErrorCode: 282004,
			logId: expect.stringMatching(/^\d+$/),
			source: { binaryProperty: 'data', fileName: 'train-ticket.png' },
		});
		expect(emulator().recognitionRequests()).toHaveLength(3);
	});

	it('Continue (using error output): the error item goes to the error output, the others on', async () => {
		const items = mixedTemplates();
		const run = await runBaidu({
			items,
			parameters: templateParams('={{ $json.sign }}', { output: 'document' }),
			credentials: credentialsFor(emulator().url),
			nodeOverrides: { onError: 'continueErrorOutput' },
		});

		expect(run.error).toBeUndefined();
		expect(run.main).toHaveLength(2);
		const [ok, errors] = run.main;
		expect(ok.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(ok.map((item) => item.json['车次'])).toEqual(['C2565', 'C2565']);
		expect(errors).toHaveLength(1);
		expect(errors[0].pairedItem).toEqual({ item: 1 });
		expect(nodeKeys(errors[0], items[1].json)).toEqual(['details', 'error']);
		expect(errors[0].json.error).toMatch(/^Item 1, .*Baidu error 282004/);
	});
});

describe('retryable: Baidu busy or an answer lost on the way', () => {
	it.each<[string, FaultKind]>([
		['internal error 282000', { errorCode: 282000 }],
		['recognize error 216630', { errorCode: 216630 }],
		['HTTP 503', 'http503'],
		['a connection reset', 'reset'],
		['a cut-off JSON body', 'malformedJson'],
		['an HTML error page', 'htmlPage'],
		['JSON null', { json: 'null' }],
		['a JSON array', { json: '[{"error_code":0}]' }],
		['a JSON string', { json: '"ok"' }],
		['an object with neither error_code nor data', { json: '{"log_id":1}' }],
		['data that is an array', { json: '{"data":[],"log_id":1}' }],
		['data that is null', { json: '{"error_code":0,"data":null}' }],
	])('%s on the first request: retried, and the item succeeds', async (_name, kind) => {
		emulator().addFault({ kind, requests: [1] });
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: templateParams(TEMPLATE.trainTicket, { output: 'document' }),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		expect(run.main[0]).toHaveLength(1);
		expect(run.main[0][0].json['车次']).toBe('C2565');
		const requests = emulator().recognitionRequests();
		expect(requests).toHaveLength(2);
		expect(requests[0].fault).toBeDefined();
		expect(requests[1].errorCode).toBe(0);
	});

	it('no answer within the timeout: the request is abandoned and sent again', async () => {
		emulator().addFault({ kind: 'hang', requests: [1] });
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: templateParams(TEMPLATE.trainTicket, { output: 'document' }, { timeout: 1 }),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		expect(run.main[0][0].json['车次']).toBe('C2565');
		expect(
			emulator()
				.recognitionRequests()
				.map((request) => request.fault ?? request.errorCode),
		).toEqual(['hang', 0]);
	});

	it('no answer at all: reported as a timeout naming the wait and the address', async () => {
		emulator().addFault({ kind: 'hang', from: 1, to: 10 });
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: templateParams(TEMPLATE.trainTicket, {}, { timeout: 1, maxRetries: 0 }),
			credentials: credentialsFor(emulator().url),
		});

		const error = errorOf(run);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(
			`Item 0, file 'train-ticket.png' (data): Baidu did not answer within 1 second (${emulator().url})`,
		);
		expect(error?.description).toMatch(/raise the node's timeout/);
		expect(error?.failure?.cause).toBe('temporarily-unavailable');
		expect(emulator().recognitionRequests()).toHaveLength(1);
	});

	it('gives up after Max Retries and says what happened, without the token', async () => {
		emulator().addFault({ kind: 'http503', from: 1, to: 100 });
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: templateParams(TEMPLATE.trainTicket, {}, { maxRetries: 2 }),
			credentials: credentialsFor(emulator().url),
		});

		const error = errorOf(run);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(
			`Item 0, file 'train-ticket.png' (data): Baidu's server answered with an error (HTTP 503, ${emulator().url})`,
		);
		expect(error?.description).toMatch(/usually temporary/);
		expect(error?.failure?.cause).toBe('temporarily-unavailable');
		expect(error?.httpCode).toBe('503');
		expect(emulator().recognitionRequests()).toHaveLength(3);
		expect(leakedSecrets(JSON.stringify(run.error), emulator().issuedTokens)).toEqual([]);
	});

	it('Baidu failing again and again for one item: with continue, only that item fails', async () => {
		// Concurrency 1: request 1 is item 0; requests 2 and 3 are item 1's two tries.
		emulator().addFault({ kind: { errorCode: 282000 }, from: 2, to: 3 });
		const run = await runBaidu({
			items: [
				sampleItem('train-ticket.png'),
				sampleItem('train-ticket.jpg'),
				sampleItem('train-ticket.png'),
			],
			parameters: templateParams(
				TEMPLATE.trainTicket,
				{ output: 'document' },
				{ maxRetries: 1, concurrency: 1 },
			),
			credentials: credentialsFor(emulator().url),
			nodeOverrides: { onError: 'continueErrorOutput' },
		});

		expect(run.error).toBeUndefined();
		const [ok, errors] = run.main;
		expect(ok.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(errors.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
		expect(errors[0].json.error).toBe(
			`Item 1, file 'train-ticket.jpg' (data): ${baiduWords(282000).message}`,
		);
		expect((errors[0].json.details as IDataObject).baiduErrorCode).toBe(282000);
		expect(emulator().recognitionRequests()).toHaveLength(4);
	});

	it('QPS limit (18): waited out without using up the retries', async () => {
		emulator().addFault({ kind: { errorCode: 18 }, requests: [1, 2] });
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: templateParams(TEMPLATE.trainTicket, { output: 'document' }, { maxRetries: 0 }),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		expect(run.main[0][0].json['车次']).toBe('C2565');
		expect(
			emulator()
				.recognitionRequests()
				.map((request) => request.errorCode),
		).toEqual([18, 18, 0]);
	});

	it('QPS limit (18) that never ends: given up after 30 waits, with Baidu’s words', async () => {
		// Every wait drawn at 1 % of its cap (the back-off's full jitter), so the 31 requests go
		// quickly. (Exactly 0 sends the quicksort of jest's source maps into endless recursion.)
		jest.spyOn(Math, 'random').mockReturnValue(0.01);
		try {
			emulator().addFault({ kind: { errorCode: 18 } });
			const run = await runBaidu({
				items: [sampleItem('train-ticket.png')],
				parameters: templateParams(TEMPLATE.trainTicket, {}, { maxRetries: 0 }),
				credentials: credentialsFor(emulator().url, { planQps: 50 }),
			});

			expect(errorOf(run)?.message).toBe(
				`Item 0, file 'train-ticket.png' (data): ${baiduWords(18).message}`,
			);
			expect(emulator().recognitionRequests()).toHaveLength(1 + 30);
		} finally {
			jest.restoreAllMocks();
		}
	}, 60_000);
});

describe('token: Baidu says the access token is dead', () => {
	it.each([110, 111])('%d once: the token is renewed and the request resent', async (code) => {
		emulator().addFault({ kind: { errorCode: code }, requests: [1] });
		const credentials = credentialsFor(emulator().url);
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: templateParams(TEMPLATE.trainTicket, { output: 'document' }),
			credentials,
		});

		expect(run.error).toBeUndefined();
		expect(run.main[0][0].json['车次']).toBe('C2565');
		const requests = emulator().recognitionRequests();
		expect(requests.map((request) => request.errorCode)).toEqual([code, 0]);
		expect(emulator().tokenExchanges).toBe(2);
		const [first, renewed] = emulator().issuedTokens;
		expect(requests.map((request) => request.token)).toEqual([first, renewed]);
		expect(credentials.stored(CREDENTIAL_ID).accessToken).toBe(renewed);
	});

	it('refused again after renewal: reported as a credential problem, no loop', async () => {
		emulator().addFault({ kind: { errorCode: 110 }, from: 1, to: 100 });
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: templateParams(TEMPLATE.trainTicket),
			credentials: credentialsFor(emulator().url),
		});

		const error = errorOf(run);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(
			`Item 0, file 'train-ticket.png' (data): ${baiduWords(110).message}`,
		);
		expect(error?.description).toBe(baiduWords(110).description);
		expect(error?.failure?.cause).toBe('credential-invalid');
		expect(emulator().recognitionRequests()).toHaveLength(2);
	});

	it('HTTP 503 on every request of one document, with continue: that document fails alone', async () => {
		// Concurrency 1: requests 1-4 are the first document's, Max Retries 3.
		emulator().addFault({ kind: 'http503', requests: [1, 2, 3, 4] });
		const run = await runBaidu({
			items: [
				sampleItem('train-ticket.png'),
				sampleItem('train-ticket.jpg'),
				sampleItem('train-ticket.png'),
			],
			parameters: templateParams(
				TEMPLATE.trainTicket,
				{ output: 'document' },
				{ concurrency: 1, maxRetries: 3 },
			),
			credentials: credentialsFor(emulator().url),
			nodeOverrides: { onError: 'continueRegularOutput' },
		});

		expect(run.error).toBeUndefined();
		const [main] = run.main;
		expect(main.map((item) => item.json.error === undefined)).toEqual([false, true, true]);
		expect(String(main[0].json.error)).toMatch(/HTTP 503/);
		expect(emulator().recognitionRequests()).toHaveLength(6);
	});

	it('dead again after a renewal and a retry: renewed once per document, then reported', async () => {
		emulator().addFault({ kind: { errorCode: 110 }, requests: [1, 3] });
		emulator().addFault({ kind: { errorCode: 282000 }, requests: [2] });
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: templateParams(TEMPLATE.trainTicket),
			credentials: credentialsFor(emulator().url),
		});

		expect(errorOf(run)?.message).toBe(
			`Item 0, file 'train-ticket.png' (data): ${baiduWords(110).message}`,
		);
		expect(
			emulator()
				.recognitionRequests()
				.map((request) => request.errorCode),
		).toEqual([110, 282000, 110]);
		// The first token, and one renewal.
		expect(emulator().tokenExchanges).toBe(2);
	});

	it.each([
		['continueRegularOutput', 0],
		['continueErrorOutput', 1],
	] as const)(
		'refused for good with %s: the error item is on output %d',
		async (onError, output) => {
			emulator().addFault({ kind: { errorCode: 110 }, from: 1, to: 100 });
			const run = await runBaidu({
				items: [sampleItem('train-ticket.png')],
				parameters: templateParams(TEMPLATE.trainTicket),
				credentials: credentialsFor(emulator().url),
				nodeOverrides: { onError },
			});

			expect(run.error).toBeUndefined();
			expect(run.main).toHaveLength(output + 1);
			const [item] = run.main[output];
			expect(run.main[output]).toHaveLength(1);
			expect(Object.keys(item.json).sort()).toEqual(['details', 'error']);
			expect(item.json.error).toMatch(/^Item 0, .*Baidu error 110/);
			expect((item.json.details as IDataObject).baiduErrorCode).toBe(110);
			expect(item.pairedItem).toEqual({ item: 0 });
		},
	);
});

describe('keys that do not work on first use', () => {
	const items = () => [
		sampleItem('train-ticket.png'),
		sampleItem('train-ticket.jpg'),
		sampleItem('train-ticket.png'),
	];
	const tokenRequests = () => emulator().requests.filter((request) => request.endpoint === 'token');

	it('a refused Secret Key is tried once, not once per item in flight, and every item reports it', async () => {
		const run = await runBaidu({
			items: items(),
			parameters: templateParams(TEMPLATE.trainTicket, { output: 'document' }),
			credentials: credentialsFor(emulator().url, { secretKey: 'not-the-secret-key' }),
			nodeOverrides: { onError: 'continueRegularOutput' },
		});

		expect(run.error).toBeUndefined();
		const [main] = run.main;
		expect(main.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		main.forEach((item, index) => {
			expect(Object.keys(item.json).sort()).toEqual(['details', 'error']);
			expect(item.json.error).toMatch(
				new RegExp(`^Item ${index}, .*Secret Key does not match the API Key`),
			);
			expect((item.json.details as IDataObject).description).toBe(
				'Open the Baidu iOCR credential, check API Key, Secret Key and the API base URL, and save it.',
			);
		});
		expect(tokenRequests()).toHaveLength(1);
		expect(emulator().recognitionRequests()).toHaveLength(0);
	});

	it('a token endpoint that stays busy is retried by the credential only, then reported', async () => {
		emulator().addFault({ kind: 'http503', endpoint: 'token', from: 1, to: 100 });
		const run = await runBaidu({
			items: items(),
			parameters: templateParams(TEMPLATE.trainTicket),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error?.message).toMatch(
			/^Item 0, .*Baidu token exchange failed: Baidu could not be reached/,
		);
		expect(errorOf(run)?.failure?.cause).toBe('credential-invalid');
		// The credential's own three tries, by the first request; nobody else tries again.
		expect(tokenRequests()).toHaveLength(3);
		expect(emulator().recognitionRequests()).toHaveLength(0);
	});
});

describe('quota used up (17): nothing more is sent', () => {
	const items = () => [
		sampleItem('train-ticket.png'),
		sampleItem('train-ticket.jpg'),
		sampleItem('train-ticket.png'),
	];
	const parameters = templateParams(
		TEMPLATE.trainTicket,
		{ output: 'document' },
		{ concurrency: 1 },
	);

	it('stops the run with the reset time as failure', async () => {
		emulator().setDailyQuota(1);
		const run = await runBaidu({
			items: items(),
			parameters,
			credentials: credentialsFor(emulator().url),
		});

		const error = errorOf(run) as RunError & { failure?: { resetsAtEpochMs?: number } };
		expect(error?.message).toBe(
			`Item 1, file 'train-ticket.jpg' (data): ${baiduWords(17).message}`,
		);
		expect(error?.failure?.cause).toBe('quota-exhausted');
		expect(error?.failure?.resetsAtEpochMs).toBeGreaterThan(Date.now());
		expect(
			emulator()
				.recognitionRequests()
				.map((request) => request.errorCode),
		).toEqual([0, 17]);
	});

	it('with continue: the first item succeeds, the second fails, the third is marked not sent', async () => {
		emulator().setDailyQuota(1);
		const run = await runBaidu({
			items: items(),
			parameters,
			credentials: credentialsFor(emulator().url),
			nodeOverrides: { onError: 'continueRegularOutput' },
		});

		expect(run.error).toBeUndefined();
		const [main] = run.main;
		expect(main.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(main[0].json['车次']).toBe('C2565');
		expect((main[1].json.details as IDataObject).baiduErrorCode).toBe(17);
		expect(main[2].json.error).toMatch(/^Item 2, /);
		expect((main[2].json.details as IDataObject).notSent).toBe(true);
		expect(emulator().recognitionRequests()).toHaveLength(2);
	});
});
