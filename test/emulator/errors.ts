/**
 * Baidu's error table as the emulator answers it: code → error_msg, worded as Baidu
 * words it (typos included: "urls not exit").
 */
export const ERROR_MESSAGES: Readonly<Record<number, string>> = {
	1: 'Unknown error',
	2: 'Service temporarily unavailable',
	3: 'Unsupported openapi method',
	4: 'Open api request limit reached',
	6: 'No permission to access data',
	14: 'IAM Certification failed',
	17: 'Open api daily request limit reached',
	18: 'Open api qps request limit reached',
	19: 'Open api total request limit reached',
	100: 'Invalid parameter',
	110: 'Access token invalid or no longer valid',
	111: 'Access token expired',
	216100: 'invalid param',
	216101: 'not enough param',
	216102: 'service not support',
	216103: 'param too long',
	216110: 'appid not exist',
	216200: 'empty image',
	216201: 'image format error',
	216202: 'image size error',
	216630: 'recognize error',
	216634: 'detect error',
	272000: 'structure failed',
	272001: 'classify failed',
	272002: 'structure failed',
	272003: 'unsuccessfully detected receipt',
	272004: 'classifier does not exist',
	282000: 'internal error',
	282003: 'missing parameters',
	282004: "invalid parameter, appId doesn't own this template nor not launch",
	282110: 'urls not exit',
	282111: 'url format illegal',
	282112: 'url download timeout',
	282113: 'url response invalid',
	282114: 'url size error',
};

export function errorMessage(code: number): string {
	return ERROR_MESSAGES[code] ?? 'Unknown error';
}
