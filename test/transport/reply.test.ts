/**
 * What a recognition request met, as the request loop reads it (transport/reply.ts): a thrown
 * error classified the way n8n's wrappers present it, and an answer's body read.
 */
import { NodeApiError, UserError, type INode, type JsonObject } from 'n8n-workflow';

import { classifyThrown, readReply } from '../../nodes/BaiduIocr/transport/reply';

const node: INode = {
	id: 'baidu',
	name: 'Baidu iOCR',
	type: 'n8n-nodes-baidu-iocr.baiduIocr',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** An error as Node's network stack throws it. */
const networkError = (message: string, code?: string) =>
	Object.assign(new Error(message), { code });

/** `error` under `depth` plain wrappers, each pointing to the next with `cause`. */
function wrapped(error: unknown, depth: number): unknown {
	let current = error;
	for (let i = 0; i < depth; i++) current = { message: `wrapper ${i}`, cause: current };
	return current;
}

describe('classifyThrown: what a request that threw met', () => {
	it('a cancelled execution, whatever the error says', () => {
		expect(classifyThrown(networkError('socket hang up', 'ECONNRESET'), true)).toEqual({
			kind: 'aborted',
		});
	});

	it('a failed token exchange, in the credential’s words only, from n8n’s NodeApiError', () => {
		const refused = new UserError('Baidu token exchange failed: The Secret Key does not match', {
			description: 'Open the Baidu iOCR credential',
		});
		const error = new NodeApiError(node, refused as unknown as JsonObject);
		expect(classifyThrown(error, false)).toEqual({
			kind: 'token',
			message: 'Baidu token exchange failed: The Secret Key does not match',
		});
	});

	it('a token exchange failure deeper in the chain, cut before the next message', () => {
		const error = {
			message: 'Request failed',
			cause: {
				message: 'Baidu token exchange failed: Baidu could not be reached',
				description: 'Try later',
			},
		};
		expect(classifyThrown(error, false)).toEqual({
			kind: 'token',
			message: 'Baidu token exchange failed: Baidu could not be reached',
		});
	});

	it.each([
		['ECONNABORTED on the error', networkError('aborted', 'ECONNABORTED'), 0],
		[
			'ETIMEDOUT (a connect timeout, no such word in the message)',
			networkError('connect ETIMEDOUT 10.0.0.1:443', 'ETIMEDOUT'),
			0,
		],
		[
			'ETIMEDOUT three wrappers down',
			networkError('connect ETIMEDOUT 10.0.0.1:443', 'ETIMEDOUT'),
			3,
		],
		['the word in a message, no code', networkError('Request Timeout'), 0],
		['the word in a wrapped message', networkError('timeout of 1000ms exceeded'), 2],
	])('a timeout: %s', (_what, error, depth) => {
		expect(classifyThrown(wrapped(error, depth), false)).toEqual({
			kind: 'transport',
			what: 'timeout',
		});
	});

	it('n8n’s wrapper of an axios timeout (code on the cause, “aborted” in the message)', () => {
		const error = new NodeApiError(
			node,
			networkError('timeout of 1000ms exceeded', 'ECONNABORTED') as unknown as JsonObject,
		);
		expect(classifyThrown(error, false)).toEqual({ kind: 'transport', what: 'timeout' });
	});

	it.each([
		['a reset connection', networkError('socket hang up', 'ECONNRESET'), 0],
		[
			'a refused connection, wrapped',
			networkError('connect ECONNREFUSED 127.0.0.1:9', 'ECONNREFUSED'),
			2,
		],
		['an error that is not an object', 'broken', 0],
		// The first code found decides: a wrapper's own code hides a timeout below it.
		[
			'a wrapper’s own code above a timeout',
			{ message: 'x', code: 'EPIPE', cause: networkError('t', 'ETIMEDOUT') },
			0,
		],
	])('a broken connection: %s', (_what, error, depth) => {
		expect(classifyThrown(wrapped(error, depth), false)).toEqual({
			kind: 'transport',
			what: 'reset',
		});
	});

	it('looks at most four errors down the chain (n8n wraps twice at most), so a loop ends', () => {
		expect(
			classifyThrown(wrapped(networkError('connect ETIMEDOUT', 'ETIMEDOUT'), 4), false),
		).toEqual({
			kind: 'transport',
			what: 'reset',
		});
		expect(classifyThrown(wrapped(networkError('Timeout'), 4), false)).toEqual({
			kind: 'transport',
			what: 'reset',
		});
		const loop: { message: string; cause?: unknown } = { message: 'again' };
		loop.cause = loop;
		expect(classifyThrown(loop, false)).toEqual({ kind: 'transport', what: 'reset' });
	});
});

describe('readReply: an answer’s body', () => {
	it('an answer with its data and the log id, every digit kept', () => {
		expect(readReply('{"data":{"ret":[]},"log_id":8154177677564048123}')).toEqual({
			kind: 'answer',
			answer: { data: { ret: [] }, logId: '8154177677564048123' },
		});
	});

	it('a Baidu error with its words and log id', () => {
		expect(
			readReply('{"error_code":"18","error_msg":"Open api qps request limit reached","log_id":7}'),
		).toEqual({
			kind: 'baidu',
			code: 18,
			message: 'Open api qps request limit reached',
			logId: '7',
		});
	});

	it('error_code 0 is no error', () => {
		expect(readReply('{"error_code":0,"data":{"ret":[]}}')).toEqual({
			kind: 'answer',
			answer: { data: { ret: [] }, logId: undefined },
		});
	});

	it.each([
		'{"data":',
		'<html></html>',
		'null',
		'[]',
		'"ok"',
		'{"log_id":1}',
		'{"data":[]}',
		'{"error_code":"busy","data":3}',
	])('%s is not a usable answer', (text) => {
		expect(readReply(text)).toEqual({ kind: 'transport', what: 'badBody' });
	});
});
