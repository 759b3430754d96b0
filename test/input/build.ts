/** Builders of real file bytes for the input tests (not a test file itself). */
import { PNG } from 'pngjs';
import * as jpeg from 'jpeg-js';

export function png(width: number, height: number): Buffer {
	const image = new PNG({ width, height });
	image.data.fill(0xff);
	return PNG.sync.write(image);
}

export function jpg(width: number, height: number, quality = 50): Buffer {
	const data = Buffer.alloc(width * height * 4, 0x80);
	return jpeg.encode({ data, width, height }, quality).data;
}

/** A JPEG segment: FF marker, length (2 bytes, counting itself), payload. */
export function segment(marker: number, payload: number[] | Buffer): Buffer {
	const body = Buffer.from(payload);
	const head = Buffer.from([0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff]);
	return Buffer.concat([head, body]);
}

/** A start-of-frame segment (SOF0 = 0xC0, progressive SOF2 = 0xC2, ...) for a 3-component image. */
export function sof(marker: number, width: number, height: number): Buffer {
	return segment(marker, [
		8,
		height >> 8,
		height & 0xff,
		width >> 8,
		width & 0xff,
		3,
		1,
		0x11,
		0,
		2,
		0x11,
		1,
		3,
		0x11,
		1,
	]);
}

export const SOI = Buffer.from([0xff, 0xd8]);
export const EOI = Buffer.from([0xff, 0xd9]);

/** A hand-made BMP with a 40-byte INFO header (24 bpp) or a 12-byte CORE header. */
export function bmp(
	width: number,
	height: number,
	opts: { core?: boolean; truncate?: number } = {},
): Buffer {
	const rowBytes = Math.floor((24 * width + 31) / 32) * 4;
	const pixels = Buffer.alloc(rowBytes * Math.abs(height), 0xee);
	const headerSize = opts.core ? 12 : 40;
	const info = Buffer.alloc(headerSize);
	info.writeUInt32LE(headerSize, 0);
	if (opts.core) {
		info.writeUInt16LE(width, 4);
		info.writeUInt16LE(height, 6);
		info.writeUInt16LE(1, 8);
		info.writeUInt16LE(24, 10);
	} else {
		info.writeInt32LE(width, 4);
		info.writeInt32LE(height, 8);
		info.writeUInt16LE(1, 12);
		info.writeUInt16LE(24, 14);
		info.writeUInt32LE(0, 16);
		info.writeUInt32LE(pixels.length, 20);
	}
	const file = Buffer.alloc(14);
	file.write('BM', 0, 'latin1');
	const offset = 14 + headerSize;
	file.writeUInt32LE(offset + pixels.length, 2);
	file.writeUInt32LE(offset, 10);
	const all = Buffer.concat([file, info, pixels]);
	return opts.truncate ? all.subarray(0, all.length - opts.truncate) : all;
}

export function gif(): Buffer {
	return Buffer.concat([
		Buffer.from('GIF89a', 'latin1'),
		Buffer.from([20, 0, 20, 0, 0, 0, 0]),
		Buffer.from([0x3b]),
	]);
}

export function webp(): Buffer {
	const body = Buffer.concat([Buffer.from('WEBPVP8 ', 'latin1'), Buffer.alloc(18)]);
	const head = Buffer.alloc(8);
	head.write('RIFF', 0, 'latin1');
	head.writeUInt32LE(body.length, 4);
	return Buffer.concat([head, body]);
}

export function tiff(bigEndian = false): Buffer {
	return Buffer.from(
		bigEndian
			? [0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8, 0, 0]
			: [0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0, 0, 0],
	);
}

/** An ISO-BMFF file's `ftyp` box with the given major and compatible brands, then a `meta` box. */
export function ftyp(major: string, compatible: string[]): Buffer {
	const size = 16 + 4 * compatible.length;
	const box = Buffer.alloc(size);
	box.writeUInt32BE(size, 0);
	box.write('ftyp', 4, 'latin1');
	box.write(major, 8, 'latin1');
	compatible.forEach((brand, i) => box.write(brand, 16 + 4 * i, 'latin1'));
	const meta = Buffer.alloc(12);
	meta.writeUInt32BE(12, 0);
	meta.write('meta', 4, 'latin1');
	return Buffer.concat([box, meta]);
}

/** A minimal one-off PDF text; `pages` page objects under one /Pages root. */
export function handPdf(pages: number, opts: { compact?: boolean } = {}): Buffer {
	const sp = opts.compact ? '' : ' ';
	const kids = Array.from({ length: pages }, (_, i) => `${3 + i} 0 R`).join(' ');
	let body = '%PDF-1.4\n';
	body += `1 0 obj\n<<${sp}/Type${sp}/Catalog${sp}/Pages 2 0 R${sp}>>\nendobj\n`;
	body += `2 0 obj\n<<${sp}/Type${sp}/Pages${sp}/Kids [${kids}]${sp}/Count ${pages}${sp}>>\nendobj\n`;
	for (let i = 0; i < pages; i++) {
		body += `${3 + i} 0 obj\n<<${sp}/Type${sp}/Page${sp}/Parent 2 0 R${sp}/MediaBox [0 0 100 100]>>\nendobj\n`;
	}
	body += 'trailer\n<< /Root 1 0 R >>\n%%EOF\n';
	return Buffer.from(body, 'latin1');
}

/** Deterministic pseudo-random bytes (xorshift), so failures reproduce. */
export function randomBytes(length: number, seed = 1): Buffer {
	const out = Buffer.alloc(length);
	let x = seed >>> 0 || 1;
	for (let i = 0; i < length; i++) {
		x ^= x << 13;
		x >>>= 0;
		x ^= x >>> 17;
		x ^= x << 5;
		x >>>= 0;
		out[i] = x & 0xff;
	}
	return out;
}
