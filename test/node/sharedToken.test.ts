/**
 * The access token of one Baidu application, shared by every execution in the process and
 * by other processes (queue-mode workers) through the stored credential, in n8n-core's engine:
 * - executions started together on a credential without a token make one exchange, not one each;
 * - a token Baidu declares dead while several executions run is renewed once for all of them;
 * - a token another worker already renewed (the stored credential holds a new one) is used as it
 *   is: no second exchange.
 * The credential store is one object shared by the executions, as n8n's database is.
 */
import type {
	ICredentialDataDecryptedObject,
	IExecuteData,
	INodeCredentialsDetails,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { BaiduIocrApi } from '../../credentials/BaiduIocrApi.credentials';
import { fetchToken } from '../bench/bare';
import { MemoryCredentialsHelper } from '../harness/credentials';
import { useEmulator } from '../harness/emulator';
import { CREDENTIAL_ID } from '../harness/run';
import { credentialsFor } from '../harness/setup';
import { startBaiduRun } from '../resilience/engine';
import { accountFor, allOutputs, isSuccess, pngBatch, templateParameters } from '../resilience/kit';

const emulator = useEmulator();

async function runEach(itemsPerRun: number, runs: number, credentials: MemoryCredentialsHelper) {
	const batch = pngBatch(itemsPerRun * runs);
	const started = Array.from({ length: runs }, (_, run) =>
		startBaiduRun({
			items: batch.items.slice(run * itemsPerRun, (run + 1) * itemsPerRun),
			parameters: templateParameters({ maxRetries: 0 }),
			credentials,
			nodeOverrides: { onError: 'continueRegularOutput' },
		}),
	);
	const results = await Promise.all(started.map(async (run) => await run.done));
	for (const result of results) {
		expect(result.error).toBeUndefined();
		expect(accountFor(allOutputs(result.main), itemsPerRun).errors).toEqual([]);
	}
}

describe('one token for every execution of the application', () => {
	it('6 executions started together on a credential without a token: one exchange', async () => {
		const credentials = credentialsFor(emulator().url);
		await runEach(2, 6, credentials);

		expect(emulator().tokenExchanges).toBe(1);
		const [token] = emulator().issuedTokens;
		expect(
			emulator()
				.recognitionRequests()
				.map((request) => request.token),
		).toEqual(Array(12).fill(token));
		expect(credentials.stored(CREDENTIAL_ID).accessToken).toBe(token);
	});

	it('a token revoked while 4 executions run is renewed once for all of them', async () => {
		const first = await fetchToken(emulator().url);
		const credentials = credentialsFor(emulator().url, { accessToken: first });
		emulator().revokeTokens();
		await runEach(2, 4, credentials);

		// The test's own exchange, then the node's one renewal.
		expect(emulator().tokenExchanges).toBe(2);
		const renewed = emulator().issuedTokens[1];
		const log = emulator().recognitionRequests();
		expect(log.filter(isSuccess).map((request) => request.token)).toEqual(Array(8).fill(renewed));
		expect(log.filter((request) => request.token === first).every((r) => r.errorCode === 110)).toBe(
			true,
		);
		expect(credentials.stored(CREDENTIAL_ID).accessToken).toBe(renewed);
	});
});

/**
 * The database as another worker leaves it: once this process's first request has been
 * answered, the stored token is the one the other worker renewed.
 */
class SharedDatabase extends MemoryCredentialsHelper {
	private replaced = false;

	constructor(
		private readonly replaceWith: string,
		private readonly answered: () => number,
		/** Replace the stored token on the first read once this many requests arrived. */
		private readonly after: number,
	) {
		super({ baiduIocrApi: new BaiduIocrApi() });
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
	): Promise<ICredentialDataDecryptedObject> {
		if (!this.replaced && this.answered() >= this.after) {
			this.replaced = true;
			this.setStored(CREDENTIAL_ID, {
				...this.stored(CREDENTIAL_ID),
				accessToken: this.replaceWith,
			});
		}
		return await super.getDecrypted(additionalData, nodeCredentials, type, mode, executeData, raw);
	}
}

/**
 * The credential as the database holds it (with `accessToken`, or none yet), where another
 * worker stores `replaceWith` once `after` recognition requests have arrived.
 */
function sharedDatabase(replaceWith: string, after: number, accessToken?: string): SharedDatabase {
	const template = credentialsFor(emulator().url, accessToken === undefined ? {} : { accessToken });
	return new SharedDatabase(replaceWith, () => emulator().recognitionRequests().length, after).add({
		id: CREDENTIAL_ID,
		name: 'Baidu',
		type: 'baiduIocrApi',
		data: template.stored(CREDENTIAL_ID),
	});
}

describe('a token another worker renewed', () => {
	it('is used as stored: the request is resent with it, no exchange', async () => {
		const old = await fetchToken(emulator().url);
		const renewedElsewhere = await fetchToken(emulator().url);
		const credentials = sharedDatabase(renewedElsewhere, 1, old);
		// Baidu declares the old token dead on its first use.
		emulator().addFault({ kind: { errorCode: 110 }, requests: [1] });

		await runEach(1, 1, credentials);

		expect(emulator().tokenExchanges).toBe(2);
		const log = emulator().recognitionRequests();
		expect(log.map((request) => [request.token, request.errorCode])).toEqual([
			[old, 110],
			[renewedElsewhere, 0],
		]);
		expect(credentials.stored(CREDENTIAL_ID).accessToken).toBe(renewedElsewhere);
	});

	it('is used as stored also by an execution that began without a token and waited for the first exchange', async () => {
		const renewedElsewhere = await fetchToken(emulator().url);
		// Replaced once the second request (the waiting execution's) has arrived.
		const credentials = sharedDatabase(renewedElsewhere, 2);
		emulator().addFault({ kind: { errorCode: 110 }, requests: [2] });

		await runEach(1, 2, credentials);

		// The test's own exchange and the first request's: none for the dead token.
		expect(emulator().tokenExchanges).toBe(2);
		const first = emulator().issuedTokens[1];
		expect(
			emulator()
				.recognitionRequests()
				.map((request) => [request.token, request.errorCode]),
		).toEqual([
			[first, 0],
			[first, 110],
			[renewedElsewhere, 0],
		]);
	});

	it('but a dead token nobody renewed is renewed here', async () => {
		const old = await fetchToken(emulator().url);
		const credentials = credentialsFor(emulator().url, { accessToken: old });
		emulator().addFault({ kind: { errorCode: 110 }, requests: [1] });

		await runEach(1, 1, credentials);

		expect(emulator().tokenExchanges).toBe(2);
		const renewed = emulator().issuedTokens[1];
		expect(
			emulator()
				.recognitionRequests()
				.map((request) => request.token),
		).toEqual([old, renewed]);
	});
});
