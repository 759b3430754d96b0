import {
	BAIDU_ERRORS,
	describeBaiduError,
	describeTransportFailure,
	nextChinaMidnight,
	safeBaseUrl,
	type ErrorAction,
} from '../../nodes/BaiduIocr/transport/errors';

/** Baidu's iOCR error table (reference/baidu-iocr-api.md) with the action and cause we chose. */
const TABLE: Array<[number, ErrorAction, string | undefined]> = [
	[1, 'retry', 'temporarily-unavailable'],
	[2, 'retry', 'temporarily-unavailable'],
	[3, 'fail', 'configuration-invalid'],
	[4, 'throttle', 'rate-limited'],
	[6, 'fail', 'credential-invalid'],
	[14, 'fail', 'credential-invalid'],
	[17, 'stop', 'quota-exhausted'],
	[18, 'throttle', 'rate-limited'],
	[19, 'stop', 'quota-exhausted'],
	[100, 'refresh', 'credential-invalid'],
	[110, 'refresh', 'credential-invalid'],
	[111, 'refresh', 'credential-invalid'],
	[216100, 'fail', 'configuration-invalid'],
	[216101, 'fail', 'configuration-invalid'],
	[216102, 'fail', 'configuration-invalid'],
	[216103, 'fail', 'configuration-invalid'],
	[216110, 'fail', 'configuration-invalid'],
	[216200, 'fail', undefined],
	[216201, 'fail', undefined],
	[216202, 'fail', undefined],
	[216630, 'retry', 'temporarily-unavailable'],
	[216634, 'retry', 'temporarily-unavailable'],
	[272000, 'fail', undefined],
	[272001, 'fail', undefined],
	[272002, 'fail', undefined],
	[272003, 'fail', undefined],
	[272004, 'fail', 'configuration-invalid'],
	[282000, 'retry', 'temporarily-unavailable'],
	[282003, 'fail', 'configuration-invalid'],
	[282004, 'fail', 'configuration-invalid'],
	[282110, 'fail', undefined],
	[282111, 'fail', undefined],
	[282112, 'retry', 'temporarily-unavailable'],
	[282113, 'fail', undefined],
	[282114, 'fail', undefined],
];

// 2025-03-10 15:30:00 UTC = 23:30 in Shanghai; next midnight there is 2025-03-10 16:00 UTC.
const NOW = Date.UTC(2025, 2, 10, 15, 30, 0);

describe('describeBaiduError', () => {
	it('has exactly the codes of the reference table', () => {
		expect(Object.keys(BAIDU_ERRORS).map(Number).sort((a, b) => a - b)).toEqual(
			TABLE.map(([code]) => code).sort((a, b) => a - b),
		);
	});

	it.each(TABLE)('code %i: action %s, cause %s', (code, action, cause) => {
		const info = describeBaiduError(code, undefined, { now: NOW });
		expect(info.code).toBe(code);
		expect(info.action).toBe(action);
		expect(info.failure?.cause).toBe(cause);
		// Ends with Baidu's own text and code, so support can match it.
		expect(info.message).toMatch(new RegExp(`\\(Baidu error ${code}: [^)]+\\)$`));
		expect(info.message).toContain(BAIDU_ERRORS[code].baiduText);
		expect(info.description.length).toBeGreaterThan(20);
	});

	it('classifies the action groups as the retry loop expects', () => {
		const codesOf = (action: ErrorAction) =>
			TABLE.filter(([, a]) => a === action).map(([code]) => code);
		expect(codesOf('throttle')).toEqual([4, 18]);
		expect(codesOf('retry')).toEqual([1, 2, 216630, 216634, 282000, 282112]);
		expect(codesOf('refresh')).toEqual([100, 110, 111]);
		expect(codesOf('stop')).toEqual([17, 19]);
	});

	it("ends the message with Baidu's own text when given", () => {
		const info = describeBaiduError(
			282004,
			"invalid parameter, appId doesn't own this template nor not launch",
		);
		expect(info.message).toBe(
			"The template is not published or belongs to another account (Baidu error 282004: invalid parameter, appId doesn't own this template nor not launch)",
		);
		expect(info.description).toMatch(/[Pp]ublish the template/);
		expect(info.description).toMatch(/same Baidu account/);
	});

	it('prefers the text Baidu sent over the documented one', () => {
		expect(describeBaiduError(18, 'qps limit, slow down').message).toMatch(
			/\(Baidu error 18: qps limit, slow down\)$/,
		);
		expect(describeBaiduError(18, '   ').message).toMatch(
			/\(Baidu error 18: Open api qps request limit reached\)$/,
		);
	});

	it('gives the fixes a no-code user needs for the common account problems', () => {
		expect(describeBaiduError(6).description).toMatch(/iOCR permission/);
		expect(describeBaiduError(216110).description).toMatch(/under the template's account/);
		expect(describeBaiduError(17, undefined, { now: NOW }).description).toMatch(/midnight China time/);
		expect(describeBaiduError(19).description).toMatch(/pay-as-you-go|resource package/);
		expect(describeBaiduError(272000).description).toMatch(/reference fields/);
		expect(describeBaiduError(272000).description).toMatch(/classifier/);
		expect(describeBaiduError(216202).description).toMatch(/4 MB after base64 and URL encoding/);
		expect(describeBaiduError(18).description).toMatch(/2 requests per second/);
	});

	it('fails an unknown code with Baidu\'s message and a generic fix', () => {
		const info = describeBaiduError(987654, 'something new went wrong');
		expect(info.action).toBe('fail');
		expect(info.failure).toBeUndefined();
		expect(info.message).toMatch(/\(Baidu error 987654: something new went wrong\)$/);
		expect(info.description).toMatch(/error code/);
		expect(describeBaiduError(987654).message).toMatch(/\(Baidu error 987654\)$/);
	});

	it('fails a code that is not a number (a malformed answer) like an unknown one', () => {
		const info = describeBaiduError(Number.NaN, 'odd');
		expect(info.action).toBe('fail');
		expect(info.message).toMatch(/Baidu error NaN: odd/);
	});

	it('code 17 resets at the next midnight in China (UTC+8)', () => {
		const info = describeBaiduError(17, undefined, { now: NOW });
		expect(info.failure).toEqual({
			cause: 'quota-exhausted',
			resetsAtEpochMs: Date.UTC(2025, 2, 10, 16, 0, 0),
		});
		// 16:30 UTC is already 00:30 the next day in Shanghai: the reset is a day later.
		const later = describeBaiduError(17, undefined, { now: Date.UTC(2025, 2, 10, 16, 30) });
		expect(later.failure).toEqual({
			cause: 'quota-exhausted',
			resetsAtEpochMs: Date.UTC(2025, 2, 11, 16, 0, 0),
		});
		// Code 19 has no reset time: the total quota does not come back on its own.
		expect(describeBaiduError(19, undefined, { now: NOW }).failure).toEqual({
			cause: 'quota-exhausted',
		});
	});

	it('nextChinaMidnight is strictly in the future, at most one day away', () => {
		const midnight = Date.UTC(2025, 0, 1, 16, 0, 0);
		expect(nextChinaMidnight(midnight)).toBe(midnight + 86_400_000);
		expect(nextChinaMidnight(midnight - 1)).toBe(midnight);
		expect(nextChinaMidnight(Date.UTC(2024, 1, 29, 0, 0))).toBe(Date.UTC(2024, 1, 29, 16, 0));
	});

	it("blanks out anything token-like in Baidu's text", () => {
		const token = '24.0123456789abcdef0123456789abcdef.2592000.1700000000.282335-12345678';
		const info = describeBaiduError(110, `Access token invalid: ${token} (access_token=${token})`);
		expect(info.message).not.toContain('0123456789abcdef');
		expect(info.message).toContain('***');
		expect(info.message).toContain('Baidu error 110');
	});
});

describe('describeTransportFailure', () => {
	const secretUrl =
		'https://user:pw@aip.baidubce.com/rest/2.0/solution/v1/iocr/recognise?access_token=24.SECRET#frag';

	it.each([
		['timeout', { timeoutMs: 30000 }],
		['reset', {}],
		['http', { status: 502 }],
		['http', { status: 404 }],
		['badBody', { status: 200 }],
	] as const)('%s never echoes a query string, fragment or password', (kind, extra) => {
		const info = describeTransportFailure(kind, { baseUrl: secretUrl, ...extra });
		const text = `${info.message} ${info.description}`;
		expect(text).not.toContain('SECRET');
		expect(text).not.toContain('access_token');
		expect(text).not.toContain('pw');
		expect(text).not.toContain('frag');
		expect(info.message).toContain('https://aip.baidubce.com/rest/2.0/solution/v1/iocr/recognise');
	});

	it('also strips secrets from a base URL that does not parse as a URL', () => {
		expect(safeBaseUrl('not a url?access_token=SECRET')).toBe('not a url');
		expect(safeBaseUrl('http://localhost:8080/?x=1')).toBe('http://localhost:8080');
	});

	it('retries timeouts, resets, HTTP 5xx and malformed bodies', () => {
		const base = { baseUrl: 'https://aip.baidubce.com' };
		const timeout = describeTransportFailure('timeout', { ...base, timeoutMs: 30000 });
		expect(timeout.action).toBe('retry');
		expect(timeout.message).toMatch(/30 seconds/);
		expect(timeout.failure).toEqual({ cause: 'temporarily-unavailable' });
		expect(describeTransportFailure('reset', base).action).toBe('retry');
		for (const status of [500, 502, 503, 504]) {
			const info = describeTransportFailure('http', { ...base, status });
			expect(info.action).toBe('retry');
			expect(info.message).toContain(`HTTP ${status}`);
			expect(info.failure).toEqual({ cause: 'temporarily-unavailable' });
		}
		const bad = describeTransportFailure('badBody', base);
		expect(bad.action).toBe('retry');
		expect(bad.message).toMatch(/not valid JSON/);
	});

	it('fails other HTTP statuses, with a cause that points at the right fix', () => {
		const base = { baseUrl: 'https://aip.baidubce.com' };
		const notFound = describeTransportFailure('http', { ...base, status: 404 });
		expect(notFound.action).toBe('fail');
		expect(notFound.message).toContain('HTTP 404');
		expect(notFound.failure).toEqual({ cause: 'configuration-invalid' });
		expect(describeTransportFailure('http', { ...base, status: 401 }).failure).toEqual({
			cause: 'credential-invalid',
		});
		expect(describeTransportFailure('http', { ...base, status: 400 }).action).toBe('fail');
		// 429 from a proxy is a request to slow down, not a reason to give up.
		const tooMany = describeTransportFailure('http', { ...base, status: 429 });
		expect(tooMany.action).toBe('retry');
		expect(tooMany.failure).toEqual({ cause: 'rate-limited' });
	});
});

describe("describeBaiduError: Baidu's text as the user reads it", () => {
	it('puts a text Baidu spread over several lines and spaces on one line, single-spaced', () => {
		expect(describeBaiduError(216100, '  invalid\n\t  param \r\n').message).toBe(
			'Baidu rejected a parameter of the request (Baidu error 216100: invalid param)',
		);
	});

	it('hides the values of access_token, client_id and client_secret but keeps their names', () => {
		const info = describeBaiduError(
			14,
			'IAM Certification failed for client_id=myApiKey&client_secret=mySecretKey',
		);
		expect(info.message).toBe(
			"Baidu did not accept the credential's keys (Baidu error 14: IAM Certification failed for client_id=***&client_secret=***)",
		);
		expect(info.message).not.toMatch(/myApiKey|mySecretKey/);
	});

	it('puts *** where Baidu quoted an access token', () => {
		const token = '24.0123456789abcdef0123456789abcdef.2592000.1700000000.282335-12345678';
		expect(describeBaiduError(110, `Access token invalid: ${token}`).message).toBe(
			'Baidu says the access token is invalid (Baidu error 110: Access token invalid: ***)',
		);
	});

	it('shows a text of 200 characters whole', () => {
		const text = `invalid param ${'x'.repeat(186)}`;
		expect(text).toHaveLength(200);
		expect(describeBaiduError(216100, text).message).toBe(
			`Baidu rejected a parameter of the request (Baidu error 216100: ${text})`,
		);
	});

	it('cuts a longer text to its first 199 characters and an ellipsis', () => {
		const text = `invalid param ${'x'.repeat(185)}${'y'.repeat(100)}`;
		expect(describeBaiduError(216100, text).message).toBe(
			`Baidu rejected a parameter of the request (Baidu error 216100: invalid param ${'x'.repeat(185)}…)`,
		);
	});

	it('explains "is not number" as a classifier ID that is not a number', () => {
		const info = describeBaiduError(216100, 'classifierId is not number');
		expect(info.message).toBe(
			'Baidu expected a number, but the classifier ID is not one (Baidu error 216100: classifierId is not number)',
		);
		expect(info.description).toMatch(/Classifier IDs are numbers/);
		// Without those words, the code's own explanation.
		expect(describeBaiduError(216100, 'invalid param').message).toMatch(
			/^Baidu rejected a parameter of the request /,
		);
	});
});

describe('describeTransportFailure: the words a user sees', () => {
	const baseUrl = 'https://aip.baidubce.com';
	const where = `(${baseUrl})`;

	it.each([
		{
			name: 'a timeout of 30 s',
			kind: 'timeout',
			detail: { timeoutMs: 30000 },
			message: `Baidu did not answer within 30 seconds ${where}`,
			advice: /raise the node's timeout or send smaller files/,
		},
		{
			name: 'a timeout of 1 s (singular)',
			kind: 'timeout',
			detail: { timeoutMs: 1000 },
			message: `Baidu did not answer within 1 second ${where}`,
			advice: /raise the node's timeout/,
		},
		{
			name: 'a timeout of unknown length',
			kind: 'timeout',
			detail: {},
			message: `Baidu did not answer ${where}`,
			advice: /firewall, proxy/,
		},
		{
			name: 'a broken connection',
			kind: 'reset',
			detail: {},
			message: `The connection to Baidu broke before an answer arrived ${where}`,
			advice: /can reach Baidu \(internet access, firewall, proxy\)/,
		},
		{
			name: 'a body that is not JSON, with its HTTP status',
			kind: 'badBody',
			detail: { status: 200 },
			message: `Baidu's answer was not valid JSON (HTTP 200): an error page or a cut-off reply came back ${where}`,
			advice: /check that it forwards requests to Baidu unchanged/,
		},
		{
			name: 'a body that is not JSON, status unknown',
			kind: 'badBody',
			detail: {},
			message: `Baidu's answer was not valid JSON: an error page or a cut-off reply came back ${where}`,
			advice: /forwards requests to Baidu unchanged/,
		},
		{
			name: 'HTTP 503',
			kind: 'http',
			detail: { status: 503 },
			message: `Baidu's server answered with an error (HTTP 503, ${baseUrl})`,
			advice: /contact Baidu support with the HTTP status and the time of the run/,
		},
		{
			name: 'HTTP 429',
			kind: 'http',
			detail: { status: 429 },
			message: `Too many requests: the server asked to slow down (HTTP 429, ${baseUrl})`,
			advice: /lower the node's requests per second/,
		},
		{
			name: 'HTTP 401',
			kind: 'http',
			detail: { status: 401 },
			message: `The server refused access (HTTP 401, ${baseUrl})`,
			advice: /Check the credential's API Key and Secret Key .* and test the credential/,
		},
		{
			name: 'HTTP 403',
			kind: 'http',
			detail: { status: 403 },
			message: `The server refused access (HTTP 403, ${baseUrl})`,
			advice: /Check the credential's API Key and Secret Key/,
		},
		{
			name: 'HTTP 404',
			kind: 'http',
			detail: { status: 404 },
			message: `The request was refused with HTTP 404 ${where}`,
			advice: /custom base URL \(a proxy\), check that it leads to Baidu/,
		},
		{
			name: 'an HTTP failure without a status',
			kind: 'http',
			detail: {},
			message: `The request was refused with an unexpected HTTP status ${where}`,
			advice: /report this as a bug of the node/,
		},
	] as const)('$name', ({ kind, detail, message, advice }) => {
		const info = describeTransportFailure(kind, { baseUrl, ...detail });
		expect(info.message).toBe(message);
		expect(info.description).toMatch(advice);
	});

	it('a 403 is a refused credential, like a 401', () => {
		expect(describeTransportFailure('http', { baseUrl, status: 403 })).toMatchObject({
			action: 'fail',
			failure: { cause: 'credential-invalid' },
		});
	});

	it('hides the user and password of a base URL that does not parse (a port out of range)', () => {
		const typo = ' https://user:pw@aip.baidubce.com:99999/rest?access_token=24.SECRET';
		expect(safeBaseUrl(typo)).toBe('https://aip.baidubce.com:99999/rest');
		expect(describeTransportFailure('reset', { baseUrl: typo }).message).toBe(
			'The connection to Baidu broke before an answer arrived (https://aip.baidubce.com:99999/rest)',
		);
	});
});
