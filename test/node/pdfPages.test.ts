/**
 * PDF pages through the real engine: with PDF Pages = All Pages or Page Range, each selected
 * page of a PDF is cut out and sent on its own (the emulator, like Baidu, reads only page 1 of
 * what it gets), one document per page with `page` and `pageCount` in its source, in page
 * order; Max Pages per File; refusals before anything is sent (encrypted, a bad range); a page
 * that cannot be cut is an error for that page only.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';
import * as jpeg from 'jpeg-js';
import { PDFDocument, StandardFonts } from 'pdf-lib';

import { openPdf } from '../../nodes/BaiduIocr/input/pdf/index';
import { runBaidu } from '../harness/run';
import type { SourceFile } from '../harness/nodeTypes';
import { credentialsFor } from '../harness/setup';
import {
	documentOf,
	itemWith,
	sampleFile,
	shortHash,
	TEMPLATE,
	templateParams,
	useEmulator,
} from './helpers';
import { handMade } from '../input/handMadePdf';

const emulator = useEmulator();

async function pdfOf(pages: number, label = 'Page'): Promise<Buffer> {
	const doc = await PDFDocument.create();
	const font = await doc.embedFont(StandardFonts.Helvetica);
	for (let i = 0; i < pages; i++)
		doc.addPage([300, 200]).drawText(`${label} ${i + 1}`, { x: 20, y: 100, size: 30, font });
	return Buffer.from(await doc.save());
}

function pdfFile(bytes: Buffer, fileName = 'statement.pdf'): SourceFile {
	return { bytes, fileName, mimeType: 'application/pdf' };
}

/** A hand-made 3-page PDF whose page 2 content object is missing from where the table says. */
function pdfWithBrokenPage2(): Buffer {
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >>',
		...[6, 7, 8].map(
			(c) => `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Contents ${c} 0 R >>`,
		),
		...[10, 20, 30].map((n) => {
			const s = `0 0 ${n} ${n} re f`;
			return `<< /Length ${s.length} >>\nstream\n${s}\nendstream`;
		}),
	];
	return Buffer.from(handMade(objects).toString('latin1').replace('7 0 obj', 'X X XXX'), 'latin1');
}

/** The page an output item's document came from. */
const pageOf = (item: Parameters<typeof documentOf>[0]) =>
	(documentOf(item).source as IDataObject).page;

const params = (extra: IDataObject = {}) =>
	templateParams(TEMPLATE.trainTicket, { output: 'document', ...extra });

/** The hashes of the files the emulator received, in the order it received them. */
function sentHashes(): string[] {
	return emulator()
		.recognitionRequests()
		.map((r) => /sha256:([0-9a-f]{12})/.exec(r.params.pdf_file ?? r.params.image ?? '')?.[1] ?? '');
}

const cutHash = (pdf: Buffer, page: number) =>
	shortHash(Buffer.from(openPdf(pdf).cutPage(page - 1)));

describe('All Pages', () => {
	it('sends every page on its own and gives one document per page, in page order', async () => {
		const pdf = await pdfOf(3);
		const run = await runBaidu({
			items: [itemWith({ data: pdfFile(pdf) })],
			parameters: params({ pdfPages: 'all' }),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		expect(run.main[0].map((item) => documentOf(item).source)).toEqual(
			[1, 2, 3].map((page) => ({
				binaryProperty: 'data',
				fileName: 'statement.pdf',
				mimeType: 'application/pdf',
				page,
				pageCount: 3,
			})),
		);
		expect(run.main[0].map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 0 },
		]);
		for (const item of run.main[0]) expect(documentOf(item).warnings).toEqual([]);
		// Each request carried exactly one page, cut out of the file: never the whole file.
		expect([...sentHashes()].sort()).toEqual([1, 2, 3].map((p) => cutHash(pdf, p)).sort());
		expect(sentHashes()).not.toContain(shortHash(pdf));
		// Different pages, different answers.
		const words = run.main[0].map((item) => JSON.stringify(documentOf(item).fields ?? item.json));
		expect(new Set(words).size).toBe(3);
	});

	it('page 1 cut out gets the answer the whole file gets (Baidu reads page 1 only)', async () => {
		const pdf = await pdfOf(3, 'Invoice');
		const credentials = credentialsFor(emulator().url);
		const all = await runBaidu({
			items: [itemWith({ data: pdfFile(pdf) })],
			parameters: params({ pdfPages: 'all' }),
			credentials,
		});
		const first = await runBaidu({
			items: [itemWith({ data: pdfFile(pdf) })],
			parameters: params({ pdfPages: 'first' }),
			credentials,
		});
		const fieldsOfDocument = (json: IDataObject) =>
			Object.fromEntries(Object.entries(json).filter(([key]) => key !== 'document'));
		expect(first.main[0]).toHaveLength(1);
		expect(fieldsOfDocument(first.main[0][0].json)).toEqual(fieldsOfDocument(all.main[0][0].json));
		expect(fieldsOfDocument(first.main[0][0].json)).not.toEqual(
			fieldsOfDocument(all.main[0][1].json),
		);
	});

	it('per field, every field item carries its page; items of two files come item by item', async () => {
		const a = await pdfOf(2, 'A');
		const b = await pdfOf(2, 'B');
		const run = await runBaidu({
			items: [itemWith({ data: pdfFile(a, 'a.pdf') }), itemWith({ data: pdfFile(b, 'b.pdf') })],
			parameters: params({ pdfPages: 'all', output: 'field' }),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		const order = run.main[0].map((item) => {
			const source = (item.json.document as IDataObject).source as IDataObject;
			return `${(item.pairedItem as { item: number }).item}:${source.fileName}:${source.page}/${source.pageCount}`;
		});
		const distinct = order.filter((key, i) => key !== order[i - 1]);
		expect(distinct).toEqual(['0:a.pdf:1/2', '0:a.pdf:2/2', '1:b.pdf:1/2', '1:b.pdf:2/2']);
	});

	it('cuts each page from its own file: two PDFs on one item, then one on the next item', async () => {
		const [a, b, c] = await Promise.all([pdfOf(2, 'A'), pdfOf(3, 'B'), pdfOf(2, 'C')]);
		const run = await runBaidu({
			items: [
				itemWith({ data: pdfFile(a, 'a.pdf'), scan: pdfFile(b, 'b.pdf') }),
				itemWith({ scan: pdfFile(c, 'c.pdf') }),
			],
			parameters: params({ binarySelection: 'all' }),
			credentials: credentialsFor(emulator().url),
		});
		expect(run.error).toBeUndefined();
		expect(
			run.main[0].map((item) => {
				const source = documentOf(item).source as IDataObject;
				return `${source.fileName}:${source.page}/${source.pageCount}`;
			}),
		).toEqual([
			'a.pdf:1/2',
			'a.pdf:2/2',
			'b.pdf:1/3',
			'b.pdf:2/3',
			'b.pdf:3/3',
			'c.pdf:1/2',
			'c.pdf:2/2',
		]);
		expect(sentHashes()).toEqual([
			cutHash(a, 1),
			cutHash(a, 2),
			cutHash(b, 1),
			cutHash(b, 2),
			cutHash(b, 3),
			cutHash(c, 1),
			cutHash(c, 2),
		]);
	});

	it('leaves images alone: one request, no page in the source', async () => {
		const run = await runBaidu({
			items: [itemWith({ data: 'train-ticket.png' })],
			parameters: params({ pdfPages: 'all' }),
			credentials: credentialsFor(emulator().url),
		});
		expect(run.error).toBeUndefined();
		expect(documentOf(run.main[0][0]).source).not.toHaveProperty('page');
		expect(emulator().recognitionRequests()).toHaveLength(1);
	});

	it('sends a one-page PDF as it is, as page 1 of 1', async () => {
		const pdf = await pdfOf(1);
		const run = await runBaidu({
			items: [itemWith({ data: pdfFile(pdf) })],
			parameters: params({ pdfPages: 'all' }),
			credentials: credentialsFor(emulator().url),
		});
		expect(run.error).toBeUndefined();
		expect(documentOf(run.main[0][0]).source).toMatchObject({ page: 1, pageCount: 1 });
		expect(sentHashes()).toEqual([shortHash(pdf)]);
	});
});

describe('the default: All Pages', () => {
	it('a node without PDF Pages set (a workflow saved before the option) sends every page', async () => {
		const pdf = await pdfOf(3);
		const run = await runBaidu({
			items: [itemWith({ data: pdfFile(pdf) })],
			parameters: params(),
			credentials: credentialsFor(emulator().url),
		});
		expect(run.error).toBeUndefined();
		expect(run.main[0].map((item) => documentOf(item).source)).toEqual(
			[1, 2, 3].map((page) => expect.objectContaining({ page, pageCount: 3 })),
		);
		for (const item of run.main[0]) expect(documentOf(item).warnings).toEqual([]);
		expect([...sentHashes()].sort()).toEqual([1, 2, 3].map((p) => cutHash(pdf, p)).sort());
	});

	it('the default stops at 50 pages and says which were left out', async () => {
		const pdf = await pdfOf(52);
		const run = await runBaidu({
			items: [itemWith({ data: pdfFile(pdf) })],
			parameters: params(),
			credentials: credentialsFor(emulator().url),
		});
		expect(run.error).toBeUndefined();
		expect(run.main[0]).toHaveLength(50);
		expect(documentOf(run.main[0][49]).source).toMatchObject({ page: 50, pageCount: 52 });
		expect(documentOf(run.main[0][0]).warnings).toEqual([
			expect.stringMatching(/first 50 of the 52 .*2 pages from page 51 on were not read/),
		]);
		expect(emulator().recognitionRequests()).toHaveLength(50);
	});
});

describe('First Page Only', () => {
	it('sends the file as it is, with the warning that only page 1 is read', async () => {
		const pdf = await pdfOf(3);
		const run = await runBaidu({
			items: [itemWith({ data: pdfFile(pdf) })],
			parameters: params({ pdfPages: 'first' }),
			credentials: credentialsFor(emulator().url),
		});
		expect(run.error).toBeUndefined();
		expect(run.main[0]).toHaveLength(1);
		expect(documentOf(run.main[0][0]).warnings).toEqual([
			expect.stringMatching(/3 pages.*only page 1/),
		]);
		expect(documentOf(run.main[0][0]).source).not.toHaveProperty('page');
		expect(sentHashes()).toEqual([shortHash(pdf)]);
	});
});

describe('Page Range and Max Pages per File', () => {
	it('sends the pages the range names, -1 being the last', async () => {
		const pdf = await pdfOf(5);
		const run = await runBaidu({
			items: [itemWith({ data: pdfFile(pdf) })],
			parameters: params({ pdfPages: 'range', pdfPageRange: '-1, 2' }),
			credentials: credentialsFor(emulator().url),
		});
		expect(run.error).toBeUndefined();
		expect(run.main[0].map((item) => documentOf(item).source)).toEqual([
			expect.objectContaining({ page: 2, pageCount: 5 }),
			expect.objectContaining({ page: 5, pageCount: 5 }),
		]);
		expect([...sentHashes()].sort()).toEqual([cutHash(pdf, 2), cutHash(pdf, 5)].sort());
	});

	it.each([
		['1-x', /Page Range '1-x' cannot be read/],
		['0', /page 0/],
		['2, 9', /asks for page 9, but the PDF has 4 pages/],
		['3-2', /runs backwards/],
	])('refuses the range %s before anything is sent, naming the file', async (range, message) => {
		const run = await runBaidu({
			items: [itemWith({ data: pdfFile(await pdfOf(4)) })],
			parameters: params({ pdfPages: 'range', pdfPageRange: range }),
			credentials: credentialsFor(emulator().url),
		});
		expect(run.error?.message).toMatch(/^Item 0, file 'statement.pdf' \(data\): /);
		expect(run.error?.message).toMatch(message);
		expect(emulator().recognitionRequests()).toHaveLength(0);
	});

	it('sends at most Max Pages per File pages and says which were left out', async () => {
		const pdf = await pdfOf(5);
		const run = await runBaidu({
			items: [itemWith({ data: pdfFile(pdf) })],
			parameters: params({ pdfPages: 'all', maxPdfPages: 2 }),
			credentials: credentialsFor(emulator().url),
		});
		expect(run.error).toBeUndefined();
		expect(run.main[0].map((item) => documentOf(item).source)).toEqual([
			expect.objectContaining({ page: 1, pageCount: 5 }),
			expect.objectContaining({ page: 2, pageCount: 5 }),
		]);
		for (const item of run.main[0])
			expect(documentOf(item).warnings).toEqual([
				'Only the first 2 of the 5 selected pages of this PDF were sent (Max Pages per File: 2); 3 pages from page 3 on were not read.',
			]);
		expect(emulator().recognitionRequests()).toHaveLength(2);
	});

	it.each([
		[1, [1], 1],
		[3, [1, 2, 3], 0],
		// Not a number of pages (an expression's 0, say): the default of 50.
		[0, [1, 2, 3], 0],
	])('Max Pages per File %j sends pages %j (%j warnings)', async (maxPdfPages, pages, warned) => {
		const run = await runBaidu({
			items: [itemWith({ data: pdfFile(await pdfOf(3)) })],
			parameters: params({ pdfPages: 'all', maxPdfPages }),
			credentials: credentialsFor(emulator().url),
		});
		expect(run.error).toBeUndefined();
		expect(run.main[0].map((item) => pageOf(item))).toEqual(pages);
		expect(documentOf(run.main[0][0]).warnings).toHaveLength(warned);
		expect(emulator().recognitionRequests()).toHaveLength(pages.length);
	});

	it('a file named .pdf is read as one whatever its MIME type says', async () => {
		const pdf = await pdfOf(3);
		const run = await runBaidu({
			items: [itemWith({ data: { bytes: pdf, fileName: 'scan.PDF', mimeType: 'image/png' } })],
			parameters: params({ pdfPages: 'all' }),
			credentials: credentialsFor(emulator().url),
		});
		expect(run.error).toBeUndefined();
		expect(run.main[0].map((item) => pageOf(item))).toEqual([1, 2, 3]);
	});

	it('a file without a .pdf name is split when its MIME type is not an image', async () => {
		const pdf = await pdfOf(2);
		const run = await runBaidu({
			items: [
				itemWith({ data: { bytes: pdf, fileName: 'statement', mimeType: 'application/pdf' } }),
			],
			parameters: params({ pdfPages: 'all' }),
			credentials: credentialsFor(emulator().url),
		});
		expect(run.error).toBeUndefined();
		expect(run.main[0].map((item) => pageOf(item))).toEqual([1, 2]);
	});

	it('a file read to find out (no image MIME type) that is an image is sent as it is', async () => {
		const image = {
			...sampleFile('train-ticket.png'),
			fileName: 'scan',
			mimeType: 'application/octet-stream',
		};
		const run = await runBaidu({
			items: [itemWith({ data: image })],
			parameters: params({ pdfPages: 'all' }),
			credentials: credentialsFor(emulator().url),
		});
		expect(run.error).toBeUndefined();
		expect(run.main[0]).toHaveLength(1);
		expect(pageOf(run.main[0][0])).toBeUndefined();
		expect(sentHashes()).toEqual([shortHash(image.bytes)]);
	});

	it('an item whose Template ID is empty is one error for the file, not one per page', async () => {
		const run = await runBaidu({
			items: [itemWith({ data: pdfFile(await pdfOf(3)) })],
			parameters: templateParams('={{ $json.id }}', { output: 'document', pdfPages: 'all' }),
			credentials: credentialsFor(emulator().url),
			nodeOverrides: { onError: 'continueRegularOutput' },
		});
		expect(run.error).toBeUndefined();
		expect(run.main[0].map((item) => item.json.error)).toEqual([
			"Item 0, file 'statement.pdf' (data): The Template ID is empty",
		]);
		expect(emulator().recognitionRequests()).toHaveLength(0);
	});

	it('one page left out is named by its number', async () => {
		const run = await runBaidu({
			items: [itemWith({ data: pdfFile(await pdfOf(4)) })],
			parameters: params({ pdfPages: 'range', pdfPageRange: '1, 2, 4', maxPdfPages: 2 }),
			credentials: credentialsFor(emulator().url),
		});
		expect(run.error).toBeUndefined();
		expect(documentOf(run.main[0][0]).warnings).toEqual([
			'Only the first 2 of the 3 selected pages of this PDF were sent (Max Pages per File: 2); page 4 was not read.',
		]);
		expect(emulator().recognitionRequests()).toHaveLength(2);
	});
});

describe('PDFs that cannot be split', () => {
	let dir: string;
	beforeAll(() => {
		execFileSync('bash', [join(__dirname, '../../scripts/ensure-debian-packages.sh'), 'qpdf'], {
			stdio: ['ignore', 'ignore', 'inherit'],
		});
		dir = mkdtempSync(join(tmpdir(), 'pdf-pages-'));
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('refuses an encrypted PDF before anything is sent, saying how to fix it', async () => {
		writeFileSync(join(dir, 'plain.pdf'), await pdfOf(2));
		execFileSync('qpdf', [
			'--encrypt',
			'',
			'owner',
			'256',
			'--',
			join(dir, 'plain.pdf'),
			join(dir, 'locked.pdf'),
		]);
		const run = await runBaidu({
			items: [itemWith({ data: pdfFile(readFileSync(join(dir, 'locked.pdf')), 'locked.pdf') })],
			parameters: params({ pdfPages: 'all' }),
			credentials: credentialsFor(emulator().url),
		});
		expect(run.error?.message).toBe(
			"Item 0, file 'locked.pdf' (data): The PDF is encrypted (password-protected), so its pages cannot be cut out and Baidu iOCR cannot read it.",
		);
		expect(run.error?.description).toMatch(/print it to a new PDF/);
		expect(run.error?.description).toMatch(/remove the password/);
		expect(emulator().recognitionRequests()).toHaveLength(0);
	});

	it('refuses a page that cannot be cut before anything is sent, naming file and page', async () => {
		const run = await runBaidu({
			items: [itemWith({ data: pdfFile(pdfWithBrokenPage2(), 'broken.pdf') })],
			parameters: params({ pdfPages: 'all' }),
			credentials: credentialsFor(emulator().url),
		});
		expect(run.error?.message).toMatch(
			/^Item 0, file 'broken.pdf' \(data\), page 2 of 3: The page could not be cut out of the PDF/,
		);
		expect(run.error?.description).toBe(
			'The page uses a structure this node cannot copy, and a PDF sent whole would be read at page 1 only. Open the file and print it to a new PDF (Print > Save as PDF), or re-save it with a PDF tool, and send that file again.',
		);
		expect(emulator().recognitionRequests()).toHaveLength(0);
	});

	/** Pages whose tree lists page 3 twice (which the splitter refuses), its /Count saying `count`. */
	const listedTwice = (count: number) =>
		handMade([
			'<< /Type /Catalog /Pages 2 0 R >>',
			`<< /Type /Pages /Kids [3 0 R 3 0 R] /Count ${count} >>`,
			'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Contents 4 0 R >>',
			'<< /Length 14 >>\nstream\n0 0 10 10 re f\nendstream',
		]);

	it('refuses a PDF of several pages whose structure cannot be read, saying what to do', async () => {
		const run = await runBaidu({
			items: [itemWith({ data: pdfFile(listedTwice(2), 'odd.pdf') })],
			parameters: params({ pdfPages: 'all' }),
			credentials: credentialsFor(emulator().url),
		});
		expect(run.error?.message).toBe(
			"Item 0, file 'odd.pdf' (data): The PDF's structure could not be read (page tree has a loop or a page twice), so its pages cannot be cut out.",
		);
		expect(run.error?.description).toBe(
			'Baidu iOCR reads only page 1 of a PDF, so this node sends each page as a PDF of its own. Open the file and print it to a new PDF (Print > Save as PDF), or re-save it with a PDF tool, and send that file. Or set PDF Pages to First Page Only to send the file as it is (Baidu reads its page 1).',
		);
		expect(emulator().recognitionRequests()).toHaveLength(0);
	});

	it('sends a one-page PDF whose structure cannot be read as it is, as page 1 of 1', async () => {
		const pdf = listedTwice(1);
		const run = await runBaidu({
			items: [itemWith({ data: pdfFile(pdf, 'odd.pdf') })],
			parameters: params({ pdfPages: 'all' }),
			credentials: credentialsFor(emulator().url),
		});
		expect(run.error).toBeUndefined();
		expect(run.main[0].map((item) => documentOf(item).source)).toEqual([
			expect.objectContaining({ page: 1, pageCount: 1 }),
		]);
		expect(sentHashes()).toEqual([shortHash(pdf)]);
	});

	it('a page over 4 MB after encoding is an error for that page; with continue on fail the others go', async () => {
		const doc = await PDFDocument.create();
		const font = await doc.embedFont(StandardFonts.Helvetica);
		doc.addPage([300, 200]).drawText('Small page', { x: 20, y: 100, size: 30, font });
		// Noise does not compress: a JPEG of about 5 MB.
		const side = 1800;
		const noise = Buffer.alloc(side * side * 4);
		let seed = 7;
		for (let i = 0; i < noise.length; i++) {
			seed = (seed * 1103515245 + 12345) & 0x7fffffff;
			noise[i] = seed >> 16;
		}
		const photo = await doc.embedJpg(
			jpeg.encode({ data: noise, width: side, height: side }, 95).data,
		);
		doc.addPage([600, 600]).drawImage(photo, { x: 0, y: 0, width: 600, height: 600 });
		doc.addPage([300, 200]).drawText('Last page', { x: 20, y: 100, size: 30, font });
		const pdf = Buffer.from(await doc.save());

		const run = await runBaidu({
			items: [itemWith({ data: pdfFile(pdf, 'scan.pdf') })],
			parameters: params({ pdfPages: 'all' }),
			credentials: credentialsFor(emulator().url),
			nodeOverrides: { onError: 'continueRegularOutput' },
		});
		expect(run.error).toBeUndefined();
		expect(run.main[0]).toHaveLength(3);
		expect(run.main[0][1].json.error).toMatch(
			/^Item 0, file 'scan.pdf' \(data\), page 2 of 3: This page is too large: /,
		);
		expect((run.main[0][1].json.details as IDataObject).description).toBe(
			'This page alone, cut out of the PDF, is over the limit (the other pages are sent on their own). ' +
				'Make its images smaller: scan at 200-300 dpi, or compress the PDF by lowering the resolution of its images, and send it again.',
		);
		expect([documentOf(run.main[0][0]).source, documentOf(run.main[0][2]).source]).toEqual([
			expect.objectContaining({ page: 1 }),
			expect.objectContaining({ page: 3 }),
		]);
		expect([...sentHashes()].sort()).toEqual([cutHash(pdf, 1), cutHash(pdf, 3)].sort());
	});

	it('with continue on fail, the other pages still go and the bad page is an error item', async () => {
		const pdf = pdfWithBrokenPage2();
		const run = await runBaidu({
			items: [itemWith({ data: pdfFile(pdf, 'broken.pdf') })],
			parameters: params({ pdfPages: 'all' }),
			credentials: credentialsFor(emulator().url),
			nodeOverrides: { onError: 'continueRegularOutput' },
		});
		expect(run.error).toBeUndefined();
		expect(run.main[0]).toHaveLength(3);
		expect(documentOf(run.main[0][0]).source).toMatchObject({ page: 1 });
		expect(run.main[0][1].json.error).toMatch(/^Item 0, file 'broken.pdf' \(data\), page 2 of 3: /);
		expect(documentOf(run.main[0][2]).source).toMatchObject({ page: 3 });
		expect([...sentHashes()].sort()).toEqual([cutHash(pdf, 1), cutHash(pdf, 3)].sort());
	});
});

describe('Combine Pages', () => {
	/** A page's fields as the per-page output gives them, without `document`. */
	const fieldsOf = (json: IDataObject) =>
		Object.fromEntries(
			Object.entries(json).filter(([key]) => !['document', 'confidence'].includes(key)),
		);

	it('gives one item per file: every field a list over the pages, `pages` saying where each value came from', async () => {
		const pdf = await pdfOf(3);
		const credentials = credentialsFor(emulator().url);
		const perPage = await runBaidu({
			items: [itemWith({ data: pdfFile(pdf) })],
			parameters: params(),
			credentials,
		});
		const run = await runBaidu({
			items: [itemWith({ data: pdfFile(pdf) })],
			parameters: params({ combinePages: true }),
			credentials,
		});

		expect(run.error).toBeUndefined();
		expect(run.main[0]).toHaveLength(1);
		const [item] = run.main[0];
		expect(item.pairedItem).toEqual({ item: 0 });
		const pages = perPage.main[0].map((page) => fieldsOf(page.json));
		const names = Object.keys(pages[0]);
		expect(names.length).toBeGreaterThan(0);
		for (const name of names) {
			expect(item.json[name]).toEqual(pages.map((page) => page[name]));
			expect((item.json.pages as IDataObject)[name]).toEqual([1, 2, 3]);
			expect((item.json.confidence as IDataObject)[name]).toEqual(
				perPage.main[0].map((page) => (page.json.confidence as IDataObject)[name]),
			);
		}
		const document = item.json.document as IDataObject;
		expect(document.source).toEqual({
			binaryProperty: 'data',
			fileName: 'statement.pdf',
			mimeType: 'application/pdf',
			pages: [1, 2, 3],
			pageCount: 3,
		});
		expect((document.pages as IDataObject[]).map((page) => page.page)).toEqual([1, 2, 3]);
		// Each page's log id, as Baidu (the emulator) answered the combined run's requests.
		expect((document.pages as IDataObject[]).map((page) => page.logId).sort()).toEqual(
			emulator()
				.recognitionRequests()
				.slice(3)
				.map((request) => request.logId)
				.sort(),
		);
		expect(document.templateSign).toBe(TEMPLATE.trainTicket);
		expect(document.warnings).toEqual([]);
		expect(emulator().recognitionRequests()).toHaveLength(6);
	});

	it('one item per file, in input order; images and one-page PDFs still one item each', async () => {
		const [a, b, c] = await Promise.all([pdfOf(2, 'A'), pdfOf(3, 'B'), pdfOf(1, 'C')]);
		const run = await runBaidu({
			items: [
				itemWith({ data: pdfFile(a, 'a.pdf'), scan: pdfFile(b, 'b.pdf') }),
				itemWith({ data: 'train-ticket.png' }),
				itemWith({ data: pdfFile(c, 'c.pdf') }),
			],
			parameters: params({ combinePages: true, binarySelection: 'all' }),
			credentials: credentialsFor(emulator().url),
		});
		expect(run.error).toBeUndefined();
		expect(
			run.main[0].map((item) => {
				const source = (item.json.document as IDataObject).source as IDataObject;
				return `${(item.pairedItem as { item: number }).item}:${source.fileName}:${JSON.stringify(source.pages ?? null)}`;
			}),
		).toEqual(['0:a.pdf:[1,2]', '0:b.pdf:[1,2,3]', '1:train-ticket.png:null', '2:c.pdf:[1]']);
		expect(run.main[0][2].json).not.toHaveProperty('pages');
		// A one-page file: values are values, pages are numbers.
		const single = run.main[0][3].json;
		for (const [name, page] of Object.entries(single.pages as IDataObject)) {
			expect(page).toBe(1);
			expect(typeof single[name]).toBe('string');
		}
	});

	it('with continue on fail, a page that fails is an error item and the file item combines the others', async () => {
		const run = await runBaidu({
			items: [itemWith({ data: pdfFile(pdfWithBrokenPage2(), 'broken.pdf') })],
			parameters: params({ combinePages: true }),
			credentials: credentialsFor(emulator().url),
			nodeOverrides: { onError: 'continueRegularOutput' },
		});
		expect(run.error).toBeUndefined();
		expect(run.main[0]).toHaveLength(2);
		expect(run.main[0][0].json.error).toMatch(/^Item 0, file 'broken.pdf' \(data\), page 2 of 3:/);
		const combined = run.main[0][1].json;
		expect(((combined.document as IDataObject).source as IDataObject).pages).toEqual([1, 3]);
		for (const pages of Object.values(combined.pages as IDataObject)) expect(pages).toEqual([1, 3]);
		expect(run.main[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	it('with Minimum Confidence, a file item whose fields need review goes to the review output', async () => {
		const strict = await runBaidu({
			items: [itemWith({ data: pdfFile(await pdfOf(2)) })],
			parameters: {
				...params({ combinePages: true }),
				options: {
					requestsPerSecond: 200,
					concurrency: 4,
					minConfidence: 1,
					routeLowConfidence: true,
				},
			},
			credentials: credentialsFor(emulator().url),
		});
		expect(strict.main[0]).toHaveLength(0);
		expect(strict.main[1]).toHaveLength(1);
		expect(strict.main[1][0].json.needsReview).toBe(true);
		expect((strict.main[1][0].json.reviewFields as string[]).length).toBeGreaterThan(0);
	});
});
