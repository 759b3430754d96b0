import { PdfDocument } from './document';
import { PdfSplitError } from './objects';
import { readPageTree, type PageTree } from './pages';
import { writePage } from './writer';

/**
 * Cuts a PDF into one-page PDFs without a PDF library (the node may import nothing but
 * n8n-workflow at runtime). `openPdf` reads the cross-reference and the page tree; `cutPage`
 * then writes one page at a time, reading only the objects that page reaches.
 */

export { PdfSplitError } from './objects';

export interface SplitPdf {
	pageCount: number;
	/** Page `index` (0-based) as a PDF of its own. Throws a PdfSplitError when it cannot be cut. */
	cutPage(index: number): Uint8Array;
}

/** The error as the splitter reports it: a PdfSplitError with the right reason. */
function splitError(reason: 'unreadable' | 'page', error: unknown): PdfSplitError {
	if (error instanceof PdfSplitError && (reason === 'unreadable' || error.reason === 'page'))
		return error;
	// Anything unexpected (a RangeError on damaged data, ...) is a file or page that cannot be read.
	return new PdfSplitError(reason, error instanceof Error ? error.message : String(error));
}

function wrap<T>(reason: 'unreadable' | 'page', run: () => T): T {
	let failure: unknown;
	try {
		return run();
	} catch (error) {
		failure = error;
	}
	throw splitError(reason, failure);
}

/** Opens a PDF for cutting. Throws a PdfSplitError: `encrypted`, or `unreadable`. */
export function openPdf(bytes: Uint8Array): SplitPdf {
	const { doc, tree } = wrap('unreadable', () => {
		const doc = new PdfDocument(bytes);
		return { doc, tree: readPageTree(doc) as PageTree };
	});
	if (tree.pages.length === 0) throw new PdfSplitError('unreadable', 'the PDF has no pages');
	return {
		pageCount: tree.pages.length,
		cutPage(index: number): Uint8Array {
			const entry = tree.pages[index];
			if (!entry) throw new PdfSplitError('page', `there is no page ${index + 1}`);
			return wrap('page', () => writePage(doc, tree, entry));
		},
	};
}
