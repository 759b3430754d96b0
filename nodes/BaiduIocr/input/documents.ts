import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type {
	CheckedFile,
	DocumentRef,
	DocumentSource,
	InputProblem,
	Operation,
	RecognitionTarget,
} from '../model';
import { checkFile, checkUrl } from './check';
import { countPdfPages, sniffFileType } from './fileType';
import { openPdf, PdfSplitError, type SplitPdf } from './pdf/index';
import { parsePageRange, selectPages } from './pdf/range';
import { unreadableFile, type FileReader } from './reader';
import { selectBinaryProperties } from './selection';

/** ", page 2 of 5" for a page of a PDF, for messages; empty otherwise. */
export function pageLabel(source: DocumentSource): string {
	return source.page !== undefined ? `, page ${source.page} of ${source.pageCount}` : '';
}

/** One page of a PDF that is sent on its own. */
export interface PdfPage {
	/** 0-based page number in the file. */
	index: number;
	/** The file has this one page only: it is sent as it is, nothing is cut. */
	whole: boolean;
	/** What the output says about the file's pages (pages left out by Max Pages per File). */
	warnings: string[];
}

/** One document an item asks to recognise, before its file is read. */
export interface PlannedDocument {
	ref: DocumentRef;
	target?: RecognitionTarget;
	url?: string;
	/** A problem found before sending: the document is never sent. */
	problem?: InputProblem;
	/** For a page of a PDF: which one; the page is cut out of the file when it is sent. */
	pdfPage?: PdfPage;
}

function emptyId(label: string, itemIndex: number): InputProblem {
	return {
		message: `The ${label} is empty`,
		description: `Enter the ${label} from the Baidu iOCR console. If it comes from an expression, check that the expression gives a value for item ${itemIndex}.`,
	};
}

/** Which endpoint and selector this item's documents go to; IDs are trimmed. */
function readTarget(
	fn: IExecuteFunctions,
	operation: Operation,
	itemIndex: number,
): RecognitionTarget | InputProblem {
	const id = (name: string) => String(fn.getNodeParameter(name, itemIndex, '') ?? '').trim();
	const edition = operation === 'recognizeFinance' ? 'finance' : 'general';
	let by = operation === 'recognizeClassifier' ? 'classifier' : 'template';
	if (operation === 'recognizeFinance')
		by = fn.getNodeParameter('financeMode', itemIndex, 'template') as string;
	if (by === 'detector') return { edition, detectorId: '0' };
	if (by === 'classifier') {
		const classifierId = id('classifierId');
		return classifierId ? { edition, classifierId } : emptyId('Classifier ID', itemIndex);
	}
	const templateSign = id('templateSign');
	return templateSign ? { edition, templateSign } : emptyId('Template ID', itemIndex);
}

/** Item → documents: which binary properties (or the URL) this item asks to recognise. */
export function documentsOf(
	fn: IExecuteFunctions,
	operation: Operation,
	inputType: 'binary' | 'url',
	item: INodeExecutionData,
	itemIndex: number,
): PlannedDocument[] {
	const read = readTarget(fn, operation, itemIndex);
	const target = 'edition' in read ? read : undefined;
	const targetProblem = 'edition' in read ? undefined : read;

	if (inputType === 'url') {
		const ref: DocumentRef = { itemIndex, documentIndex: 0, source: { url: '' } };
		const checked = checkUrl(String(fn.getNodeParameter('url', itemIndex, '') ?? ''));
		if ('url' in checked) ref.source.url = checked.url;
		return [
			{
				ref,
				target,
				url: 'url' in checked ? checked.url : undefined,
				problem: targetProblem ?? ('message' in checked ? checked : undefined),
			},
		];
	}

	const selectionMode = fn.getNodeParameter('binarySelection', itemIndex, 'named') as
		| 'named'
		| 'all';
	const names =
		selectionMode === 'named'
			? String(fn.getNodeParameter('binaryPropertyName', itemIndex, 'data'))
			: '';
	const available = Object.keys(item.binary ?? {});
	const selection = selectBinaryProperties(available, { mode: selectionMode, names });
	if ('problem' in selection) {
		return [
			{
				ref: { itemIndex, documentIndex: 0, source: { binaryProperty: names || '*' } },
				problem: selection.problem,
			},
		];
	}
	return selection.properties.map((binaryProperty, documentIndex) => {
		const binary = item.binary?.[binaryProperty];
		return {
			ref: {
				itemIndex,
				documentIndex,
				source: { binaryProperty, fileName: binary?.fileName, mimeType: binary?.mimeType },
			},
			target,
			problem: targetProblem,
		};
	});
}

// ---------- PDF pages: one document per page ----------

/** PDF Pages, Page Range and Max Pages per File, as one item asks for them. */
interface PageChoice {
	mode: 'all' | 'first' | 'range';
	range?: ReturnType<typeof parsePageRange>;
	maxPages: number;
}

function pageChoice(fn: IExecuteFunctions, itemIndex: number): PageChoice {
	const mode = fn.getNodeParameter('pdfPages', itemIndex, 'all') as PageChoice['mode'];
	const max = Number(fn.getNodeParameter('maxPdfPages', itemIndex, 50));
	const maxPages = Number.isFinite(max) && max >= 1 ? Math.floor(max) : 50;
	if (mode !== 'range') return { mode, maxPages };
	const text = String(fn.getNodeParameter('pdfPageRange', itemIndex, '') ?? '');
	return { mode, range: parsePageRange(text), maxPages };
}

const REPRINT =
	'Open the file and print it to a new PDF (Print > Save as PDF), or re-save it with a PDF tool, and send that file';

function encryptedProblem(): InputProblem {
	return {
		message:
			'The PDF is encrypted (password-protected), so its pages cannot be cut out and Baidu iOCR cannot read it.',
		description: `Remove the password before this node: ${REPRINT.charAt(0).toLowerCase()}${REPRINT.slice(1)}, or remove the password (for example with qpdf --decrypt).`,
	};
}

function unreadableProblem(detail: string): InputProblem {
	return {
		message: `The PDF's structure could not be read (${detail}), so its pages cannot be cut out.`,
		description: `Baidu iOCR reads only page 1 of a PDF, so this node sends each page as a PDF of its own. ${REPRINT}. Or set PDF Pages to First Page Only to send the file as it is (Baidu reads its page 1).`,
	};
}

/** Whether the file could be a PDF by what n8n knows of it: images are not read to find out. */
function maybePdf(item: INodeExecutionData, property: string | undefined): boolean {
	const binary = property ? item.binary?.[property] : undefined;
	if (!binary) return false;
	if (/\.pdf$/i.test(binary.fileName ?? '')) return true;
	return !/^image\//i.test(binary.mimeType ?? '');
}

/** The pages of one PDF file the item's choice selects, as documents; the file's problem otherwise. */
function pagesOf(
	planned: PlannedDocument,
	bytes: Uint8Array,
	choice: PageChoice,
): PlannedDocument[] {
	const problem = (p: InputProblem) => [{ ...planned, problem: p }];
	let pageCount: number;
	try {
		pageCount = openPdf(bytes).pageCount;
	} catch (error) {
		if (error instanceof PdfSplitError && error.reason === 'encrypted')
			return problem(encryptedProblem());
		// A file the splitter cannot read but that has one page is sent as it is.
		if (countPdfPages(bytes) === 1) pageCount = 0;
		else return problem(unreadableProblem(error instanceof Error ? error.message : String(error)));
	}
	const whole = pageCount <= 1;
	if (whole) pageCount = 1;
	let pages: number[];
	if (choice.mode === 'range') {
		const range = choice.range;
		if (!range || 'problem' in range) return problem((range as { problem: InputProblem }).problem);
		const selected = selectPages(range, pageCount);
		if (!Array.isArray(selected)) return problem(selected);
		pages = selected;
	} else {
		pages = Array.from({ length: pageCount }, (_, i) => i + 1);
	}
	const warnings: string[] = [];
	if (pages.length > choice.maxPages) {
		const left = pages.slice(choice.maxPages);
		const notRead =
			left.length === 1
				? `page ${left[0]} was not read`
				: `${left.length} pages from page ${left[0]} on were not read`;
		warnings.push(
			`Only the first ${choice.maxPages} of the ${pages.length} selected pages of this PDF were sent (Max Pages per File: ${choice.maxPages}); ${notRead}.`,
		);
		pages = pages.slice(0, choice.maxPages);
	}
	return pages.map((page) => ({
		...planned,
		ref: { ...planned.ref, source: { ...planned.ref.source, page, pageCount } },
		pdfPage: { index: page - 1, whole, warnings },
	}));
}

/**
 * An item's documents with each PDF file replaced by one document per selected page (PDF
 * Pages: All Pages or Page Range). Reads each file that may be a PDF once, to count its pages;
 * a file that cannot be read here is left as it is and reported when it is checked.
 * With First Page Only (and for URLs) the documents are returned unchanged.
 */
export async function pdfPageDocuments(
	fn: IExecuteFunctions,
	planned: PlannedDocument[],
	item: INodeExecutionData,
	itemIndex: number,
	file: FileReader,
): Promise<PlannedDocument[]> {
	const choice = pageChoice(fn, itemIndex);
	if (choice.mode === 'first') return planned;
	const documents: PlannedDocument[] = [];
	for (const document of planned) {
		const property = document.ref.source.binaryProperty;
		if (document.problem || document.url !== undefined || !maybePdf(item, property)) {
			documents.push(document);
			continue;
		}
		let bytes: Uint8Array;
		try {
			bytes = await file.read(fn, itemIndex, property as string);
		} catch {
			documents.push(document);
			continue;
		}
		const sniffed = sniffFileType(bytes);
		if (!('kind' in sniffed) || sniffed.kind !== 'pdf') documents.push(document);
		else documents.push(...pagesOf(document, bytes, choice));
	}
	return documents.map((document, documentIndex) => ({
		...document,
		ref: { ...document.ref, documentIndex },
	}));
}

/**
 * The document's file, checked as Baidu will see it: for a page of a PDF, the page cut out as
 * a PDF of its own (never another page: a page that cannot be cut is a problem, not sent).
 * `open` opens the file for cutting (openPdf, or a file opened for an earlier page).
 */
export function checkDocument(
	planned: PlannedDocument,
	bytes: Uint8Array,
	open: (bytes: Uint8Array) => SplitPdf = openPdf,
): CheckedFile | InputProblem {
	const page = planned.pdfPage;
	let sent = bytes;
	if (page && !page.whole) {
		try {
			sent = open(bytes).cutPage(page.index);
		} catch (error) {
			// Not an encrypted file: pagesOf refused it when it opened it to count its pages.
			const detail = error instanceof Error ? error.message : String(error);
			return {
				message: `The page could not be cut out of the PDF (${detail}); it was not sent.`,
				description: `The page uses a structure this node cannot copy, and a PDF sent whole would be read at page 1 only. ${REPRINT} again.`,
			};
		}
	}
	const checked = checkFile(sent, planned.ref.source);
	if (page && 'kind' in checked) checked.warnings.push(...page.warnings);
	if (
		page &&
		!page.whole &&
		!('kind' in checked) &&
		checked.message.startsWith('The file is too large')
	)
		return {
			message: checked.message.replace('The file is', 'This page is'),
			description:
				'This page alone, cut out of the PDF, is over the limit (the other pages are sent on their own). ' +
				'Make its images smaller: scan at 200-300 dpi, or compress the PDF by lowering the resolution of its images, and send it again.',
		};
	return checked;
}

/** The PDF whose pages are being cut, kept for its next page: one file per reader. */
interface OpenFile {
	itemIndex: number;
	property: string;
	pdf: SplitPdf;
}
const openFiles = new WeakMap<FileReader, OpenFile>();

/**
 * Reads the document's file and checks it (checkDocument). The pages of one PDF come one after
 * the other, so the file of a page is kept open (a copy of its bytes, as the reader's memory is
 * reused) until a document of another file is read: a 50-page file is read and its structure
 * parsed once per pass, not once per page. Only one file is kept at a time.
 */
export async function readAndCheckDocument(
	fn: IExecuteFunctions,
	planned: PlannedDocument,
	file: FileReader,
): Promise<CheckedFile | InputProblem> {
	const { itemIndex } = planned.ref;
	const property = planned.ref.source.binaryProperty ?? 'data';
	const page = planned.pdfPage;
	const kept = openFiles.get(file);
	if (page && !page.whole && kept?.itemIndex === itemIndex && kept.property === property)
		return checkDocument(planned, new Uint8Array(0), () => kept.pdf);
	openFiles.delete(file);
	let bytes: Uint8Array;
	try {
		bytes = await file.read(fn, itemIndex, property);
	} catch (error) {
		return unreadableFile(error);
	}
	if (!page || page.whole) return checkDocument(planned, bytes);
	return checkDocument(planned, bytes, (read) => {
		const pdf = openPdf(new Uint8Array(read));
		openFiles.set(file, { itemIndex, property, pdf });
		return pdf;
	});
}
