/**
 * What n8n 2.41's CredentialsHelper does with this credential, pinned where the harness's copy
 * of it (test/harness/credentials.ts, compared there line by line) could drift without another
 * test noticing: what is written back to the database, the Test button's exchange when a token
 * is already stored, and keys stored as expressions.
 */
import { useEmulator } from '../harness/emulator';
import { testCredential } from '../harness/credentialTest';
import { CREDENTIAL_ID, CREDENTIAL_NAME, runBaidu } from '../harness/run';
import { credentialsFor, DEMO_API_KEY, DEMO_SECRET_KEY } from '../harness/setup';

import { parameters, pngItems as items } from './kit';

const current = useEmulator();

describe("n8n's credential handling, as this credential meets it", () => {
	it('writes back the stored fields as they were plus the token: no defaults, no emptied token', async () => {
		const credentials = credentialsFor(current().url);
		const stored = credentials.stored(CREDENTIAL_ID);
		// Stored as the credential was saved: no notice field, no token yet.
		expect(stored).not.toHaveProperty('advancedNotice');
		expect(stored.accessToken).toBe('');

		expect((await runBaidu({ items: items(2), parameters, credentials })).error).toBeUndefined();
		const [first] = current().issuedTokens;
		expect(credentials.writes).toEqual([
			{ id: CREDENTIAL_ID, data: { ...stored, accessToken: first } },
		]);

		// A renewal: the node passes the credential with an emptied token; n8n merges only the
		// exchange's output into the stored row (never the '' the node passed, nor the notice's
		// default that getDecrypted added).
		current().addFault({ kind: { errorCode: 111 }, requests: [3] });
		expect((await runBaidu({ items: items(1), parameters, credentials })).error).toBeUndefined();
		const renewed = current().issuedTokens[1];
		expect(credentials.writes).toHaveLength(2);
		expect(credentials.writes[1]).toEqual({
			id: CREDENTIAL_ID,
			data: { ...stored, accessToken: renewed },
		});
		expect(credentials.stored(CREDENTIAL_ID)).toEqual({ ...stored, accessToken: renewed });
	});

	it('the Test button exchanges the keys even when a token is stored (n8n runs preAuthentication for it)', async () => {
		const credentials = credentialsFor(current().url);
		expect((await runBaidu({ items: items(1), parameters, credentials })).error).toBeUndefined();
		expect(current().tokenExchanges).toBe(1);
		const data = credentials.stored(CREDENTIAL_ID);
		expect(data.accessToken).not.toBe('');

		const result = await testCredential(credentials, {
			id: CREDENTIAL_ID,
			name: CREDENTIAL_NAME,
			data,
		});
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(current().tokenExchanges).toBe(2);
		// The probe went out with the token the test fetched, not the stored one.
		const probe = current().recognitionRequests().pop();
		expect(probe?.token).toBe(current().issuedTokens[1]);
	});

	it('keys stored as expressions are resolved for the exchange and stay expressions in the database', async () => {
		const secretExpression = `={{ "${DEMO_SECRET_KEY.slice(0, 4)}" + "${DEMO_SECRET_KEY.slice(4)}" }}`;
		const apiKeyExpression = `={{ ["${DEMO_API_KEY}"][0] }}`;
		const credentials = credentialsFor(current().url, {
			apiKey: apiKeyExpression,
			secretKey: secretExpression,
		});
		expect((await runBaidu({ items: items(1), parameters, credentials })).error).toBeUndefined();
		// Baidu got the values, not the expressions.
		const exchange = current().requests.find((entry) => entry.endpoint === 'token');
		expect(exchange?.params).toMatchObject({
			client_id: DEMO_API_KEY,
			client_secret: DEMO_SECRET_KEY,
		});
		// The row keeps the expressions; only the token was written.
		expect(credentials.stored(CREDENTIAL_ID)).toMatchObject({
			apiKey: apiKeyExpression,
			secretKey: secretExpression,
			accessToken: current().issuedTokens[0],
		});

		// And after a renewal too.
		current().addFault({ kind: { errorCode: 110 }, requests: [2] });
		expect((await runBaidu({ items: items(1), parameters, credentials })).error).toBeUndefined();
		expect(current().tokenExchanges).toBe(2);
		expect(credentials.stored(CREDENTIAL_ID)).toMatchObject({
			apiKey: apiKeyExpression,
			secretKey: secretExpression,
			accessToken: current().issuedTokens[1],
		});
	});
});
