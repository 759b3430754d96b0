import type { OutputOptions, RecognisedDocument } from '../model';
import { reviewPicture, type PictureFile, type ReviewPicture } from './picture';
import { typeField, typingOn } from './typing';

/**
 * Attach Review Picture: the picture of one recognised document under the node's output
 * options. A field is drawn as needing review for the same reasons its item does: its
 * confidence against the Minimum Confidence, or a value that does not read as its Field Type.
 */
export function documentPicture(
	document: RecognisedDocument,
	file: PictureFile | undefined,
	options: OutputOptions,
): ReviewPicture {
	return reviewPicture(document, file, {
		minConfidence: options.minConfidence ?? null,
		alsoNeedsReview: typingOn(options)
			? (field) => typeField(field.name, field.value, options)?.reason !== undefined
			: undefined,
	});
}
