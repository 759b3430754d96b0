/**
 * The numbers Attach Review Picture puts on the items (output/pictureNumbers.ts): the field's
 * place in Baidu's order, as drawn on the picture's boxes, keyed in One Item per Document
 * exactly as the entry keys the field's value, whatever renaming the entry did.
 */
import type { IDataObject } from 'n8n-workflow';

import type { OutputOptions, RecognisedDocument } from '../../../nodes/BaiduIocr/model';
import {
	numberDocumentEntry,
	numberFieldEntries,
	toCombinedEntry,
	toOutputEntries,
	toRecognisedDocument,
} from '../../../nodes/BaiduIocr/output';

const p = (average: number) => ({ average, min: average, variance: 0 });
const field = (name: string | null, word: string) => ({
	...(name === null ? {} : { word_name: name }),
	word,
	probability: p(0.9),
	location: { left: 1, top: 1, width: 5, height: 5 },
});

function documentOf(ret: IDataObject[], isStructured = true, page?: number): RecognisedDocument {
	return toRecognisedDocument(
		{ data: { ret, templateSign: 'T', scores: 1, isStructured } },
		{ binaryProperty: 'data', fileName: 'f.pdf', ...(page ? { page, pageCount: 2 } : {}) },
		[],
	);
}

const documentMode: OutputOptions = { mode: 'document', includeInputFields: false };

function numbered(document: RecognisedDocument, options = documentMode, input: IDataObject = {}) {
	const [entry] = toOutputEntries(document, options, input);
	numberDocumentEntry([document], entry, options, input);
	return entry.json;
}

describe('One Item per Field', () => {
	it('gives each item its place in Baidu’s order, just before document', () => {
		const document = documentOf([field('a', '1'), field('b', '2'), field('a', '3')]);
		const entries = toOutputEntries(document, { ...documentMode, mode: 'field' }, {});
		numberFieldEntries(document, entries);
		expect(entries.map((e) => [e.json.field, e.json.pictureNumber])).toEqual([
			['a', 1],
			['b', 2],
			['a', 3],
		]);
		expect(Object.keys(entries[0].json).slice(-2)).toEqual(['pictureNumber', 'document']);
	});

	it('numbers nothing on the one item of a document without fields', () => {
		const document = documentOf([]);
		const entries = toOutputEntries(document, { ...documentMode, mode: 'field' }, {});
		numberFieldEntries(document, entries);
		expect(entries[0].json).not.toHaveProperty('pictureNumber');
	});
});

describe('One Item per Document', () => {
	it('keys the numbers like the values: a list for a repeated name', () => {
		const json = numbered(documentOf([field('a', '1'), field('b', '2'), field('a', '3')]));
		expect(json.pictureNumbers).toEqual({ a: [1, 3], b: 2 });
		expect(Object.keys(json).slice(-2)).toEqual(['pictureNumbers', 'document']);
	});

	it('follows the renaming of names the node or the input uses (confidence, an input key)', () => {
		const options = { ...documentMode, includeInputFields: true };
		const json = numbered(
			documentOf([field('confidence', 'x'), field('subject', 'y'), field('c', 'z')]),
			options,
			{ subject: 'mail' },
		);
		expect(json['confidence (field)']).toBe('x');
		expect(json['subject (field)']).toBe('y');
		expect(json.pictureNumbers).toEqual({ 'confidence (field)': 1, 'subject (field)': 2, c: 3 });
	});

	it('follows Field Types’ reserved keys (texts) and keeps a field named pictureNumbers', () => {
		const options: OutputOptions = {
			...documentMode,
			fieldTypes: [{ field: 'amount', type: 'amount' }],
		};
		const json = numbered(
			documentOf([field('texts', 'a'), field('amount', '¥5'), field('pictureNumbers', 'b')]),
			options,
		);
		expect(json.pictureNumbers).toBe('b');
		expect(json['pictureNumbers (node)']).toEqual({
			'texts (field)': 1,
			amount: 2,
			pictureNumbers: 3,
		});
	});

	it('without Include Input Fields, an input key renames nothing', () => {
		const json = numbered(documentOf([field('subject', 'y')]), documentMode, { subject: 'mail' });
		expect(json.subject).toBe('y');
		expect(json.pictureNumbers).toEqual({ subject: 1 });
	});

	it('one document (no Combine Pages): a field named pages keeps its name', () => {
		const json = numbered(documentOf([field('pages', '7'), field('a', '1')]));
		expect(json.pages).toBe('7');
		expect(json.pictureNumbers).toEqual({ pages: 1, a: 2 });
	});

	it('numbers plain lines under lines, in order, between named fields', () => {
		const json = numbered(documentOf([field('a', '1'), field(null, 'x'), field(null, 'y')]));
		expect(json.pictureNumbers).toEqual({ a: 1, lines: [2, 3] });
		const plain = numbered(documentOf([field('ignored', 'x'), field(null, 'y')], false));
		expect(plain.pictureNumbers).toEqual({ lines: [1, 2] });
	});

	it('Combine Pages: each page counts from 1, keyed like pages (a field named pages too)', () => {
		const pages = [
			documentOf([field('a', '1'), field('pages', '2')], true, 1),
			documentOf([field('b', '3'), field('a', '4')], true, 2),
		];
		const entry = toCombinedEntry(pages, documentMode, {});
		numberDocumentEntry(pages, entry, documentMode, {}, true);
		expect(entry.json.pictureNumbers).toEqual({ a: [1, 2], 'pages (field)': 2, b: 1 });
		expect(entry.json.pages).toEqual({ a: [1, 2], 'pages (field)': 1, b: 2 });
	});

	it('Combine Pages, a structured page and a plain one: names from the first, lines from the other', () => {
		const pages = [
			documentOf([field('a', '1'), field('b', '2')], true, 1),
			documentOf([field('x', 'l1'), field(null, 'l2')], false, 2),
		];
		const entry = toCombinedEntry(pages, documentMode, {});
		numberDocumentEntry(pages, entry, documentMode, {}, true);
		expect(entry.json.lines).toEqual(['l1', 'l2']);
		expect(entry.json.pictureNumbers).toEqual({ a: 1, b: 2, lines: [1, 2] });
	});
});
