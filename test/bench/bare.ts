/**
 * What a user could do without the node: a bare HTTP client (undici) that base64-encodes,
 * urlencodes and POSTs, and the throttled loop n8n's rate-limit guide suggests (Loop Over
 * Items with a batch of 1, an HTTP Request, then Wait 1/QPS seconds).
 */
import { request } from 'undici';

import { TRAIN_TICKET_TEMPLATE } from '../harness/setup';

const RECOGNISE_PATH = '/rest/2.0/solution/v1/iocr/recognise';

/** A token for the demo app, exchanged once (the form body, as Baidu's Node SDK sends it). */
export async function fetchToken(baseUrl: string): Promise<string> {
	const response = await request(`${baseUrl}/oauth/2.0/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: 'demo-api-key',
			client_secret: 'demo-secret-key',
		}).toString(),
	});
	const body = (await response.body.json()) as { access_token?: string };
	if (!body.access_token) throw new Error('the emulator gave no token');
	return body.access_token;
}

/** One recognition the bare way: base64, urlencode, POST, parse. Returns Baidu's error_code. */
export async function bareRecognise(baseUrl: string, token: string, file: Buffer): Promise<number> {
	const body = `image=${encodeURIComponent(file.toString('base64'))}&templateSign=${TRAIN_TICKET_TEMPLATE}`;
	const response = await request(`${baseUrl}${RECOGNISE_PATH}?access_token=${encodeURIComponent(token)}`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body,
	});
	const answer = JSON.parse(await response.body.text()) as { error_code?: number };
	return Number(answer.error_code ?? 0);
}

/**
 * The rate-limit guide's loop: one item at a time, the request, then a fixed wait of 1/QPS
 * seconds. Returns the error codes in order.
 */
export async function fixedWaitLoop(
	baseUrl: string,
	token: string,
	files: Buffer[],
	qps: number,
): Promise<number[]> {
	const codes: number[] = [];
	for (const file of files) {
		codes.push(await bareRecognise(baseUrl, token, file));
		await new Promise((resolve) => setTimeout(resolve, 1000 / qps));
	}
	return codes;
}
