import { formValueLength, writeFormValue } from '../formValue';
import type { Payload, RecognitionTarget } from '../model';

const GENERAL_PATH = '/rest/2.0/solution/v1/iocr/recognise';
const FINANCE_PATH = '/rest/2.0/solution/v1/iocr/recognise/finance';

export function recognitionUrl(baseUrl: string, target: RecognitionTarget): string {
	return `${baseUrl.replace(/\/+$/, '')}${target.edition === 'finance' ? FINANCE_PATH : GENERAL_PATH}`;
}

/**
 * The template ID that asks the finance edition for mixed-receipt detection. Working callers
 * send it; `detectorId=0` alone is refused with 282004 "modelId is not number" (evidence in
 * docs/baidu-api-notes.md).
 */
export const MIXED_RECEIPT_TEMPLATE = 'mixed_receipt';

/**
 * The selector, in Baidu's priority order (templateSign > classifierId): only one is sent, so
 * the request says what the user chose and nothing Baidu would ignore. Mixed receipts (the
 * target's `detectorId`) go as `templateSign=mixed_receipt`.
 */
function selectorField(target: RecognitionTarget): string {
	if (target.templateSign) return `templateSign=${encodeURIComponent(target.templateSign)}`;
	if (target.detectorId !== undefined) return `templateSign=${MIXED_RECEIPT_TEMPLATE}`;
	if (target.classifierId) return `classifierId=${encodeURIComponent(target.classifierId)}`;
	return '';
}

/**
 * The application/x-www-form-urlencoded body, percent-encoded exactly once, as one Buffer: the
 * file goes first, base64 and urlencoded straight from its bytes into the body (no string is
 * made), then the selector. `allocate` gives the memory for it (the router reuses one per
 * request in flight); it may hold old bytes, every one of which is overwritten.
 */
export function recognitionBody(
	target: RecognitionTarget,
	payload: Payload,
	allocate: (size: number) => Buffer = (size) => Buffer.allocUnsafe(size),
): Buffer {
	const selector = selectorField(target);
	if (payload.field === 'url') {
		const fields = [`url=${encodeURIComponent(payload.url)}`, selector].filter(Boolean);
		return Buffer.from(fields.join('&'), 'utf8');
	}
	const head = `${payload.field}=`;
	const tail = selector ? `&${selector}` : '';
	const valueLength = payload.encodedLength ?? formValueLength(payload.bytes);
	const size = head.length + valueLength + tail.length;
	const body = allocate(size);
	body.write(head, 0, 'latin1');
	const valueEnd = writeFormValue(payload.bytes, body, head.length);
	// The buffer holds old memory (allocUnsafe, or an earlier body): every byte must be written.
	if (valueEnd !== head.length + valueLength) {
		throw new Error(`form value is ${valueEnd - head.length} bytes, expected ${valueLength}`);
	}
	body.write(tail, valueEnd, 'latin1');
	return body;
}
