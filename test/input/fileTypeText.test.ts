import { sniffFileType } from '../../nodes/BaiduIocr/input/fileType';
import { handPdf } from './build';

const text = (s: string) => Buffer.from(s, 'utf8');
const bytes = (...parts: (string | number[])[]) =>
	Buffer.concat(parts.map((p) => (typeof p === 'string' ? text(p) : Buffer.from(p))));
const refused = (b: Buffer) => sniffFileType(b);

/** The 4 KB window sniffText examines. */
const WINDOW = 4096;

describe('sniffFileType: text that is accepted as text', () => {
	it.each([
		['a tab', 'name\tamount\n'],
		['a vertical tab', 'line one\x0bline two'],
		['a form feed', 'page one\x0cpage two'],
		['Windows line ends', 'line one\r\nline two\r\n'],
		['an ANSI colour escape', '\x1b[31merror\x1b[0m in log'],
		['a two-byte character led by 0xc2', 'Copyright \u00a9 2024 ACME'],
		['accented Latin letters', 'caf\u00e9 cr\u00e8me br\u00fbl\u00e9e'],
		['a two-byte character led by 0xdf', 'NKo letter \u07ff here'],
		['a three-byte character led by 0xe0', 'Hindi \u0915\u093e text'],
		['a three-byte character led by 0xef', '\u53d1\u7968\uff0c\u91d1\u989d\uff1a100'],
		['an emoji (four bytes led by 0xf0)', 'invoice paid \u{1f600} thanks'],
		['a four-byte character led by 0xf4', 'private use \u{10fffd} char'],
	])('text with %s is plain text', (_name, s) => {
		expect(refused(text(s))).toEqual({ unsupported: 'plain text' });
	});

	it('reads text after a UTF-8 byte order mark', () => {
		expect(refused(bytes([0xef, 0xbb, 0xbf], 'hello world'))).toEqual({ unsupported: 'plain text' });
	});

	it.each([
		['little-endian', [0xff, 0xfe, 0x68, 0x00, 0x69, 0x00]],
		['big-endian', [0xfe, 0xff, 0x00, 0x68, 0x00, 0x69]],
	])('names UTF-16 %s text (with its byte order mark) as plain text', (_name, b) => {
		expect(refused(Buffer.from(b))).toEqual({ unsupported: 'plain text' });
	});

	it('accepts long text whose 4 KB window ends inside a character', () => {
		// 4095 ASCII bytes, then a three-byte character straddling the window end.
		const b = text('a'.repeat(WINDOW - 1) + '\u4e2d\u6587'.repeat(10));
		expect(refused(b)).toEqual({ unsupported: 'plain text' });
	});

	it.each([
		['one byte', 1],
		['two bytes', 2],
	])(
		'decides from the first 4 KB only, even when a character cut %s before the window end is followed by junk',
		(_name, before) => {
			// A three-byte lead with only the bytes that fit, then bytes that cannot continue it.
			const cut = [0xe4, 0xb8].slice(0, before);
			const b = bytes('a'.repeat(WINDOW - before), cut, 'xyz after the window');
			expect(refused(b)).toEqual({ unsupported: 'plain text' });
		},
	);
});

describe('sniffFileType: binary that is not taken for text', () => {
	it.each([
		['a NUL byte', bytes('abc', [0x00], 'def')],
		['a DEL byte', bytes('abc', [0x7f], 'def')],
		['stray continuation bytes', bytes('abc', new Array(12).fill(0x80), 'def')],
		['an overlong two-byte form', bytes('abc', [0xc0, 0xaf], 'def')],
		['a byte that never starts a character', bytes('abc', [0xf8, 0x88, 0x80, 0x80, 0x80], 'def')],
		['a four-byte form beyond U+10FFFF', bytes('abc', [0xf5, 0x80, 0x80, 0x80], 'def')],
		['a character missing its last byte', bytes('abc', [0xe4, 0xb8], 'def')],
		['a character missing its continuation bytes', bytes('abc', [0xe4], 'xyz')],
		['a short file ending inside a character', bytes('abc', [0xe4, 0xb8])],
		['a WAV (RIFF, not WebP) header', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt ', [0x10, 0, 0, 0])],
	])('names bytes with %s unknown', (_name, b) => {
		expect(refused(b)).toEqual({ unsupported: 'unknown' });
	});
});

describe('sniffFileType: what kind of text', () => {
	it.each([
		['SVG after a tab', '\t<svg width="10"/>', 'SVG'],
		['SVG after a newline', '\n<svg width="10"/>', 'SVG'],
		['SVG after a Windows line end', '\r\n<svg width="10"/>', 'SVG'],
		['HTML5 without an <html> tag', '<!DOCTYPE html>\n<title>Login</title><p>Sign in', 'HTML'],
		['text starting with a heart', '<3 thanks for the <b>invoice</b>', 'plain text'],
		['a note mentioning a data URL', 'see data:image/png;base64,iVBORw0KGgo', 'plain text'],
		['RTF', '{\\rtf1\\ansi Hello}', 'RTF'],
		['PostScript', '%!PS-Adobe-3.0\n%%Pages: 1\n', 'PostScript'],
		['a JSON array', '[{"id": 1}, {"id": 2}]', 'JSON text'],
		['a sentence mentioning WEBP', 'Convert WEBP to JPEG please', 'plain text'],
	])('names %s', (_name, s, type) => {
		expect(refused(text(s))).toEqual({ unsupported: type });
	});

	it('looks for <svg only in the first 4 KB (an HTML page with an inline icon further down)', () => {
		const page = '\n\n<!DOCTYPE html><html><body>';
		const b = text(page + 'p'.repeat(WINDOW - page.length) + '<svg width="10"/></body></html>');
		expect(refused(b)).toEqual({ unsupported: 'HTML' });
	});

	it('names a ZIP holding an OpenDocument mimetype entry', () => {
		const b = bytes(
			[0x50, 0x4b, 0x03, 0x04],
			new Array(26).fill(0),
			'mimetypeapplication/vnd.oasis.opendocument.text',
		);
		expect(refused(b)).toEqual({ unsupported: 'OpenDocument' });
	});
});

describe('sniffFileType: base64 text', () => {
	// base64 of 'ABCDEFGHIJKL': exactly 16 characters, no padding.
	const b16 = 'QUJDREVGR0hJSktM';

	it.each([
		['exactly 16 characters without padding', b16],
		['one padding character', 'QUJDREVGR0hJSktMTQ=='.slice(0, -1)],
		['two padding characters', 'QUJDREVGR0hJSktMTQ=='],
		['broken into lines', `${b16}${b16}\n${b16}${b16}\r\n${b16}`],
	])('recognises base64 %s', (_name, s) => {
		expect(refused(text(s))).toEqual({ unsupported: 'base64 text' });
	});

	it.each([
		['a short mixed-case code', 'Room42B'],
		['a lowercase hex digest', '9f86d081884c7d659a2feaa0c55ad015'],
		['an uppercase hex digest', '9F86D081884C7D659A2FEAA0C55AD015'],
		['a long CamelCase word', 'InvoiceAttachmentHandler'],
	])('does not take %s for base64', (_name, s) => {
		expect(refused(text(s))).toEqual({ unsupported: 'plain text' });
	});
});

describe('sniffFileType: binary formats', () => {
	it('finds %PDF- starting at offset 1024', () => {
		expect(refused(Buffer.concat([Buffer.alloc(1024, 0x20), handPdf(1)]))).toEqual({ kind: 'pdf' });
	});

	it.each([
		['BigTIFF little-endian', [0x49, 0x49, 0x2b, 0x00, 0x08, 0x00, 0x00, 0x00, 0x10, 0, 0, 0, 0, 0, 0, 0], 'TIFF'],
		['BigTIFF big-endian', [0x4d, 0x4d, 0x00, 0x2b, 0x00, 0x08, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0x10], 'TIFF'],
		[
			'a JP2 file',
			[0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a, 0x00, 0x00, 0x00, 0x14],
			'JPEG 2000',
		],
		['a JPEG 2000 codestream', [0xff, 0x4f, 0xff, 0x51, 0x00, 0x2f, 0x00, 0x00], 'JPEG 2000'],
		[
			'a JPEG XL container',
			[0x00, 0x00, 0x00, 0x0c, 0x4a, 0x58, 0x4c, 0x20, 0x0d, 0x0a, 0x87, 0x0a, 0x00, 0x00, 0x00, 0x14],
			'JPEG XL',
		],
		['a JPEG XL codestream', [0xff, 0x0a, 0xfa, 0x7f, 0x01, 0x90, 0x08], 'JPEG XL'],
		['a Photoshop file', [0x38, 0x42, 0x50, 0x53, 0x00, 0x01, 0, 0, 0, 0, 0, 0], 'Photoshop (PSD)'],
	])('names %s', (_name, b, type) => {
		expect(refused(Buffer.from(b))).toEqual({ unsupported: type });
	});

	/** An icon directory with `count` images and a 16-byte entry; `reserved` is entry byte 3. */
	const ico = (count: number, reserved = 0, length = 22) =>
		Buffer.concat([
			Buffer.from([0x00, 0x00, 0x01, 0x00, count, 0x00, 0x10, 0x10, 0x00, reserved]),
			Buffer.alloc(length - 10, 0x01),
		]);

	it('names a 22-byte icon file ICO', () => {
		expect(refused(ico(1))).toEqual({ unsupported: 'ICO' });
	});

	it.each([
		['an icon directory with no images', ico(0)],
		['an icon directory with a non-zero reserved byte', ico(1, 5)],
		['an icon header cut before its first entry ends', ico(1, 0, 21)],
		[
			'binary data that only shares the entry layout',
			Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2, 3, 4, 5]),
		],
	])('does not call %s ICO', (_name, b) => {
		expect(refused(b)).toEqual({ unsupported: 'unknown' });
	});
});
