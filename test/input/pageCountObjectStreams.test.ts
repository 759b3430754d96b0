/**
 * The page count (input/pdf.ts) through compressed object streams written by hand, one way of
 * writing them at a time: how the dictionary spells its keys, the end of line after `stream`,
 * the header, and when the count gives up ("unsure": undefined), because an object stream it
 * cannot read may hold the page tree.
 */
import { deflateSync } from 'node:zlib';

import { countPdfPages } from '../../nodes/BaiduIocr/input/fileType';
import { randomBytes } from './build';

/** A catalog and a page tree of `pages` pages, as the objects 1, 2, 3 … of an object stream. */
function pageTree(pages: number): Array<[number, string]> {
	const kids = Array.from({ length: pages }, (_, i) => `${3 + i} 0 R`).join(' ');
	return [
		[1, '<< /Type /Catalog /Pages 2 0 R >>'],
		[2, `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`],
		...Array.from({ length: pages }, (_, i): [number, string] => [
			3 + i,
			'<< /Type /Page /Parent 2 0 R >>',
		]),
	];
}

interface StreamOptions {
	/** The dictionary's entries; `{n}`, `{first}` and `{length}` are filled in. */
	dict?: string;
	/** After the `stream` keyword. */
	eol?: string;
	/** Before the header's first number. */
	headerPrefix?: string;
	/** Between the header's numbers (one space unless given). */
	separator?: string;
	/** The header as written, else the right one. */
	header?: string;
	/** Instead of the compressed content. */
	data?: Buffer;
	/** Zeros after the compressed content, up to this many bytes of stream data. */
	padTo?: number;
	/** Objects outside the object stream, written before it. */
	before?: string;
}

/** A PDF 1.5 whose objects live in one compressed object stream (object 50). */
function objectStreamPdf(objects: Array<[number, string]>, options: StreamOptions = {}): Buffer {
	let offset = 0;
	const pairs: string[] = [];
	let bodies = '';
	for (const [num, body] of objects) {
		pairs.push(`${num}${options.separator ?? ' '}${offset}`);
		bodies += `${body}\n`;
		offset += body.length + 1;
	}
	const header =
		(options.headerPrefix ?? '') + (options.header ?? pairs.join(options.separator ?? ' ')) + '\n';
	const content = Buffer.from(header + bodies, 'latin1');
	const compressed = options.data ?? deflateSync(content);
	const padding = Buffer.alloc(Math.max(0, (options.padTo ?? 0) - compressed.length));
	const data = Buffer.concat([compressed, padding]);
	const dict = (
		options.dict ?? '/Type /ObjStm /N {n} /First {first} /Filter /FlateDecode /Length {length}'
	)
		.replace('{n}', String(objects.length))
		.replace('{first}', String(header.length))
		.replace('{length}', String(data.length));
	return Buffer.concat([
		Buffer.from(
			`%PDF-1.5\n${options.before ?? ''}50 0 obj\n<< ${dict} >>\nstream${options.eol ?? '\n'}`,
			'latin1',
		),
		data,
		Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1'),
	]);
}

/** Two page trees without a /Parent: only the catalog says which counts (3, not 7). */
const CATALOG_PICKS_A_ROOT: Array<[number, string]> = [
	[1, '<< /Type /Catalog /Pages 5 0 R >>'],
	[4, '<< /Type /Pages /Count 7 >>'],
	[5, '<< /Type /Pages /Count 3 >>'],
];

/** Two page objects outside the object stream: countable, were the stream not there. */
const TWO_LOOSE_PAGES =
	'60 0 obj\n<< /Type /Page /Parent 2 0 R >>\nendobj\n61 0 obj\n<< /Type /Page /Parent 2 0 R >>\nendobj\n';

describe('countPdfPages: object streams as writers write them', () => {
	it('reads the page tree in an object stream (the base case)', () => {
		expect(countPdfPages(objectStreamPdf(pageTree(3)))).toBe(3);
	});

	it('after `stream`, CR LF as well as LF', () => {
		expect(countPdfPages(objectStreamPdf(pageTree(3), { eol: '\r\n' }))).toBe(3);
	});

	it('names without white space (/Filter/FlateDecode) and numbers after more than one space', () => {
		const dict = '/Type/ObjStm/N  {n}/First  {first}/Filter/FlateDecode/Length {length}';
		expect(countPdfPages(objectStreamPdf(pageTree(3), { dict }))).toBe(3);
	});

	it('an object stream of more than 9 objects (/N of two digits)', () => {
		expect(countPdfPages(objectStreamPdf(pageTree(10)))).toBe(10);
	});

	it('page objects in an object stream are counted when the tree has no /Count', () => {
		const objects = pageTree(3).map(([num, body]): [number, string] => [
			num,
			body.replace(/ \/Count \d+/, ''),
		]);
		expect(countPdfPages(objectStreamPdf(objects))).toBe(3);
	});

	it('white space before the header’s first number', () => {
		expect(countPdfPages(objectStreamPdf(pageTree(3), { headerPrefix: ' \n' }))).toBe(3);
	});

	it('more than one white-space character between the header’s numbers', () => {
		// Read as empty numbers, they would give the objects the wrong numbers: 7 instead of 3.
		expect(countPdfPages(objectStreamPdf(CATALOG_PICKS_A_ROOT, { separator: '  \r\n' }))).toBe(3);
	});

	it('after `stream`, a bare CR, or no end of line at all', () => {
		expect(countPdfPages(objectStreamPdf(pageTree(3), { eol: '\r' }))).toBe(3);
		expect(countPdfPages(objectStreamPdf(pageTree(3), { eol: '' }))).toBe(3);
	});

	it('each packed object is read from its own offset: a page object does not spill into the next', () => {
		// No /Count, so the page objects are counted; the font after the last page is not one.
		const objects = pageTree(2).map(([num, body]): [number, string] => [
			num,
			body.replace(/ \/Count \d+/, ''),
		]);
		objects.push([9, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>']);
		expect(countPdfPages(objectStreamPdf(objects))).toBe(2);
	});

	it('each packed object keeps its own number: the catalog picks between two parentless trees', () => {
		expect(countPdfPages(objectStreamPdf(CATALOG_PICKS_A_ROOT))).toBe(3);
	});
});

describe('countPdfPages: an object stream it cannot read makes it unsure, page objects or not', () => {
	const loose = { before: TWO_LOOSE_PAGES };

	it('the loose pages alone are counted when the object stream is read', () => {
		// The tree in the stream says 3; without a readable tree the 2 loose pages would count.
		expect(countPdfPages(objectStreamPdf(pageTree(3), loose))).toBe(3);
	});

	it.each([
		['without /N', '/Type /ObjStm /First {first} /Filter /FlateDecode /Length {length}', {}],
		[
			'with a predictor (/DecodeParms), which object streams do not use',
			'/Type /ObjStm /N {n} /First {first} /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >> /Length {length}',
			{},
		],
		['data that does not decompress', undefined, { data: randomBytes(300, 4) }],
		['a header shorter than /N says', undefined, { header: '1 0 2 34' }],
		['a header that is not numbers', undefined, { header: '1 0 2 x 3 80 4 112 5 144' }],
	])('%s: undefined', (_name, dict, options) => {
		expect(
			countPdfPages(objectStreamPdf(pageTree(3), { ...loose, dict, ...options })),
		).toBeUndefined();
	});

	it('exactly 2 MiB of stream data is still decompressed, one byte more is not', () => {
		// Bytes after the last DEFLATE block are ignored, so zeros bring the data to the limit;
		// the end of line before `endstream` is read as the data's last byte.
		const sized = (bytes: number) =>
			objectStreamPdf(pageTree(3), { before: TWO_LOOSE_PAGES, padTo: bytes - 1 });
		expect(countPdfPages(sized(2 * 1024 * 1024))).toBe(3);
		expect(countPdfPages(sized(2 * 1024 * 1024 + 1))).toBeUndefined();
	});

	it('a file cut inside its object stream (no endstream): undefined', () => {
		const pdf = objectStreamPdf(pageTree(3), loose);
		expect(countPdfPages(pdf.subarray(0, pdf.indexOf('\nendstream')))).toBeUndefined();
	});

	it('a linearized file says its page count in its first object: that is taken', () => {
		const linearized = '40 0 obj\n<< /Linearized 1 /L 5000 /N 4 /O 3 >>\nendobj\n';
		const broken = { data: randomBytes(300, 4) };
		expect(countPdfPages(objectStreamPdf(pageTree(3), { before: linearized, ...broken }))).toBe(4);
		const zero = linearized.replace('/N 4', '/N 0');
		expect(
			countPdfPages(objectStreamPdf(pageTree(3), { before: zero, ...broken })),
		).toBeUndefined();
	});

	it('a /Linearized dictionary after the first 4 KiB is not the file’s: undefined', () => {
		const filler = `41 0 obj\n(${'x'.repeat(5000)})\nendobj\n`;
		const late = `${filler}40 0 obj\n<< /Linearized 1 /L 9000 /N 4 /O 3 >>\nendobj\n`;
		const broken = { data: randomBytes(300, 4) };
		expect(
			countPdfPages(objectStreamPdf(pageTree(3), { before: late, ...broken })),
		).toBeUndefined();
	});
});
