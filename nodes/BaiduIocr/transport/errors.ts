import type { Failure } from 'n8n-workflow';

/**
 * Baidu's error codes as data, read by `describeBaiduError`, and the wording of network and
 * HTTP failures (`describeTransportFailure`). Nothing here sends or waits: the request loop
 * reads `action` and decides.
 *
 * Messages are for people who do not write code: `message` says what happened and ends with
 * Baidu's own text and code; `description` says what to do. They are built only from what
 * is passed in here, never from URLs, tokens or keys.
 */

/**
 * What the request loop does with an error:
 * - `throttle`: Baidu asks to slow down (4, 18). Cool every request down and retry; does not
 *   count against the item's retries (see MAX_THROTTLE_RETRIES).
 * - `retry`: transient fault. Retry with backoff, a bounded number of times.
 * - `refresh`: the access token is dead. Renew it and resend once.
 * - `stop`: the quota is used up (17, 19). Stop the whole run at once: every other item would
 *   fail the same way.
 * - `fail`: the user has to fix something. Fail this item with the advice.
 */
export type ErrorAction = 'retry' | 'throttle' | 'refresh' | 'fail' | 'stop';

export interface BaiduErrorInfo {
	code: number;
	action: ErrorAction;
	/** What happened, ending with "(Baidu error <code>: <Baidu's text>)". */
	message: string;
	/** What to do about it. */
	description: string;
	failure?: Failure;
}

export interface BaiduErrorEntry {
	action: ErrorAction;
	/** Baidu's `error_msg` for this code as documented; used when the answer has none. */
	baiduText: string;
	/** What happened, in plain words, without the code. */
	message: string;
	description: string;
	/** n8n's failure cause; absent where the input itself is the problem. */
	cause?: Failure['cause'];
	/**
	 * Other problems Baidu reports with the same code, told apart by its `error_msg`: the first
	 * whose `when` matches Baidu's text replaces `message` and `description`.
	 */
	variants?: readonly BaiduErrorVariant[];
}

export interface BaiduErrorVariant {
	/** Matched against Baidu's `error_msg`. */
	when: RegExp;
	/** Baidu's words that select this variant, as README's table names them. */
	label: string;
	message: string;
	description: string;
}

const CONSOLE = 'the Baidu AI Cloud console (console.bce.baidu.com)';

/** What the node did before giving up on a retryable failure. */
const RETRIED = 'the node already tried again, as often as Max Retries allows';

const TRANSIENT_ADVICE = `This is usually temporary, and ${RETRIED}. Run the workflow again later; if it keeps happening, contact Baidu support with the error code and the log ID.`;

const TOKEN_ADVICE = `The node fetched a new access token and tried again, but Baidu still refused it. Check that the credential's API Key and Secret Key are those of an application in ${CONSOLE}, copied without spaces, and test the credential.`;

const MISSING_PARAMETER_ADVICE =
	'The node checks before sending that the template or classifier ID and the file (or URL) are there, so they went missing on the way: if the credential uses a custom base URL (a proxy), check that it passes the request body on unchanged. Otherwise please report this as a bug of the node with the log ID.';

const TEMPLATE_MISMATCH_CHECKS =
	"Check that the document is of the kind the template was made for, that the template's reference fields are fixed texts printed the same way on every such document (not values that change), and that the image is sharp, upright and complete.";

const NOT_A_NUMBER: BaiduErrorVariant = {
	when: /is not (?:a )?number/i,
	label: '… is not number',
	message: 'Baidu expected a number, but the classifier ID is not one',
	description:
		'Classifier IDs are numbers (for example 1001), shown in the iOCR console under Classifiers: put only that number in the Classifier ID field, not a template ID or a name. A template ID (a 32-character code) belongs in Recognize with Template. If the field holds a number, please report this as a bug of the node with the log ID.',
};

const SIZE_LIMITS =
	'The file must be at most 4 MB after base64 and URL encoding (a raw file of about 2.9 MB), with its longest side at most 4096 px and its shortest side at least 15 px.';

const URL_INSTEAD_ADVICE =
	'You can also download the file in n8n (for example with the HTTP Request node) and send it as binary data instead.';

/** Every code of Baidu's iOCR error table. */
export const BAIDU_ERRORS: Readonly<Record<number, BaiduErrorEntry>> = {
	1: {
		action: 'retry',
		baiduText: 'Unknown error',
		message: "Baidu's service had an internal problem",
		description: TRANSIENT_ADVICE,
		cause: 'temporarily-unavailable',
	},
	2: {
		action: 'retry',
		baiduText: 'Service temporarily unavailable',
		message: "Baidu's service is temporarily unavailable",
		description: TRANSIENT_ADVICE,
		cause: 'temporarily-unavailable',
	},
	3: {
		action: 'fail',
		baiduText: 'Unsupported openapi method',
		message: 'The request went to an address Baidu does not serve',
		description:
			'If the credential uses a custom base URL (a proxy), check it: it should lead to https://aip.baidubce.com. Otherwise this is a bug of the node: please report it.',
		cause: 'configuration-invalid',
	},
	4: {
		action: 'throttle',
		baiduText: 'Open api request limit reached',
		message: "Baidu's servers are over their overall request limit right now",
		description:
			"This is Baidu being busy, not a problem with your account. The node slows down and retries on its own; if it still gives up, run the workflow again later or lower the node's requests per second.",
		cause: 'rate-limited',
	},
	6: {
		action: 'fail',
		baiduText: 'No permission to access data',
		message: 'This Baidu application is not allowed to use iOCR',
		description: `In ${CONSOLE}, open the application whose API Key the credential uses and enable the iOCR permission for it (the general or the finance edition, whichever this node calls). The change can take a few minutes to apply.`,
		cause: 'credential-invalid',
	},
	14: {
		action: 'fail',
		baiduText: 'IAM Certification failed',
		message: "Baidu did not accept the credential's keys",
		description: `Copy the API Key and Secret Key again from the application in ${CONSOLE}, without spaces. They are the application's keys, not the Access Key / Secret Key (AK/SK) of the Baidu AI Cloud account.`,
		cause: 'credential-invalid',
	},
	17: {
		action: 'stop',
		baiduText: 'Open api daily request limit reached',
		message: 'The daily request quota of this Baidu application is used up',
		description: `No more requests are sent in this run. The quota resets at midnight China time (UTC+8). To continue sooner, buy more daily calls or turn on pay-as-you-go billing for iOCR in ${CONSOLE}.`,
		cause: 'quota-exhausted',
	},
	18: {
		action: 'throttle',
		baiduText: 'Open api qps request limit reached',
		message: 'More requests per second were sent than the Baidu account allows',
		description: `Baidu allows 2 requests per second on the free tier and 10 on the paid tier, for all workflows using the account together. The node slows down and retries on its own; to avoid the error, set Requests per Second (Plan QPS) in the credential to your plan's limit (every workflow using the credential then shares it), or buy more QPS in ${CONSOLE}.`,
		cause: 'rate-limited',
	},
	19: {
		action: 'stop',
		baiduText: 'Open api total request limit reached',
		message: 'The total request quota of this Baidu application is used up',
		description: `No more requests are sent in this run. The free test calls, or the resource package you bought, are all used: turn on pay-as-you-go billing or buy a resource package for iOCR in ${CONSOLE}, then run the workflow again.`,
		cause: 'quota-exhausted',
	},
	100: {
		action: 'refresh',
		baiduText: 'Invalid parameter',
		message: 'Baidu rejected the access token',
		description: TOKEN_ADVICE,
		cause: 'credential-invalid',
	},
	110: {
		action: 'refresh',
		baiduText: 'Access token invalid or no longer valid',
		message: 'Baidu says the access token is invalid',
		description: TOKEN_ADVICE,
		cause: 'credential-invalid',
	},
	111: {
		action: 'refresh',
		baiduText: 'Access token expired',
		message: 'Baidu says the access token has expired',
		description: TOKEN_ADVICE,
		cause: 'credential-invalid',
	},
	216100: {
		action: 'fail',
		baiduText: 'invalid param',
		message: 'Baidu rejected a parameter of the request',
		description:
			'Check the template ID or classifier ID (copy it from the iOCR console, without spaces) and, when sending a URL, that it is a plain http(s) address. If these are right, please report this as a bug of the node with the log ID.',
		cause: 'configuration-invalid',
		variants: [NOT_A_NUMBER],
	},
	216101: {
		action: 'fail',
		baiduText: 'not enough param',
		message: 'A required parameter was missing from the request',
		description: MISSING_PARAMETER_ADVICE,
		cause: 'configuration-invalid',
	},
	216102: {
		action: 'fail',
		baiduText: 'service not support',
		message: 'Baidu does not offer this service at the requested address',
		description:
			'Check that the operation matches the edition your application has (general or finance) and, if the credential uses a custom base URL (a proxy), that it leads to https://aip.baidubce.com. Otherwise please report this as a bug of the node.',
		cause: 'configuration-invalid',
	},
	216103: {
		action: 'fail',
		baiduText: 'param too long',
		message: 'A parameter of the request is too long',
		description:
			'An image URL may be at most 1024 bytes, and template and classifier IDs are short codes: check that an expression did not put a whole text or file into one of these fields.',
		cause: 'configuration-invalid',
	},
	216110: {
		action: 'fail',
		baiduText: 'appid not exist',
		message: 'The Baidu application and the template (or classifier) belong to different accounts',
		description:
			"A template or classifier can only be used by applications of the Baidu account that owns it. Create the application (and its API Key and Secret Key) under the template's account and use those keys in the credential, or build the template under the application's account.",
		cause: 'configuration-invalid',
	},
	216200: {
		action: 'fail',
		baiduText: 'empty image',
		message: 'The image sent to Baidu was empty',
		description:
			"Check that the binary property holds the file and that the file is not empty; for a URL, that it returns the image itself. The file's data must not start with a 'data:...;base64,' prefix.",
	},
	216201: {
		action: 'fail',
		baiduText: 'image format error',
		message: 'Baidu could not read the file as an image',
		description:
			'iOCR accepts JPEG, PNG and BMP images and PDF files. Convert other formats (HEIC, WebP, TIFF, GIF) first, and check that the file is not damaged.',
	},
	216202: {
		action: 'fail',
		baiduText: 'image size error',
		message: 'The image is too large or too small for Baidu',
		description: `${SIZE_LIMITS} Compress or resize the image (for example with the Edit Image node) and try again.`,
	},
	216630: {
		action: 'retry',
		baiduText: 'recognize error',
		message: 'Baidu failed to recognise the image',
		description: `Often temporary: ${RETRIED}. If it keeps failing for this file, check that the image is sharp, upright and not cut off, then try again later.`,
		cause: 'temporarily-unavailable',
	},
	216634: {
		action: 'retry',
		baiduText: 'detect error',
		message: 'Baidu failed to find the text in the image',
		description: `Often temporary: ${RETRIED}. If it keeps failing for this file, check that the image is sharp, upright and not cut off, then try again later.`,
		cause: 'temporarily-unavailable',
	},
	272000: {
		action: 'fail',
		baiduText: 'structure failed',
		message: 'The image does not match the template',
		description: `${TEMPLATE_MISMATCH_CHECKS} To read several kinds of documents, use a classifier.`,
	},
	272001: {
		action: 'fail',
		baiduText: 'classify failed',
		message: 'The classifier could not tell which of its templates fits the image',
		description:
			'Check that the image is one of the document kinds the classifier was trained on. Add sample images of this kind to the classifier and train it again in the iOCR console, or recognise this kind with its template directly.',
	},
	272002: {
		action: 'fail',
		baiduText: 'structure failed',
		message: 'The classifier chose a template, but the image does not match it',
		description: `${TEMPLATE_MISMATCH_CHECKS} If the classifier chose the wrong template for this kind of document, add sample images of this kind to it and train it again in the iOCR console.`,
	},
	272003: {
		action: 'fail',
		baiduText: 'unsuccessfully detected receipt',
		message: 'Baidu found no receipt it knows on the image',
		description:
			'Mixed-receipt detection (finance edition) found nothing to read. Check that the image shows whole receipts, sharp and upright, or recognise it with a template instead.',
	},
	272004: {
		action: 'fail',
		baiduText: 'classifier does not exist',
		message: 'The classifier does not exist',
		description:
			'Check the classifier ID (copy it from the iOCR console), that the classifier is trained and published, and that it belongs to the same Baidu account as the application behind the credential.',
		cause: 'configuration-invalid',
	},
	282000: {
		action: 'retry',
		baiduText: 'internal error',
		message: 'Baidu had an internal error',
		description: TRANSIENT_ADVICE,
		cause: 'temporarily-unavailable',
	},
	282003: {
		action: 'fail',
		baiduText: 'missing parameters',
		message: 'A required parameter was missing from the request',
		description: MISSING_PARAMETER_ADVICE,
		cause: 'configuration-invalid',
	},
	282004: {
		action: 'fail',
		baiduText: "invalid parameter, appId doesn't own this template nor not launch",
		message: 'The template is not published or belongs to another account',
		description:
			"Publish the template in the iOCR console (a template can only be called once published) and check the template ID. The application behind the credential must belong to the same Baidu account as the template: if it does not, create the application under the template's account and use its keys.",
		cause: 'configuration-invalid',
		variants: [NOT_A_NUMBER],
	},
	282110: {
		action: 'fail',
		baiduText: 'urls not exit',
		message: 'The image URL does not exist',
		description: `Check that the URL opens the image in a browser without logging in. Baidu downloads it over the internet, so addresses on a local network or behind a login do not work. ${URL_INSTEAD_ADVICE}`,
	},
	282111: {
		action: 'fail',
		baiduText: 'url format illegal',
		message: 'The image URL is not a valid address',
		description:
			'Use a full http:// or https:// URL of at most 1024 bytes, with special characters percent-encoded once (not twice).',
	},
	282112: {
		action: 'retry',
		baiduText: 'url download timeout',
		message: 'Baidu timed out downloading the image from the URL',
		description: `This is often temporary, and ${RETRIED}. Check that the server hosting the image is reachable from the internet and answers quickly. ${URL_INSTEAD_ADVICE}`,
		cause: 'temporarily-unavailable',
	},
	282113: {
		action: 'fail',
		baiduText: 'url response invalid',
		message: 'The image URL did not return a usable image',
		description: `The address answered, but not with an image Baidu can read: check that it returns the image itself (not a web page or a login page) and that hotlink protection is off on that server. ${URL_INSTEAD_ADVICE}`,
	},
	282114: {
		action: 'fail',
		baiduText: 'url size error',
		message: 'The image at the URL is too large or too small',
		description: `${SIZE_LIMITS} Make the image at that address smaller, or download it in n8n (for example with the HTTP Request node), shrink it with the Edit Image node and send it as binary data instead.`,
	},
};

const UNKNOWN_ERROR: Omit<BaiduErrorEntry, 'baiduText'> = {
	action: 'fail',
	message: 'Baidu rejected the request',
	description:
		"Look the error code up in Baidu's iOCR documentation. If the request should work, try again later or contact Baidu support with the error code and the log ID.",
};

const DAY_MS = 24 * 60 * 60 * 1000;
/** China Standard Time is UTC+8 all year (no daylight saving since 1991). */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The next midnight in Asia/Shanghai strictly after `nowMs`, as Unix epoch ms. */
export function nextChinaMidnight(nowMs: number): number {
	const chinaDay = Math.floor((nowMs + CHINA_OFFSET_MS) / DAY_MS);
	return (chinaDay + 1) * DAY_MS - CHINA_OFFSET_MS;
}

const MAX_BAIDU_TEXT = 200;
/** Baidu access tokens look like `24.<32 hex>.<digits>.<digits>.<digits>-<digits>`. */
const TOKEN_LIKE = /\b\d+\.[0-9a-f]{32}\.[0-9.]+-\d+\b/gi;
const SECRET_PARAMETER = /\b(access_token|client_secret|client_id)=[^\s&"']*/gi;

/** Baidu's text, on one line, shortened, with anything token-like blanked out. */
function cleanBaiduText(text: string): string {
	let clean = text
		.replace(/\s+/g, ' ')
		.trim()
		.replace(SECRET_PARAMETER, '$1=***')
		.replace(TOKEN_LIKE, '***');
	if (clean.length > MAX_BAIDU_TEXT) clean = `${clean.slice(0, MAX_BAIDU_TEXT - 1)}…`;
	return clean;
}

export interface DescribeBaiduErrorOptions {
	/** Current time as Unix epoch ms, for the reset time of code 17. Default `Date.now()`. */
	now?: number;
}

/**
 * Everything the node needs to know about a Baidu `error_code`: what to do (`action`), what
 * to tell the user, and n8n's failure cause. `baiduMessage` is the answer's `error_msg`;
 * without it the documented text is used. Unknown codes fail with Baidu's text.
 */
export function describeBaiduError(
	code: number,
	baiduMessage?: string,
	options: DescribeBaiduErrorOptions = {},
): BaiduErrorInfo {
	const entry: BaiduErrorEntry | undefined = Object.prototype.hasOwnProperty.call(
		BAIDU_ERRORS,
		code,
	)
		? BAIDU_ERRORS[code]
		: undefined;
	const given = typeof baiduMessage === 'string' ? cleanBaiduText(baiduMessage) : '';
	const baiduText = given !== '' ? given : (entry?.baiduText ?? '');
	const codeText = baiduText === '' ? `Baidu error ${code}` : `Baidu error ${code}: ${baiduText}`;
	const { action, cause } = entry ?? UNKNOWN_ERROR;
	const variant = entry?.variants?.find((candidate) => candidate.when.test(given));
	const { message, description } = variant ?? entry ?? UNKNOWN_ERROR;

	const info: BaiduErrorInfo = {
		code,
		action,
		message: `${message} (${codeText})`,
		description,
	};
	if (cause === 'quota-exhausted' && code === 17) {
		info.failure = { cause, resetsAtEpochMs: nextChinaMidnight(options.now ?? Date.now()) };
	} else if (cause !== undefined) {
		info.failure = { cause };
	}
	return info;
}

export type TransportFailureKind = 'timeout' | 'reset' | 'http' | 'badBody';

export interface TransportFailureDetail {
	/** HTTP status, for `http` (and for `badBody` when known). */
	status?: number;
	/** Where the request went: scheme, host and path only. Anything after `?` is dropped. */
	baseUrl: string;
	/** The timeout that expired, for `timeout`. */
	timeoutMs?: number;
}

export interface TransportFailureInfo {
	message: string;
	description: string;
	action: 'retry' | 'fail';
	failure: Failure;
}

/** Scheme, host and path of a URL: no credentials, query string or fragment. */
export function safeBaseUrl(url: string): string {
	try {
		const parsed = new URL(url);
		const path = parsed.pathname === '/' ? '' : parsed.pathname;
		return `${parsed.protocol}//${parsed.host}${path}`;
	} catch {
		const cut = url.split(/[?#]/, 1)[0];
		return cut.replace(/\/\/[^/@]*@/, '//').trim();
	}
}

function formatSeconds(ms: number): string {
	const seconds = Math.round(ms / 100) / 10;
	return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
}

const NETWORK_ADVICE = `This can be a passing network problem, and ${RETRIED}. Check that the n8n server can reach Baidu (internet access, firewall, proxy), then run the workflow again.`;

/**
 * Wording and action for failures below Baidu's error codes: no answer in time, a broken
 * connection, an HTTP status other than 200, or a body that is not JSON.
 */
export function describeTransportFailure(
	kind: TransportFailureKind,
	detail: TransportFailureDetail,
): TransportFailureInfo {
	const where = safeBaseUrl(detail.baseUrl);
	const status = detail.status;
	switch (kind) {
		case 'timeout': {
			const within =
				detail.timeoutMs !== undefined ? ` within ${formatSeconds(detail.timeoutMs)}` : '';
			return {
				message: `Baidu did not answer${within} (${where})`,
				description: `${NETWORK_ADVICE} Large files take longer: if only big files time out, raise the node's timeout or send smaller files.`,
				action: 'retry',
				failure: { cause: 'temporarily-unavailable' },
			};
		}
		case 'reset':
			return {
				message: `The connection to Baidu broke before an answer arrived (${where})`,
				description: NETWORK_ADVICE,
				action: 'retry',
				failure: { cause: 'temporarily-unavailable' },
			};
		case 'badBody':
			return {
				message: `Baidu's answer was not valid JSON${status !== undefined ? ` (HTTP ${status})` : ''}: an error page or a cut-off reply came back (${where})`,
				description: `A proxy or Baidu's front end had a hiccup, and ${RETRIED}. Run the workflow again later. If the credential uses a custom base URL (a proxy), check that it forwards requests to Baidu unchanged.`,
				action: 'retry',
				failure: { cause: 'temporarily-unavailable' },
			};
		case 'http':
		default:
			return describeHttpStatus(status, where);
	}
}

function describeHttpStatus(status: number | undefined, where: string): TransportFailureInfo {
	const statusText = status !== undefined ? `HTTP ${status}` : 'an unexpected HTTP status';
	if (status !== undefined && status >= 500) {
		return {
			message: `Baidu's server answered with an error (${statusText}, ${where})`,
			// No error code or log ID comes with an HTTP error: the advice asks for neither.
			description: `This is a fault on Baidu's side (or in a proxy on the way) and usually temporary, and ${RETRIED}. Run the workflow again later. If it keeps happening, check the proxy or custom base URL if the credential uses one; otherwise contact Baidu support with the HTTP status and the time of the run.`,
			action: 'retry',
			failure: { cause: 'temporarily-unavailable' },
		};
	}
	if (status === 429) {
		return {
			message: `Too many requests: the server asked to slow down (${statusText}, ${where})`,
			description:
				"The node slows down and retries on its own; if it still gives up, lower the node's requests per second or run the workflow again later.",
			action: 'retry',
			failure: { cause: 'rate-limited' },
		};
	}
	if (status === 401 || status === 403) {
		return {
			message: `The server refused access (${statusText}, ${where})`,
			description: `Check the credential's API Key and Secret Key (from the application in ${CONSOLE}) and test the credential. If you use a proxy or a custom base URL, check that it lets the request through.`,
			action: 'fail',
			failure: { cause: 'credential-invalid' },
		};
	}
	return {
		message: `The request was refused with ${statusText} (${where})`,
		description:
			'If the credential uses a custom base URL (a proxy), check that it leads to Baidu (https://aip.baidubce.com). Otherwise please report this as a bug of the node, with the status above.',
		action: 'fail',
		failure: { cause: 'configuration-invalid' },
	};
}
