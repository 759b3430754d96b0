import type { IDataObject } from 'n8n-workflow';

import type { RecognisedDocument } from '../model';
import {
	isReceipt,
	isRecord,
	readBoolean,
	readEntries,
	readField,
	readLogId,
	readNumber,
	readText,
	type RecognisedField,
} from './read';

export const UNSTRUCTURED_WARNING =
	"Baidu could not match the template's structure; these are plain recognised lines";
export const NO_FIELDS_WARNING = 'Baidu recognised no fields in this document';
export const MERGED_RECEIPTS_WARNING =
	"Baidu's answer holds several receipts; their fields are listed together";

export function unreadableWarning(count: number): string {
	return `${count} of Baidu's entries could not be read and were left out (the Raw output shows them)`;
}

/** A RecognisedDocument read once, for every output mode. */
export interface DocumentView {
	/** False when Baidu could not match the template: `fields` are then plain lines. */
	isStructured: boolean;
	/** `data.ret` in Baidu's order. */
	fields: RecognisedField[];
	/** The `document` object every output entry carries. */
	metadata: IDataObject;
}

/**
 * `data.isStructured` when Baidu said it; otherwise inferred: entries without any
 * `word_name` are plain lines, and an empty `ret` is taken as structured (nothing to say).
 */
function readIsStructured(data: IDataObject, fields: RecognisedField[]): boolean {
	const said = readBoolean(data.isStructured);
	if (said !== null) return said;
	return fields.length === 0 || fields.some((field) => field.name !== null);
}

function copySource(source: RecognisedDocument['source']): IDataObject {
	const copy: IDataObject = {};
	for (const [key, value] of Object.entries(source ?? {})) {
		if (value !== undefined) copy[key] = value;
	}
	return copy;
}

export function viewDocument(document: RecognisedDocument): DocumentView {
	const data: IDataObject = isRecord(document.data) ? document.data : {};
	const warnings = [...document.warnings];

	// An unsplit detector answer (receipts in `ret`) still shows every receipt's fields, in
	// order; what is not a receipt among receipts is counted as unreadable.
	const entries: unknown[] = [];
	let unreadable = 0;
	const merged = readEntries(data).some(isReceipt);
	for (const entry of readEntries(data)) {
		if (!merged) entries.push(entry);
		else if (isReceipt(entry)) entries.push(...readEntries(entry as IDataObject));
		else unreadable++;
	}

	const fields: RecognisedField[] = [];
	for (const entry of entries) {
		const field = readField(entry);
		if (field === null) unreadable++;
		else fields.push(field);
	}

	const isStructured = readIsStructured(data, fields);
	if (merged) warnings.push(MERGED_RECEIPTS_WARNING);
	if (!isStructured) warnings.push(UNSTRUCTURED_WARNING);
	if (fields.length === 0) warnings.push(NO_FIELDS_WARNING);
	if (unreadable > 0) warnings.push(unreadableWarning(unreadable));

	const templateSign = readText(data.templateSign);
	const metadata: IDataObject = {
		templateSign: templateSign === null || templateSign === '' ? null : templateSign,
		classifierScore: readNumber(data.scores),
		isStructured,
		logId: readLogId(document.logId) ?? readLogId(data.logId) ?? readLogId(data.log_id),
		source: copySource(document.source),
	};
	if (typeof document.receiptIndex === 'number') metadata.receiptIndex = document.receiptIndex;
	metadata.warnings = warnings;

	return { isStructured, fields, metadata };
}
