import { urlencodeBase64 } from '../input/limits';
import type { Payload, RecognitionTarget } from '../model';

const GENERAL_PATH = '/rest/2.0/solution/v1/iocr/recognise';
const FINANCE_PATH = '/rest/2.0/solution/v1/iocr/recognise/finance';

export function recognitionUrl(baseUrl: string, target: RecognitionTarget): string {
	return `${baseUrl.replace(/\/+$/, '')}${target.edition === 'finance' ? FINANCE_PATH : GENERAL_PATH}`;
}

/**
 * The application/x-www-form-urlencoded body, percent-encoded exactly once. The file goes
 * first and is encoded with the fast base64-only encoder; selectors follow. Only one selector
 * is sent, in Baidu's priority order (templateSign > detectorId > classifierId), so the
 * request says what the user chose and nothing Baidu would silently ignore.
 */
export function recognitionBody(target: RecognitionTarget, payload: Payload): string {
	const parts: string[] = [];
	if (payload.field === 'url') parts.push(`url=${encodeURIComponent(payload.url)}`);
	else parts.push(`${payload.field}=${urlencodeBase64(payload.base64)}`);
	if (target.templateSign) parts.push(`templateSign=${encodeURIComponent(target.templateSign)}`);
	else if (target.detectorId !== undefined) parts.push(`detectorId=${target.detectorId}`);
	else if (target.classifierId)
		parts.push(`classifierId=${encodeURIComponent(target.classifierId)}`);
	return parts.join('&');
}
