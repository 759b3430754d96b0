import { readImageSize } from '../../input/fileType';
import { readPdfPageSize } from '../../input/pdf/pageSize';
import type { FileKind } from '../../model';
import type { Rect } from './layout';
import { dataUri } from './svg';

/**
 * What the boxes are drawn on, in Baidu's box units: the image itself for PNG, JPEG and BMP
 * (embedded as a data: URI), otherwise a blank page of the right size with the values written
 * in the boxes.
 */

/** The checked file of a document, as the router has it (a CheckedFile fits). */
export interface PictureFile {
	kind: FileKind;
	/** The file's bytes: embedded for an image, read for its page size for a PDF. */
	bytes?: Uint8Array;
	/** Image side lengths in pixels, when already read. */
	width?: number;
	height?: number;
}

export interface PicturePage {
	/** The page's size in Baidu's box units. */
	width: number;
	height: number;
	/** The image as a data: URI; absent when the boxes are drawn on a blank page. */
	href?: string;
	/** What the page is when it is not the image itself, for the title strip. */
	note?: string;
}

/** The largest right and bottom edge of the boxes (0 without boxes). */
function boxesExtent(boxes: Rect[]): { right: number; bottom: number } {
	let right = 0;
	let bottom = 0;
	for (const box of boxes) {
		right = Math.max(right, box.x + box.width);
		bottom = Math.max(bottom, box.y + box.height);
	}
	return { right, bottom };
}

/** A blank page just larger than the boxes (A4-shaped, 595 x 842, without any box). */
function pageAroundBoxes(boxes: Rect[], note: string): PicturePage {
	const { right, bottom } = boxesExtent(boxes);
	if (right <= 0 || bottom <= 0) return { width: 595, height: 842, note };
	const margin = Math.max(right, bottom) * 0.04;
	return { width: Math.ceil(right + margin), height: Math.ceil(bottom + margin), note };
}

/**
 * Box units per PDF point tried in turn: 1 (what the emulator answers: its sample invoice.pdf
 * is 960 x 600 pt with the boxes of the 960 x 600 px JPEG), then the common rendering
 * resolutions (96, 144, 150, 200, 300, 400, 600 dpi). Baidu does not document the unit.
 */
const UNITS_PER_POINT = [1, 96 / 72, 2, 150 / 72, 200 / 72, 300 / 72, 400 / 72, 600 / 72];

/** Boxes may stick out of the page by this share and still count as fitting. */
const FIT_TOLERANCE = 1.02;

function formatPoints(value: number): string {
	return String(Math.round(value * 10) / 10);
}

/**
 * A PDF page of the size its MediaBox (and CropBox) gives, in box units: one unit per point,
 * unless the boxes reach beyond such a page; then the first common resolution at which they
 * fit, and if none does, the scale that just fits them.
 */
function pdfPage(bytes: Uint8Array | undefined, boxes: Rect[]): PicturePage {
	const size = bytes ? readPdfPageSize(bytes) : undefined;
	if (!size) {
		return pageAroundBoxes(
			boxes,
			'PDF page not rendered and its size unreadable: boxes drawn on a page just larger than they are',
		);
	}
	const { right, bottom } = boxesExtent(boxes);
	const fits = (scale: number) =>
		right <= size.width * scale * FIT_TOLERANCE && bottom <= size.height * scale * FIT_TOLERANCE;
	let scale = UNITS_PER_POINT.find(fits);
	if (scale === undefined) scale = Math.max(right / size.width, bottom / size.height);
	const dimensions = `${formatPoints(size.width)} x ${formatPoints(size.height)} pt`;
	const unit =
		scale === 1
			? 'box units taken as points'
			: `boxes larger than the page in points, so units taken as 1/${Math.round(scale * 72)} inch`;
	return {
		width: size.width * scale,
		height: size.height * scale,
		note: `PDF page (${dimensions}), not rendered: values written in their boxes; ${unit}`,
	};
}

/**
 * The page for a document's picture. `file` is the document's checked file; without one (a
 * URL, which Baidu downloads itself) the boxes are drawn on a blank page just larger than they
 * are.
 */
export function picturePage(file: PictureFile | undefined, boxes: Rect[]): PicturePage {
	if (!file) {
		return pageAroundBoxes(
			boxes,
			'Image not available to the node (Baidu downloaded it): values written in their boxes',
		);
	}
	if (file.kind === 'pdf') return pdfPage(file.bytes, boxes);

	let { width, height } = file;
	if ((width === undefined || height === undefined) && file.bytes) {
		const size = readImageSize(file.bytes, file.kind);
		if ('width' in size) ({ width, height } = size);
	}
	if (width === undefined || height === undefined || !(width > 0) || !(height > 0)) {
		return pageAroundBoxes(
			boxes,
			'Image size unreadable: values written in their boxes on a page just larger than they are',
		);
	}
	if (!file.bytes || file.bytes.length === 0) {
		return { width, height, note: 'Image not embedded: values written in their boxes' };
	}
	return { width, height, href: dataUri(file.kind, file.bytes) };
}
