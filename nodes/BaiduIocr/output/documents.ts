import type { IDataObject } from 'n8n-workflow';

import type { Answer, DocumentSource, RecognisedDocument } from '../model';
import { isReceipt, isRecord, readEntries, readLogId } from './read';

/** Baidu's log id: the answer's own, else `data.logId`, else `data.log_id`. */
function answerLogId(answer: Answer, data: IDataObject): string | undefined {
	return readLogId(answer.logId) ?? readLogId(data.logId) ?? readLogId(data.log_id) ?? undefined;
}

function answerData(answer: Answer): IDataObject {
	return isRecord(answer.data) ? answer.data : {};
}

export function malformedReceiptWarning(receiptIndex: number): string {
	return `Receipt ${receiptIndex + 1} in Baidu's answer has no list of fields; it is passed on empty so it is not lost`;
}

/** The normal case: one answer is one recognised document. */
export function toRecognisedDocument(
	answer: Answer,
	source: DocumentSource,
	warnings: string[],
): RecognisedDocument {
	const data = answerData(answer);
	const document: RecognisedDocument = { source: { ...source }, warnings: [...warnings], data };
	const logId = answerLogId(answer, data);
	if (logId !== undefined) document.logId = logId;
	return document;
}

/**
 * Finance mixed-receipt detection (`detectorId=0`): `data.ret[]` holds one object per
 * receipt, each with its own `templateSign` and nested `ret[]`. Each receipt becomes its own
 * document with `receiptIndex` (its 0-based position in `data.ret`) and the answer's log id.
 *
 * The schema is partly unconfirmed, so:
 * - if no element of `data.ret` looks like a receipt (an object with a `ret` array), the
 *   whole answer is one document, as in `toRecognisedDocument` (no receiptIndex);
 * - an element that is not a receipt among receipts is kept as an empty receipt with a
 *   warning, so the user sees that something was there and the indexes stay Baidu's.
 */
export function splitReceipts(
	answer: Answer,
	source: DocumentSource,
	warnings: string[],
): RecognisedDocument[] {
	const data = answerData(answer);
	const entries = readEntries(data);
	if (!entries.some(isReceipt)) return [toRecognisedDocument(answer, source, warnings)];

	const logId = answerLogId(answer, data);
	return entries.map((entry, receiptIndex) => {
		const receiptWarnings = [...warnings];
		let receiptData: IDataObject;
		if (isReceipt(entry)) {
			receiptData = entry as IDataObject;
		} else {
			receiptWarnings.push(malformedReceiptWarning(receiptIndex));
			// Keep what was there, unchanged, for raw output; it has no `ret` list to read.
			receiptData = isRecord(entry) ? entry : { received: entry as IDataObject[keyof IDataObject] };
		}
		const document: RecognisedDocument = {
			source: { ...source },
			warnings: receiptWarnings,
			data: receiptData,
			receiptIndex,
		};
		if (logId !== undefined) document.logId = logId;
		return document;
	});
}
