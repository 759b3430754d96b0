import { readImageSize, sniffFileType } from '../../nodes/BaiduIocr/input/fileType';
import { bmp, ftyp } from './build';

const text = (s: string) => Buffer.from(s, 'latin1');

/** A box header (size, type) followed by its payload. */
function box(type: string, payload: Buffer = Buffer.alloc(0)): Buffer {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(8 + payload.length, 0);
	head.write(type, 4, 'latin1');
	return Buffer.concat([head, payload]);
}

/** Just the `ftyp` box that `ftyp()` builds, without the box after it. */
function ftypOnly(major: string, compatible: string[]): Buffer {
	return ftyp(major, compatible).subarray(0, 16 + 4 * compatible.length);
}

/** A ZIP local file header (magic, 26 header bytes) for an entry named `name`. */
function zipEntry(name: string): Buffer {
	return Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), text(name)]);
}

/** A central-directory entry (magic, 42 header bytes) for an entry named `name`. */
function zipCentral(name: string): Buffer {
	return Buffer.concat([Buffer.from([0x50, 0x4b, 0x01, 0x02]), Buffer.alloc(42), text(name)]);
}

/** Entry data without any part names in it, larger than the 64 KB windows that are searched. */
const bulk = Buffer.alloc(100 * 1024, 0x00);

describe('sniffFileType: BMP at the edges of its header', () => {
	it.each([2, 10, 17])(
		'calls a BMP cut off after %i bytes a damaged BMP, not some other type',
		(length) => {
			const bytes = bmp(20, 20).subarray(0, length);
			expect(sniffFileType(bytes)).toEqual({ kind: 'bmp' });
			expect(readImageSize(bytes, 'bmp')).toMatchObject({
				problem: {
					message: 'The BMP file is damaged or incomplete (the file ends inside its header).',
				},
			});
		},
	);

	it('does not take short text starting with "B" for a BMP', () => {
		expect(sniffFileType(text('Bill'))).toEqual({ unsupported: 'plain text' });
		expect(sniffFileType(text('B'))).toEqual({ unsupported: 'plain text' });
	});

	it('needs a known DIB header size once the file holds one (18 bytes)', () => {
		expect(sniffFileType(text('BMW service invoic'))).toEqual({ unsupported: 'plain text' });
		expect(sniffFileType(bmp(20, 20).subarray(0, 18))).toEqual({ kind: 'bmp' });
	});
});

describe('sniffFileType: ISO media (ftyp) brands', () => {
	it.each([
		['a bare 16-byte ftyp box', ftypOnly('heic', []), 'HEIC'],
		['the major brand only', ftyp('avif', ['mif1', 'miaf']), 'AVIF'],
		['an image sequence with a non-HEIF brand too', ftyp('msf1', ['msf1', 'iso8']), 'HEIF'],
		['a HEIF image with a non-HEIF brand too', ftyp('mif1', ['mif1', 'MiPr']), 'HEIF'],
		['JPEG 2000 without its signature box', ftyp('jp2 ', ['jp2 ']), 'JPEG 2000'],
		['JPX without its signature box', ftyp('jpx ', ['jpx ']), 'JPEG 2000'],
		['JPX with several brands', ftyp('jpx ', ['jpx ', 'jp2 ', 'jpxb']), 'JPEG 2000'],
		['JPEG XL without its signature box', ftyp('jxl ', ['jxl ']), 'JPEG XL'],
	])('names %s', (_name, bytes, unsupported) => {
		expect(sniffFileType(bytes)).toEqual({ unsupported });
	});

	it('does not name a file cut off inside its ftyp box by the brand', () => {
		expect(sniffFileType(ftypOnly('heic', []).subarray(0, 12))).toEqual({
			unsupported: 'unknown',
		});
	});

	it('reads brands only from inside the ftyp box, not from the boxes after it', () => {
		const mp4 = ftypOnly('isom', ['isom', 'mp41']);
		// A box right after ftyp whose type starts like a brand, then one whose data does.
		expect(sniffFileType(Buffer.concat([mp4, box('jp2h')]))).toEqual({
			unsupported: 'MP4/QuickTime video',
		});
		expect(sniffFileType(Buffer.concat([mp4, box('free', text('avif'))]))).toEqual({
			unsupported: 'MP4/QuickTime video',
		});
	});
});

describe('sniffFileType: ZIP-based documents', () => {
	it('finds a part name only in the first 64 KB of a large file', () => {
		const docx = Buffer.concat([zipEntry('word/document.xml'), bulk]);
		expect(sniffFileType(docx)).toEqual({ unsupported: 'Word document (DOCX)' });
	});

	it('finds a part name only in the central directory at the end of a large file', () => {
		const xlsx = Buffer.concat([
			zipEntry('[Content_Types].xml'),
			bulk,
			zipCentral('xl/workbook.xml'),
		]);
		expect(sniffFileType(xlsx)).toEqual({ unsupported: 'Excel workbook (XLSX)' });
	});

	it('names a PowerPoint presentation by its ppt/ parts', () => {
		const pptx = zipEntry('ppt/presentation.xml');
		expect(sniffFileType(pptx)).toEqual({ unsupported: 'PowerPoint presentation (PPTX)' });
	});

	it('names an OpenDocument file by its mimetype entry', () => {
		const odt = Buffer.concat([
			zipEntry('mimetype'),
			text('application/vnd.oasis.opendocument.text'),
		]);
		expect(sniffFileType(odt)).toEqual({ unsupported: 'OpenDocument' });
	});
});
