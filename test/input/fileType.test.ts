import { readImageSize, sniffFileType } from '../../nodes/BaiduIocr/input/fileType';
import { EOI, SOI, bmp, ftyp, gif, handPdf, jpg, png, segment, sof, tiff, webp } from './build';

const text = (s: string) => Buffer.from(s, 'utf8');

describe('sniffFileType', () => {
	it.each([
		['JPEG', jpg(20, 20), 'jpeg'],
		['PNG', png(20, 20), 'png'],
		['BMP (INFO header)', bmp(20, 20), 'bmp'],
		['BMP (CORE header)', bmp(20, 20, { core: true }), 'bmp'],
		['PDF', handPdf(1), 'pdf'],
		['PDF after leading junk', Buffer.concat([Buffer.alloc(100, 0x20), handPdf(1)]), 'pdf'],
	])('accepts %s', (_name, bytes, kind) => {
		expect(sniffFileType(bytes)).toEqual({ kind });
	});

	it.each([
		['GIF', gif(), 'GIF'],
		['GIF87a', Buffer.from('GIF87a\x10\x00\x10\x00', 'latin1'), 'GIF'],
		['WebP', webp(), 'WebP'],
		['TIFF little-endian', tiff(), 'TIFF'],
		['TIFF big-endian', tiff(true), 'TIFF'],
		['HEIC', ftyp('heic', ['mif1', 'heic']), 'HEIC'],
		['HEIC via mif1 major brand', ftyp('mif1', ['mif1', 'heic']), 'HEIC'],
		['HEIF', ftyp('mif1', ['mif1']), 'HEIF'],
		['AVIF', ftyp('avif', ['avif', 'mif1', 'miaf']), 'AVIF'],
		['AVIF via mif1 major brand', ftyp('mif1', ['avif', 'mif1']), 'AVIF'],
		['MP4', ftyp('isom', ['isom', 'mp41']), 'MP4/QuickTime video'],
		['SVG', text('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'), 'SVG'],
		['SVG without prolog', text('  <svg width="10"/>'), 'SVG'],
		['HTML', text('<!DOCTYPE html><html><body>Login</body></html>'), 'HTML'],
		['XML', text('<?xml version="1.0"?><invoice/>'), 'XML'],
		[
			'ZIP',
			Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), text('notes.txt')]),
			'ZIP archive',
		],
		[
			'DOCX',
			Buffer.concat([
				Buffer.from([0x50, 0x4b, 0x03, 0x04]),
				Buffer.alloc(26),
				text('word/document.xml'),
			]),
			'Word document (DOCX)',
		],
		[
			'XLSX',
			Buffer.concat([
				Buffer.from([0x50, 0x4b, 0x03, 0x04]),
				Buffer.alloc(26),
				text('xl/workbook.xml'),
			]),
			'Excel workbook (XLSX)',
		],
		[
			'OLE2 (.doc)',
			Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
			'Office 97-2003 document',
		],
		['gzip', Buffer.from([0x1f, 0x8b, 8, 0]), 'gzip archive'],
		['plain text', text('Invoice 123\nTotal: 42.00\n'), 'plain text'],
		['UTF-8 text', text('发票号码 08812345\n'), 'plain text'],
		['JSON', text('{"image":"..."}'), 'JSON text'],
		['base64 text', text(png(20, 20).toString('base64')), 'base64 text'],
		['data URL', text(`data:image/png;base64,${png(20, 20).toString('base64')}`), 'data URL text'],
		['unknown binary', Buffer.from([0x00, 0x01, 0x02, 0x03, 0xfe, 0x80, 0x00]), 'unknown'],
		['"BM" text that is not a bitmap', text('BMW service invoice, March'), 'plain text'],
	])('names refused type %s', (_name, bytes, unsupported) => {
		expect(sniffFileType(bytes)).toEqual({ unsupported });
	});
});

function size(bytes: Buffer, kind: 'jpeg' | 'png' | 'bmp') {
	const result = readImageSize(bytes, kind);
	if ('problem' in result) throw new Error(result.problem.message);
	return result;
}

function corrupt(bytes: Buffer, kind: 'jpeg' | 'png' | 'bmp'): string {
	const result = readImageSize(bytes, kind);
	if (!('problem' in result))
		throw new Error(`expected a problem, got ${result.width}x${result.height}`);
	return result.problem.message;
}

describe('readImageSize: PNG', () => {
	it('reads IHDR', () => {
		expect(size(png(123, 45), 'png')).toEqual({ width: 123, height: 45 });
	});

	it('calls a PNG cut off in its data or without IEND damaged', () => {
		const whole = png(64, 64);
		expect(corrupt(whole.subarray(0, 20), 'png')).toBe(
			'The PNG file is damaged or incomplete (the file ends inside its header).',
		);
		expect(corrupt(whole.subarray(0, whole.length - 20), 'png')).toBe(
			'The PNG file is damaged or incomplete (the file is cut off before its end).',
		);
		expect(corrupt(whole.subarray(0, whole.length - 12), 'png')).toBe(
			'The PNG file is damaged or incomplete (the file is cut off before its end).',
		);
	});

	it('calls a PNG without IHDR damaged', () => {
		const bad = Buffer.from(png(20, 20));
		bad.write('XXXX', 12, 'latin1');
		expect(corrupt(bad, 'png')).toBe(
			'The PNG file is damaged or incomplete (its IHDR header is missing).',
		);
	});
});

describe('readImageSize: JPEG', () => {
	it('reads a baseline JPEG from jpeg-js', () => {
		expect(size(jpg(321, 123), 'jpeg')).toEqual({ width: 321, height: 123 });
	});

	it('reads a progressive SOF2 frame', () => {
		const bytes = Buffer.concat([
			SOI,
			segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
			sof(0xc2, 1600, 900),
			EOI,
		]);
		expect(size(bytes, 'jpeg')).toEqual({ width: 1600, height: 900 });
	});

	it('skips an EXIF APP1 segment that contains SOF-like bytes before the real SOF', () => {
		// An embedded thumbnail inside EXIF has its own FFC0 frame: a naive byte search finds it first.
		const thumbnail = Buffer.concat([SOI, sof(0xc0, 160, 120), EOI]);
		const exif = segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), thumbnail]));
		const bytes = Buffer.concat([SOI, exif, sof(0xc0, 3000, 2000), EOI]);
		expect(size(bytes, 'jpeg')).toEqual({ width: 3000, height: 2000 });
	});

	it('does not take DHT (C4), JPG (C8) or DAC (CC) for a frame header', () => {
		const lookalike = [8, 0, 10, 0, 10, 3, 1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1];
		const bytes = Buffer.concat([
			SOI,
			segment(0xc4, lookalike),
			segment(0xc8, lookalike),
			segment(0xcc, lookalike),
			sof(0xc1, 640, 480),
			EOI,
		]);
		expect(size(bytes, 'jpeg')).toEqual({ width: 640, height: 480 });
	});

	it('accepts every SOF variant', () => {
		for (const marker of [
			0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf,
		]) {
			expect(size(Buffer.concat([SOI, sof(marker, 50, 60), EOI]), 'jpeg')).toEqual({
				width: 50,
				height: 60,
			});
		}
	});

	it('skips fill bytes and standalone markers between segments', () => {
		const bytes = Buffer.concat([
			SOI,
			Buffer.from([0xff, 0xff, 0xff]), // fill bytes before the next marker
			segment(0xe0, [1, 2, 3]),
			Buffer.from([0xff, 0x01]), // TEM
			Buffer.from([0xff, 0xd0]), // RST0
			Buffer.from([0xff, 0xff]),
			sof(0xc0, 800, 600),
			EOI,
		]);
		expect(size(bytes, 'jpeg')).toEqual({ width: 800, height: 600 });
	});

	it('calls a JPEG truncated before or inside its SOF damaged', () => {
		const whole = Buffer.concat([SOI, segment(0xe0, Buffer.alloc(200)), sof(0xc0, 800, 600), EOI]);
		expect(corrupt(whole.subarray(0, 100), 'jpeg')).toBe(
			'The JPEG file is damaged or incomplete (the file ends before the SOF frame header that gives its size).',
		);
		expect(corrupt(whole.subarray(0, 2 + 204 + 6), 'jpeg')).toBe(
			'The JPEG file is damaged or incomplete (the file ends inside the SOF frame header).',
		);
		expect(corrupt(whole.subarray(0, 2 + 204 + 3), 'jpeg')).toBe(
			'The JPEG file is damaged or incomplete (the file ends inside a segment header).',
		);
	});

	it('calls a JPEG that reaches image data or its end without a SOF damaged', () => {
		expect(corrupt(Buffer.concat([SOI, segment(0xda, [1, 2, 3]), EOI]), 'jpeg')).toBe(
			'The JPEG file is damaged or incomplete (the image data starts before the SOF frame header).',
		);
		expect(corrupt(Buffer.concat([SOI, segment(0xe0, [1]), EOI]), 'jpeg')).toBe(
			'The JPEG file is damaged or incomplete (the image ends without a SOF frame header).',
		);
	});
});

describe('readImageSize: BMP', () => {
	it('reads a bottom-up INFO header', () => {
		expect(size(bmp(31, 17), 'bmp')).toEqual({ width: 31, height: 17 });
	});

	it('reads a top-down bitmap (negative height) as its absolute height', () => {
		expect(size(bmp(31, -17), 'bmp')).toEqual({ width: 31, height: 17 });
	});

	it('reads a CORE (OS/2) header', () => {
		expect(size(bmp(40, 30, { core: true }), 'bmp')).toEqual({ width: 40, height: 30 });
	});

	it('calls a BMP cut off in its pixel data damaged', () => {
		expect(corrupt(bmp(40, 30, { truncate: 10 }), 'bmp')).toBe(
			'The BMP file is damaged or incomplete (the file is cut off in the middle of its pixel data).',
		);
		expect(corrupt(bmp(40, 30).subarray(0, 20), 'bmp')).toBe(
			'The BMP file is damaged or incomplete (the file ends inside its header).',
		);
	});
});
