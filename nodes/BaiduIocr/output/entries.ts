import { deepCopy, isSafeObjectProperty, type IDataObject } from 'n8n-workflow';

import type { OutputEntry, OutputOptions, RecognisedDocument } from '../model';
import type { RecognisedField } from './read';
import { documentNeedsReview, fieldNeedsReview, minimumOf } from './review';
import { typeField, typingOn } from './typing';
import { viewDocument, type DocumentView } from './view';

/**
 * A recognised document → the entries n8n will show, in one of three shapes:
 *
 * - `field` (default): one entry per `data.ret` element, in Baidu's order:
 *   `{ field, value, confidence, location, needsReview?, document }`.
 * - `document`: one entry, the field values flat at the top level (a list when a name
 *   repeats), then `lines?`, `confidence`, `needsReview?`, `reviewFields?`, `document`.
 * - `raw`: one entry, `{ data: Baidu's data unchanged, needsReview?, document }`.
 *
 * `document` is the same in every mode: `{ templateSign, classifierScore, isStructured,
 * logId, source, receiptIndex?, warnings }`. `needsReview`/`reviewFields` appear only when
 * a minimum confidence or Field Types are set (see review.ts for the rule).
 *
 * Field Types (typing.ts; not in raw mode, which stays Baidu's data): a field whose name
 * matches a rule has its typed value as `value` (field mode) or as its column (document mode),
 * and the text Baidu read beside it, as `text` or in `texts` (keyed like `confidence`). A text
 * that does not read as its type stays the value; the entry needs review, with the reason as
 * `reviewReason` (field mode) or in `reviewReasons` (document mode, keyed like `confidence`).
 *
 * With `includeInputFields` the input item's keys come first and the node's keys override
 * them; in document mode a recognised field never overrides an input key (it is renamed,
 * as for the node's own keys).
 *
 * Every entry gets its own copies: no object is shared between entries or with the input.
 */
export function toOutputEntries(
	document: RecognisedDocument,
	options: OutputOptions,
	inputJson: IDataObject,
): OutputEntry[] {
	const view = viewDocument(document);
	const input = options.includeInputFields && inputJson ? inputJson : {};
	const start = (): IDataObject => deepCopy(input);

	switch (options.mode) {
		case 'document':
			return [documentEntry(view, options, start(), Object.keys(input))];
		case 'raw':
			return [rawEntry(document, view, minimumOf(options), start())];
		default:
			return fieldEntries(view, options, start);
	}
}

function confidenceJson(field: RecognisedField): IDataObject | null {
	return field.confidence === null ? null : { ...field.confidence };
}

function locationJson(field: RecognisedField): IDataObject | null {
	return field.location === null ? null : { ...field.location };
}

function fieldEntries(
	view: DocumentView,
	options: OutputOptions,
	start: () => IDataObject,
): OutputEntry[] {
	const minimum = minimumOf(options);
	const reviewKeys = minimum !== null || typingOn(options);
	const wholeDocumentReview = documentNeedsReview(view);

	if (view.fields.length === 0) {
		// Nothing recognised: one entry anyway, so the input item is not silently lost.
		const json = start();
		json.field = null;
		json.value = null;
		json.confidence = null;
		json.location = null;
		if (reviewKeys) json.needsReview = minimum !== null;
		json.document = deepCopy(view.metadata);
		return [{ json, needsReview: minimum !== null }];
	}

	return view.fields.map((field) => {
		// Plain lines carry no field name, even if Baidu sent one (and so match no Field Type).
		const name = view.isStructured ? field.name : null;
		const typed = typeField(name, field.value, options);
		const needsReview =
			(minimum !== null && (wholeDocumentReview || fieldNeedsReview(field, minimum))) ||
			typed?.reason !== undefined;
		const json = start();
		json.field = name;
		json.value = typed ? typed.value : field.value;
		if (typed) json.text = typed.text;
		json.confidence = confidenceJson(field);
		json.location = locationJson(field);
		if (reviewKeys) json.needsReview = needsReview;
		if (typed?.reason !== undefined) json.reviewReason = typed.reason;
		json.document = deepCopy(view.metadata);
		return { json, needsReview };
	});
}

/** Keys the node writes itself in document mode; a field with one of these names is renamed. */
export const DOCUMENT_MODE_KEYS = [
	'confidence',
	'document',
	'needsReview',
	'reviewFields',
	'lines',
] as const;

/** Keys document mode writes as well when Field Types are set. */
export const TYPED_DOCUMENT_KEYS = ['texts', 'reviewReasons'] as const;

/**
 * The top-level key for each distinct field name, in order of first appearance. A name
 * that is taken (by the node's keys, an input key, an earlier field, or a name JavaScript
 * objects cannot hold safely such as `__proto__`) becomes `<name> (field)`, then
 * `<name> (field 2)`, ... so that no metadata is ever overwritten.
 */
export function documentKeys(names: string[], reserved: Iterable<string>): Map<string, string> {
	const taken = new Set<string>(reserved);
	const keys = new Map<string, string>();
	for (const name of names) {
		if (keys.has(name)) continue;
		let key = name;
		for (let n = 1; taken.has(key) || !isSafeObjectProperty(key); n++) {
			key = n === 1 ? `${name} (field)` : `${name} (field ${n})`;
		}
		taken.add(key);
		keys.set(name, key);
	}
	return keys;
}

/**
 * Combine Pages: the page each field of `view` came from (parallel to `view.fields`), written
 * as `pages` next to `confidence`; and whether the whole file needs review (a page did).
 */
export interface FieldPages {
	pageOf: number[];
	wholeReview: boolean;
}

/** A list of one is its value; several are the list (a repeated name), in Baidu's order. */
function oneOrList<T>(list: T[]): T | T[] {
	return list.length === 1 ? list[0] : list;
}

export function documentEntry(
	view: DocumentView,
	options: OutputOptions,
	json: IDataObject,
	inputKeys: string[],
	fieldPages?: FieldPages,
): OutputEntry {
	const minimum = minimumOf(options);
	const typing = typingOn(options);
	const pageOf = new Map<RecognisedField, number>();
	view.fields.forEach((field, i) => {
		if (fieldPages) pageOf.set(field, fieldPages.pageOf[i]);
	});
	const named = view.isStructured ? view.fields.filter((field) => field.name !== null) : [];
	const lines = view.isStructured
		? view.fields.filter((field) => field.name === null)
		: view.fields;

	const keys = documentKeys(
		named.map((field) => field.name as string),
		[
			...DOCUMENT_MODE_KEYS,
			...(typing ? TYPED_DOCUMENT_KEYS : []),
			...(fieldPages ? ['pages'] : []),
			...inputKeys,
		],
	);
	const values = new Map<string, Array<string | number>>();
	const averages = new Map<string, Array<number | null>>();
	const pages = new Map<string, number[]>();
	// Field Types: the texts of typed keys and why a text did not read as its type (or null),
	// parallel to the key's values. A name has one rule, so a key is typed in all its values.
	const texts = new Map<string, string[]>();
	const reasons = new Map<string, Array<string | null>>();
	const review: string[] = [];
	for (const field of named) {
		const key = keys.get(field.name as string) as string;
		if (!values.has(key)) {
			values.set(key, []);
			averages.set(key, []);
			pages.set(key, []);
		}
		const typed = typeField(field.name, field.value, options);
		values.get(key)?.push(typed ? typed.value : field.value);
		averages.get(key)?.push(field.confidence?.average ?? null);
		pages.get(key)?.push(pageOf.get(field) as number);
		if (typed) {
			texts.set(key, [...(texts.get(key) ?? []), typed.text]);
			reasons.set(key, [...(reasons.get(key) ?? []), typed.reason ?? null]);
		}
		const flagged =
			(minimum !== null && fieldNeedsReview(field, minimum)) || typed?.reason !== undefined;
		if (flagged && !review.includes(key)) review.push(key);
	}

	const confidence: IDataObject = {};
	const pagesJson: IDataObject = {};
	const textsJson: IDataObject = {};
	const reasonsJson: IDataObject = {};
	for (const [key, list] of values) {
		// A name Baidu sent once is a value; a repeated name is a list, in Baidu's order.
		json[key] = oneOrList(list);
		confidence[key] = oneOrList(averages.get(key) ?? []);
		pagesJson[key] = oneOrList(pages.get(key) ?? []);
		const textList = texts.get(key);
		if (textList) textsJson[key] = oneOrList(textList);
		const reasonList = reasons.get(key) ?? [];
		if (reasonList.some((reason) => reason !== null)) reasonsJson[key] = oneOrList(reasonList);
	}

	// Unstructured documents always have `lines`; structured ones only for unnamed entries.
	if (!view.isStructured || lines.length > 0) {
		json.lines = lines.map((line) => line.value);
		pagesJson.lines = lines.map((line) => pageOf.get(line) as number);
		const linesNeedReview =
			minimum !== null &&
			lines.length > 0 &&
			(!view.isStructured || lines.some((line) => fieldNeedsReview(line, minimum)));
		if (linesNeedReview) review.push('lines');
	}
	json.confidence = confidence;
	if (typing) json.texts = textsJson;
	if (fieldPages) json.pages = pagesJson;

	// `review` holds only Field Types failures when no minimum is set.
	const wholeReview = fieldPages ? fieldPages.wholeReview : documentNeedsReview(view);
	const needsReview = review.length > 0 || (minimum !== null && wholeReview);
	if (minimum !== null || typing) {
		json.needsReview = needsReview;
		json.reviewFields = review;
	}
	if (typing) json.reviewReasons = reasonsJson;
	json.document = deepCopy(view.metadata);
	return { json, needsReview };
}

function rawEntry(
	document: RecognisedDocument,
	view: DocumentView,
	minimum: number | null,
	json: IDataObject,
): OutputEntry {
	const needsReview =
		minimum !== null &&
		(documentNeedsReview(view) || view.fields.some((field) => fieldNeedsReview(field, minimum)));
	json.data = deepCopy(document.data ?? {});
	if (minimum !== null) json.needsReview = needsReview;
	json.document = deepCopy(view.metadata);
	return { json, needsReview };
}
