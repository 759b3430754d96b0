import type { FileKind, InputProblem } from '../model';
import { ascii, i32le, indexOfAscii, startsWith, u16be, u16le, u32be, u32le } from './bytes';

/**
 * What a file is, decided from its bytes only (never from its name or MIME type), and the
 * pixel size of an image, read from its header.
 */

/** File types recognised and refused, by the name the user is told. */
export type RefusedType =
	| 'GIF'
	| 'WebP'
	| 'TIFF'
	| 'HEIC'
	| 'HEIF'
	| 'AVIF'
	| 'JPEG 2000'
	| 'JPEG XL'
	| 'Photoshop (PSD)'
	| 'ICO'
	| 'SVG'
	| 'HTML'
	| 'XML'
	| 'PostScript'
	| 'RTF'
	| 'ZIP archive'
	| 'Word document (DOCX)'
	| 'Excel workbook (XLSX)'
	| 'PowerPoint presentation (PPTX)'
	| 'OpenDocument'
	| 'Office 97-2003 document'
	| 'RAR archive'
	| '7-Zip archive'
	| 'gzip archive'
	| 'MP4/QuickTime video'
	| 'data URL text'
	| 'base64 text'
	| 'JSON text'
	| 'plain text'
	| 'unknown';

export type SniffResult = { kind: FileKind } | { unsupported: RefusedType };

export type ImageKind = Exclude<FileKind, 'pdf'>;

export type ImageSizeResult = { width: number; height: number } | { problem: InputProblem };

const JPEG_SOI = [0xff, 0xd8, 0xff];
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JP2_SIGNATURE = [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a];
const JXL_CONTAINER = [0x00, 0x00, 0x00, 0x0c, 0x4a, 0x58, 0x4c, 0x20, 0x0d, 0x0a, 0x87, 0x0a];
const OLE2_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const SEVEN_ZIP_SIGNATURE = [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c];

/** DIB header sizes of the BMP variants in use (CORE, INFO, v2, v3, OS/2 v2, v4, v5). */
const BMP_HEADER_SIZES = new Set([12, 40, 52, 56, 64, 108, 124]);

/** How far into a file '%PDF-' may start (readers accept leading junk within 1 KB). */
const PDF_HEADER_WINDOW = 1024;

/** How much of a file is examined to tell text from binary. */
const TEXT_WINDOW = 4096;

const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs']);
const HEIF_BRANDS = new Set(['mif1', 'msf1', 'mif2', 'miaf']);
const AVIF_BRANDS = new Set(['avif', 'avis']);

function isBmp(b: Uint8Array): boolean {
	if (b.length < 2 || b[0] !== 0x42 || b[1] !== 0x4d) return false;
	// Too short to hold the DIB header size: still called BMP so that the size check can
	// call it damaged rather than "unknown".
	if (b.length < 18) return true;
	return BMP_HEADER_SIZES.has(u32le(b, 14));
}

function sniffIsoMedia(b: Uint8Array): RefusedType | undefined {
	if (b.length < 16 || ascii(b, 4, 4) !== 'ftyp') return undefined;
	const boxSize = Math.min(u32be(b, 0), b.length);
	const brands = [ascii(b, 8, 4)];
	for (let o = 16; o + 4 <= boxSize; o += 4) brands.push(ascii(b, o, 4));
	if (brands.some((brand) => AVIF_BRANDS.has(brand))) return 'AVIF';
	if (brands.some((brand) => HEIC_BRANDS.has(brand))) return 'HEIC';
	if (brands.some((brand) => HEIF_BRANDS.has(brand))) return 'HEIF';
	if (brands.some((brand) => brand.startsWith('jp2') || brand === 'jpx ')) return 'JPEG 2000';
	if (brands.includes('jxl ')) return 'JPEG XL';
	return 'MP4/QuickTime video';
}

function sniffZip(b: Uint8Array): RefusedType {
	// Entry names appear in the local headers near the start and in the central directory at
	// the end; look in both.
	const window = 64 * 1024;
	const head = [0, Math.min(b.length, window)] as const;
	const tail = [Math.max(0, b.length - window), b.length] as const;
	const has = (name: string) =>
		indexOfAscii(b, name, head[0], head[1]) >= 0 || indexOfAscii(b, name, tail[0], tail[1]) >= 0;
	if (has('word/')) return 'Word document (DOCX)';
	if (has('xl/')) return 'Excel workbook (XLSX)';
	if (has('ppt/')) return 'PowerPoint presentation (PPTX)';
	if (has('application/vnd.oasis.opendocument')) return 'OpenDocument';
	return 'ZIP archive';
}

/**
 * Whether `b` decodes as UTF-8 text without control characters other than tab, line feed,
 * vertical tab, form feed, carriage return and escape. A sequence cut at the end of the
 * window is accepted.
 */
function looksLikeUtf8Text(b: Uint8Array, end: number, truncated: boolean): boolean {
	let i = 0;
	while (i < end) {
		const c = b[i];
		if (c < 0x80) {
			if (
				c < 0x20 &&
				c !== 0x09 &&
				c !== 0x0a &&
				c !== 0x0b &&
				c !== 0x0c &&
				c !== 0x0d &&
				c !== 0x1b
			)
				return false;
			if (c === 0x7f) return false;
			i++;
			continue;
		}
		let extra: number;
		if (c >= 0xc2 && c <= 0xdf) extra = 1;
		else if (c >= 0xe0 && c <= 0xef) extra = 2;
		else if (c >= 0xf0 && c <= 0xf4) extra = 3;
		else return false;
		if (i + extra >= end) return truncated;
		for (let k = 1; k <= extra; k++) if ((b[i + k] & 0xc0) !== 0x80) return false;
		i += extra + 1;
	}
	return true;
}

function sniffText(b: Uint8Array): RefusedType | undefined {
	const end = Math.min(b.length, TEXT_WINDOW);
	if (startsWith(b, [0xff, 0xfe]) || startsWith(b, [0xfe, 0xff])) return 'plain text';
	let start = startsWith(b, [0xef, 0xbb, 0xbf]) ? 3 : 0;
	if (!looksLikeUtf8Text(b.subarray(start), end - start, end < b.length)) return undefined;
	while (start < end && (b[start] === 0x20 || (b[start] >= 0x09 && b[start] <= 0x0d))) start++;
	const head = ascii(b, start, end - start);
	const lower = head.toLowerCase();
	if (lower.startsWith('<')) {
		if (lower.includes('<svg')) return 'SVG';
		if (lower.startsWith('<!doctype html') || lower.startsWith('<html') || lower.includes('<html'))
			return 'HTML';
		if (/^<[?!a-z]/.test(lower)) return 'XML';
		return 'plain text';
	}
	if (/^data:[^,]*;base64,/.test(lower)) return 'data URL text';
	if (lower.startsWith('{\\rtf')) return 'RTF';
	if (head.startsWith('%!PS')) return 'PostScript';
	if (head.startsWith('{') || head.startsWith('[')) return 'JSON text';
	// Base64 text: one word of the base64 alphabet, possibly broken into lines, mixing cases
	// and digits or '+' '/' (so that an ordinary word or number is not taken for it).
	const compact = head.replace(/[\r\n]+/g, '');
	if (
		compact.length >= 16 &&
		/^[A-Za-z0-9+/_-]+={0,2}$/.test(compact) &&
		/[A-Z]/.test(compact) &&
		/[a-z]/.test(compact) &&
		/[0-9+/_-]/.test(compact)
	) {
		return 'base64 text';
	}
	return 'plain text';
}

/**
 * The kind of file from its first bytes. JPEG, PNG, BMP and PDF are what Baidu accepts;
 * every other recognisable type is named so that the user can be told what they sent.
 */
export function sniffFileType(bytes: Uint8Array): SniffResult {
	const b = bytes;
	if (startsWith(b, JPEG_SOI)) return { kind: 'jpeg' };
	if (startsWith(b, PNG_SIGNATURE)) return { kind: 'png' };
	if (isBmp(b)) return { kind: 'bmp' };
	if (indexOfAscii(b, '%PDF-', 0, PDF_HEADER_WINDOW + 5) >= 0) return { kind: 'pdf' };

	const head6 = ascii(b, 0, 6);
	if (head6 === 'GIF87a' || head6 === 'GIF89a') return { unsupported: 'GIF' };
	if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return { unsupported: 'WebP' };
	if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a]))
		return { unsupported: 'TIFF' };
	// BigTIFF
	if (startsWith(b, [0x49, 0x49, 0x2b, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2b]))
		return { unsupported: 'TIFF' };
	if (startsWith(b, JP2_SIGNATURE) || startsWith(b, [0xff, 0x4f, 0xff, 0x51]))
		return { unsupported: 'JPEG 2000' };
	if (startsWith(b, JXL_CONTAINER) || startsWith(b, [0xff, 0x0a]))
		return { unsupported: 'JPEG XL' };
	const iso = sniffIsoMedia(b);
	if (iso) return { unsupported: iso };
	if (ascii(b, 0, 4) === '8BPS') return { unsupported: 'Photoshop (PSD)' };
	if (startsWith(b, [0x00, 0x00, 0x01, 0x00]) && b.length >= 22 && u16le(b, 4) > 0 && b[9] === 0) {
		return { unsupported: 'ICO' };
	}
	if (startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06]))
		return { unsupported: sniffZip(b) };
	if (startsWith(b, OLE2_SIGNATURE)) return { unsupported: 'Office 97-2003 document' };
	if (ascii(b, 0, 4) === 'Rar!') return { unsupported: 'RAR archive' };
	if (startsWith(b, SEVEN_ZIP_SIGNATURE)) return { unsupported: '7-Zip archive' };
	if (startsWith(b, [0x1f, 0x8b])) return { unsupported: 'gzip archive' };
	const text = sniffText(b);
	if (text) return { unsupported: text };
	return { unsupported: 'unknown' };
}

function corrupt(kind: ImageKind, detail: string): { problem: InputProblem } {
	const name = kind.toUpperCase();
	return {
		problem: {
			message: `The ${name} file is damaged or incomplete (${detail}).`,
			description:
				'The file cannot be read as an image. Check that it was downloaded completely (for example, that the HTTP Request node ' +
				'returned the file and not an error page) and that it opens in an image viewer, or re-export it as JPEG or PNG.',
		},
	};
}

function pngSize(b: Uint8Array): ImageSizeResult {
	// signature (8) + IHDR length (4) + 'IHDR' (4) + width (4) + height (4) + rest (5) + CRC (4)
	if (b.length < 33) return corrupt('png', 'the file ends inside its header');
	if (ascii(b, 12, 4) !== 'IHDR' || u32be(b, 8) !== 13)
		return corrupt('png', 'its IHDR header is missing');
	const width = u32be(b, 16);
	const height = u32be(b, 20);
	if (width === 0 || height === 0)
		return corrupt('png', `the header gives a size of ${width} × ${height} px`);
	// Walk the chunks to IEND without reading their data: a cut-off download ends early.
	let o = 8;
	for (;;) {
		if (o + 8 > b.length) return corrupt('png', 'the file is cut off before its end');
		const length = u32be(b, o);
		const type = ascii(b, o + 4, 4);
		if (!/^[A-Za-z]{4}$/.test(type)) return corrupt('png', 'a chunk header is garbled');
		const next = o + 12 + length;
		if (next > b.length) return corrupt('png', 'the file is cut off before its end');
		if (type === 'IEND') break;
		o = next;
	}
	return { width, height };
}

function bmpSize(b: Uint8Array): ImageSizeResult {
	if (b.length < 26) return corrupt('bmp', 'the file ends inside its header');
	const dataOffset = u32le(b, 10);
	const headerSize = u32le(b, 14);
	let width: number;
	let height: number;
	let bitsPerPixel: number;
	let compression = 0;
	if (headerSize === 12) {
		width = u16le(b, 18);
		height = u16le(b, 20);
		bitsPerPixel = u16le(b, 24);
	} else if (headerSize >= 40) {
		if (b.length < 14 + 40) return corrupt('bmp', 'the file ends inside its header');
		width = i32le(b, 18);
		// Negative height: rows are stored top-down. The size is the absolute value.
		height = Math.abs(i32le(b, 22));
		bitsPerPixel = u16le(b, 28);
		compression = u32le(b, 30);
	} else {
		return corrupt('bmp', `the header size ${headerSize} is not a known BMP header`);
	}
	if (width <= 0 || height === 0)
		return corrupt('bmp', `the header gives a size of ${width} × ${height} px`);
	if (dataOffset >= b.length) return corrupt('bmp', 'the file is cut off before its pixel data');
	// Uncompressed (BI_RGB, BI_BITFIELDS, BI_ALPHABITFIELDS): the pixel data's size is known.
	if ((compression === 0 || compression === 3 || compression === 6) && bitsPerPixel > 0) {
		const rowBytes = Math.floor((bitsPerPixel * width + 31) / 32) * 4;
		if (dataOffset + rowBytes * height > b.length)
			return corrupt('bmp', 'the file is cut off in the middle of its pixel data');
	}
	return { width, height };
}

/** SOF0..SOF15, less DHT (C4), JPG (C8) and DAC (CC), which share the range. */
function isStartOfFrame(marker: number): boolean {
	return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Markers without a length field: TEM, RST0..RST7, SOI. */
function isStandalone(marker: number): boolean {
	return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8);
}

function jpegSize(b: Uint8Array): ImageSizeResult {
	let o = 2;
	for (;;) {
		// Like libjpeg, skip stray bytes before a marker, then any 0xFF fill bytes.
		while (o < b.length && b[o] !== 0xff) o++;
		while (o < b.length && b[o] === 0xff) o++;
		if (o >= b.length)
			return corrupt('jpeg', 'the file ends before the SOF frame header that gives its size');
		const marker = b[o];
		o++;
		if (marker === 0x00) continue; // an escaped 0xFF, not a marker
		if (isStandalone(marker)) continue;
		if (marker === 0xd9) return corrupt('jpeg', 'the image ends without a SOF frame header');
		if (marker === 0xda)
			return corrupt('jpeg', 'the image data starts before the SOF frame header');
		if (o + 2 > b.length) return corrupt('jpeg', 'the file ends inside a segment header');
		const length = u16be(b, o);
		if (length < 2) return corrupt('jpeg', 'a segment has an impossible length');
		if (isStartOfFrame(marker)) {
			if (length < 8 || o + 7 > b.length)
				return corrupt('jpeg', 'the file ends inside the SOF frame header');
			const height = u16be(b, o + 3);
			const width = u16be(b, o + 5);
			if (width === 0 || height === 0)
				return corrupt('jpeg', `the frame header gives a size of ${width} × ${height} px`);
			return { width, height };
		}
		o += length;
	}
}

/**
 * Pixel size from the image header: PNG IHDR, BMP (CORE and INFO headers; a negative height
 * means top-down rows), JPEG (the first SOF segment, found by walking the segments). A header
 * that cannot be read, or a file cut off before its data, gives a problem.
 */
export function readImageSize(bytes: Uint8Array, kind: ImageKind): ImageSizeResult {
	switch (kind) {
		case 'png':
			return pngSize(bytes);
		case 'bmp':
			return bmpSize(bytes);
		case 'jpeg':
			return jpegSize(bytes);
	}
}

export { countPdfPages } from './pdf';
