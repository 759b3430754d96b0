import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPdf, PdfSplitError } from '../../nodes/BaiduIocr/input/pdf/index';
import { handMade } from './handMadePdf';
import { buildCorpus, ensureTools, type CorpusFile } from './pdfCorpus';

/**
 * The page splitter against PDFs from real producers: every page of every file, cut on its
 * own, passes `qpdf --check`, has one page, and renders with poppler to exactly the pixels of
 * that page in the original. Every page of a corpus file looks different from the others, so
 * equal pixels also prove it is the right page.
 */

let dir: string;
let files: CorpusFile[];
let encrypted: string[];

beforeAll(async () => {
	ensureTools();
	({ dir, files, encrypted } = await buildCorpus());
}, 300_000);

afterAll(() => {
	if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Page `page` (1-based) of a PDF as a PPM at 36 dpi. */
function render(path: string, page: number): Buffer {
	const out = `${path}-p${page}`;
	execFileSync(
		'pdftoppm',
		['-r', '36', '-f', String(page), '-l', String(page), '-singlefile', path, out],
		{
			stdio: ['ignore', 'ignore', 'ignore'],
		},
	);
	return readFileSync(`${out}.ppm`);
}

/** `qpdf --check`: exit 0 (2 = errors, 3 = warnings, both fail). */
function qpdfCheck(path: string): { status: number | null; output: string } {
	const run = spawnSync('qpdf', ['--check', path]);
	return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

const NAMES = [
	'pdflib-shared.pdf',
	'pdflib-objstm.pdf',
	'inherited.pdf',
	'qpdf-objstm.pdf',
	'qpdf-linearized.pdf',
	'qpdf-linearized-objstm.pdf',
	'ps2pdf.pdf',
	'img2pdf.pdf',
	'incremental.pdf',
	'incremental-xrefstm.pdf',
	'hybrid.pdf',
	'shifted-offsets.pdf',
	'invoice-multipage.pdf',
	'forms-xobjects.pdf',
	'pdftocairo.pdf',
	'pdfunite.pdf',
	'gs-redistilled.pdf',
];

function corpusFile(name: string): CorpusFile {
	const file = files.find((f) => f.name === name);
	if (!file) throw new Error(`${name} is not in the corpus`);
	return file;
}

function cut(file: CorpusFile, page: number): { bytes: Uint8Array; path: string } {
	const bytes = openPdf(readFileSync(file.path)).cutPage(page - 1);
	const path = join(dir, `${file.name}.cut${page}.pdf`);
	writeFileSync(path, bytes);
	return { bytes, path };
}

describe('every page of every corpus file', () => {
	it('the corpus is the one listed here', () => {
		expect(files.map((f) => f.name).sort()).toEqual([...NAMES].sort());
	});

	it.each(NAMES)(
		'%s: each cut page passes qpdf --check and renders as page N of the original',
		(name) => {
			const file = corpusFile(name);
			const split = openPdf(readFileSync(file.path));
			expect(split.pageCount).toBe(file.pages);
			// qpdf counts the pages too (a damaged file makes it warn and exit 3, still counting).
			expect(Number(spawnSync('qpdf', ['--show-npages', file.path]).stdout.toString())).toBe(
				file.pages,
			);

			const originals = Array.from({ length: file.pages }, (_, i) => render(file.path, i + 1));
			// The pages differ from each other, so the right pixels mean the right page.
			for (let a = 0; a < originals.length; a++)
				for (let b = a + 1; b < originals.length; b++)
					expect(originals[a].equals(originals[b])).toBe(false);

			for (let page = 1; page <= file.pages; page++) {
				const { bytes, path } = cut(file, page);
				expect(qpdfCheck(path)).toEqual({
					status: 0,
					output: expect.stringContaining('No syntax or stream encoding errors'),
				});
				expect(execFileSync('qpdf', ['--show-npages', path]).toString().trim()).toBe('1');
				expect(openPdf(bytes).pageCount).toBe(1);
				const pixels = render(path, 1);
				expect({ page, same: pixels.equals(originals[page - 1]) }).toEqual({ page, same: true });
			}
		},
	);
});

describe('what a cut page holds', () => {
	const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');

	it('a scanned page holds its own image only, not the other pages\u2019', () => {
		const file = corpusFile('img2pdf.pdf');
		const whole = readFileSync(file.path).length;
		for (let page = 1; page <= file.pages; page++) {
			const { bytes } = cut(file, page);
			expect(bytes.length).toBeLessThan(whole * 0.6);
			expect(text(bytes).match(/\/Subtype\s*\/Image/g)).toHaveLength(1);
		}
	});

	it('links to other pages and structure-tree links are cut, the page\u2019s own annotations kept', () => {
		const file = corpusFile('pdflib-shared.pdf');
		const page1 = text(cut(file, 1).bytes);
		expect(page1).toMatch(/\/Subtype \/Square/);
		expect(page1).toMatch(/\/P 3 0 R/); // the annotation's page is the page itself
		expect(page1).not.toMatch(/\/StructParent/);
		const page2 = text(cut(file, 2).bytes);
		expect(page2).toMatch(/\/Subtype \/Link/);
		expect(page2).toMatch(/\/Dest \[null \/XYZ/); // page 3 is not in this file
		expect(page2).not.toMatch(/\/StructParents/);
		expect(page2.match(/\/Type \/Page\b/g)).toHaveLength(1);
	});

	it('form widgets keep their appearance but not their field; a pop-up keeps its parent note', () => {
		const file = corpusFile('forms-xobjects.pdf');
		const page2 = text(cut(file, 2).bytes).split('endobj');
		const widgets = page2.filter((o) => o.includes('/Subtype /Widget'));
		expect(widgets).toHaveLength(2);
		for (const widget of widgets) {
			expect(widget).toMatch(/\/AP /);
			expect(widget).not.toMatch(/\/Parent /);
			expect(widget).toMatch(/\/P 3 0 R/);
		}
		// The fields (and the other page's widget of customer.name) are not in the file.
		expect(page2.join('endobj')).not.toMatch(/\/T \(customer\.name\)/);
		const page3 = text(cut(file, 3).bytes).split('endobj');
		const note = page3.find((o) => o.includes('/Subtype /Text'))?.match(/(\d+) 0 obj/)?.[1];
		const popup = page3.find((o) => o.includes('/Subtype /Popup'));
		expect(note).toBeDefined();
		expect(popup).toContain(`/Parent ${note} 0 R`);
	});

	it('inherited attributes are written on the page', () => {
		const page2 = text(cut(corpusFile('inherited.pdf'), 2).bytes);
		const pageObject = /3 0 obj\n(<<[\s\S]*?>>)\nendobj/.exec(page2)?.[1] ?? '';
		expect(pageObject).toMatch(/\/MediaBox \[0 0 360 240\]/);
		expect(pageObject).toMatch(/\/CropBox \[20 10 300 200\]/);
		expect(pageObject).toMatch(/\/Rotate 180/);
		expect(pageObject).toMatch(/\/Resources/);
	});

	it.each([
		['ps2pdf.pdf', 2, 1],
		['pdflib-objstm.pdf', 1, 3],
	])('stream data of %s page %i is copied byte for byte', (name, pageNumber, atLeast) => {
		const file = corpusFile(name);
		const original = readFileSync(file.path);
		const page = Buffer.from(cut(file, pageNumber).bytes);
		const streams = [...page.toString('latin1').matchAll(/\nstream\n([\s\S]*?)\nendstream\n/g)];
		expect(streams.length).toBeGreaterThanOrEqual(atLeast);
		for (const s of streams) expect(original.includes(Buffer.from(s[1], 'latin1'))).toBe(true);
	});
});

function reasonOf(run: () => unknown): string {
	try {
		run();
	} catch (error) {
		if (error instanceof PdfSplitError) return error.reason;
		throw error;
	}
	return 'no error';
}

const page = (content: number) =>
	`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Contents ${content} 0 R >>`;
const stream = (s: string) => `<< /Length ${s.length} >>\nstream\n${s}\nendstream`;

describe('files the splitter refuses', () => {
	it.each([0, 1])('encrypted file %i is refused as encrypted', (i) => {
		expect(reasonOf(() => openPdf(readFileSync(encrypted[i])))).toBe('encrypted');
	});

	it('a file cut short (no trailer) is unreadable', () => {
		const whole = readFileSync(corpusFile('pdflib-shared.pdf').path);
		expect(reasonOf(() => openPdf(whole.subarray(0, Math.floor(whole.length / 2))))).toBe(
			'unreadable',
		);
	});

	it('bytes that are not a PDF are unreadable', () => {
		expect(reasonOf(() => openPdf(Buffer.from('%PDF-1.7\nnothing here at all\n%%EOF\n')))).toBe(
			'unreadable',
		);
		expect(reasonOf(() => openPdf(Buffer.from('GIF89a')))).toBe('unreadable');
	});

	it('a page tree with a loop is unreadable', () => {
		const pdf = handMade([
			'<< /Type /Catalog /Pages 2 0 R >>',
			'<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>',
			page(4),
			stream('0 0 10 10 re f'),
		]);
		expect(reasonOf(() => openPdf(pdf))).toBe('unreadable');
	});

	it('a file without pages is unreadable', () => {
		const pdf = handMade([
			'<< /Type /Catalog /Pages 2 0 R >>',
			'<< /Type /Pages /Kids [] /Count 0 >>',
		]);
		expect(reasonOf(() => openPdf(pdf))).toBe('unreadable');
	});

	it('a page whose content cannot be found is refused; the other pages are cut', () => {
		const pdf = handMade([
			'<< /Type /Catalog /Pages 2 0 R >>',
			'<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >>',
			page(6),
			page(7),
			page(8),
			stream('0 0 10 10 re f'),
			stream('0 0 20 20 re f'),
			stream('0 0 30 30 re f'),
		]);
		// Object 7 (page 2's content) is overwritten: its table entry points at nothing readable.
		const broken = Buffer.from(pdf.toString('latin1').replace('7 0 obj', 'X X XXX'), 'latin1');
		const split = openPdf(broken);
		expect(split.pageCount).toBe(3);
		expect(reasonOf(() => split.cutPage(1))).toBe('page');
		expect(Buffer.from(split.cutPage(0)).toString('latin1')).toContain('0 0 10 10 re f');
		expect(Buffer.from(split.cutPage(2)).toString('latin1')).toContain('0 0 30 30 re f');
	});

	it('a stream whose /Length is wrong is read up to its endstream; one without an end refuses its page', () => {
		const pdf = handMade([
			'<< /Type /Catalog /Pages 2 0 R >>',
			'<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>',
			page(5),
			page(6),
			'<< /Length 999 >>\nstream\n0 0 10 10 re f\nendstream',
			'<< /Length 999 >>\nstream\n0 0 20 20 re f',
			stream('0 0 30 30 re f'),
		]);
		const split = openPdf(pdf);
		const first = Buffer.from(split.cutPage(0)).toString('latin1');
		expect(first).toMatch(/<<\/Length 14\n>>\nstream\n0 0 10 10 re f\nendstream/);
		const path = join(dir, 'wrong-length.pdf');
		writeFileSync(path, split.cutPage(0));
		expect(qpdfCheck(path).status).toBe(0);
		expect(reasonOf(() => split.cutPage(1))).toBe('page');
	});

	it('an object that needs itself to be read (its /Length is itself) refuses its page, no stack overflow', () => {
		const pdf = handMade([
			'<< /Type /Catalog /Pages 2 0 R >>',
			'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
			page(4),
			'<< /Length 4 0 R >>\nstream\n0 0 10 10 re f\nendstream',
		]);
		const split = openPdf(pdf);
		expect(() => split.cutPage(0)).toThrow(/object 4 refers to itself/);
	});

	it('a page that does not exist is refused', () => {
		const split = openPdf(readFileSync(corpusFile('hybrid.pdf').path));
		expect(reasonOf(() => split.cutPage(3))).toBe('page');
	});
});
