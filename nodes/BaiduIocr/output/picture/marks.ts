import type { RecognisedDocument } from '../../model';
import { readNumber, type Location, type RecognisedField } from '../read';
import { documentNeedsReview } from '../review';
import { viewDocument, type DocumentView } from '../view';
import {
	classify,
	formatConfidence,
	PICTURE_DEFAULT_MINIMUM,
	type ConfidenceClass,
	type Rect,
} from './layout';

/**
 * What both pictures (SVG and PNG) draw of a document: each field in Baidu's order, its class
 * by the node's review rule, its confidence as shown and its box. A field's number is its
 * place in this list counted from 1, the same number its item carries.
 */

export interface ReviewPictureOptions {
	/** The node's Minimum Confidence (0..1); unset: PICTURE_DEFAULT_MINIMUM (0.8). */
	minConfidence?: number | null;
	/**
	 * Other reasons a field needs review (for example a value that does not read as its Field
	 * Type), by its index in Baidu's order: such a field is drawn as `review` unless Baidu sent
	 * no confidence for it.
	 */
	alsoNeedsReview?: (field: RecognisedField, index: number) => boolean;
}

/** One field as the pictures show it. */
export interface Mark {
	field: RecognisedField;
	cls: ConfidenceClass;
	/** The confidence as shown: "96%", or "?" without one. */
	confidence: string;
	/** The box in page units; absent when Baidu gave no location. */
	box?: Rect;
}

export interface PictureMarks {
	view: DocumentView;
	marks: Mark[];
	/** The minimum compared against, and whether the user set it. */
	minimum: number;
	minimumGiven: boolean;
	/** Baidu could not structure the document: every field needs review. */
	wholeDocument: boolean;
}

/**
 * Box coordinates beyond this are nonsense (Baidu's images are at most 4096 px a side): they
 * are clamped so that one wild number cannot make the page or the picture enormous.
 */
const MAX_COORDINATE = 100_000;

function clampCoordinate(value: number): number {
	return Math.max(-MAX_COORDINATE, Math.min(MAX_COORDINATE, value));
}

/** A location as a rectangle with a positive size; undefined without a left and a top. */
function boxOf(location: Location | null): Rect | undefined {
	if (!location || location.left === null || location.top === null) return undefined;
	let x = clampCoordinate(location.left);
	let y = clampCoordinate(location.top);
	let width = clampCoordinate(location.width ?? 0);
	let height = clampCoordinate(location.height ?? 0);
	if (width < 0) [x, width] = [x + width, -width];
	if (height < 0) [y, height] = [y + height, -height];
	return { x, y, width, height };
}

export function pictureMarks(
	document: RecognisedDocument,
	options: ReviewPictureOptions = {},
): PictureMarks {
	const view = viewDocument(document);
	const given = readNumber(options.minConfidence);
	const minimum = given ?? PICTURE_DEFAULT_MINIMUM;
	const wholeDocument = documentNeedsReview(view);
	const marks: Mark[] = view.fields.map((field, index) => {
		const average = field.confidence?.average ?? null;
		const alsoReview = options.alsoNeedsReview?.(field, index) === true;
		return {
			// Plain lines carry no field name, as in the output items, even if Baidu sent one.
			field: view.isStructured ? field : { ...field, name: null },
			cls: classify(field, minimum, wholeDocument || alsoReview),
			confidence: average === null ? '?' : formatConfidence(average, minimum),
			box: boxOf(field.location),
		};
	});
	return { view, marks, minimum, minimumGiven: given !== null, wholeDocument };
}

/** How many fields are drawn in each class. */
export function classCounts(marks: Mark[]): Record<ConfidenceClass, number> {
	const counts: Record<ConfidenceClass, number> = { confident: 0, review: 0, none: 0 };
	for (const mark of marks) counts[mark.cls]++;
	return counts;
}
