import type { OutputOptions, RecognisedDocument } from '../model';
import { reviewPicture, type PictureFile, type ReviewPictureOptions } from './picture';
import { rasterPicture } from './picture/raster';
import { typeField, typingOn } from './typing';

/**
 * Attach Review Picture: the picture of one recognised document under the node's output
 * options, as a PNG (the default: n8n's binary viewer and every mail client show it; the boxes
 * carry numbers) or an SVG (labels with names, values and confidences). A field is drawn as
 * needing review for the same reasons its item does: its confidence against the Minimum
 * Confidence, or a value that does not read as its Field Type.
 */

export type PictureFormat = 'png' | 'svg';

export interface DocumentPicture {
	bytes: Uint8Array;
	fileName: string;
	mimeType: string;
}

export function documentPicture(
	document: RecognisedDocument,
	file: PictureFile | undefined,
	options: OutputOptions,
	format: PictureFormat = 'png',
): DocumentPicture {
	const pictureOptions: ReviewPictureOptions = {
		minConfidence: options.minConfidence ?? null,
		alsoNeedsReview: typingOn(options)
			? (field) => typeField(field.name, field.value, options)?.reason !== undefined
			: undefined,
	};
	if (format === 'svg') {
		const picture = reviewPicture(document, file, pictureOptions);
		return {
			bytes: Buffer.from(picture.svg, 'utf8'),
			fileName: picture.fileName,
			mimeType: picture.mimeType,
		};
	}
	const picture = rasterPicture(document, file, pictureOptions);
	return { bytes: picture.png, fileName: picture.fileName, mimeType: picture.mimeType };
}
