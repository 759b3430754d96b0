import type { DocumentSource } from '../../model';
import { readNumber, readText } from '../read';
import type { DocumentView } from '../view';
import { shown } from './svg';

/** What the title strip says and what the picture's file is called. */

/** The last path segment of a URL, decoded when it can be; '' when there is none. */
function urlName(url: string): string {
	const path = url.split(/[?#]/)[0].replace(/\/+$/, '');
	const segment = path.slice(path.lastIndexOf('/') + 1);
	if (/^[a-z][a-z0-9+.-]*:$/i.test(segment)) return '';
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/** The document's name for people: its file name, else its URL's last segment. */
function documentName(source: DocumentSource): string {
	if (source.fileName) return source.fileName;
	if (source.url) return urlName(source.url) || source.url;
	if (source.binaryProperty) return `binary property '${source.binaryProperty}'`;
	return 'Document';
}

function pageAndReceipt(source: DocumentSource, receiptIndex: number | undefined): string[] {
	const parts: string[] = [];
	if (source.page !== undefined) {
		parts.push(
			source.pageCount !== undefined
				? `page ${source.page} of ${source.pageCount}`
				: `page ${source.page}`,
		);
	}
	if (receiptIndex !== undefined) parts.push(`receipt ${receiptIndex + 1}`);
	return parts;
}

export interface PictureTitle {
	/** First line: the file (or URL), the page and the receipt. */
	heading: string;
	/** Second line: the template and, after a classifier, its score. */
	details: string;
}

export function pictureTitle(source: DocumentSource, view: DocumentView): PictureTitle {
	const receiptIndex = readNumber(view.metadata.receiptIndex) ?? undefined;
	const heading = [shown(documentName(source)), ...pageAndReceipt(source, receiptIndex)].join(
		' · ',
	);
	const templateSign = readText(view.metadata.templateSign);
	const score = readNumber(view.metadata.classifierScore);
	const details = [
		templateSign ? `Template ${shown(templateSign)}` : 'No template named in the answer',
		...(score !== null && score !== 1 ? [`classifier score ${score}`] : []),
	].join(' · ');
	return { heading, details };
}

/** Characters no file system accepts in a name, and control characters. */
function fileNameSafe(value: string): string {
	return (
		shown(value)
			.replace(/[\\/:*?"<>|]/g, '_')
			.replace(/\s+/g, ' ')
			.trim()
			// A name of dots only would mean "here" or "up" to a file system.
			.replace(/^\.+$/, '')
	);
}

/**
 * The picture's file name: the document's name without its extension, the page and receipt,
 * then `-review.svg` (or `.png`): `train-ticket-review.svg`, `invoice-p2-review.png`,
 * `sheet-receipt2-review.svg`.
 */
export function pictureFileName(
	source: DocumentSource,
	receiptIndex?: number,
	extension: 'svg' | 'png' = 'svg',
): string {
	const given = source.fileName ?? (source.url ? urlName(source.url) : '');
	// A name that carries a path keeps only its last part.
	const name = given.slice(Math.max(given.lastIndexOf('/'), given.lastIndexOf('\\')) + 1);
	let stem = fileNameSafe(name.replace(/\.[A-Za-z0-9]{1,5}$/, ''));
	// At most 100 characters (code points, not UTF-16 units), no space left at the cut.
	stem = [...stem].slice(0, 100).join('').trim();
	if (stem === '') stem = 'document';
	const page = source.page !== undefined ? `-p${source.page}` : '';
	const receipt = receiptIndex !== undefined ? `-receipt${receiptIndex + 1}` : '';
	return `${stem}${page}${receipt}-review.${extension}`;
}
