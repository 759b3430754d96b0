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
	/** The header as written, else the right one. */
	header?: string;
	/** Instead of the compressed content. */
	data?: Buffer;
	/** Objects outside the object stream, written before it. */
	before?: string;
}

/** A PDF 1.5 whose objects live in one compressed object stream (object 50). */
function objectStreamPdf(objects: Array<[number, string]>, options: StreamOptions = {}): Buffer {
	let offset = 0;
	const pairs: string[] = [];
	let bodies = '';
	for (const [num, body] of objects) {
		pairs.push(`${num} ${offset}`);
		bodies += `${body}\n`;
		offset += body.length + 1;
	}
	const header = (options.headerPrefix ?? '') + (options.header ?? pairs.join(' ')) + '\n';
	const content = Buffer.from(header + bodies, 'latin1');
	const data = options.data ?? deflateSync(content);
	const dict = (options.dict ?? '/Type /ObjStm /N {n} /First {first} /Filter /FlateDecode /Length {length}')
		.replace('{n}', String(objects.length))
		.replace('{first}', String(header.length))
		.replace('{length}', String(data.length));
	return Buffer.concat([
		Buffer.from(`%PDF-1.5\n${options.before ?? ''}50 0 obj\n<< ${dict} >>\nstream${options.eol ?? '\n'}`, 'latin1'),
		data,
		Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1'),
	]);
}

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
		expect(countPdfPages(objectStreamPdf(pageTree(3), { ...loose, dict, ...options }))).toBeUndefined();
	});

	it('over 2 MiB compressed: not decompressed, so undefined', () => {
		// Incompressible padding (a string of pseudo-random bytes) makes the stream 2.1 MiB.
		const padding = `(${randomBytes(2200 * 1024, 7).toString('hex')})`;
		const pdf = objectStreamPdf([...pageTree(3), [99, padding]], loose);
		expect(pdf.length).toBeGreaterThan(2 * 1024 * 1024);
		expect(countPdfPages(pdf)).toBeUndefined();
	});

	it('a linearized file says its page count in its first object: that is taken', () => {
		const linearized = '40 0 obj\n<< /Linearized 1 /L 5000 /N 4 /O 3 >>\nendobj\n';
		const broken = { data: randomBytes(300, 4) };
		expect(countPdfPages(objectStreamPdf(pageTree(3), { before: linearized, ...broken }))).toBe(4);
		const zero = linearized.replace('/N 4', '/N 0');
		expect(countPdfPages(objectStreamPdf(pageTree(3), { before: zero, ...broken }))).toBeUndefined();
	});
});
