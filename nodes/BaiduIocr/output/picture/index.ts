import type { RecognisedDocument } from '../../model';
import { BACKGROUND, drawLegend, drawPage, drawTitle, FONT_FAMILY, labelText } from './draw';
import { labelFontSize, type ConfidenceClass } from './layout';
import { classCounts, pictureMarks, type ReviewPictureOptions } from './marks';
import { picturePage, type PictureFile } from './page';
import { element, escape, num, titleElement } from './svg';
import { pictureFileName, pictureTitle } from './title';

/**
 * The review picture: one SVG per recognised document showing the page with every field's box
 * and label, coloured by confidence against the minimum, with a title strip (file, page,
 * template) and a legend. It refers to nothing outside itself: the image is a data: URI, the
 * fonts are the reader's own, there are no scripts, links or styles from elsewhere.
 */

export type { PictureFile } from './page';
export type { ConfidenceClass } from './layout';
export { PICTURE_DEFAULT_MINIMUM } from './layout';
export type { ReviewPictureOptions } from './marks';

export const REVIEW_PICTURE_MIME_TYPE = 'image/svg+xml';

export interface ReviewPicture {
	/** The SVG document, UTF-8 text with an XML declaration. */
	svg: string;
	/** For the binary property: `<file stem>[-p<page>][-receipt<n>]-review.svg`. */
	fileName: string;
	mimeType: typeof REVIEW_PICTURE_MIME_TYPE;
	/** How many fields were drawn in each class (with a box or in the list below the page). */
	counts: Record<ConfidenceClass, number>;
}

function percent(value: number): string {
	return `${Math.round(value * 10000) / 100}%`;
}

/**
 * The review picture of one recognised document. `file` is the document's checked file (kind,
 * bytes, width, height; a CheckedFile fits): PNG, JPEG and BMP are embedded, a PDF is measured
 * and drawn as a blank page; without a file (URL input) the boxes are drawn on a blank page.
 */
export function reviewPicture(
	document: RecognisedDocument,
	file: PictureFile | undefined,
	options: ReviewPictureOptions = {},
): ReviewPicture {
	const { view, marks, minimum, minimumGiven, wholeDocument } = pictureMarks(document, options);
	const boxes = marks.flatMap((mark) => (mark.box ? [mark.box] : []));
	const page = picturePage(file, boxes);

	const font = labelFontSize(page.width, page.height);
	const stroke = Math.max(1, font * 0.14);
	// Whole units around the page, so that an image is drawn on whole pixels, not resampled.
	const margin = Math.ceil(font * 1.9);
	const canvasWidth = Math.ceil(Math.max(page.width + 2 * margin, font * 34));

	const title = pictureTitle(document.source, view);
	// viewDocument always sets them: the document's warnings and its own.
	const warnings = view.metadata.warnings as string[];
	const notes = [...(page.note ? [page.note] : []), ...warnings.slice(0, 3)];
	const titleStrip = drawTitle(
		[
			{ text: title.heading, bold: true, scale: 1.2 },
			{ text: title.details, scale: 0.95 },
			...notes.map((note) => ({ text: note, scale: 0.95 })),
		],
		font,
		canvasWidth,
	);
	const layout = {
		font,
		stroke,
		canvasWidth,
		margin,
		pageX: Math.floor((canvasWidth - page.width) / 2),
		pageY: Math.ceil(titleStrip.height) + margin,
	};

	const counts = classCounts(marks);
	const threshold = percent(minimum);
	const legend = drawLegend(
		!minimumGiven
			? `Compared with ${threshold} (no Minimum Confidence set) · ${marks.length} fields`
			: `Minimum Confidence ${threshold} · ${marks.length} fields`,
		[
			{ cls: 'confident', text: `Confident, at least ${threshold}: ${counts.confident}` },
			{
				cls: 'review',
				text: wholeDocument
					? `Needs review (the whole document): ${counts.review}`
					: `Needs review, below ${threshold}${options.alsoNeedsReview ? ', empty or flagged' : ' or empty'}: ${counts.review}`,
			},
			{ cls: 'none', text: `No confidence from Baidu (?): ${counts.none}` },
		],
		marks
			.map((mark, index) => ({ mark, index }))
			.filter(({ mark }) => !mark.box)
			.map(({ mark, index }) => ({
				cls: mark.cls,
				text: labelText(mark, index, true),
			})),
		layout,
		layout.pageY + page.height + margin,
	);
	const canvasHeight = Math.ceil(layout.pageY + page.height + margin + legend.height);

	const label = `Review of ${title.heading} · ${title.details}`;
	const body =
		titleElement(label) +
		element('rect', { x: 0, y: 0, width: canvasWidth, height: canvasHeight, fill: BACKGROUND }) +
		titleStrip.svg +
		drawPage(page, marks, layout) +
		legend.svg;
	const svg =
		'<?xml version="1.0" encoding="UTF-8"?>\n' +
		`<svg xmlns="http://www.w3.org/2000/svg" width="${num(canvasWidth)}" height="${num(canvasHeight)}"` +
		` viewBox="0 0 ${num(canvasWidth)} ${num(canvasHeight)}" role="img" aria-label="${escape(label)}"` +
		` font-family="${escape(FONT_FAMILY)}">` +
		body +
		'</svg>\n';

	return {
		svg,
		fileName: pictureFileName(document.source, document.receiptIndex),
		mimeType: REVIEW_PICTURE_MIME_TYPE,
		counts,
	};
}
