import { deflateRawSync, deflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { countPdfPages } from '../../nodes/BaiduIocr/input/fileType';
import { inflate } from '../../nodes/BaiduIocr/input/inflate';
import { handPdf, randomBytes } from './build';

async function pdfLib(pages: number, useObjectStreams: boolean): Promise<Buffer> {
	const doc = await PDFDocument.create();
	for (let i = 0; i < pages; i++) doc.addPage([200, 300]);
	return Buffer.from(await doc.save({ useObjectStreams }));
}

describe('countPdfPages', () => {
	it.each([1, 2, 7])('counts %i pages of a hand-written PDF', (pages) => {
		expect(countPdfPages(handPdf(pages))).toBe(pages);
	});

	it('tolerates names without white space (/Type/Page)', () => {
		expect(countPdfPages(handPdf(3, { compact: true }))).toBe(3);
	});

	it('does not count /Pages as a page when there is no /Count', () => {
		const pdf = Buffer.from(
			'%PDF-1.4\n2 0 obj\n<</Type/Pages/Kids[3 0 R 4 0 R]>>\nendobj\n' +
				'3 0 obj\n<</Type/Page/Parent 2 0 R>>\nendobj\n4 0 obj\n<</Type /Page /Parent 2 0 R>>\nendobj\n%%EOF\n',
			'latin1',
		);
		expect(countPdfPages(pdf)).toBe(2);
	});

	it.each([
		[1, false],
		[3, false],
		[1, true],
		[3, true],
		[12, true],
	])('counts %i pages written by pdf-lib (object streams: %s)', async (pages, useObjectStreams) => {
		const pdf = await pdfLib(pages, useObjectStreams);
		if (useObjectStreams) expect(pdf.toString('latin1')).toMatch(/\/Type\s*\/ObjStm/);
		expect(countPdfPages(pdf)).toBe(pages);
	});

	it('takes the latest definition after an incremental update that removed a page', () => {
		const original = handPdf(3).toString('latin1');
		const update =
			'2 0 obj\n<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>\nendobj\n' +
			'5 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 5 0 R >>\n%%EOF\n';
		expect(countPdfPages(Buffer.from(original + update, 'latin1'))).toBe(2);
	});

	it('is undefined when the PDF shows no page structure', () => {
		expect(
			countPdfPages(Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(5000, 3)])),
		).toBeUndefined();
	});

	it('is undefined when an object stream cannot be read', () => {
		const pdf = Buffer.from(
			'%PDF-1.5\n1 0 obj\n<< /Type /ObjStm /N 2 /First 8 /Filter /FlateDecode /Length 10 >>\nstream\n' +
				'0123456789\nendstream\nendobj\n%%EOF\n',
			'latin1',
		);
		expect(countPdfPages(pdf)).toBeUndefined();
	});
});

describe('countPdfPages: which count it trusts', () => {
	const pdf = (text: string) => Buffer.from(`%PDF-1.4\n${text}%%EOF\n`, 'latin1');
	const page = (num: number, gen = 0) =>
		`${num} ${gen} obj\n<< /Type /Page /Parent 2 0 R >>\nendobj\n`;
	const object = (num: number, dict: string) => `${num} 0 obj\n<< ${dict} >>\nendobj\n`;
	const catalog = (num: number, pages: number) => object(num, `/Type /Catalog /Pages ${pages} 0 R`);
	const pagesNode = (num: number, entries: string) => object(num, `/Type /Pages ${entries}`);

	it('the page tree’s /Count over the page objects it can see', () => {
		const text =
			catalog(1, 2) + pagesNode(2, '/Kids [3 0 R 4 0 R 5 0 R] /Count 3') + page(3) + page(4);
		expect(countPdfPages(pdf(text))).toBe(3);
	});

	it('without a catalog, the /Count of the only /Pages without a /Parent', () => {
		const text =
			pagesNode(2, '/Kids [6 0 R 7 0 R] /Count 5') +
			pagesNode(6, '/Parent 2 0 R /Kids [3 0 R] /Count 1') +
			page(3);
		expect(countPdfPages(pdf(text))).toBe(5);
	});

	it('two /Pages without a /Parent and no catalog: the page objects are counted', () => {
		const text = pagesNode(2, '/Count 5') + pagesNode(6, '/Count 7') + page(3) + page(4);
		expect(countPdfPages(pdf(text))).toBe(2);
	});

	it('a /Count of 0 is not believed: the page objects are counted', () => {
		const text = catalog(1, 2) + pagesNode(2, '/Kids [3 0 R 4 0 R] /Count 0') + page(3) + page(4);
		expect(countPdfPages(pdf(text))).toBe(2);
	});

	it('an incremental update’s new catalog (a later one) decides which tree counts', () => {
		const text =
			catalog(1, 2) +
			pagesNode(2, '/Kids [3 0 R 4 0 R 5 0 R] /Count 3') +
			page(3) +
			page(4) +
			page(5) +
			pagesNode(6, '/Kids [3 0 R] /Count 1') +
			catalog(7, 6);
		expect(countPdfPages(pdf(text))).toBe(1);
	});

	it('objects of a high generation and headers spaced out are read', () => {
		const text = page(3, 12) + page(4, 0).replace('4 0 obj', '4  0  obj');
		expect(countPdfPages(pdf(text))).toBe(2);
	});

	it('object headers and page dictionaries inside a stream’s bytes are not objects', () => {
		// An `endobj` in the bytes first: a scan that resumed there would take the rest for objects.
		const fake = 'endobj\n9 0 obj\n<< /Type /Page >>\nendobj\n';
		const text =
			page(3) +
			`8 0 obj\n<< /Length ${fake.length} >>\nstream\n${fake}endstream\nendobj\n` +
			page(4);
		expect(countPdfPages(pdf(text))).toBe(2);
	});

	it('a catalog that is not the last object still decides between two parentless trees', () => {
		const text = catalog(1, 5) + pagesNode(4, '/Count 7') + pagesNode(5, '/Count 3') + page(6);
		expect(countPdfPages(pdf(text))).toBe(3);
	});

	it('an update that makes an older object number the new catalog: the later one counts', () => {
		// Object 1 was the document information, and the update turns it into the new catalog.
		const text =
			object(1, '/Title (Receipts)') +
			catalog(2, 3) +
			pagesNode(3, '/Count 3') +
			pagesNode(4, '/Count 1') +
			catalog(1, 4);
		expect(countPdfPages(pdf(text))).toBe(1);
	});

	it('a catalog whose page tree is missing: the /Count of the only root, not the page objects', () => {
		const text =
			catalog(1, 9) + pagesNode(2, '/Kids [3 0 R 4 0 R 5 0 R] /Count 3') + page(3) + page(4);
		expect(countPdfPages(pdf(text))).toBe(3);
	});
});

describe('countPdfPages: files cut short or missing an endobj', () => {
	const head = '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n';
	const tree = '2 0 obj\n<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>\nendobj\n';
	const latin = (text: string) => Buffer.from(text, 'latin1');

	it('a file cut inside its last object still gives the count read before', () => {
		expect(countPdfPages(latin(`${head}${tree}3 0 obj\n<< /Type /Page /Parent 2`))).toBe(2);
	});

	it('a file cut inside a stream’s bytes still gives the count read before', () => {
		const cut = `${head}${tree}5 0 obj\n<< /Length 900 >>\nstream\nendobj 7 0 obj << /Type /Pag`;
		expect(countPdfPages(latin(cut))).toBe(2);
	});

	it('an object after a stream whose own endobj is missing is still read', () => {
		const text =
			'%PDF-1.4\n3 0 obj\n<< /Type /Page >>\nendobj\n' +
			'5 0 obj\n<< /Length 5 >>\nstream\nxxxxx\nendstream\n' +
			'4 0 obj\n<< /Type /Page >>\nendobj\n%%EOF\n';
		expect(countPdfPages(latin(text))).toBe(2);
	});

	it('an object after a stream that holds endobj, with no endobj after it, is still read', () => {
		const text =
			'%PDF-1.4\n3 0 obj\n<< /Type /Page >>\nendobj\n' +
			'5 0 obj\n<< /Length 7 >>\nstream\nendobj \nendstream\n' +
			'4 0 obj\n<< /Type /Page >>\n';
		expect(countPdfPages(latin(text))).toBe(2);
	});
});

/** Byte equality without Jest's slow element-by-element diff of large buffers. */
function same(actual: Uint8Array | undefined, expected: Buffer): boolean {
	return actual !== undefined && Buffer.compare(Buffer.from(actual), expected) === 0;
}

describe('inflate', () => {
	const inputs: [string, Buffer][] = [
		['empty', Buffer.alloc(0)],
		['text', Buffer.from('1 0 obj << /Type /Page >> endobj '.repeat(500))],
		['random (stored blocks)', randomBytes(70000, 9)],
		[
			'mixed',
			Buffer.concat([randomBytes(3000, 5), Buffer.alloc(40000, 0x41), randomBytes(100, 6)]),
		],
	];

	it.each(inputs)('decodes zlib data from node:zlib at every level: %s', (_name, data) => {
		for (const level of [0, 1, 6, 9]) {
			expect(same(inflate(deflateSync(data, { level })), data)).toBe(true);
		}
	});

	it.each(inputs)('decodes raw DEFLATE data: %s', (_name, data) => {
		expect(same(inflate(deflateRawSync(data)), data)).toBe(true);
	});

	it('uses fixed Huffman codes for short input', () => {
		const data = Buffer.from('abcabcabcabc hello hello');
		expect(same(inflate(deflateSync(data, { strategy: 4 })), data)).toBe(true);
	});

	it('returns undefined for damaged or truncated data and over the output cap', () => {
		const z = deflateSync(Buffer.from('x'.repeat(10000) + 'yz'.repeat(3000)));
		expect(inflate(z.subarray(0, z.length - 10))).toBeUndefined();
		expect(inflate(Buffer.from([0x78, 0x9c, 0xff, 0xff, 0xff]))).toBeUndefined();
		expect(inflate(deflateSync(Buffer.alloc(100000)), 1000)).toBeUndefined();
	});
});

describe('countPdfPages on large files', () => {
	it('counts a PDF of 20,000 small objects', () => {
		let body = '%PDF-1.4\n2 0 obj\n<< /Type /Pages /Count 20000 >>\nendobj\n';
		for (let i = 0; i < 20000; i++)
			body += `${3 + i} 0 obj\n<< /Type /Page /Parent 2 0 R >>\nendobj\n`;
		expect(countPdfPages(Buffer.from(body, 'latin1'))).toBe(20000);
	});
});
