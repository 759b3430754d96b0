import type { IDataObject } from 'n8n-workflow';

import type { OutputEntry, OutputOptions, RecognisedDocument } from '../model';
import { DOCUMENT_MODE_KEYS, documentKeys, TYPED_DOCUMENT_KEYS } from './entries';
import { typingOn } from './typing';
import { viewDocument } from './view';

/**
 * Attach Review Picture numbers every field's box: 1, 2, … in Baidu's order, per picture. The
 * items carry the same numbers, so that whoever checks the picture can tell which box is which
 * field (the PNG shows only the numbers):
 *
 * - One Item per Field: `pictureNumber: 3` on the field's item.
 * - One Item per Document: `pictureNumbers`, keyed like `confidence` (a list for a repeated
 *   name, `lines` for plain lines). With Combine Pages each page's picture (`review_p1`, …)
 *   counts from 1, and `pages` says which page a number belongs to.
 *
 * Raw Response items get none: there a field's number is its place in `data.ret`.
 */

export const PICTURE_NUMBER_KEY = 'pictureNumber';
export const PICTURE_NUMBERS_KEY = 'pictureNumbers';

/**
 * Sets `key` on the entry just before `document` (every entry has one: entries.ts), so that
 * `document` stays the last key.
 */
function setBeforeDocument(json: IDataObject, key: string, value: IDataObject[string]): void {
	const document = json.document;
	delete json.document;
	json[key] = value;
	json.document = document;
}

/** One Item per Field: each field's item gets its number (not the one item of an empty document). */
export function numberFieldEntries(document: RecognisedDocument, entries: OutputEntry[]): void {
	const { fields } = viewDocument(document);
	if (fields.length !== entries.length) return;
	entries.forEach((entry, index) => setBeforeDocument(entry.json, PICTURE_NUMBER_KEY, index + 1));
}

/**
 * One Item per Document (one document, or with `combined` the pages of a file, Combine Pages):
 * the numbers keyed as the entry keys its values, by entries.ts's documentKeys on the same
 * names with the same reserved keys.
 */
export function numberDocumentEntry(
	documents: RecognisedDocument[],
	entry: OutputEntry,
	options: OutputOptions,
	inputJson: IDataObject,
	combined = false,
): void {
	const views = documents.map(viewDocument);
	const structured = views.some((view) => view.isStructured);
	const named: Array<{ name: string; number: number }> = [];
	const lines: number[] = [];
	for (const view of views) {
		view.fields.forEach((field, index) => {
			const name = view.isStructured ? field.name : null;
			if (structured && name !== null) named.push({ name, number: index + 1 });
			else lines.push(index + 1);
		});
	}
	const inputKeys = options.includeInputFields && inputJson ? Object.keys(inputJson) : [];
	const keys = documentKeys(
		named.map(({ name }) => name),
		[
			...DOCUMENT_MODE_KEYS,
			...(typingOn(options) ? TYPED_DOCUMENT_KEYS : []),
			...(combined ? ['pages'] : []),
			...inputKeys,
		],
	);
	const grouped = new Map<string, number[]>();
	for (const { name, number } of named) {
		const key = keys.get(name) as string;
		grouped.set(key, [...(grouped.get(key) ?? []), number]);
	}
	const numbers: IDataObject = {};
	for (const [key, list] of grouped) numbers[key] = list.length === 1 ? list[0] : list;
	if (Array.isArray(entry.json.lines)) numbers.lines = lines;
	// A recognised field of that very name keeps its column; the numbers take the next name.
	const target = grouped.has(PICTURE_NUMBERS_KEY)
		? `${PICTURE_NUMBERS_KEY} (node)`
		: PICTURE_NUMBERS_KEY;
	setBeforeDocument(entry.json, target, numbers);
}
