import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckedFile, InputProblem } from '../../nodes/BaiduIocr/model';
import {
	checkClassifierId,
	checkFile,
	checkUrl,
	isInputProblem,
} from '../../nodes/BaiduIocr/input/check';
import { BAIDU_LIMITS } from '../../nodes/BaiduIocr/input/limits';
import { bmp, ftyp, gif, handPdf, jpg, png, randomBytes, segment, tiff, webp } from './build';

const LIMIT = BAIDU_LIMITS.maxEncodedBytes;

function ok(bytes: Buffer, fileName = 'scan'): CheckedFile {
	const result = checkFile(bytes, { binaryProperty: 'data', fileName });
	if (isInputProblem(result)) throw new Error(`unexpected problem: ${result.message}`);
	return result;
}

function problem(bytes: Buffer, fileName?: string): InputProblem {
	const result = checkFile(bytes, { binaryProperty: 'data', fileName });
	if (!isInputProblem(result)) throw new Error(`expected a problem, got a ${result.kind}`);
	return result;
}

const EDIT_IMAGE =
	"Baidu iOCR accepts only JPEG, PNG, BMP and PDF files. Convert it to JPEG or PNG before this node, for example with n8n's Edit Image node (Options > Format: JPEG or PNG).";

/**
 * `prefix` followed by filler bytes, with an exact encoded length of `target`. Encoded lengths
 * are always even (base64 comes in groups of 4 characters, each '+', '/', '=' adds 2), so
 * `target` must be even. Filler 'AAA' encodes to 'QUFB' (no character expands), so past the
 * first few bytes every 3 filler bytes add exactly 4; one optional group that encodes to
 * 'A+AA' adds 2 more. The length is solved from a short trial; the tests check the result.
 */
function withEncodedLength(target: number, prefix: Buffer): Buffer {
	const build = (fill: number, plus: boolean) => {
		const filler = Buffer.alloc(fill, 0x41);
		if (plus) filler.set([0x03, 0xe0, 0x00], (3 - (prefix.length % 3)) % 3);
		return Buffer.concat([prefix, filler]);
	};
	for (const trial of [6, 7, 8]) {
		for (const plus of [false, true]) {
			const e0 = encodeURIComponent(build(trial, plus).toString('base64')).length;
			if ((target - e0) % 4 === 0 && target >= e0)
				return build(trial + (3 * (target - e0)) / 4, plus);
		}
	}
	throw new Error(`no file found with encoded length ${target}`);
}

describe('checkFile: accepted files', () => {
	it.each([
		['JPEG', jpg(120, 80), 'jpeg', 120, 80],
		['PNG', png(15, 15), 'png', 15, 15],
		['BMP', bmp(64, 32), 'bmp', 64, 32],
		['top-down BMP', bmp(64, -32), 'bmp', 64, 32],
	])('passes a %s with its size and its bytes as they are', (_name, bytes, kind, width, height) => {
		const checked = ok(bytes);
		expect(checked).toMatchObject({ kind, width, height, warnings: [] });
		expect(Buffer.from(checked.bytes)).toEqual(bytes);
		// Small enough to pass even if every character expanded: measured when sent, not here.
		expect(checked.encodedLength).toBeUndefined();
		expect(checked.pageCount).toBeUndefined();
	});

	it('measures the exact encoded length of a file that could be near the limit', () => {
		// 1.2 MB: base64 1.6 MB, which would pass unexpanded and fail if all of it expanded.
		const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n', 'latin1'), randomBytes(1_200_000, 5)]);
		const checked = ok(bytes);
		expect(checked.encodedLength).toBe(
			new URLSearchParams({ image: bytes.toString('base64') }).toString().length - 'image='.length,
		);
	});

	it('passes a one-page PDF with its page count and no warning', () => {
		const checked = ok(handPdf(1));
		expect(checked).toMatchObject({ kind: 'pdf', pageCount: 1, warnings: [] });
		expect(checked.width).toBeUndefined();
	});

	it('passes a multi-page PDF with a warning that only page 1 is read', () => {
		const checked = ok(handPdf(4));
		expect(checked.pageCount).toBe(4);
		expect(checked.warnings).toEqual(['PDF has 4 pages; Baidu iOCR reads only page 1']);
	});

	it('passes a PDF whose pages cannot be counted, without a page count or warning', () => {
		const checked = ok(Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2000, 11)]));
		expect(checked.pageCount).toBeUndefined();
		expect(checked.warnings).toEqual([]);
	});

	it('decides by content, not by file name', () => {
		expect(ok(png(20, 20), 'photo.gif').kind).toBe('png');
	});

	it('accepts a Uint8Array view into a larger buffer', () => {
		const whole = Buffer.concat([Buffer.alloc(7, 1), png(20, 20), Buffer.alloc(5, 2)]);
		const view = new Uint8Array(whole.buffer, whole.byteOffset + 7, whole.length - 12);
		const checked = checkFile(view, {}) as CheckedFile;
		expect(Buffer.from(checked.bytes)).toEqual(png(20, 20));
	});
});

describe('checkFile: pixel limits', () => {
	it.each([
		[15, 15],
		[15, 4096],
		[4096, 15],
	])('passes %i x %i px', (width, height) => {
		expect(ok(png(width, height))).toMatchObject({ width, height });
	});

	it.each([
		[14, 100],
		[100, 14],
		[1, 1],
	])('refuses %i x %i px (shortest side under 15)', (width, height) => {
		const p = problem(png(width, height));
		expect(p.message).toBe(
			`The image is ${width} × ${height} px; Baidu iOCR needs at least 15 px on its shortest side.`,
		);
		expect(p.description).toBe(
			"Check that this is the document and not an icon, a logo or a tracking pixel (email attachments often include them). If it is the document, enlarge it with n8n's Edit Image node (Operation: Resize) so that both sides are at least 15 px.",
		);
	});

	it.each([
		['PNG', 4097, 15, () => png(4097, 15)],
		['PNG', 15, 4097, () => png(15, 4097)],
		['JPEG', 4097, 16, () => jpg(4097, 16)],
		['top-down BMP', 16, 4097, () => bmp(16, -4097)],
	])('refuses a %s of %i x %i px (longest side over 4096)', (_name, width, height, build) => {
		const p = problem(build());
		expect(p.message).toBe(
			`The image is ${width} × ${height} px; Baidu iOCR accepts at most 4096 px on its longest side.`,
		);
		expect(p.description).toBe(
			"Shrink it before this node with n8n's Edit Image node: Operation Resize, Width and Height 4096, Resize Option 'Only if Larger' (keeps the aspect ratio).",
		);
	});
});

describe('checkFile: the 4 MB limit after base64 and URL encoding', () => {
	const header = Buffer.from('%PDF-1.4\n', 'latin1');

	it('passes a PDF exactly at 4,194,304 encoded bytes', () => {
		const bytes = withEncodedLength(LIMIT, header);
		const checked = ok(bytes);
		expect(checked.encodedLength).toBe(LIMIT);
		expect(encodeURIComponent(bytes.toString('base64')).length).toBe(LIMIT);
	});

	it('refuses a PDF at the smallest encoded size over the limit (4,194,306: encoded sizes are even)', () => {
		const bytes = withEncodedLength(LIMIT + 2, header);
		expect(encodeURIComponent(bytes.toString('base64')).length).toBe(LIMIT + 2);
		const p = problem(bytes);
		expect(p.message).toBe(
			'The file is too large: 4,194,306 bytes (4.01 MB) after base64 and URL encoding; Baidu iOCR accepts at most 4,194,304 bytes (4 MB).',
		);
		expect(p.description).toBe(
			`Baidu measures the file after base64 and URL encoding, which makes it about 1.4 times larger: this file is ${bytes.length
				.toString()
				.replace(
					/\B(?=(\d{3})+(?!\d))/g,
					',',
				)} bytes as a file and would have to shrink below about 2.9 MB. ` +
				'Split the PDF so that only the page to read is sent (Baidu iOCR reads only page 1), or compress it, for example by lowering the resolution of its images.',
		);
	});

	it('passes a JPEG exactly at the limit and refuses one just over it', () => {
		// Bytes after EOI are ignored by JPEG readers; here they pad the file to the size wanted.
		const real = jpg(100, 80);
		const atLimit = withEncodedLength(LIMIT, real);
		expect(encodeURIComponent(atLimit.toString('base64')).length).toBe(LIMIT);
		expect(ok(atLimit)).toMatchObject({
			kind: 'jpeg',
			width: 100,
			height: 80,
			encodedLength: LIMIT,
		});

		const over = withEncodedLength(LIMIT + 2, real);
		expect(encodeURIComponent(over.toString('base64')).length).toBe(LIMIT + 2);
		const p = problem(over);
		expect(p.message).toBe(
			'The file is too large: 4,194,306 bytes (4.01 MB) after base64 and URL encoding; Baidu iOCR accepts at most 4,194,304 bytes (4 MB).',
		);
		expect(p.description).toMatch(
			/^Baidu measures the file after base64 and URL encoding, which makes it about 1\.4 times larger: this file is [\d,]+ bytes as a file and would have to shrink below about 2\.9 MB\. Make the image smaller before this node with n8n's Edit Image node: Resize it \(about 2000 px on the longer side is plenty for a document\), or save it as JPEG with a lower quality \(Options > Format: JPEG, Quality: 80 or less\)\.$/,
		);
	});

	it('gives the exact encoded size of a much larger file', () => {
		const bytes = Buffer.concat([header, randomBytes(5 * 1024 * 1024, 77)]);
		const exact = encodeURIComponent(bytes.toString('base64')).length;
		const p = problem(bytes);
		const shown = exact.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
		expect(p.message).toContain(`The file is too large: ${shown} bytes (`);
		// Random data expands by about 4/3 * 1.0625: the file must shrink below ~2.8 MB.
		expect(p.description).toContain('would have to shrink below about 2.8 MB');
	});

	it('reports pixel limits before the byte limit', () => {
		const frame = segment(0xc0, [8, 0x13, 0x88, 0x00, 0x20, 1, 1, 0x11, 0]);
		const bytes = withEncodedLength(LIMIT + 2, Buffer.concat([Buffer.from([0xff, 0xd8]), frame]));
		expect(problem(bytes).message).toBe(
			'The image is 32 × 5000 px; Baidu iOCR accepts at most 4096 px on its longest side.',
		);
	});
});

describe('checkFile: refused and broken files', () => {
	it('refuses an empty file', () => {
		expect(problem(Buffer.alloc(0))).toEqual({
			message: 'The file is empty (0 bytes).',
			description:
				"The previous node produced an empty file. Check its output: a download that failed or an attachment that was not fetched (for example an email trigger without 'Download Attachments') can leave an empty file.",
		});
	});

	it.each([
		['GIF', gif()],
		['WebP', webp()],
		['TIFF', tiff()],
	])('names a %s image and points to Edit Image', (type, bytes) => {
		expect(problem(bytes)).toEqual({
			message: `The file is a ${type} image, which Baidu iOCR does not accept.`,
			description: EDIT_IMAGE,
		});
	});

	it('says when the file name claims an accepted type', () => {
		expect(problem(gif(), 'scan.JPG').message).toBe(
			'The file is a GIF image (although its name ends in .jpg), which Baidu iOCR does not accept.',
		);
	});

	it('does not claim an accepted type for a name that only contains one', () => {
		expect(problem(gif(), 'scan.jpg.gif').message).toBe(
			'The file is a GIF image, which Baidu iOCR does not accept.',
		);
	});

	it('explains HEIC photos from phones and how to switch to JPEG', () => {
		const p = problem(ftyp('heic', ['mif1', 'heic']), 'IMG_0001.HEIC');
		expect(p.message).toBe(
			'The file is a HEIC photo, which Baidu iOCR does not accept. iPhones and many Android phones save photos as HEIC.',
		);
		expect(p.description).toBe(
			'Baidu iOCR accepts only JPEG, PNG, BMP and PDF files. Send the photo as JPEG instead. ' +
				'On an iPhone, Settings > Camera > Formats > Most Compatible saves new photos as JPEG, and Settings > Photos > Transfer to Mac or PC > Automatic converts photos when they are shared. ' +
				"On Android, turn off 'High efficiency pictures' (HEIF) in the camera settings. " +
				"Otherwise convert the file to JPEG before this node (n8n's Edit Image node can do it only if its GraphicsMagick reads HEIC).",
		);
	});

	it('names AVIF and SVG', () => {
		expect(problem(ftyp('avif', ['avif']))).toEqual({
			message: 'The file is an AVIF image, which Baidu iOCR does not accept.',
			description: EDIT_IMAGE,
		});
		expect(problem(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toEqual({
			message: 'The file is an SVG drawing (vector graphics), which Baidu iOCR does not accept.',
			description:
				"Baidu iOCR accepts only JPEG, PNG, BMP and PDF files. Render it to PNG first, for example with n8n's Edit Image node (Options > Format: PNG).",
		});
	});

	it('explains an HTML page as a failed download', () => {
		expect(problem(Buffer.from('<!DOCTYPE html><html><title>Sign in</title></html>'))).toEqual({
			message: 'The file is an HTML web page, not an image or PDF.',
			description:
				"A web page usually means the download returned a login page, an error page or a preview page instead of the file. Use the file's direct download link in the HTTP Request node (Response Format: File) and check that it needs no login.",
		});
	});

	it('asks to export Office documents as PDF', () => {
		const docx = Buffer.concat([
			Buffer.from([0x50, 0x4b, 0x03, 0x04]),
			Buffer.alloc(26),
			Buffer.from('word/document.xml'),
		]);
		expect(problem(docx)).toEqual({
			message: 'The file is a Word document (DOCX), which Baidu iOCR does not accept.',
			description:
				'Baidu iOCR accepts only JPEG, PNG, BMP and PDF files. Export the document as PDF (or the page as a PNG image) and send that file.',
		});
	});

	it.each([
		['ZIP', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0])],
		['gzip', Buffer.from([0x1f, 0x8b, 8, 0])],
	])('asks to unpack a %s archive with the Compression node', (type, bytes) => {
		expect(problem(bytes)).toEqual({
			message: `The file is a ${type} archive, which Baidu iOCR does not accept.`,
			description:
				"Baidu iOCR accepts only JPEG, PNG, BMP and PDF files. Unpack it first with n8n's Compression node (Decompress); each file inside becomes its own binary property, which this node can read with All Binary Properties.",
		});
	});

	it.each([
		['RAR', Buffer.from('Rar!\x1a\x07\x01\x00', 'latin1')],
		['7-Zip', Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4])],
	])('asks to unpack a %s archive before n8n, which cannot read it', (type, bytes) => {
		expect(problem(bytes)).toEqual({
			message: `The file is a ${type} archive, which Baidu iOCR does not accept.`,
			description:
				"Baidu iOCR accepts only JPEG, PNG, BMP and PDF files. Unpack it before it reaches n8n (n8n's Compression node reads only ZIP and gzip) and send the files inside.",
		});
	});

	it('names a video and asks to check the binary property', () => {
		expect(problem(ftyp('isom', ['isom', 'mp41']), 'scan.jpg')).toEqual({
			message:
				'The file is a video or other media file (MP4/QuickTime family) (although its name ends in .jpg), which Baidu iOCR does not accept.',
			description:
				'Baidu iOCR accepts only JPEG, PNG, BMP and PDF files. Check that the right binary property is selected.',
		});
	});

	it('names JSON text and says how to turn a base64 field into a file', () => {
		expect(problem(Buffer.from('{"image":"iVBORw0KGgo="}'))).toEqual({
			message: 'The file is JSON text, not an image or PDF.',
			description:
				"Baidu iOCR accepts only JPEG, PNG, BMP and PDF files. Check that the right binary property is selected. If the JSON carries the file as base64, turn that field into a file with n8n's Convert to File node (Operation: Move Base64 String to File).",
		});
	});

	it('names XML text as XML, not as plain text', () => {
		expect(problem(Buffer.from('<?xml version="1.0"?><Error>AccessDenied</Error>'))).toEqual({
			message: 'The file is XML text, not an image or PDF.',
			description:
				'Baidu iOCR accepts only JPEG, PNG, BMP and PDF files. Check that the right binary property is selected and that the previous node downloaded the file itself rather than an error message.',
		});
	});

	it('recognises base64 text and a data: URL stored as a file', () => {
		const base64 = png(20, 20).toString('base64');
		const p = problem(Buffer.from(base64));
		expect(p).toEqual({
			message: 'The file holds base64 text rather than the file itself.',
			description:
				"Turn the base64 text into a file with n8n's Convert to File node (Operation: Move Base64 String to File) and pass that file to this node. Do not base64-encode it yourself: this node does that.",
		});
		expect(problem(Buffer.from(`data:image/png;base64,${base64}`))).toEqual({
			message:
				"The file holds a data: URL as text ('data:...;base64,...') rather than the file itself.",
			description:
				"Remove the 'data:...;base64,' prefix and turn the rest into a file with n8n's Convert to File node (Operation: Move Base64 String to File), then pass that file to this node.",
		});
	});

	it('refuses plain text and unknown binary data without quoting the content', () => {
		const secret = 'Account 12345678 PIN 9876';
		const text = problem(Buffer.from(secret));
		expect(text).toEqual({
			message: 'The file is plain text, not an image or PDF.',
			description:
				'Baidu iOCR accepts only JPEG, PNG, BMP and PDF files. Check that the right binary property is selected and that the previous node downloaded the file itself rather than an error message.',
		});
		const unknown = problem(Buffer.from([0x00, 0x13, 0x37, 0xca, 0xfe, 0x00]), 'scan.pdf');
		expect(unknown).toEqual({
			message:
				'The file is not a JPEG, PNG, BMP or PDF file (although its name ends in .pdf): its content matches none of them.',
			description:
				'Baidu iOCR accepts only JPEG, PNG, BMP and PDF files. Check that the right binary property is selected and that the file opens in an image viewer; a file that is damaged or encrypted cannot be read either.',
		});
		for (const p of [text, unknown]) {
			expect(`${p.message} ${p.description}`).not.toMatch(/12345678|ca ?fe|13 ?37/i);
		}
	});

	it('refuses a damaged image header', () => {
		const cut = png(50, 50).subarray(0, 40);
		expect(problem(cut)).toEqual({
			message: 'The PNG file is damaged or incomplete (the file is cut off before its end).',
			description:
				'The file cannot be read as an image. Check that it was downloaded completely (for example, that the HTTP Request node returned the file and not an error page) and that it opens in an image viewer, or re-export it as JPEG or PNG.',
		});
		expect(problem(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a])).message).toBe(
			'The JPEG file is damaged or incomplete (the file ends before the SOF frame header that gives its size).',
		);
	});
});

describe('checkFile: the sample files', () => {
	const dir = join(__dirname, '..', 'samples', 'files');
	// Committed with the repository (npm run samples redraws them): a missing one is a failure.
	const sample = (name: string) => readFileSync(join(dir, name));
	const cases: [string, (r: CheckedFile | InputProblem) => void][] = [
		['train-ticket.png', (r) => expect(r).toMatchObject({ kind: 'png' })],
		['train-ticket.jpg', (r) => expect(r).toMatchObject({ kind: 'jpeg' })],
		['receipt.bmp', (r) => expect(r).toMatchObject({ kind: 'bmp' })],
		['invoice.pdf', (r) => expect(r).toMatchObject({ kind: 'pdf', warnings: [] })],
		[
			'invoice-multipage.pdf',
			(r) =>
				expect((r as CheckedFile).warnings).toEqual([
					expect.stringMatching(/^PDF has \d+ pages; Baidu iOCR reads only page 1$/),
				]),
		],
		['tiny.png', (r) => expect((r as InputProblem).message).toMatch(/needs at least 15 px/)],
		['huge.png', (r) => expect((r as InputProblem).message).toMatch(/at most 4096 px/)],
		['sample.gif', (r) => expect((r as InputProblem).message).toMatch(/GIF image/)],
		['sample.webp', (r) => expect((r as InputProblem).message).toMatch(/WebP image/)],
		['sample.tiff', (r) => expect((r as InputProblem).message).toMatch(/TIFF image/)],
		['sample.heic', (r) => expect((r as InputProblem).message).toMatch(/HEI[CF] photo/)],
		['corrupt.png', (r) => expect((r as InputProblem).message).toMatch(/damaged or incomplete/)],
		['empty.bin', (r) => expect((r as InputProblem).message).toBe('The file is empty (0 bytes).')],
	];
	it.each(cases)('%s', (name, expectation) => {
		expectation(checkFile(sample(name), { fileName: name, binaryProperty: 'data' }));
	});
});

describe('checkUrl', () => {
	const fixLong =
		'Use a shorter address (without tracking parameters, or through a link shortener), or download the file with an HTTP Request node (Response Format: File) and recognise it as binary data instead.';

	it('trims and passes http and https URLs', () => {
		expect(checkUrl('  https://example.com/scan.jpg\n')).toEqual({
			url: 'https://example.com/scan.jpg',
		});
		expect(checkUrl('http://10.0.0.1:8080/a.png?x=1')).toEqual({
			url: 'http://10.0.0.1:8080/a.png?x=1',
		});
	});

	it('passes 1024 bytes and refuses 1025, counted as UTF-8 bytes of the trimmed string', () => {
		const base = 'https://example.com/';
		const at = base + 'a'.repeat(1024 - base.length);
		expect(checkUrl(` ${at} `)).toEqual({ url: at });
		const over = at + 'a';
		expect(checkUrl(over)).toEqual({
			message: 'The URL is 1,025 bytes long; Baidu iOCR accepts at most 1,024 bytes.',
			description: fixLong,
		});
		// '票' is 3 bytes in UTF-8: 340 of them plus the base is 1040 bytes but only 360 characters.
		const wide = base + '票'.repeat(340);
		expect(checkUrl(wide)).toMatchObject({
			message: 'The URL is 1,040 bytes long; Baidu iOCR accepts at most 1,024 bytes.',
		});
	});

	it('refuses other schemes', () => {
		expect(checkUrl('ftp://example.com/scan.jpg')).toEqual({
			message: 'The URL uses ftp:, but Baidu iOCR can only download http:// and https:// URLs.',
			description:
				'Serve the image over http or https, or download the file with an HTTP Request node (Response Format: File) and recognise it as binary data instead.',
		});
		expect(checkUrl('file:///tmp/scan.jpg')).toMatchObject({
			message: 'The URL uses file:, but Baidu iOCR can only download http:// and https:// URLs.',
		});
		// No host either, but the scheme is what is wrong: 'http:' further on does not make it one.
		expect(checkUrl('file:///mirror/http:/example.com/scan.jpg')).toMatchObject({
			message: 'The URL uses file:, but Baidu iOCR can only download http:// and https:// URLs.',
		});
	});

	it('refuses a URL without a host', () => {
		for (const url of ['http://', 'https:///scan.jpg', 'http://user@:80/x']) {
			expect(checkUrl(url)).toEqual({
				message: `The URL '${url}' has no host name.`,
				description:
					'Write the full address, including the server name, e.g. https://example.com/scan.jpg.',
			});
		}
	});

	it('refuses a URL without a scheme', () => {
		expect(checkUrl('www.example.com/scan.jpg')).toEqual({
			message: "The URL 'www.example.com/scan.jpg' does not start with http:// or https://.",
			description: 'Write the full address, including https:// (or http://) in front.',
		});
		// A scheme later in the URL (a redirect parameter) is not the URL's own.
		expect(checkUrl('www.example.com/login?next=https://example.com/scan.jpg')).toEqual({
			message: "The URL 'www.example.com/login' does not start with http:// or https://.",
			description: 'Write the full address, including https:// (or http://) in front.',
		});
	});

	it('refuses white space inside the URL', () => {
		expect(checkUrl('https://example.com/my scan.jpg')).toEqual({
			message:
				"The URL 'https://example.com/my scan.jpg' contains white space (a space, tab or line break).",
			description:
				'Remove line breaks and write spaces as %20. A URL must be a single unbroken string.',
		});
		expect(checkUrl('https://example.com/a\nhttps://example.com/b')).toMatchObject({
			message:
				"The URL 'https://example.com/a\nhttps://example.com/b' contains white space (a space, tab or line break).",
		});
	});

	it('refuses an empty value', () => {
		for (const url of ['', '   \n']) {
			expect(checkUrl(url)).toEqual({
				message: 'No image URL was given.',
				description:
					"Enter the image's address, starting with http:// or https://, or map it from a field of the input item.",
			});
		}
	});

	it('refuses a data: URL and says how to use it as a file', () => {
		expect(checkUrl('data:image/png;base64,iVBORw0KGgo=')).toEqual({
			message: 'The URL is a data: URL, which holds the file itself rather than its address.',
			description:
				"Baidu iOCR needs an http:// or https:// address. Remove the 'data:...;base64,' prefix, turn the rest into a file with n8n's Convert to File node (Operation: Move Base64 String to File) and recognise it as binary data instead.",
		});
	});

	it('passes a URL that only contains data: further on', () => {
		const url = 'https://example.com/files/data:scan.png';
		expect(checkUrl(url)).toEqual({ url });
	});

	it('refuses a URL that does not parse', () => {
		expect(checkUrl('https://[::1/scan.jpg')).toEqual({
			message: "The URL 'https://[::1/scan.jpg' is not a valid URL.",
			description: 'Check the address: it should look like https://example.com/scan.jpg.',
		});
	});

	it('keeps query strings (which may hold signatures) out of messages', () => {
		const p = checkUrl('https://example.com/a b.jpg?X-Amz-Signature=deadbeef') as InputProblem;
		expect(p.message).toBe(
			"The URL 'https://example.com/a b.jpg' contains white space (a space, tab or line break).",
		);
	});

	it('shows a URL of up to 80 characters whole and cuts a longer one to 77 and "..."', () => {
		const spaced = 'https://example.com/my scans/';
		const at80 = spaced.padEnd(80, 'a');
		const said = (url: string) => (checkUrl(url) as InputProblem).message;
		expect(said(`${at80}?sig=${'f'.repeat(64)}`)).toBe(
			`The URL '${at80}' contains white space (a space, tab or line break).`,
		);
		expect(said(`${at80}b.jpg`)).toBe(
			`The URL '${spaced}${'a'.repeat(48)}...' contains white space (a space, tab or line break).`,
		);
	});
});

describe('checkClassifierId', () => {
	const fix =
		"Copy the classifier's number from the iOCR console (Classifiers). If it comes from an expression, check what the expression gives for this item.";
	const templateHint =
		'This looks like a template ID: use it with Recognize with Template (or the finance Template mode) instead. ';

	it.each(['1001', '7', '0012345'])('passes the number %s', (id) => {
		expect(checkClassifierId(id)).toBeUndefined();
	});

	it.each(['invoices', 'abc123', '123abc', '12 34', '-1', '1.5'])(
		"refuses '%s', which is not a number, before it is sent",
		(id) => {
			expect(checkClassifierId(id)).toEqual({
				message: `The classifier ID '${id}' is not a number; Baidu's classifier IDs are numbers, such as 1001.`,
				description: fix,
			});
		},
	);

	it('shows an ID of up to 40 characters whole and cuts a longer one to 37 and "..."', () => {
		const at40 = 'classifier-for-invoices-'.padEnd(40, 'x');
		expect(checkClassifierId(at40)?.message).toBe(
			`The classifier ID '${at40}' is not a number; Baidu's classifier IDs are numbers, such as 1001.`,
		);
		expect(checkClassifierId(`${at40}y`)?.message).toBe(
			`The classifier ID '${at40.slice(0, 37)}...' is not a number; Baidu's classifier IDs are numbers, such as 1001.`,
		);
	});

	it.each(['0f3e9a1b2c4d5e6f7a8b9c0d1e2f3a4b', '0F3E9A1B2C4D5E6F7A8B9C0D1E2F3A4B'])(
		'points a template ID (%s) to Recognize with Template',
		(id) => {
			expect(checkClassifierId(id)).toEqual({
				message: `The classifier ID '${id}' is not a number; Baidu's classifier IDs are numbers, such as 1001.`,
				description: templateHint + fix,
			});
		},
	);

	it.each(['x0f3e9a1b2c4d5e6f7a8b9c0d1e2f3a4b', '0f3e9a1b2c4d5e6f7a8b9c0d1e2f3a4bx', 'abc'])(
		'does not take %s for a template ID',
		(id) => {
			expect(checkClassifierId(id)?.description).toBe(fix);
		},
	);
});
