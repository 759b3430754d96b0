/**
 * What came back from one recognition request, as a Reply the request loop (client.ts) acts on:
 * the answer's body read without losing digits, a thrown error classified, Baidu's log id
 * wherever the answer put it, and whether Baidu counted the request against the plan's QPS.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Answer } from '../model';
import { describeBaiduError } from './errors';
import { parseJsonLossless } from './json';

/** Marker the credential puts in front of every token-exchange error message. */
const TOKEN_ERROR_MARK = 'Baidu token exchange failed: ';

/** One request's outcome: an answer, a Baidu error, a transport failure, or no request. */
export type Reply =
	| { kind: 'answer'; answer: Answer }
	| { kind: 'baidu'; code: number; message: string; logId?: string }
	| { kind: 'transport'; what: 'timeout' | 'reset' | 'http' | 'badBody'; status?: number }
	| { kind: 'token'; message: string }
	| { kind: 'aborted' }
	| { kind: 'halted' };

/**
 * Whether Baidu counted the request against the plan's QPS: not when it was never sent, nor
 * when Baidu refused it for the rate (18, 4), as a rate limit counts only what it lets in.
 * Unknown (undefined): counted.
 */
export function countedByBaidu(reply: Reply | undefined): boolean {
	if (reply?.kind === 'halted') return false;
	if (reply?.kind === 'baidu')
		return describeBaiduError(reply.code, reply.message).action !== 'throttle';
	return true;
}

/** One log id value as text: every digit kept (big integers arrive as strings, see json.ts). */
function logIdText(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
	if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value).toString();
	return undefined;
}

/**
 * Baidu's log id, wherever the answer put it: top-level `log_id` or `logId`, else
 * `data.logId` or `data.log_id` (some error answers carry it only there). Errors and successes
 * alike; undefined when the answer has none.
 */
export function logIdOf(answer: IDataObject): string | undefined {
	const data = answer.data;
	const inData =
		data && typeof data === 'object' && !Array.isArray(data) ? (data as IDataObject) : {};
	for (const value of [answer.log_id, answer.logId, inData.logId, inData.log_id]) {
		const id = logIdText(value);
		if (id !== undefined) return id;
	}
	return undefined;
}

function textOf(value: unknown): string {
	return typeof value === 'string' ? value : '';
}

/** The error code of a failed request, wherever n8n's wrappers put it. */
function networkCode(error: unknown): string {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		const code = textOf((current as { code?: unknown }).code);
		if (code) return code;
		current = (current as { cause?: unknown }).cause;
	}
	return '';
}

function messagesOf(error: unknown): string {
	const parts: string[] = [];
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		parts.push(textOf((current as { message?: unknown }).message));
		parts.push(textOf((current as { description?: unknown }).description));
		current = (current as { cause?: unknown }).cause;
	}
	return parts.filter(Boolean).join(' | ');
}

/**
 * What a request that threw met: the execution's cancellation, a failed token exchange (the
 * credential's words, which never hold a secret), a timeout, or a broken connection.
 */
export function classifyThrown(error: unknown, aborted: boolean): Reply {
	if (aborted) return { kind: 'aborted' };
	const said = messagesOf(error);
	const markAt = said.indexOf(TOKEN_ERROR_MARK);
	if (markAt >= 0) {
		return { kind: 'token', message: said.slice(markAt).split(' | ')[0] };
	}
	const code = networkCode(error);
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(said)) {
		return { kind: 'transport', what: 'timeout' };
	}
	return { kind: 'transport', what: 'reset' };
}

/** The answer's body, text as the request asks n8n for it, read keeping big integers whole. */
export function readReply(raw: unknown): Reply {
	let body: unknown = raw;
	if (typeof raw === 'string') {
		try {
			body = parseJsonLossless(raw);
		} catch {
			return { kind: 'transport', what: 'badBody' };
		}
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		return { kind: 'transport', what: 'badBody' };
	}
	const answer = body as IDataObject;
	const code = Number(answer.error_code ?? 0);
	const logId = logIdOf(answer);
	if (code !== 0 && Number.isFinite(code)) {
		return { kind: 'baidu', code, message: textOf(answer.error_msg), logId };
	}
	const data = answer.data;
	if (!data || typeof data !== 'object' || Array.isArray(data)) {
		return { kind: 'transport', what: 'badBody' };
	}
	return { kind: 'answer', answer: { data: data as IDataObject, logId } };
}
