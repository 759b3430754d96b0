/**
 * Fidelity to Baidu's real answers (issue 13), through the real engine:
 * - the log id is read wherever Baidu put it (top-level, or only `data.logId` on some error
 *   answers), and the node gives back exactly the digits the emulator sent, a 19-digit id above
 *   2^53 included (the emulator's request log records what it answered).
 */
import type { IDataObject } from 'n8n-workflow';

import { runBaidu } from '../harness/run';
import { credentialsFor } from '../harness/setup';
import { documentOf, sampleItem, TEMPLATE, templateParams, useEmulator } from './helpers';

const emulator = useEmulator();

const CONTINUE = { onError: 'continueRegularOutput' } as const;

/** The log id the emulator answered to its only recognition request. */
function answeredLogId(): string {
	const requests = emulator().recognitionRequests();
	expect(requests).toHaveLength(1);
	const logId = requests[0].logId;
	if (logId === undefined) throw new Error('the emulator recorded no log id');
	return logId;
}

describe('log id: read wherever Baidu put it, every digit kept', () => {
	it('success: the document carries the exact 19-digit top-level log_id (above 2^53)', async () => {
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: templateParams(TEMPLATE.trainTicket, { output: 'document' }),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		const sent = answeredLogId();
		expect(sent).toMatch(/^\d{19}$/);
		expect(BigInt(sent) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
		// Plain JSON.parse would turn it into a double and change its last digits.
		expect(String(Number(sent))).not.toBe(sent);
		expect(documentOf(run.main[0][0]).logId).toBe(sent);
	});

	it('error with a 19-digit top-level log_id: the error item gives back the same digits', async () => {
		const run = await runBaidu({
			items: [sampleItem('unmatched.png')],
			parameters: templateParams(TEMPLATE.trainTicket),
			credentials: credentialsFor(emulator().url),
			nodeOverrides: CONTINUE,
		});

		expect(run.error).toBeUndefined();
		const sent = answeredLogId();
		expect(BigInt(sent) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
		const details = run.main[0][0].json.details as IDataObject;
		expect(details.baiduErrorCode).toBe(272000);
		expect(details.logId).toBe(sent);
	});

	it('error whose log id is only in data.logId: the error item carries it', async () => {
		emulator().addFault({
			kind: { errorCode: 282004, logIdAt: 'data.logId' },
			requests: [1],
		});
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: templateParams(TEMPLATE.trainTicket),
			credentials: credentialsFor(emulator().url),
			nodeOverrides: CONTINUE,
		});

		expect(run.error).toBeUndefined();
		const sent = answeredLogId();
		const details = run.main[0][0].json.details as IDataObject;
		expect(details.baiduErrorCode).toBe(282004);
		expect(details.logId).toBe(sent);
	});

	it('error whose log id is only in data.logId, without continue: the stored run keeps it', async () => {
		emulator().addFault({
			kind: { errorCode: 272000, logIdAt: 'data.logId' },
			requests: [1],
		});
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: templateParams(TEMPLATE.trainTicket),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error?.message).toMatch(/Baidu error 272000/);
		const sent = answeredLogId();
		expect(run.serialized).toContain(`"log_id":"${sent}"`);
	});
});
