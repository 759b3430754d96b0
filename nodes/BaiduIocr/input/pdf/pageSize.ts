import { PdfDocument } from './document';
import { PdfNum, type PdfValue } from './objects';
import { readPageTree } from './pages';

/**
 * The size of a PDF page as a viewer shows it, in PDF points (1/72 inch): the CropBox (the
 * visible area; the MediaBox when there is none) clipped to the MediaBox, times /UserUnit, with
 * width and height swapped for a page turned by /Rotate 90 or 270. MediaBox, CropBox and Rotate
 * may be inherited from the page tree (ISO 32000-1, 7.7.3.3 and 14.11.2).
 */
export interface PdfPageSize {
	width: number;
	height: number;
}

type Box = [number, number, number, number];

/** A rectangle [llx lly urx ury], normalised so that the first corner is the lower left. */
function boxOf(doc: PdfDocument, value: PdfValue | undefined): Box | undefined {
	const array = doc.resolve(value);
	if (!Array.isArray(array) || array.length !== 4) return undefined;
	const numbers: number[] = [];
	for (const item of array) {
		const number = doc.resolve(item);
		if (!(number instanceof PdfNum) || !Number.isFinite(number.value)) return undefined;
		numbers.push(number.value);
	}
	const [x1, y1, x2, y2] = numbers;
	return [Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)];
}

function numberOf(doc: PdfDocument, value: PdfValue | undefined): number | undefined {
	const number = doc.resolve(value);
	return number instanceof PdfNum && Number.isFinite(number.value) ? number.value : undefined;
}

/**
 * Page `index` (0-based) of the PDF in `bytes`; undefined when the file, its page tree or the
 * page's MediaBox cannot be read, or the visible area is empty. Never throws.
 */
export function readPdfPageSize(bytes: Uint8Array, index = 0): PdfPageSize | undefined {
	try {
		const doc = new PdfDocument(bytes);
		const entry = readPageTree(doc).pages[index];
		if (!entry) return undefined;
		const page = entry.dict;
		const attribute = (key: string) => page.get(key) ?? entry.inherited.get(key);

		const media = boxOf(doc, attribute('MediaBox'));
		if (!media) return undefined;
		const crop = boxOf(doc, attribute('CropBox')) ?? media;
		const width = Math.min(crop[2], media[2]) - Math.max(crop[0], media[0]);
		const height = Math.min(crop[3], media[3]) - Math.max(crop[1], media[1]);
		if (!(width > 0) || !(height > 0)) return undefined;

		const userUnit = numberOf(doc, page.get('UserUnit'));
		const unit = userUnit !== undefined && userUnit > 0 ? userUnit : 1;
		const rotate = numberOf(doc, attribute('Rotate')) ?? 0;
		const quarterTurns = ((Math.round(rotate / 90) % 4) + 4) % 4;
		const turned = quarterTurns % 2 === 1;
		return {
			width: (turned ? height : width) * unit,
			height: (turned ? width : height) * unit,
		};
	} catch {
		return undefined;
	}
}
