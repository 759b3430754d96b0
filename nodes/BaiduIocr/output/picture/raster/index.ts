import type { RecognisedDocument } from '../../../model';
import { CLASS_STYLE, placeLabels, type ConfidenceClass, type Rect } from '../layout';
import { classCounts, pictureMarks, type Mark, type ReviewPictureOptions } from '../marks';
import { picturePage, type PictureFile } from '../page';
import { pictureFileName } from '../title';
import { Canvas, type PixelBox, type Rgb } from './canvas';
import { decodePage } from './decode';
import { DIGIT_HEIGHT, numberWidth } from './digits';
import { encodePng } from './pngEncode';

/**
 * The review picture as a PNG, for n8n's binary viewer and for mail clients that show no SVG:
 * the page image (decoded from the PNG, JPEG or BMP and shrunk to at most 1600 px a side; a
 * blank white page for a PDF page, a URL or an image that cannot be decoded) with every
 * field's box in its class's colour and line style, and the field's number (1, 2, … in Baidu's
 * order, as the items' `pictureNumber`) in a small tag at the box's corner.
 */

export const PNG_PICTURE_MIME_TYPE = 'image/png';

/** The picture's longer side at most, in pixels. */
export const MAX_PICTURE_SIDE = 1600;
/** A blank page is drawn at least this large on its longer side, so that its tags fit. */
const MIN_BLANK_SIDE = 1000;

export interface RasterPicture {
	png: Uint8Array;
	/** `<file stem>[-p<page>][-receipt<n>]-review.png`. */
	fileName: string;
	mimeType: typeof PNG_PICTURE_MIME_TYPE;
	width: number;
	height: number;
	/** How many fields were drawn in each class. */
	counts: Record<ConfidenceClass, number>;
	/** What the page is when it is not the image: a PDF page, a URL, an image not decoded. */
	note?: string;
	/** Where each field was drawn, in the picture's pixels, by its number (absent: no box). */
	drawn: Array<{ number: number; cls: ConfidenceClass; box: PixelBox; tag: Rect } | undefined>;
}

interface Background {
	canvas: Canvas;
	/** The page's size in Baidu's box units. */
	width: number;
	height: number;
	note?: string;
}

const WHITE: Rgb = [255, 255, 255];
/** The edge of a blank page, as the SVG draws it. */
const PAGE_EDGE: Rgb = [0x8c, 0x95, 0x9f];

function rgb(hex: string): Rgb {
	const value = Number.parseInt(hex.slice(1), 16);
	return [value >> 16, (value >> 8) & 0xff, value & 0xff];
}

/** A white page of `width` x `height` units, at least MIN_BLANK_SIDE and at most the maximum. */
function blankPage(width: number, height: number, note?: string): Background {
	const long = Math.max(width, height);
	const scale = Math.min(MAX_PICTURE_SIDE / long, Math.max(1, MIN_BLANK_SIDE / long));
	const canvas = Canvas.blank(
		Math.max(1, Math.round(width * scale)),
		Math.max(1, Math.round(height * scale)),
		WHITE,
	);
	const { image } = canvas;
	canvas.strokeRect(
		{ x0: 0, y0: 0, x1: image.width - 1, y1: image.height - 1 },
		1,
		PAGE_EDGE,
		'solid',
	);
	return { canvas, width, height, note };
}

/** The image itself when it decodes; else a blank page of its size (or around the boxes). */
function background(file: PictureFile | undefined, boxes: Rect[]): Background {
	if (!file || file.kind === 'pdf' || !file.bytes) {
		const page = picturePage(file, boxes);
		return blankPage(page.width, page.height, page.note);
	}
	const decoded = decodePage(file.kind, file.bytes, MAX_PICTURE_SIDE);
	if ('image' in decoded) {
		return { canvas: new Canvas(decoded.image), width: decoded.width, height: decoded.height };
	}
	const page = picturePage({ kind: file.kind, width: file.width, height: file.height }, boxes);
	return blankPage(page.width, page.height, `Image not drawn: ${decoded.reason}`);
}

/**
 * Line thickness and digit scale for the picture's size: 3 px lines and 21 px digits from
 * 1200 px on (a large picture is seen shrunk to a window), 2 px and 14 px below.
 */
function sizes(canvas: Canvas): { line: number; scale: number; padding: number } {
	const long = Math.max(canvas.image.width, canvas.image.height);
	const scale = long >= 1200 ? 3 : long >= 500 ? 2 : 1;
	return { line: long >= 1200 ? 3 : 2, scale, padding: scale + 1 };
}

/** A box in page units → the pixels its edges run through. */
function pixelBox(box: Rect, sx: number, sy: number): PixelBox {
	const x0 = Math.round(box.x * sx);
	const y0 = Math.round(box.y * sy);
	return {
		x0,
		y0,
		x1: Math.max(x0, Math.round((box.x + box.width) * sx) - 1),
		y1: Math.max(y0, Math.round((box.y + box.height) * sy) - 1),
	};
}

/** Every located field's box (tint, white halo, line), then every number tag on top. */
function drawMarks(back: Background, marks: Mark[]): RasterPicture['drawn'] {
	const { canvas } = back;
	const { line, scale, padding } = sizes(canvas);
	const sx = canvas.image.width / back.width;
	const sy = canvas.image.height / back.height;
	const located = marks.flatMap((mark, index) =>
		mark.box ? [{ mark, number: index + 1, box: pixelBox(mark.box, sx, sy) }] : [],
	);
	for (const { mark, box } of located) {
		const style = CLASS_STYLE[mark.cls];
		const colour = rgb(style.colour);
		canvas.fillRect(box.x0, box.y0, box.x1 - box.x0 + 1, box.y1 - box.y0 + 1, colour, 0.1);
		canvas.strokeRect(box, line + 2, WHITE, 'solid', 0.85);
		canvas.strokeRect(box, line, colour, style.dash);
	}
	const shift = Math.floor(line / 2);
	const height = DIGIT_HEIGHT * scale + 2 * padding;
	const tags = placeLabels(
		located.map(({ number, box }) => ({
			// The tag sits against the outside of the line.
			box: {
				x: box.x0 - shift,
				y: box.y0 - shift,
				width: box.x1 - box.x0 + line,
				height: box.y1 - box.y0 + line,
			},
			width: numberWidth(String(number), scale) + 2 * padding,
			height,
		})),
		{ x: 0, y: 0, width: canvas.image.width, height: canvas.image.height },
	);
	const drawn: RasterPicture['drawn'] = marks.map(() => undefined);
	for (const [k, { mark, number, box }] of located.entries()) {
		const style = CLASS_STYLE[mark.cls];
		const tag = tags[k];
		canvas.fillRect(tag.x, tag.y, tag.width, tag.height, rgb(style.colour));
		const text = String(number);
		canvas.drawNumber(text, tag.x + padding, tag.y + padding, scale, rgb(style.textColour));
		drawn[number - 1] = { number, cls: mark.cls, box, tag };
	}
	return drawn;
}

/**
 * The PNG review picture of one recognised document. `file` is the document's checked file
 * (a CheckedFile fits); without one (URL input) the boxes are drawn on a blank page.
 */
export function rasterPicture(
	document: RecognisedDocument,
	file: PictureFile | undefined,
	options: ReviewPictureOptions = {},
): RasterPicture {
	const { marks } = pictureMarks(document, options);
	const back = background(
		file,
		marks.flatMap((mark) => (mark.box ? [mark.box] : [])),
	);
	const drawn = drawMarks(back, marks);
	const { image } = back.canvas;
	return {
		png: encodePng(image),
		fileName: pictureFileName(document.source, document.receiptIndex, 'png'),
		mimeType: PNG_PICTURE_MIME_TYPE,
		width: image.width,
		height: image.height,
		counts: classCounts(marks),
		note: back.note,
		drawn,
	};
}
