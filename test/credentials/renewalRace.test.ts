/**
 * The renewal race in n8n's engine: two requests leave with the same token; the first one's
 * 110 arrives, it renews and finishes; only then (the emulator holds it until the next item's
 * request has arrived, so the order does not depend on timing) the second one's 110 arrives.
 * The second must resend with the token the first renewal stored, not exchange the keys again.
 */
import { CREDENTIAL_ID, runBaidu } from '../harness/run';
import { credentialsFor } from '../harness/setup';
import { useEmulator } from '../harness/emulator';

import { parameters, pngItems } from './kit';

const current = useEmulator();

describe('a 110 that arrives after another request renewed the token', () => {
	it('resends with the renewed token: one exchange, one credential write', async () => {
		const credentials = credentialsFor(current().url);
		// A token already stored (recognition request 1), as in every run after the first.
		const warmUp = await runBaidu({ items: pngItems(1), parameters, credentials });
		expect(warmUp.error).toBeUndefined();
		const oldToken = credentials.stored(CREDENTIAL_ID).accessToken;
		expect(current().tokenExchanges).toBe(1);
		const writesBefore = credentials.writes.length;

		// Request 2 (the first to arrive) is told its token died at once. Request 3 left with
		// the same token; its 110 is held until request 5 arrives: request 4 is the first
		// one's resend after its renewal, request 5 the third item, which only gets a slot
		// (concurrency 2) once the first item, renewal included, is done.
		current().addFault({ kind: { errorCode: 110 }, requests: [2] });
		current().addFault({ kind: { errorCode: 110 }, requests: [3], heldUntilRequest: 5 });
		const run = await runBaidu({ items: pngItems(3), parameters, credentials });

		expect(run.error).toBeUndefined();
		expect(run.main[0]).toHaveLength(3);
		expect(run.main[0].every((item) => item.json.error === undefined)).toBe(true);

		const log = current().recognitionRequests();
		expect(log.map((entry) => entry.errorCode)).toEqual([0, 110, 110, 0, 0, 0]);
		// The held 110 was answered only after request 5 had been sent: the race happened.
		expect(log[2]).toMatchObject({ fault: 'errorCode:110' });
		expect(log[4].token).not.toBe(oldToken);

		// One renewal for the run: the second 110 did not exchange the keys again.
		expect(current().tokenExchanges).toBe(2);
		expect(credentials.writes.length - writesBefore).toBe(1);
		const renewed = current().issuedTokens[1];
		expect(credentials.stored(CREDENTIAL_ID).accessToken).toBe(renewed);
		// Both refused requests were resent with the renewed token.
		expect(log.slice(3).map((entry) => entry.token)).toEqual([renewed, renewed, renewed]);
	});
});
