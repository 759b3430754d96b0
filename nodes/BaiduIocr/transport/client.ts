import type { Failure, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { checkClassifierId } from '../input/check';
import type { Answer, RecognitionTarget } from '../model';
import { backoffDelay, MAX_THROTTLE_RETRIES } from './backoff';
import { describeBaiduError, describeTransportFailure, type ErrorAction } from './errors';
import { recognitionUrl } from './form';
import type { RequestLimiter } from './limiter';
import { QUOTA_STOP_MS } from './registry';
import { classifyThrown, countedByBaidu, readReply, type Reply } from './reply';
import { tokenFingerprint, type ApplicationToken } from './token';

export const CREDENTIAL_TYPE = 'baiduIocrApi';

/** Why a document could not be recognised, in words for the user. Never holds a secret. */
export interface RecognitionFailure {
	message: string;
	description: string;
	failure?: Failure;
	/** Baidu's error_code, when Baidu answered. */
	code?: number;
	logId?: string;
	httpCode?: string;
	/** Quota used up, or the execution was cancelled: nothing more may be sent. */
	stopRun: boolean;
	/** How many requests this document cost (for the notes and the tests). */
	attempts: number;
}

export type Outcome =
	| { ok: true; answer: Answer; attempts: number }
	| { ok: false; failure: RecognitionFailure };

const REFRESH_CODES = new Set([100, 110, 111]);

export interface ClientOptions {
	baseUrl: string;
	timeoutMs: number;
	maxRetries: number;
	limiter: RequestLimiter;
	/** The application's token state in this process (registry.ts), shared by its executions. */
	token: ApplicationToken;
	/** `tokenFingerprint` of the token the credential held when the execution read it ('' none). */
	storedToken: string;
}

/**
 * What Baidu would refuse for certain, found before anything is sent (no quota spent): a
 * classifier ID that is not a number (Baidu: 282004 "modelId is not number").
 */
function refuseBeforeSending(target: RecognitionTarget): RecognitionFailure | undefined {
	// A target holds exactly one selector (input/documents.ts): no classifier ID, nothing to check.
	if (target.classifierId === undefined) return undefined;
	const problem = checkClassifierId(target.classifierId);
	if (!problem) return undefined;
	return { ...problem, failure: { cause: 'configuration-invalid' }, stopRun: false, attempts: 0 };
}

/**
 * Speaks Baidu's recognition protocol for one execution: builds the body, sends it through
 * n8n's authenticated request (token in the query string), keeps within the plan's rate,
 * retries what is transient, renews a dead token once for everyone, and maps every error to
 * words. A failed document is an Outcome like any other; only a bug throws.
 */
export class BaiduClient {
	/** Fingerprint of the stored token as this execution last read it ('' for none). */
	private seenToken: string;

	/** A first token was fetched (by this execution or another) since this one started. */
	private tokenFetched = false;

	/** Why the run stopped (see `halt`): nothing more is sent. */
	private halted: RecognitionFailure | undefined;

	constructor(
		private readonly fn: IExecuteFunctions,
		private readonly options: ClientOptions,
	) {
		this.seenToken = options.storedToken;
	}

	private get signal(): AbortSignal | undefined {
		return this.fn.getExecutionCancelSignal();
	}

	/**
	 * Sends nothing more from now on, retries and requests waiting for the limiter included:
	 * the quota is used up, or a document failed and the run will stop anyway. Documents not
	 * sent yet come back with `failure` and 0 attempts.
	 */
	halt(failure: RecognitionFailure): void {
		this.halted ??= failure;
		if (failure.failure?.cause === 'quota-exhausted') {
			// The quota is the application's: every execution using it stops sending too.
			this.options.limiter.stopApplication(failure, QUOTA_STOP_MS);
		}
	}

	/**
	 * Another execution of the application met a used-up quota (17, 19) a moment ago: this one
	 * sends nothing more either. True when it is halted by that.
	 */
	private takeSharedStop(): boolean {
		const reason = this.options.limiter.stoppedBy as RecognitionFailure | undefined;
		if (!reason) return false;
		this.halt({
			...reason,
			description: `${reason.description} Baidu answered this to another execution using the same Baidu application moments ago, so this document was not sent.`,
		});
		return true;
	}

	private haltedOutcome(attempts: number): Outcome {
		const reason = this.halted as RecognitionFailure;
		return { ok: false, failure: { ...reason, logId: undefined, attempts } };
	}

	/** Sends one document's form body (see form.ts) until it has an answer or a final failure. */
	async recognise(target: RecognitionTarget, body: Buffer): Promise<Outcome> {
		const refused = refuseBeforeSending(target);
		if (refused) return { ok: false, failure: refused };
		const url = recognitionUrl(this.options.baseUrl, target);
		let attempts = 0;
		let retries = 0;
		let throttles = 0;
		let renewed = false;

		const send = async (renewToken: boolean): Promise<Reply> => {
			const tokenFetched = await this.takeFirstTurn();
			try {
				// A request that exchanges the keys for a token first reaches Baidu an unknown time
				// after its start: it counts until its answer. (So does the application's first
				// request in this process: a new connection, code that runs for the first time.)
				const answered = await this.options.limiter.pace(this.signal, {
					untilAnswered: tokenFetched !== undefined,
				});
				let reply: Reply | undefined;
				try {
					if (this.halted || this.takeSharedStop()) {
						reply = { kind: 'halted' };
						return reply;
					}
					attempts++;
					reply = await this.send(url, body, renewToken);
					return reply;
				} finally {
					answered({ counted: countedByBaidu(reply) });
				}
			} finally {
				await tokenFetched?.();
			}
		};

		const fail = (reply: { kind: 'aborted' }): Outcome => ({
			ok: false,
			failure: { ...this.describe(reply).failure, attempts },
		});

		for (;;) {
			if (this.signal?.aborted) return fail({ kind: 'aborted' });
			if (this.halted || this.takeSharedStop()) return this.haltedOutcome(attempts);
			const { renewal } = this.options.token;
			const generation = renewal.generation;
			let reply: Reply;
			try {
				reply = await send(false);
				if (reply.kind === 'baidu' && REFRESH_CODES.has(reply.code) && !renewed) {
					renewed = true;
					reply = await renewal.renewOrWait(
						generation,
						async () => await this.renew(send),
						async () => await send(false),
					);
				}
			} catch (error) {
				// The limiter's wait throws when the execution was cancelled; anything else is a bug.
				if (!this.signal?.aborted) throw new NodeOperationError(this.fn.getNode(), error as Error);
				return fail({ kind: 'aborted' });
			}

			if (reply.kind === 'answer') return { ok: true, answer: reply.answer, attempts };
			if (reply.kind === 'halted') return this.haltedOutcome(attempts);

			const { failure, action } = this.describe(reply);
			const giveUp: Outcome = { ok: false, failure: { ...failure, attempts } };
			if (action === 'throttle') {
				if (throttles >= MAX_THROTTLE_RETRIES) return giveUp;
				// About one spacing of the rate at first (a late arrival), doubling if it repeats.
				const { limiter } = this.options;
				limiter.penalize(backoffDelay(throttles++, { baseMs: limiter.spacingMs }));
				continue;
			}
			if (action === 'retry') {
				if (retries >= this.options.maxRetries) return giveUp;
				// A cancellation ends the wait early; the loop's first check then reports it.
				await sleep(backoffDelay(retries++), this.signal).catch(() => undefined);
				continue;
			}
			return giveUp;
		}
	}

	/**
	 * A credential used for the first time has no token yet, and every request sent with an
	 * empty token would make n8n exchange the keys on its own: the first request of the
	 * application in this process goes alone, and the others (of every execution) follow with
	 * the token it stored. They wait before the limiter, not after it: requests admitted while
	 * waiting would all leave together when the first answer comes.
	 * Resolves with the release of the turn for the request that goes first, else undefined.
	 */
	private async takeFirstTurn(): Promise<(() => Promise<void>) | undefined> {
		if (this.seenToken !== '' || this.tokenFetched) return undefined;
		const turn = await this.options.token.firstTurn();
		if (typeof turn === 'string') {
			this.tokenFetched = true;
			if (this.seenToken === '') this.seenToken = turn;
			return undefined;
		}
		return async () => {
			this.tokenFetched = true;
			this.seenToken = (await this.readStoredToken()) ?? '';
			turn(this.seenToken);
		};
	}

	/**
	 * Baidu said the token is dead and nobody in this process renewed it since. In queue mode
	 * another worker may have: when the stored token is not the one this execution last read,
	 * the request is resent with it. Otherwise the keys are exchanged again.
	 */
	private async renew(send: (renewToken: boolean) => Promise<Reply>): Promise<Reply> {
		const stored = await this.readStoredToken();
		// Unknown ('') is not "another token": this execution cannot tell what its request sent.
		if (stored && this.seenToken !== '' && stored !== this.seenToken) {
			this.seenToken = stored;
			return await send(false);
		}
		const reply = await send(true);
		this.seenToken = (await this.readStoredToken()) ?? '';
		return reply;
	}

	/** Fingerprint of the token the credential holds now; undefined when it cannot be read. */
	private async readStoredToken(): Promise<string | undefined> {
		try {
			const data = await this.fn.getCredentials(CREDENTIAL_TYPE);
			return tokenFingerprint(data.accessToken);
		} catch {
			return undefined;
		}
	}

	private async send(url: string, body: Buffer, renewToken: boolean): Promise<Reply> {
		const request: IHttpRequestOptions = {
			method: 'POST',
			url,
			headers: {
				// With exactly 'application/x-www-form-urlencoded', n8n's request helper first parses
				// the whole body into URLSearchParams and then sends the string anyway: on a 4 MB
				// image that wasted parse cost more than building the body. The charset parameter
				// (standard, and what browsers send) skips it.
				'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
				Accept: 'application/json',
			},
			body,
			json: false,
			encoding: 'text',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: this.options.timeoutMs,
		};
		let response: { statusCode?: number; body?: unknown };
		try {
			const extra = renewToken ? { credentialsDecrypted: await this.withEmptyToken() } : undefined;
			response = (await this.fn.helpers.httpRequestWithAuthentication.call(
				this.fn,
				CREDENTIAL_TYPE,
				request,
				extra,
			)) as typeof response;
		} catch (error) {
			return classifyThrown(error, this.signal?.aborted === true);
		}
		const status = Number(response.statusCode ?? 0);
		// 5xx is retried, other statuses fail: describeTransportFailure decides from the status.
		if (status < 200 || status >= 300) return { kind: 'transport', what: 'http', status };
		return readReply(response.body);
	}

	/** The credential as stored, but with the token emptied: n8n then exchanges the keys again. */
	private async withEmptyToken() {
		const reference = this.fn.getNode().credentials?.[CREDENTIAL_TYPE];
		const data = await this.fn.getCredentials(CREDENTIAL_TYPE);
		return {
			id: reference?.id ?? '',
			name: reference?.name ?? '',
			type: CREDENTIAL_TYPE,
			data: { ...data, accessToken: '' },
		};
	}

	/** What a reply means for the user, and what to do about it. */
	private describe(reply: Exclude<Reply, { kind: 'answer' | 'halted' }>): {
		failure: Omit<RecognitionFailure, 'attempts'>;
		action: ErrorAction;
	} {
		switch (reply.kind) {
			case 'aborted':
				return {
					failure: {
						message: 'The execution was cancelled before this document was recognised',
						description: 'Nothing more was sent to Baidu after the cancellation.',
						stopRun: true,
					},
					action: 'stop',
				};
			case 'token':
				return {
					failure: {
						message: reply.message,
						description:
							'Open the Baidu iOCR credential, check API Key, Secret Key and the API base URL, and save it.',
						failure: { cause: 'credential-invalid' },
						stopRun: true,
					},
					action: 'stop',
				};
			case 'baidu': {
				const info = describeBaiduError(reply.code, reply.message);
				return {
					failure: {
						message: info.message,
						description: info.description,
						failure: info.failure,
						code: reply.code,
						logId: reply.logId,
						stopRun: info.action === 'stop',
					},
					action: info.action,
				};
			}
			case 'transport': {
				const info = describeTransportFailure(reply.what, {
					status: reply.status,
					baseUrl: this.options.baseUrl,
					timeoutMs: this.options.timeoutMs,
				});
				return {
					failure: {
						message: info.message,
						description: info.description,
						failure: info.failure,
						httpCode: reply.status ? String(reply.status) : undefined,
						stopRun: false,
					},
					action: info.action,
				};
			}
		}
	}
}
