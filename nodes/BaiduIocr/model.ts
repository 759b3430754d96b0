import type { IDataObject } from 'n8n-workflow';

/**
 * The domain words that cross the node's folders: input/ makes Documents, transport/ sends
 * them and returns Answers, output/ turns RecognisedDocuments into items. Nothing here runs.
 */

export type Operation = 'recognizeTemplate' | 'recognizeClassifier' | 'recognizeFinance';

/** Which Baidu endpoint and which of its selectors a request carries. */
export interface RecognitionTarget {
	edition: 'general' | 'finance';
	templateSign?: string;
	classifierId?: string;
	/** Finance edition only: `0` asks Baidu to find several receipts on one sheet. */
	detectorId?: '0';
}

/** File kinds Baidu accepts, decided from the bytes, never from the file name. */
export type FileKind = 'jpeg' | 'png' | 'bmp' | 'pdf';

/** Where a document came from, as the user will see it in the output. */
export interface DocumentSource {
	binaryProperty?: string;
	fileName?: string;
	mimeType?: string;
	url?: string;
	/** For one page of a PDF sent on its own: the page (from 1) and the file's page count. */
	page?: number;
	pageCount?: number;
}

/** One file (or URL) of one input item, to be recognised with one request. */
export interface DocumentRef {
	itemIndex: number;
	/** Position among the documents of the same item (0-based). */
	documentIndex: number;
	source: DocumentSource;
}

/** A document whose bytes passed every check and can be put in a request body. */
export interface CheckedFile {
	kind: FileKind;
	/** The file's bytes, as checked. */
	bytes: Uint8Array;
	/**
	 * Length of the form value after base64 AND urlencoding, as Baidu measures it. Measured
	 * only for a file that could be near the limit; a smaller one is measured when sent.
	 */
	encodedLength?: number;
	/** Image side lengths in pixels; absent for PDF. */
	width?: number;
	height?: number;
	/** Number of pages for a PDF, when it could be read from the file. */
	pageCount?: number;
	/** Things the user should know that do not stop the request (multi-page PDF, ...). */
	warnings: string[];
}

/**
 * A problem found before anything was sent: no request, no quota spent.
 * `message` says what is wrong, `description` what to do about it.
 */
export interface InputProblem {
	message: string;
	description: string;
}

/** What is sent in the form body next to the selectors: exactly one of these. */
export type Payload =
	| { field: 'image' | 'pdf_file'; bytes: Uint8Array; encodedLength?: number }
	| { field: 'url'; url: string };

/** A successful answer from Baidu, parsed without losing digits of big numbers. */
export interface Answer {
	/** `data` exactly as Baidu sent it (big integers turned into strings). */
	data: IDataObject;
	/** Baidu's log id (top-level `log_id`, else `data.logId`), always a string. */
	logId?: string;
}

/**
 * One recognised document as output/ sees it. In finance mixed-receipt detection each
 * receipt found on the sheet is its own RecognisedDocument with a receiptIndex.
 */
export interface RecognisedDocument {
	source: DocumentSource;
	warnings: string[];
	/** Baidu's `data` (or one receipt's entry of `data.ret` in detector mode). */
	data: IDataObject;
	logId?: string;
	receiptIndex?: number;
}

export type OutputMode = 'field' | 'document' | 'raw';

/** What a field's text is read as (Field Types). `text` keeps it as read, as without a rule. */
export type FieldType = 'number' | 'amount' | 'date' | 'dateTime' | 'text';

/** One rule of the Field Types option. */
export interface FieldTypeRule {
	/** A field name (Baidu's `word_name`), or a pattern where `*` stands for any characters. */
	field: string;
	type: FieldType;
	/** Date and Date and Time: how to read dates whose year is not first, e.g. `DD/MM/YYYY`. */
	datePattern?: string;
}

export interface OutputOptions {
	mode: OutputMode;
	/** 0..1; fields whose average confidence is below it get `needsReview: true`. */
	minConfidence?: number;
	/** Copy the input item's JSON fields into every output item. */
	includeInputFields: boolean;
	/**
	 * Field Types, in the user's order (the first rule matching a name applies). Empty or
	 * absent: every value stays the text Baidu read, and the output is as without the option.
	 */
	fieldTypes?: FieldTypeRule[];
}

/** One output item before the router gives it pairedItem and an output index. */
export interface OutputEntry {
	json: IDataObject;
	needsReview: boolean;
}
