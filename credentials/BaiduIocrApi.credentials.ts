import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { sleep, UserError } from 'n8n-workflow';

export const BAIDU_DEFAULT_BASE_URL = 'https://aip.baidubce.com';

/** Marks every error of the token exchange, so the node can tell them from recognition errors. */
export const TOKEN_ERROR_PREFIX = 'Baidu token exchange failed: ';

const EXCHANGE_ROUTE = '/oauth/2.0/token';
const TOKEN_TIMEOUT_MS = 10_000;
/** A hanging endpoint is given two chances, other transient failures three. */
const TOKEN_TIMEOUT_ATTEMPTS = 2;
const TOKEN_ATTEMPTS = 3;

interface TokenResponse {
	statusCode?: number;
	body?: unknown;
}

function baseUrlOf(credentials: ICredentialDataDecryptedObject): string {
	const raw = typeof credentials.baseUrl === 'string' ? credentials.baseUrl.trim() : '';
	return (raw || BAIDU_DEFAULT_BASE_URL).replace(/\/+$/, '');
}

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

function tokenError(message: string, description: string): UserError {
	return new UserError(TOKEN_ERROR_PREFIX + message, { description });
}

/** Turns a non-2xx answer of the token endpoint into a message a user can act on. */
function rejection(statusCode: number, body: unknown): UserError {
	const answer = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
	const said = text(answer.error_description) || text(answer.error);
	if (/unknown client id/i.test(said)) {
		return tokenError(
			'Baidu does not know this API Key (unknown client id)',
			'Copy the API Key of your application again from the Baidu AI console (Application list), without spaces.',
		);
	}
	if (/client authentication failed/i.test(said)) {
		return tokenError(
			'the Secret Key does not match the API Key (Client authentication failed)',
			'Copy the Secret Key of the same application again from the Baidu AI console; it is shown next to its API Key.',
		);
	}
	return tokenError(
		`Baidu answered HTTP ${statusCode}${said ? `: ${said}` : ''}`,
		'Check the API Key and Secret Key, and the API base URL under Advanced.',
	);
}

/** Network error codes in words: n8n rewrites messages that contain the raw codes. */
const NETWORK_PROBLEMS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ECONNRESET: 'connection closed unexpectedly',
	ENOTFOUND: 'host name not found',
	EAI_AGAIN: 'host name lookup failed',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
	CERT_HAS_EXPIRED: 'TLS certificate expired',
};

function isTransient(statusCode: number): boolean {
	return statusCode >= 500 || statusCode === 429;
}

export class BaiduIocrApi implements ICredentialType {
	name = 'baiduIocrApi';

	displayName = 'Baidu iOCR API';

	documentationUrl = 'https://ai.baidu.com/ai-doc/OCR/Ik3h7y238';

	icon: Icon = {
		light: 'file:../nodes/BaiduIocr/baiduIocr.svg',
		dark: 'file:../nodes/BaiduIocr/baiduIocr.dark.svg',
	};

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The API Key of your application in the Baidu AI console (Application list)',
		},
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The Secret Key of the same application',
		},
		{
			displayName: 'Requests per Second (Plan QPS)',
			name: 'planQps',
			type: 'number',
			typeOptions: { minValue: 0.1, maxValue: 1000, numberPrecision: 1 },
			default: 2,
			description:
				'Your Baidu plan’s QPS limit for this application: 2 on the free tier, 10 on a paid plan, or what you bought. Every workflow and execution using this credential in one n8n process shares it; a node’s Requests per Second option can only ask for less.',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName:
				'Advanced: change the API base URL only for a private deployment or a local emulator',
			name: 'advancedNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: BAIDU_DEFAULT_BASE_URL,
			placeholder: BAIDU_DEFAULT_BASE_URL,
			description:
				'Where the token and recognition endpoints live. Leave the default for Baidu Cloud.',
		},
	];

	/**
	 * Exchanges API Key and Secret Key for an access token (valid 30 days). n8n calls this when
	 * the stored token is empty or expired and stores the result encrypted in the credential.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const baseUrl = baseUrlOf(credentials);
		const apiKey = text(credentials.apiKey);
		const secretKey = text(credentials.secretKey);
		if (!apiKey || !secretKey) {
			throw tokenError(
				'the API Key or the Secret Key is empty',
				'Open the Baidu iOCR credential and paste both keys of your application.',
			);
		}
		const form = new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: apiKey,
			client_secret: secretKey,
		}).toString();
		const request: IHttpRequestOptions = {
			method: 'POST',
			url: `${baseUrl}${EXCHANGE_ROUTE}`,
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				Accept: 'application/json',
			},
			body: form,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: TOKEN_TIMEOUT_MS,
		};

		let lastProblem = '';
		let timeouts = 0;
		for (let attempt = 0; attempt < TOKEN_ATTEMPTS; attempt++) {
			if (attempt > 0) await sleep(400 * 2 ** attempt);
			let response: TokenResponse;
			try {
				response = (await this.helpers.httpRequest(request)) as TokenResponse;
			} catch (error) {
				// The raw error carries the request body (with the Secret Key): keep only its code.
				const code =
					text((error as { code?: unknown }).code) ||
					text((error as { cause?: { code?: unknown } }).cause?.code);
				const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT';
				lastProblem = timedOut
					? `no answer within ${TOKEN_TIMEOUT_MS / 1000} s`
					: (NETWORK_PROBLEMS[code] ?? 'network error');
				if (timedOut && ++timeouts >= TOKEN_TIMEOUT_ATTEMPTS) break;
				continue;
			}
			const statusCode = Number(response.statusCode ?? 0);
			let body = response.body;
			if (typeof body === 'string') {
				try {
					body = JSON.parse(body);
				} catch {
					lastProblem = `HTTP ${statusCode} with a body that is not JSON`;
					continue;
				}
			}
			const token = text((body as { access_token?: unknown } | undefined)?.access_token);
			if (statusCode >= 200 && statusCode < 300 && token) {
				return { accessToken: token };
			}
			if (isTransient(statusCode)) {
				lastProblem = `HTTP ${statusCode}`;
				continue;
			}
			throw rejection(statusCode, body);
		}
		throw tokenError(
			`Baidu could not be reached at ${baseUrl} (${lastProblem})`,
			'Check that this machine can reach the API base URL (firewall, proxy, DNS) and try again; the default is https://aip.baidubce.com.',
		);
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			qs: { access_token: '={{$credentials.accessToken}}' },
		},
	};

	/**
	 * An empty recognition request: Baidu checks the token and the app's iOCR permission before
	 * the parameters, so "not enough param" (216101) proves the keys work for iOCR.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/rest/2.0/solution/v1/iocr/recognise',
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: {},
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error_code',
					value: 6,
					message:
						'The keys work, but this Baidu application has no iOCR permission (error 6). In the Baidu AI console, edit the application and tick iOCR (custom template OCR) under its APIs.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error_code',
					value: 110,
					message:
						'Baidu did not accept the access token (error 110). Save the credential again to fetch a new one.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error_code',
					value: 111,
					message:
						'The access token has expired (error 111). Save the credential again to fetch a new one.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error_code',
					value: 100,
					message:
						'Baidu did not receive a valid access token (error 100). Check the API base URL.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error_code',
					value: 14,
					message: 'Baidu rejected the application keys (IAM certification failed, error 14).',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error_code',
					value: 19,
					message: 'The keys work, but the total iOCR quota of this account is used up (error 19).',
				},
			},
		],
	};
}
