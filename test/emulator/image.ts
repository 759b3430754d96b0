/**
 * What Baidu checks on a file: strict base64, the type from the magic bytes, and the
 * pixel size read from the JPEG/PNG/BMP header (the pixels themselves are never decoded).
 */

export type FileType = 'jpg' | 'png' | 'bmp' | 'gif' | 'webp' | 'tiff' | 'pdf' | 'unknown';

export interface PixelSize {
	width: number;
	height: number;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Decodes standard base64 strictly: no `data:` prefix, no whitespace, no URL-safe
 * alphabet, no '%' left over from double urlencoding. Returns null when invalid.
 */
export function decodeStrictBase64(text: string): Buffer | null {
	if (text.length === 0 || !BASE64.test(text)) return null;
	const padded = text.endsWith('=');
	if (padded ? text.length % 4 !== 0 : text.length % 4 === 1) return null;
	return Buffer.from(text, 'base64');
}

const decodedCache = new WeakMap<object, Buffer | null>();

/** decodeStrictBase64 of a form field's value, decoded once per request (values reach 4 MB). */
export function decodeFieldOnce(field: { value: string }): Buffer | null {
	if (!decodedCache.has(field)) decodedCache.set(field, decodeStrictBase64(field.value));
	return decodedCache.get(field) ?? null;
}

function startsWith(bytes: Buffer, magic: number[] | string, offset = 0): boolean {
	const sig = typeof magic === 'string' ? Buffer.from(magic, 'latin1') : Buffer.from(magic);
	if (bytes.length < offset + sig.length) return false;
	return bytes.subarray(offset, offset + sig.length).equals(sig);
}

export function detectType(bytes: Buffer): FileType {
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpg';
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
	if (startsWith(bytes, 'BM')) return 'bmp';
	if (startsWith(bytes, 'GIF87a') || startsWith(bytes, 'GIF89a')) return 'gif';
	if (startsWith(bytes, 'RIFF') && startsWith(bytes, 'WEBP', 8)) return 'webp';
	if (startsWith(bytes, 'II*\0') || startsWith(bytes, 'MM\0*')) return 'tiff';
	// The PDF header may follow a little junk (the format allows it within the first 1 KB).
	const head = bytes.subarray(0, 1024).toString('latin1');
	if (head.includes('%PDF-')) return 'pdf';
	return 'unknown';
}

function pngSize(bytes: Buffer): PixelSize | null {
	if (bytes.length < 24 || bytes.subarray(12, 16).toString('latin1') !== 'IHDR') return null;
	return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function bmpSize(bytes: Buffer): PixelSize | null {
	if (bytes.length < 26) return null;
	const dibSize = bytes.readUInt32LE(14);
	if (dibSize === 12) return { width: bytes.readUInt16LE(18), height: bytes.readUInt16LE(20) };
	if (dibSize < 40) return null;
	// A negative height marks a top-down bitmap.
	return { width: Math.abs(bytes.readInt32LE(18)), height: Math.abs(bytes.readInt32LE(22)) };
}

function isStartOfFrame(marker: number): boolean {
	return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function jpegSize(bytes: Buffer): PixelSize | null {
	let p = 2;
	while (p + 3 < bytes.length) {
		if (bytes[p] !== 0xff) return null;
		let marker = bytes[p + 1];
		// fill bytes
		while (marker === 0xff && p + 2 < bytes.length) {
			p++;
			marker = bytes[p + 1];
		}
		if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
			p += 2;
			continue;
		}
		if (marker === 0xd9 || marker === 0xda) return null;
		if (p + 3 >= bytes.length) return null;
		const length = bytes.readUInt16BE(p + 2);
		if (length < 2) return null;
		if (isStartOfFrame(marker)) {
			if (p + 8 >= bytes.length) return null;
			return { height: bytes.readUInt16BE(p + 5), width: bytes.readUInt16BE(p + 7) };
		}
		p += 2 + length;
	}
	return null;
}

/** Pixel size from the header, or null when the header cannot be read. */
export function pixelSize(bytes: Buffer, type: FileType = detectType(bytes)): PixelSize | null {
	let size: PixelSize | null = null;
	if (type === 'png') size = pngSize(bytes);
	else if (type === 'bmp') size = bmpSize(bytes);
	else if (type === 'jpg') size = jpegSize(bytes);
	if (size && (size.width === 0 || size.height === 0)) return null;
	return size;
}

export type ImageVerdict =
	| { ok: true; type: FileType; size: PixelSize | null }
	| { ok: false; errorCode: 216201 | 216202; reason: string };

/** Baidu's image rules: jpg/png/bmp only; shortest side >= 15 px, longest <= 4096 px. */
export function checkImage(bytes: Buffer): ImageVerdict {
	const type = detectType(bytes);
	if (type !== 'jpg' && type !== 'png' && type !== 'bmp') {
		return { ok: false, errorCode: 216201, reason: `type ${type} is not jpg/png/bmp` };
	}
	const size = pixelSize(bytes, type);
	if (!size) return { ok: false, errorCode: 216201, reason: `unreadable ${type} header` };
	const shortest = Math.min(size.width, size.height);
	const longest = Math.max(size.width, size.height);
	if (shortest < 15 || longest > 4096) {
		return { ok: false, errorCode: 216202, reason: `${size.width}x${size.height} px out of 15..4096` };
	}
	return { ok: true, type, size };
}

/** Baidu's PDF rule: the bytes must be a PDF. */
export function checkPdf(bytes: Buffer): ImageVerdict {
	const type = detectType(bytes);
	if (type !== 'pdf') return { ok: false, errorCode: 216201, reason: `type ${type} is not pdf` };
	return { ok: true, type, size: null };
}
