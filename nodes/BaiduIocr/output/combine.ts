import { deepCopy, type IDataObject } from 'n8n-workflow';

import type { OutputEntry, OutputOptions, RecognisedDocument } from '../model';
import { documentEntry } from './entries';
import type { RecognisedField } from './read';
import { documentNeedsReview } from './review';
import { viewDocument, type DocumentView } from './view';

/**
 * Combine Pages (One Item per Document): the recognised pages of one PDF file → one entry, a
 * spreadsheet row for the file. Fields of all pages, in page order then Baidu's order; a field
 * found on several pages (or several times) is a list, as repeated names are in one document.
 * `pages` says where each value came from, key for key like `confidence`: the page number, or a
 * list of page numbers parallel to the list of values; `pages.lines` for plain lines. Field
 * Types apply as in one document: typed values in the lists, `texts` and `reviewReasons`
 * parallel to them.
 *
 * `document` describes the file: `templateSign` (a list when the pages matched different
 * templates), `isStructured` (every page was), `source` with `pages` (the pages combined) and
 * `pageCount`, `pages` (per page: page, templateSign, classifierScore, isStructured, logId,
 * warnings), and `warnings` (a warning of every page once; one of some pages only says which).
 */
export function toCombinedEntry(
	documents: RecognisedDocument[],
	options: OutputOptions,
	inputJson: IDataObject,
): OutputEntry {
	const views = documents.map((document) => ({
		view: viewDocument(document),
		page: document.source.page ?? 0,
	}));
	const input = options.includeInputFields && inputJson ? inputJson : {};

	// A page Baidu could not structure gives plain lines, whatever names its entries carry.
	const fields: RecognisedField[] = [];
	const pageOf: number[] = [];
	for (const { view, page } of views) {
		for (const field of view.fields) {
			fields.push(view.isStructured ? field : { ...field, name: null });
			pageOf.push(page);
		}
	}
	const anyStructured = views.some(({ view }) => view.isStructured);
	const combined: DocumentView = {
		isStructured: anyStructured,
		fields,
		metadata: combinedMetadata(documents, views),
	};
	return documentEntry(combined, options, deepCopy(input), Object.keys(input), {
		pageOf,
		wholeReview: views.some(({ view }) => documentNeedsReview(view)),
	});
}

function combinedMetadata(
	documents: RecognisedDocument[],
	views: Array<{ view: DocumentView; page: number }>,
): IDataObject {
	const signs = [...new Set(views.map(({ view }) => view.metadata.templateSign))];
	const warningPages = new Map<string, number[]>();
	for (const { view, page } of views)
		for (const warning of view.metadata.warnings as string[]) {
			const list = warningPages.get(warning) ?? [];
			if (!list.includes(page)) list.push(page);
			warningPages.set(warning, list);
		}
	const warnings = [...warningPages].map(([warning, pages]) =>
		pages.length === views.length
			? warning
			: `Page${pages.length === 1 ? '' : 's'} ${pages.join(', ')}: ${warning}`,
	);
	const first = documents[0]?.source ?? {};
	const source: IDataObject = {};
	for (const key of ['binaryProperty', 'fileName', 'mimeType'] as const)
		if (first[key] !== undefined) source[key] = first[key];
	source.pages = views.map(({ page }) => page);
	if (first.pageCount !== undefined) source.pageCount = first.pageCount;
	return {
		templateSign: signs.length === 1 ? signs[0] : signs,
		isStructured: views.every(({ view }) => view.isStructured),
		source,
		pages: views.map(({ view, page }) => ({
			page,
			templateSign: view.metadata.templateSign,
			classifierScore: view.metadata.classifierScore,
			isStructured: view.metadata.isStructured,
			logId: view.metadata.logId,
			warnings: view.metadata.warnings,
		})),
		warnings,
	};
}
