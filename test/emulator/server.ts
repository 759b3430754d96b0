/**
 * The emulator's HTTP server: Baidu's token and recognition endpoints on loopback, with
 * the gate Baidu applies (token, permission, QPS, daily quota), latency, injected
 * faults and a request log that never holds file bytes.
 */
import * as http from 'http';
import type { AddressInfo, Socket } from 'net';

import { errorMessage } from './errors';
import { describeFault, FaultEngine } from './faults';
import { defaultFixtures, sha256 } from './fixtures';
import { formToMap, parseForm, type FormField } from './form';
import { decodeFieldOnce } from './image';
import { indexRecordings, recognise, selectFile, type Outcome } from './recognise';
import { TokenStore } from './tokens';
import type {
	ApiErrorFault,
	Edition,
	Emulator,
	EmulatorOptions,
	FaultKind,
	FaultRule,
	FixtureApp,
	LogIdStyle,
	RequestLogEntry,
} from './types';

export const TOKEN_PATH = '/oauth/2.0/token';
export const GENERAL_PATH = '/rest/2.0/solution/v1/iocr/recognise';
export const FINANCE_PATH = '/rest/2.0/solution/v1/iocr/recognise/finance';

const MAX_BODY_BYTES = 32 * 1024 * 1024;
const QPS_WINDOW_MS = 1000;
const FILE_FIELDS = new Set(['image', 'pdf_file', 'url']);

const HTML_502 =
	'<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
const HTML_503 =
	'<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
const HTML_ERROR_PAGE =
	'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>百度安全验证</title></head>' +
	'<body><div class="error"><h1>网络不给力，请稍后重试</h1><p>The service is busy. Please try again later.</p></div></body></html>\n';
const MALFORMED_JSON =
	'{"data":{"ret":[{"probability":{"average":0.998,"min":0.99,"variance":0.000002},"location":{"height":88,"left":1202,"top":437,"width":267},"word_name":"终点站","word":"天';

class LogIds {
	private counter = 0;

	/** a 19-digit id above 2^53, and a 15-digit one that fits a double */
	next(): { big: string; small: string } {
		this.counter = (this.counter + 1) % 1000;
		const now = Date.now();
		const big = (BigInt(now) * 1000000n + BigInt(this.counter * 997 + 100000)).toString();
		const small = String(now * 100 + (this.counter % 100));
		return { big, small };
	}
}

/** The digits of the top-level log_id an answer of this style carries. */
function logIdDigits(style: LogIdStyle, logId: { big: string; small: string }): string {
	return style === 'number' ? logId.small : logId.big;
}

function jsonWithLogId(
	body: Record<string, unknown>,
	style: LogIdStyle,
	logId: { big: string; small: string },
): string {
	// The 19-digit log_id must reach the client as a JSON number above 2^53, which
	// JSON.stringify cannot write, so this part of the text is built by hand.
	const text = JSON.stringify(body);
	const digits = logIdDigits(style, logId);
	const value = style === 'string' ? `"${digits}"` : digits;
	return `${text.slice(0, -1)}${text.length > 2 ? ',' : ''}"log_id":${value}}`;
}

function summarise(field: string, form: FormField): string {
	if (field === 'url')
		return form.value.length > 200
			? `${form.value.slice(0, 200)}…(${form.value.length} chars)`
			: form.value;
	const bytes = decodeFieldOnce(form);
	const hash = sha256(bytes ?? form.value).slice(0, 12);
	return `<${field} ${form.value.length} chars sha256:${hash}..${bytes ? '' : ' not base64'}>`;
}

interface Gate {
	qps: number | null;
	dailyQuota: number | null;
	window: number[];
	successes: number;
	pending: number;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	const log = (message: string) => {
		if (!options.quiet) console.warn(message);
	};
	const fixtures = options.fixtures ?? defaultFixtures(log);
	if (fixtures.missingSamples?.length) {
		log(
			`[baidu-emulator] sample files not found (their recordings never match): ${fixtures.missingSamples.join(', ')}`,
		);
	}
	const recordingsByHash = indexRecordings(fixtures);
	const tokens = new TokenStore(fixtures.apps);
	const faults = new FaultEngine();
	const logIds = new LogIds();
	const defaultStyle: LogIdStyle = options.logIdStyle ?? 'bignumber';
	const urlFetchTimeoutMs = options.urlFetchTimeoutMs ?? 3000;
	let latency = { ms: options.latency?.ms ?? 0, jitterMs: options.latency?.jitterMs ?? 0 };
	const tokenLatencyMs = options.tokenLatencyMs ?? 0;
	const gate: Gate = {
		qps: options.qps ?? null,
		dailyQuota: options.dailyQuota ?? null,
		window: [],
		successes: 0,
		pending: 0,
	};
	let requestLog: RequestLogEntry[] = [];
	let seq = 0;
	const counters = { token: 0, recognise: 0 };
	/** Faults held until a later request of their endpoint arrives (FaultRule.heldUntilRequest). */
	let held: Array<{ endpoint: 'token' | 'recognise'; n: number; release: () => void }> = [];
	const arrived = (endpoint: 'token' | 'recognise') => {
		const due = held.filter((hold) => hold.endpoint === endpoint && counters[endpoint] >= hold.n);
		held = held.filter((hold) => !due.includes(hold));
		for (const hold of due) hold.release();
	};
	const releaseHeld = () => {
		const all = held;
		held = [];
		for (const hold of all) hold.release();
	};
	const untilRequest = (endpoint: 'token' | 'recognise', n: number | undefined) =>
		n === undefined || counters[endpoint] >= n
			? Promise.resolve()
			: new Promise<void>((release) => held.push({ endpoint, n, release }));
	const startedAt = Date.now();
	const sockets = new Set<Socket>();
	const timers = new Set<NodeJS.Timeout>();
	const shutdown = new AbortController();
	let closed = false;

	const wait = (ms: number) =>
		ms <= 0
			? Promise.resolve()
			: new Promise<void>((resolve) => {
					const timer = setTimeout(() => {
						timers.delete(timer);
						resolve();
					}, ms);
					timers.add(timer);
				});
	const recognitionDelay = () =>
		wait(latency.ms + (latency.jitterMs > 0 ? Math.random() * latency.jitterMs : 0));

	const send = (
		res: http.ServerResponse,
		entry: RequestLogEntry,
		status: number,
		contentType: string,
		text: string,
	) => {
		entry.httpStatus = status;
		if (res.destroyed || res.writableEnded) return;
		res.writeHead(status, {
			'Content-Type': contentType,
			'Content-Length': Buffer.byteLength(text),
			Server: 'BWS/1.1 (baidu-iocr-emulator)',
		});
		res.end(text);
	};

	const sendApiError = (
		res: http.ServerResponse,
		entry: RequestLogEntry,
		code: number,
		message?: string,
		logIdAt: ApiErrorFault['logIdAt'] = 'log_id',
	) => {
		entry.errorCode = code;
		const body = { error_code: code, error_msg: message ?? errorMessage(code) };
		const ids = logIds.next();
		if (logIdAt === 'data.logId') {
			// Seen in real answers: no top-level log_id, only a string in data.logId.
			entry.logId = ids.big;
			send(
				res,
				entry,
				200,
				'application/json;charset=utf-8',
				JSON.stringify({ ...body, data: { logId: ids.big } }),
			);
			return;
		}
		entry.logId = logIdDigits(defaultStyle, ids);
		send(res, entry, 200, 'application/json;charset=utf-8', jsonWithLogId(body, defaultStyle, ids));
	};

	/** Answers a fault; returns false when the request should go on normally. */
	const applyFault = async (
		kind: FaultKind,
		req: http.IncomingMessage,
		res: http.ServerResponse,
		entry: RequestLogEntry,
		delay: () => Promise<void>,
	) => {
		entry.fault = describeFault(kind);
		if (kind === 'reset') {
			entry.httpStatus = 0;
			const socket = req.socket;
			if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
			else socket.destroy();
			return;
		}
		if (kind === 'hang') {
			entry.httpStatus = 0;
			return; // never answered; close() or the client ends it
		}
		await delay();
		if (kind === 'http500')
			send(res, entry, 500, 'text/plain; charset=utf-8', 'Internal Server Error');
		else if (kind === 'http502') send(res, entry, 502, 'text/html', HTML_502);
		else if (kind === 'http503') send(res, entry, 503, 'text/html', HTML_503);
		else if (kind === 'malformedJson')
			send(res, entry, 200, 'application/json;charset=utf-8', MALFORMED_JSON);
		else if (kind === 'htmlPage')
			send(res, entry, 200, 'text/html; charset=utf-8', HTML_ERROR_PAGE);
		else if ('json' in kind)
			send(res, entry, kind.status ?? 200, 'application/json;charset=utf-8', kind.json);
		else sendApiError(res, entry, kind.errorCode, kind.errorMsg, kind.logIdAt);
	};

	const readBody = (req: http.IncomingMessage) =>
		new Promise<Buffer | 'tooLarge' | 'aborted'>((resolve) => {
			const chunks: Buffer[] = [];
			let size = 0;
			req.on('data', (chunk: Buffer) => {
				size += chunk.length;
				if (size <= MAX_BODY_BYTES) chunks.push(chunk);
			});
			req.on('end', () => resolve(size > MAX_BODY_BYTES ? 'tooLarge' : Buffer.concat(chunks)));
			req.on('error', () => resolve('aborted'));
			req.on('close', () => {
				if (!req.complete) resolve('aborted');
			});
		});

	const isForm = (req: http.IncomingMessage) => {
		const type = req.headers['content-type'];
		return type === undefined || type.toLowerCase().includes('application/x-www-form-urlencoded');
	};

	const handleToken = async (
		req: http.IncomingMessage,
		res: http.ServerResponse,
		entry: RequestLogEntry,
		query: URLSearchParams,
		body: Buffer,
	) => {
		const params: Record<string, string> = Object.fromEntries(query);
		if (isForm(req)) for (const field of parseForm(body)) params[field.name] ??= field.value;
		entry.params = params;
		const fault = faults.pickRule('token', ++counters.token);
		arrived('token');
		if (fault) {
			const delay = async () => {
				await untilRequest('token', fault.heldUntilRequest);
				await wait(tokenLatencyMs);
			};
			return applyFault(fault.kind, req, res, entry, delay);
		}
		const result = tokens.exchange(params);
		if (result.token) entry.token = result.token;
		await wait(tokenLatencyMs);
		send(res, entry, result.httpStatus, 'application/json', JSON.stringify(result.body));
	};

	/** The gate, in Baidu's order: token, permission, QPS, daily quota. */
	const admit = (token: string | undefined): { errorCode: number } | { app: FixtureApp } => {
		const found = tokens.lookup(token);
		if (found.status === 'missing') return { errorCode: 100 };
		if (found.status === 'unknown' || found.status === 'revoked') return { errorCode: 110 };
		if (found.status === 'expired') return { errorCode: 111 };
		if (!found.app.iocr) return { errorCode: 6 };
		if (gate.qps !== null) {
			const now = Date.now();
			gate.window = gate.window.filter((at) => now - at < QPS_WINDOW_MS);
			if (gate.window.length >= gate.qps) return { errorCode: 18 };
			gate.window.push(now);
		}
		if (gate.dailyQuota !== null && gate.successes + gate.pending >= gate.dailyQuota)
			return { errorCode: 17 };
		return { app: found.app };
	};

	const handleRecognise = async (
		req: http.IncomingMessage,
		res: http.ServerResponse,
		entry: RequestLogEntry,
		edition: Edition,
		query: URLSearchParams,
		body: Buffer,
	) => {
		const formFields = isForm(req) ? parseForm(body) : [];
		const form = formToMap(formFields);
		const params: Record<string, string> = Object.fromEntries(query);
		for (const [name, field] of form) {
			if (!FILE_FIELDS.has(name)) params[name] = field.value;
		}
		const file = selectFile(form);
		const logged: Record<string, string> = { ...params };
		for (const name of FILE_FIELDS) {
			const field = form.get(name);
			if (field) logged[name] = summarise(name, field);
		}
		entry.params = logged;
		if (file) {
			entry.fileField = file.field;
			entry.encodedLength = file.form.rawLength;
		}
		const token = query.get('access_token') ?? undefined;
		if (token !== undefined) entry.token = token;

		const fault = faults.pickRule('recognise', ++counters.recognise);
		arrived('recognise');
		if (fault) {
			const delay = async () => {
				await untilRequest('recognise', fault.heldUntilRequest);
				await recognitionDelay();
			};
			return applyFault(fault.kind, req, res, entry, delay);
		}

		if (req.method !== 'POST') {
			await recognitionDelay();
			return sendApiError(res, entry, 3);
		}
		const admitted = admit(token);
		if ('errorCode' in admitted) {
			await recognitionDelay();
			return sendApiError(res, entry, admitted.errorCode);
		}
		const ids = logIds.next();
		gate.pending++;
		let outcome: Outcome;
		try {
			outcome = await recognise(
				{ edition, app: admitted.app, params, file, logId: ids.small },
				{ fixtures, recordingsByHash, urlFetchTimeoutMs, signal: shutdown.signal },
			);
		} catch (error) {
			log(`[baidu-emulator] internal error: ${(error as Error).stack ?? String(error)}`);
			outcome = { kind: 'error', errorCode: 282000 };
		} finally {
			gate.pending--;
		}
		if (outcome.kind === 'success') gate.successes++;
		await recognitionDelay();
		if (outcome.kind === 'error')
			return sendApiError(res, entry, outcome.errorCode, outcome.errorMsg);
		entry.errorCode = 0;
		const style = outcome.logIdStyle ?? defaultStyle;
		entry.logId = logIdDigits(style, ids);
		if (typeof outcome.data.logId === 'string') entry.dataLogId = outcome.data.logId;
		const answer = { data: outcome.data, error_code: 0, error_msg: '' };
		send(res, entry, 200, 'application/json;charset=utf-8', jsonWithLogId(answer, style, ids));
	};

	const server = http.createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://emulator.invalid');
		const pathname = url.pathname.replace(/\/+$/, '') || '/';
		const endpoint =
			pathname === TOKEN_PATH
				? 'token'
				: pathname === GENERAL_PATH
					? 'recognise'
					: pathname === FINANCE_PATH
						? 'finance'
						: null;
		if (!endpoint) {
			// Not one of the emulated endpoints (and not logged): Baidu's answer to a wrong URL.
			req.resume();
			if (pathname.startsWith('/rest/')) {
				const body = { error_code: 3, error_msg: errorMessage(3) };
				res.writeHead(200, { 'Content-Type': 'application/json;charset=utf-8' });
				res.end(jsonWithLogId(body, defaultStyle, logIds.next()));
			} else {
				res.writeHead(404, { 'Content-Type': 'text/plain' });
				res.end('Not Found');
			}
			return;
		}
		const entry: RequestLogEntry = {
			seq: ++seq,
			at: Date.now() - startedAt,
			endpoint,
			method: req.method ?? 'GET',
			contentType: req.headers['content-type'],
			accept: req.headers.accept,
			params: {},
			httpStatus: 0,
		};
		requestLog.push(entry);
		void (async () => {
			const body = await readBody(req);
			if (body === 'aborted' || closed) return;
			if (body === 'tooLarge') {
				send(
					res,
					entry,
					413,
					'text/html',
					'<html><body><h1>413 Request Entity Too Large</h1></body></html>',
				);
				return;
			}
			if (endpoint === 'token') await handleToken(req, res, entry, url.searchParams, body);
			else
				await handleRecognise(
					req,
					res,
					entry,
					endpoint === 'finance' ? 'finance' : 'general',
					url.searchParams,
					body,
				);
		})().catch((error: Error) => {
			log(`[baidu-emulator] ${error.stack ?? String(error)}`);
			if (!res.headersSent && !res.destroyed)
				send(res, entry, 500, 'text/plain', 'Internal Server Error');
		});
	});
	// Longer than any client's idle timeout, so a client never writes into a socket the
	// emulator is just closing (both often share one busy event loop in tests).
	server.keepAliveTimeout = 30000;
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address() as AddressInfo;
	const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

	return {
		url: `http://${host}:${address.port}`,
		close: () =>
			new Promise<void>((resolve) => {
				if (closed) return resolve();
				closed = true;
				shutdown.abort();
				releaseHeld();
				for (const timer of timers) clearTimeout(timer);
				timers.clear();
				server.close(() => resolve());
				for (const socket of sockets) socket.destroy();
			}),
		setQps: (qps) => {
			gate.qps = qps;
		},
		setDailyQuota: (n) => {
			gate.dailyQuota = n;
		},
		setLatency: (ms, jitterMs = 0) => {
			latency = { ms, jitterMs };
		},
		addFault: (rule: FaultRule) => faults.add(rule),
		clearFaults: () => faults.clear(),
		expireTokens: () => tokens.expireAll(),
		revokeTokens: () => tokens.revokeAll(),
		get tokenExchanges() {
			return tokens.exchanges;
		},
		get issuedTokens() {
			return tokens.issued;
		},
		get requests() {
			return [...requestLog];
		},
		recognitionRequests: () => requestLog.filter((entry) => entry.endpoint !== 'token'),
		reset: () => {
			requestLog = [];
			seq = 0;
			counters.token = 0;
			counters.recognise = 0;
			releaseHeld();
			faults.clear();
			gate.qps = null;
			gate.dailyQuota = null;
			gate.window = [];
			gate.successes = 0;
			tokens.clear();
		},
	};
}
