import type { RecognisedField } from '../read';
import { fieldNeedsReview } from '../review';

/**
 * What the picture decides before it writes anything: each field's confidence class and its
 * colour, how large the labels are for the page's size, and where each label goes.
 */

/** The three classes a box is drawn in. */
export type ConfidenceClass = 'confident' | 'review' | 'none';

export const CLASSES: readonly ConfidenceClass[] = ['confident', 'review', 'none'];

/**
 * Okabe and Ito's colours for colour-blind readers: blue, vermillion and black stay apart in
 * normal vision and under protanopia, deuteranopia and tritanopia (at least 57 CIELAB units
 * between any two, simulated). The line style repeats the class for anyone who still cannot
 * tell them apart: solid, dashed, dotted. Label text is white on blue (5.2:1) and black.
 */
export const CLASS_STYLE: Record<
	ConfidenceClass,
	{ colour: string; textColour: string; dash: 'solid' | 'dashed' | 'dotted' }
> = {
	confident: { colour: '#0072B2', textColour: '#FFFFFF', dash: 'solid' },
	// Black on vermillion reads at 5.4:1; white would be 3.9:1, too little for small labels.
	review: { colour: '#D55E00', textColour: '#000000', dash: 'dashed' },
	none: { colour: '#000000', textColour: '#FFFFFF', dash: 'dotted' },
};

/**
 * The minimum the picture compares against when the user set none: the one Route to Review
 * Output uses, so that the picture always says something about each value.
 */
export const PICTURE_DEFAULT_MINIMUM = 0.8;

/**
 * The class of a field, by the node's review rule (review.ts): no confidence from Baidu is
 * `none`; below the minimum, or an empty value, is `review` (so is every field of a document
 * that needs review as a whole); anything else is `confident`.
 */
export function classify(
	field: RecognisedField,
	minimum: number,
	wholeDocumentReview: boolean,
): ConfidenceClass {
	if ((field.confidence?.average ?? null) === null) return 'none';
	if (wholeDocumentReview || fieldNeedsReview(field, minimum)) return 'review';
	return 'confident';
}

/** Whole percent, with more decimals only where rounding would hide that a value is below. */
export function formatConfidence(average: number, minimum: number): string {
	// Ends by the fourth decimal at the latest.
	for (let decimals = 0; ; decimals++) {
		const factor = 10 ** decimals;
		const shownValue = Math.floor(average * 100 * factor + 1e-9) / factor;
		const shownMinimum = Math.floor(minimum * 100 * factor + 1e-9) / factor;
		if (average >= minimum || shownValue < shownMinimum || decimals === 4) {
			return `${shownValue.toFixed(decimals)}%`;
		}
	}
}

/**
 * The label font size in the page's units. A picture is seen whole (fitted to a window or a
 * message), so the label keeps a constant share of the page's longer side: about 1/60, which
 * is 16 px on screen when a 4000 px page is shown 1000 px wide. It never goes below 12 units,
 * so that a small image shown at its own size still has legible labels.
 */
export function labelFontSize(width: number, height: number): number {
	return Math.max(12, Math.round((Math.max(width, height) / 60) * 10) / 10);
}

/**
 * How wide a text is likely to be in a sans-serif font: CJK and other wide characters one em,
 * capitals and digits about 0.62 em, everything else about 0.55 em. Used to size label
 * backgrounds and to fit values in boxes; a browser's real width may differ by a little.
 */
export function textWidth(value: string, fontSize: number): number {
	let ems = 0;
	for (const character of value) {
		const code = character.codePointAt(0) ?? 0;
		if (isWide(code)) ems += 1;
		else if (/[A-Z0-9%@#&WMmw]/.test(character)) ems += 0.66;
		else if (/[ .,:;'|!il()[\]]/.test(character)) ems += 0.32;
		else ems += 0.56;
	}
	return ems * fontSize;
}

function isWide(code: number): boolean {
	return (
		(code >= 0x1100 && code <= 0x115f) ||
		(code >= 0x2e80 && code <= 0xa4cf) ||
		(code >= 0xac00 && code <= 0xd7a3) ||
		(code >= 0xf900 && code <= 0xfaff) ||
		(code >= 0xfe30 && code <= 0xfe4f) ||
		(code >= 0xff00 && code <= 0xff60) ||
		(code >= 0xffe0 && code <= 0xffe6) ||
		code >= 0x1f300
	);
}

/** Text cut to at most `maxWidth` (by textWidth), with an ellipsis when something was cut. */
export function fitText(value: string, fontSize: number, maxWidth: number): string {
	if (textWidth(value, fontSize) <= maxWidth) return value;
	const characters = [...value];
	let low = 0;
	let high = characters.length;
	while (low < high) {
		const middle = Math.ceil((low + high) / 2);
		if (textWidth(`${characters.slice(0, middle).join('')}…`, fontSize) <= maxWidth) low = middle;
		else high = middle - 1;
	}
	return `${characters.slice(0, low).join('')}…`;
}

/**
 * Text broken into lines of at most `maxWidth` (by textWidth), at spaces where it can and
 * between characters where a word is too long (CJK text has no spaces); at most `maxLines`,
 * the last one cut with an ellipsis when text is left over.
 */
export function wrapText(
	value: string,
	fontSize: number,
	maxWidth: number,
	maxLines: number,
): string[] {
	const lines: string[] = [];
	let rest = value.trim();
	while (rest !== '' && lines.length < maxLines) {
		if (lines.length === maxLines - 1 || textWidth(rest, fontSize) <= maxWidth) {
			lines.push(fitText(rest, fontSize, maxWidth));
			break;
		}
		const characters = [...rest];
		let fits = 0;
		while (
			fits < characters.length &&
			textWidth(characters.slice(0, fits + 1).join(''), fontSize) <= maxWidth
		) {
			fits++;
		}
		const space = characters.slice(0, fits + 1).lastIndexOf(' ');
		const cut = space > 0 ? space : Math.max(fits, 1);
		lines.push(characters.slice(0, cut).join('').trimEnd());
		rest = characters.slice(cut).join('').trimStart();
	}
	return lines;
}

export interface Rect {
	x: number;
	y: number;
	width: number;
	height: number;
}

function overlaps(a: Rect, b: Rect): boolean {
	return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function overlapArea(a: Rect, b: Rect): number {
	if (!overlaps(a, b)) return 0;
	const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
	const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
	return w * h;
}

/**
 * Places labels of the given sizes next to their boxes, in order, inside `bounds`: above the
 * box, else below it, else inside its top edge, whichever first covers neither a label already
 * placed nor another box; where every place covers something, the one that covers least
 * (labels count double: a hidden label hides a value, a covered box only part of the page).
 */
export function placeLabels(
	labels: Array<{ box: Rect; width: number; height: number }>,
	bounds: Rect,
): Rect[] {
	const placed: Rect[] = [];
	for (const [index, { box, width, height }] of labels.entries()) {
		const w = Math.min(width, bounds.width);
		const x = Math.min(Math.max(box.x, bounds.x), bounds.x + bounds.width - w);
		const inBounds = (y: number) => y >= bounds.y && y + height <= bounds.y + bounds.height;
		const candidates = [box.y - height, box.y + box.height, box.y]
			.filter(inBounds)
			.map((y) => ({ x, y, width: w, height }));
		if (candidates.length === 0) {
			const y = Math.max(bounds.y, Math.min(box.y, bounds.y + bounds.height - height));
			candidates.push({ x, y, width: w, height });
		}
		const cost = (candidate: Rect) => {
			let sum = 0;
			for (const other of placed) sum += 2 * overlapArea(candidate, other);
			for (const [other, label] of labels.entries()) {
				if (other !== index) sum += overlapArea(candidate, label.box);
			}
			return sum;
		};
		let best = candidates[0];
		let bestCost = cost(best);
		for (const candidate of candidates.slice(1)) {
			if (bestCost === 0) break;
			const candidateCost = cost(candidate);
			if (candidateCost < bestCost) {
				best = candidate;
				bestCost = candidateCost;
			}
		}
		placed.push(best);
	}
	return placed;
}
