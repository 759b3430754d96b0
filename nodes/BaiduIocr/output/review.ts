import type { OutputOptions } from '../model';
import { readNumber, type RecognisedField } from './read';
import type { DocumentView } from './view';

/**
 * The review rule. It applies only when the user set a minimum confidence; without one
 * nothing is flagged for confidence, and no review keys (`needsReview`, `reviewFields`) are
 * written unless Field Types are set: a value that does not read as its Field Type needs
 * review whether or not a minimum is set (typing.ts, entries.ts).
 *
 * With a minimum, a field needs review when
 * - its average confidence is below the minimum (equal to it passes), or
 * - Baidu sent no confidence for it (nothing vouches for the value), or
 * - its value is empty or only spaces (the template expected something there).
 *
 * A whole document needs review when Baidu could not match the template (plain lines, no
 * field names to trust) or recognised nothing at all.
 */

/** The minimum as a number, or null when the user set none (or set something unreadable). */
export function minimumOf(options: OutputOptions): number | null {
	return readNumber(options.minConfidence);
}

export function fieldNeedsReview(field: RecognisedField, minimum: number): boolean {
	const average = field.confidence?.average ?? null;
	if (average === null) return true;
	if (field.value.trim() === '') return true;
	return average < minimum;
}

/** True when the document as a whole needs review, whatever its fields say. */
export function documentNeedsReview(view: DocumentView): boolean {
	return !view.isStructured || view.fields.length === 0;
}
