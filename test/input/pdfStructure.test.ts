/**
 * How the page splitter (input/pdf/) reads files whose structure is unusual or damaged, written
 * by hand object by object: object streams found by scanning, cross-reference streams whose
 * entries are wrong, page trees that break the rules. A file it refuses is refused with the
 * words the user reads in the error ("The PDF's structure could not be read (…)").
 */
import { deflateSync } from 'node:zlib';

import { openPdf } from '../../nodes/BaiduIocr/input/pdf/index';
import { handMade } from './handMadePdf';
import { refusal } from './pdfRefusal';

type Numbered = Array<[number, string]>;

const latin = (text: string) => Buffer.from(text, 'latin1');
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

const object = (num: number, body: string) => `${num} 0 obj\n${body}\nendobj\n`;
const content = (ops: string) => `<< /Length ${ops.length} >>\nstream\n${ops}\nendstream`;
const page = (contentNum: number) =>
	`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Contents ${contentNum} 0 R >>`;

const note = (words: string) =>
	`<< /Type /Annot /Subtype /Text /Rect [0 0 1 1] /Contents (${words}) >>`;

/** A one-page PDF: catalog (1), page tree (2), the page (3), its content (4), then `extra`. */
const onePage = (pageBody = page(4), extra: string[] = [], catalog = '') =>
	handMade([
		`<< /Type /Catalog /Pages 2 0 R ${catalog}>>`,
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		pageBody,
		content('0 0 10 10 re f'),
		...extra,
	]);

/** An object stream (not compressed) holding `objects`, with `extra` in its dictionary. */
function objectStream(objects: Numbered, extra = ''): string {
	let offset = 0;
	const pairs: string[] = [];
	let bodies = '';
	for (const [num, body] of objects) {
		pairs.push(`${num} ${offset}`);
		bodies += `${body}\n`;
		offset += body.length + 1;
	}
	const header = `${pairs.join(' ')}\n`;
	const data = header + bodies;
	return `<< /Type /ObjStm /N ${objects.length} /First ${header.length} /Length ${data.length} ${extra}>>\nstream\n${data}\nendstream`;
}

/** Objects and a trailer but no cross-reference: the splitter has to scan the file. */
function withoutTable(objects: Numbered): Buffer {
	return latin(
		`%PDF-1.5\n${objects.map(([num, body]) => object(num, body)).join('')}trailer\n<< /Root 1 0 R >>\n%%EOF\n`,
	);
}

/**
 * A PDF 1.5 whose cross-reference is a stream (not compressed, /W [1 4 2]): `direct` objects
 * are written out, `packed` ones are said to be at [object stream, index], right or wrong.
 */
function withXrefStream(
	direct: Numbered,
	packed: Array<[number, number, number]>,
	{
		unlisted = [],
		deflate = false,
		widths = [1, 4, 2],
	}: { unlisted?: Numbered; deflate?: boolean; widths?: [number, number, number] } = {},
): Buffer {
	let out = '%PDF-1.5\n';
	const rows = new Map<number, number[]>();
	for (const [num, body] of direct) {
		rows.set(num, [1, out.length, 0]);
		out += object(num, body);
	}
	// Written, but free in the cross-reference (an object an update deleted).
	for (const [num, body] of unlisted) out += object(num, body);
	for (const [num, stream, index] of packed) rows.set(num, [2, stream, index]);
	const xrefNum = Math.max(...rows.keys()) + 1;
	rows.set(xrefNum, [1, out.length, 0]);
	// Each field big-endian in its width (a type column of width 0 is left out: type 1).
	const bigEndian = (value: number, width: number) =>
		Array.from({ length: width }, (_, i) => Math.floor(value / 256 ** (width - 1 - i)) % 256);
	const row = (type: number, field: number, last: number) => [
		...bigEndian(type, widths[0]),
		...bigEndian(field, widths[1]),
		...bigEndian(last, widths[2]),
	];
	const bytes: number[] = [];
	for (let num = 0; num <= xrefNum; num++)
		bytes.push(...row(...((rows.get(num) ?? [0, 0, 0]) as [number, number, number])));
	const data = text(deflate ? deflateSync(Buffer.from(bytes)) : Buffer.from(bytes));
	const filter = deflate ? '/Filter /FlateDecode ' : '';
	const xrefAt = out.length;
	out += `${xrefNum} 0 obj\n<< /Type /XRef /Size ${xrefNum + 1} /W [${widths.join(' ')}] /Root 1 0 R ${filter}/Length ${data.length} >>\nstream\n${data}\nendstream\nendobj\n`;
	out += `startxref\n${xrefAt}\n%%EOF\n`;
	return latin(out);
}

const CATALOG: [number, string] = [1, '<< /Type /Catalog /Pages 2 0 R >>'];
const tree = (kids: number[]): [number, string] => [
	2,
	`<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`,
];

/** Object `num`'s line in the cross-reference table `handMade` wrote for `pdf`. */
function tableLine(pdf: Buffer, num: number): string {
	const at = pdf.toString('latin1').indexOf(`\n${num} 0 obj\n`) + 1;
	return `${String(at).padStart(10, '0')} 00000 n `;
}

/**
 * `pdf` with an incremental update appended: `objects` written out, then a table of `section`
 * (subsections and lines; `at(num)` is the offset of an object of the update) with /Prev.
 */
function withUpdate(
	pdf: Buffer,
	objects: Numbered,
	section: (at: (num: number) => string) => string,
) {
	let out = pdf.toString('latin1');
	const previous = /startxref\n(\d+)\n%%EOF\n$/.exec(out)?.[1] ?? '';
	const root = /\/Root (\d+) 0 R/.exec(out)?.[1] ?? '';
	const offsets = new Map<number, number>();
	for (const [num, body] of objects) {
		offsets.set(num, out.length);
		out += object(num, body);
	}
	const at = (num: number) => String(offsets.get(num)).padStart(10, '0');
	const xrefAt = out.length;
	out += `xref\n${section(at)}trailer\n<< /Size 99 /Root ${root} 0 R /Prev ${previous} >>\n`;
	return latin(`${out}startxref\n${xrefAt}\n%%EOF\n`);
}

describe('object streams in a file without a cross-reference', () => {
	it('pages from two object streams are found and cut, each with its own content', () => {
		const pdf = withoutTable([
			CATALOG,
			tree([3, 4]),
			[10, objectStream([[3, page(5)]])],
			[11, objectStream([[4, page(6)]])],
			[5, content('0 0 10 10 re f')],
			[6, content('0 0 20 20 re f')],
		]);
		const split = openPdf(pdf);
		expect(split.pageCount).toBe(2);
		expect(text(split.cutPage(0))).toContain('0 0 10 10 re f');
		expect(text(split.cutPage(1))).toContain('0 0 20 20 re f');
	});

	it('an object both in the file and in an object stream: the later definition is read', () => {
		const packed = (ops: number) => [10, objectStream([[3, page(ops)]])] as [number, string];
		const plain: [number, string] = [3, page(5)];
		const rest: Numbered = [
			[5, content('0 0 10 10 re f')],
			[6, content('0 0 20 20 re f')],
		];
		// An update that wrote page 3 again after the object stream, and one that packed it later.
		const directLater = openPdf(withoutTable([CATALOG, tree([3]), packed(6), plain, ...rest]));
		expect(text(directLater.cutPage(0))).toContain('0 0 10 10 re f');
		const packedLater = openPdf(withoutTable([CATALOG, tree([3]), plain, packed(6), ...rest]));
		expect(text(packedLater.cutPage(0))).toContain('0 0 20 20 re f');
	});
});

describe('cross-reference entries that are wrong', () => {
	const pages: Numbered = [CATALOG, tree([3]), [5, content('0 0 10 10 re f')]];

	it('a table offset that points elsewhere: the object is found by scanning the file', () => {
		const pdf = onePage();
		// Object 4's entry (the table's sixth line after `xref`) now points at object 1.
		const lines = pdf.toString('latin1').split('\n');
		const table = lines.indexOf('xref');
		lines[table + 6] = lines[table + 3];
		const split = openPdf(latin(lines.join('\n')));
		expect(text(split.cutPage(0))).toContain('0 0 10 10 re f');
	});

	it('an in-use entry at offset 0 is no object: null, as pdf.js reads it (not a search)', () => {
		const pdf = onePage(page(4).replace('>>', '/Annots [9 0 R] >>')).toString('latin1');
		const listed = latin(pdf.replace('trailer', '9 1\n0000000000 00000 n \ntrailer'));
		expect(text(openPdf(listed).cutPage(0))).toContain('/Annots [null]');
	});

	it('an object stream entry with a wrong index: the object is found by its number', () => {
		const stream: [number, string] = [
			10,
			objectStream([
				[7, '(other)'],
				[3, page(5)],
			]),
		];
		// The entry says index 0, where object 7 is.
		const split = openPdf(
			withXrefStream(
				[...pages, stream],
				[
					[3, 10, 0],
					[7, 10, 1],
				],
			),
		);
		expect(text(split.cutPage(0))).toContain('0 0 10 10 re f');
	});

	it('a number an object stream lists twice: the entry’s index decides, else the later one', () => {
		const twice: [number, string] = [
			10,
			objectStream([
				[3, page(6)],
				[3, page(5)],
			]),
		];
		const rest: Numbered = [...pages, [6, content('0 0 20 20 re f')], twice];
		expect(text(openPdf(withXrefStream(rest, [[3, 10, 0]])).cutPage(0))).toContain(
			'0 0 20 20 re f',
		);
		expect(text(openPdf(withXrefStream(rest, [[3, 10, 1]])).cutPage(0))).toContain(
			'0 0 10 10 re f',
		);
		expect(text(openPdf(withXrefStream(rest, [[3, 10, 9]])).cutPage(0))).toContain(
			'0 0 10 10 re f',
		);
	});

	it.each([
		['3x 0', 'unreadable: object stream 10 is damaged'],
		['x3 0', 'unreadable: object stream 10 is damaged'],
		['3 0x', 'unreadable: object stream 10 is damaged'],
		['3 x0', 'unreadable: object stream 10 is damaged'],
	])('an object stream whose header reads %s is damaged', (header, said) => {
		const good = objectStream([[3, page(5)]]);
		const damaged: [number, string] = [10, good.replace('stream\n3 0', `stream\n${header}`)];
		expect(refusal(() => openPdf(withXrefStream([...pages, damaged], [[3, 10, 0]])))).toBe(said);
	});

	it('an object its object stream does not hold', () => {
		const stream: [number, string] = [10, objectStream([[7, '(other)']])];
		expect(refusal(() => openPdf(withXrefStream([...pages, stream], [[3, 10, 0]])))).toBe(
			'unreadable: object 3 is not in its object stream',
		);
	});

	it('an object stream that is not one, or has no /N or /First', () => {
		const notStream: [number, string] = [10, '<< /Type /ObjStm >>'];
		expect(refusal(() => openPdf(withXrefStream([...pages, notStream], [[3, 10, 0]])))).toBe(
			'unreadable: object stream 10 is missing',
		);
		const noFirst: [number, string] = [10, objectStream([[3, page(5)]]).replace(/\/First \d+/, '')];
		expect(refusal(() => openPdf(withXrefStream([...pages, noFirst], [[3, 10, 0]])))).toBe(
			'unreadable: object stream 10 has no /N or /First',
		);
	});
});

describe('objects that cannot be read', () => {
	it('a chain of 33 references is followed, one of 34 is taken for a loop', () => {
		// Objects 1 … n−1 each refer to the next; object n is the catalog.
		const chain = (n: number) => {
			const refs = Array.from({ length: n - 1 }, (_, k) => `${k + 2} 0 R`);
			return handMade([
				...refs,
				`<< /Type /Catalog /Pages ${n + 1} 0 R >>`,
				`<< /Type /Pages /Kids [${n + 2} 0 R] /Count 1 >>`,
				page(n + 3).replace('2 0 R', `${n + 1} 0 R`),
				content('0 0 10 10 re f'),
			]);
		};
		expect(openPdf(chain(33)).pageCount).toBe(1);
		expect(refusal(() => openPdf(chain(34)))).toBe('unreadable: references loop');
	});

	it('a loop met while cutting a page refuses that page (not the file)', () => {
		const pdf = onePage(page(4).replace('>>', '/Annots 5 0 R >>'), ['6 0 R', '5 0 R']);
		expect(refusal(() => openPdf(pdf).cutPage(0))).toBe('page: references loop');
	});

	it('an object neither where the table says nor anywhere else in the file', () => {
		const pdf = onePage();
		const gone = latin(pdf.toString('latin1').replace('4 0 obj', '4 0 xxx'));
		expect(refusal(() => openPdf(gone).cutPage(0))).toBe(
			'page: object 4 that the page uses cannot be read (object 4 is not where the cross-reference says)',
		);
	});

	it('references that refer to each other for ever', () => {
		// The catalog is object 1, which is a reference to object 2, which refers back to 1.
		expect(refusal(() => openPdf(handMade(['2 0 R', '1 0 R'])))).toBe(
			'unreadable: references loop',
		);
	});

	it('a stream whose dictionary is not a dictionary refuses its page', () => {
		const pdf = handMade([
			'<< /Type /Catalog /Pages 2 0 R >>',
			'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
			page(4),
			'[1 2]\nstream\n0 0 10 10 re f\nendstream',
		]);
		expect(refusal(() => openPdf(pdf).cutPage(0))).toBe(
			'page: object 4 that the page uses cannot be read (object 4 has a stream without a dictionary)',
		);
	});
});

describe('page trees that break the rules', () => {
	const refused = (objects: string[], trailer?: string) =>
		refusal(() => openPdf(handMade(objects, trailer)));

	it('no catalog, or a catalog without a page tree', () => {
		expect(refused(['<< /Type /Pages /Kids [] /Count 0 >>'], '/Root 9 0 R')).toBe(
			'unreadable: no document catalog',
		);
		expect(refused(['<< /Type /Catalog >>'])).toBe('unreadable: no page tree');
	});

	it('a node that is not a dictionary, a /Pages without /Kids, a kid that is not a reference', () => {
		expect(refused(['<< /Type /Catalog /Pages 2 0 R >>', '[3 0 R]'])).toBe(
			'unreadable: page tree node 2 is not a dictionary',
		);
		expect(refused(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Count 1 >>'])).toBe(
			'unreadable: page tree node 2 has no /Kids',
		);
		expect(
			refused([
				'<< /Type /Catalog /Pages 2 0 R >>',
				'<< /Type /Pages /Kids [<< /Type /Page >>] >>',
			]),
		).toBe('unreadable: a page tree kid is not a reference');
	});

	it('a page 64 levels down is read, one 65 levels down is too deep', () => {
		// Object 2 + k is a /Pages node at depth k whose only kid is the next one; the page is last.
		const chain = (depth: number) => [
			'<< /Type /Catalog /Pages 2 0 R >>',
			...Array.from(
				{ length: depth },
				(_, k) => `<< /Type /Pages /Kids [${k + 3} 0 R] /Count 1 >>`,
			),
			page(depth + 3).replace('/Parent 2 0 R', `/Parent ${depth + 1} 0 R`),
			content('0 0 10 10 re f'),
		];
		expect(openPdf(handMade(chain(64))).pageCount).toBe(1);
		expect(refused(chain(65))).toBe('unreadable: page tree too deep');
	});

	it('a loop in the page tree, or a page listed twice', () => {
		const loop = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [2 0 R] /Count 1 >>'];
		expect(refused(loop)).toBe('unreadable: page tree has a loop or a page twice');
		const twice = [
			'<< /Type /Catalog /Pages 2 0 R >>',
			'<< /Type /Pages /Kids [3 0 R 3 0 R] /Count 2 >>',
			page(4),
			content('0 0 10 10 re f'),
		];
		expect(refused(twice)).toBe('unreadable: page tree has a loop or a page twice');
	});

	it('without /Type: a node with /Kids is a node, one without is a page', () => {
		const split = openPdf(
			handMade([
				'<< /Type /Catalog /Pages 2 0 R >>',
				'<< /Kids [3 0 R 5 0 R] /Count 2 >>',
				'<< /Parent 2 0 R /MediaBox [0 0 100 100] /Contents 4 0 R >>',
				content('0 0 10 10 re f'),
				'<< /Parent 2 0 R /Kids [6 0 R] /Count 1 >>',
				page(7).replace('2 0 R', '5 0 R'),
				content('0 0 20 20 re f'),
			]),
		);
		expect(split.pageCount).toBe(2);
		expect(text(split.cutPage(0))).toContain('0 0 10 10 re f');
		expect(text(split.cutPage(1))).toContain('0 0 20 20 re f');
	});

	it('a /Type /Page that also has /Kids is a page, not a node', () => {
		const split = openPdf(
			onePage(page(4).replace('/Type /Page', '/Type /Page /Kids [5 0 R]'), [
				page(6),
				content('0 0 20 20 re f'),
			]),
		);
		expect(split.pageCount).toBe(1);
		expect(text(split.cutPage(0))).toContain('0 0 10 10 re f');
	});
});

describe('what a cut page is written with', () => {
	const withHeader = (pdf: Buffer, header: string) =>
		latin(pdf.toString('latin1').replace('%PDF-1.4', header));

	it('the file’s PDF version, found after junk before the header too; 1.7 when it says none', () => {
		const pdf = onePage(page(4));
		expect(text(openPdf(pdf).cutPage(0))).toMatch(/^%PDF-1\.4\n/);
		const junk = withHeader(pdf, 'MIME junk\r\n%PDF-1.3');
		expect(text(openPdf(junk).cutPage(0))).toMatch(/^%PDF-1\.3\n/);
		expect(text(openPdf(withHeader(pdf, '%PDF-x.y')).cutPage(0))).toMatch(/^%PDF-1\.7\n/);
	});

	it('a reference to an object the file does not have, or a free one, is written as null', () => {
		// Object 5 is free in the table; object 9 is not in it at all.
		const pdf = onePage(page(4).replace('>>', '/Annots [5 0 R 9 0 R] >>'), ['<< /Unused true >>']);
		const freed = latin(
			pdf.toString('latin1').replace(/(\d{10}) 00000 n \n(?=trailer)/, '$1 00001 f \n'),
		);
		const cut = text(openPdf(freed).cutPage(0));
		expect(cut).toContain('/Annots [null null]');
		expect(cut).not.toContain('/Unused');
	});

	it('the catalog’s optional content (which layers show) is kept', () => {
		const layers = '/OCProperties << /OCGs [5 0 R] /D << /Order [5 0 R] >> >> ';
		const pdf = onePage(page(4), ['<< /Type /OCG /Name (Stamp) >>'], layers);
		const cut = text(openPdf(pdf).cutPage(0));
		expect(cut).toMatch(/\/OCProperties <<\/OCGs \[\d+ 0 R\]/);
		expect(cut).toContain('/Name (Stamp)');
	});

	it('an annotation’s /Parent that is not a reference is dropped, even when object 1 is an annotation', () => {
		const pdf = handMade(
			[
				'<< /Type /Annot /Subtype /Popup /Rect [0 0 1 1] >>',
				'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
				page(4).replace('>>', '/Annots [1 0 R 5 0 R] >>'),
				content('0 0 10 10 re f'),
				'<< /Type /Annot /Subtype /Text /Rect [0 0 1 1] /Parent << /Kept false >> /Popup 1 0 R >>',
				'<< /Type /Catalog /Pages 2 0 R >>',
			],
			'/Root 6 0 R',
		);
		const cut = text(openPdf(pdf).cutPage(0));
		expect(cut).toContain('/Subtype /Text');
		expect(cut).not.toContain('/Kept');
	});

	it('a reference to the catalog becomes null: the cut file has one catalog, its own', () => {
		const pdf = onePage(
			page(4).replace('>>', '/PieceInfo << /Source 1 0 R >> >>'),
			[],
			'/Lang (zh) ',
		);
		const cut = text(openPdf(pdf).cutPage(0));
		expect(cut).toContain('/PieceInfo <</Source null');
		expect(cut.match(/\/Type \/Catalog/g)).toHaveLength(1);
		expect(cut).not.toContain('/Lang');
	});

	it('a pop-up keeps /P only when it names this page, as its note does', () => {
		const pdf = handMade([
			'<< /Type /Catalog /Pages 2 0 R >>',
			'<< /Type /Pages /Kids [3 0 R 7 0 R] /Count 2 >>',
			page(4).replace('>>', '/Annots [5 0 R] >>'),
			content('0 0 10 10 re f'),
			'<< /Type /Annot /Subtype /Text /Rect [0 0 1 1] /P 3 0 R /Popup 6 0 R >>',
			'<< /Type /Annot /Subtype /Popup /Rect [0 0 1 1] /Parent 5 0 R /P 7 0 R >>',
			page(4),
		]);
		const objects = text(openPdf(pdf).cutPage(0)).split('endobj');
		const note = objects.find((o) => o.includes('/Subtype /Text')) ?? '';
		const popup = objects.find((o) => o.includes('/Subtype /Popup')) ?? '';
		expect(note).toContain('/P 3 0 R');
		expect(popup).toMatch(/\/Parent \d+ 0 R/);
		expect(popup).not.toContain('/P ');
	});

	it('the page’s own attributes over inherited ones; a null in between is not inherited', () => {
		const pdf = handMade([
			'<< /Type /Catalog /Pages 2 0 R >>',
			'<< /Type /Pages /Kids [5 0 R] /Count 1 /MediaBox [0 0 500 500] /Rotate 90 >>',
			page(4).replace(
				'/Parent 2 0 R /MediaBox [0 0 100 100]',
				'/Parent 5 0 R /MediaBox [0 0 100 100]',
			),
			content('0 0 10 10 re f'),
			'<< /Type /Pages /Parent 2 0 R /Kids [3 0 R] /Count 1 /Rotate null /CropBox [0 0 50 50] >>',
		]);
		const cut = text(openPdf(pdf).cutPage(0));
		const pageObject = cut.split('endobj').find((o) => o.startsWith('\n3 0 obj')) ?? '';
		expect(pageObject).toContain('/MediaBox [0 0 100 100]');
		expect(pageObject).toContain('/CropBox [0 0 50 50]');
		expect(pageObject).toContain('/Rotate 90');
		expect(pageObject).not.toContain('null');
	});

	it('the page points to the new page tree and loses its links into the structure tree', () => {
		const pdf = onePage(page(4).replace('>>', '/StructParents 7 /B [] >>'));
		const cut = text(openPdf(pdf).cutPage(0));
		const pageObject = cut.split('endobj').find((o) => o.startsWith('\n3 0 obj')) ?? '';
		expect(pageObject).toContain('/Parent 2 0 R');
		expect(pageObject).not.toMatch(/StructParents|\/B /);
	});

	it('the objects are numbered 1 to n, as the cross-reference says', () => {
		const pdf = onePage(page(4).replace('>>', '/Annots [5 0 R] >>'), [
			'<< /Type /Annot /Subtype /Text /Rect [0 0 1 1] /Popup 6 0 R >>',
			'<< /Type /Annot /Subtype /Popup /Rect [0 0 1 1] /Parent 5 0 R >>',
		]);
		const cut = text(openPdf(pdf).cutPage(0));
		const headers = cut.match(/^\S+ 0 obj$/gm) ?? [];
		expect(headers).toEqual(headers.map((_, k) => `${k + 1} 0 obj`));
		expect(cut).toContain(`/Size ${headers.length + 1} `);
	});
});

describe('pages the splitter is asked for', () => {
	it('a file whose page tree is empty, and a page past the last', () => {
		const empty = handMade([
			'<< /Type /Catalog /Pages 2 0 R >>',
			'<< /Type /Pages /Kids [] /Count 0 >>',
		]);
		expect(refusal(() => openPdf(empty))).toBe('unreadable: the PDF has no pages');
		const one = onePage();
		expect(refusal(() => openPdf(one).cutPage(1))).toBe('page: there is no page 2');
	});
});

describe('cross-reference tables and streams as producers write them', () => {
	/** The content stream of the cut page, between `stream\n` and `\nendstream`. */
	const contentOf = (cut: string) =>
		/\/Length \d+\n>>\nstream\n([\s\S]*?)\nendstream/.exec(cut)?.[1];

	it.each([
		['CR LF', '\r\n', '0 0 10 10 re f'],
		['LF', '\n', '0 0 10 10 re f'],
		['a bare CR', '\r', '0 0 10 10 re f'],
		// After a bare CR, a first LF would read as part of the end of line.
		['CR LF, data starting with LF', '\r\n', '\n0 0 10 10 re f'],
		['LF, data starting with LF', '\n', '\n0 0 10 10 re f'],
	])('after `stream`, %s: the data as the /Length says', (_name, eol, ops) => {
		const stream = `<< /Length ${ops.length} >>\nstream${eol}${ops}\nendstream`;
		expect(contentOf(text(openPdf(onePage(page(5), [stream])).cutPage(0)))).toBe(ops);
	});

	it('a stream without its end refuses its page, in words', () => {
		const noEnd = onePage(page(5), ['<< /Length 999 >>\nstream\n0 0 10 10 re f']);
		expect(refusal(() => openPdf(noEnd).cutPage(0))).toBe(
			'page: object 5 that the page uses cannot be read (a stream has no end)',
		);
		// Its endobj comes before any endstream: the next object's endstream is not its end.
		const cut = onePage(page(5), [
			'<< /Length 999 >>\nstream\n0 0 10 10 re f',
			'<< /Length 3 >>\nstream\nabc\nendstream',
		]);
		expect(refusal(() => openPdf(cut).cutPage(0))).toBe(
			'page: object 5 that the page uses cannot be read (a stream has no end)',
		);
	});

	it('a wrong /Length: the data up to endstream, without the line end before it (if any)', () => {
		for (const eol of ['\n', '\r\n', '\r', '']) {
			const stream = `<< /Length 3 >>\nstream\n0 0 10 10 re f${eol}endstream`;
			const cut = text(openPdf(onePage(page(5), [stream])).cutPage(0));
			expect({ eol, data: contentOf(cut) }).toEqual({ eol, data: '0 0 10 10 re f' });
		}
	});

	it('objects of a high generation are read; a header whose generation is not a number is not', () => {
		const generation = (gen: string) => {
			const pdf = onePage(page(5), [content('0 0 20 20 re f')]).toString('latin1');
			return latin(pdf.replace('5 0 obj', `5 ${gen} obj`));
		};
		expect(contentOf(text(openPdf(generation('12')).cutPage(0)))).toBe('0 0 20 20 re f');
		for (const damaged of ['0x', 'x0']) {
			expect(refusal(() => openPdf(generation(damaged)).cutPage(0))).toMatch(
				/^page: object 5 that the page uses cannot be read/,
			);
		}
	});

	it('a table that starts at 1 with object 0’s free entry (a known producer bug) is read right', () => {
		const pdf = onePage(page(5), [content('0 0 20 20 re f')]);
		expect(contentOf(text(openPdf(pdf).cutPage(0)))).toBe('0 0 20 20 re f');
		const buggy = latin(pdf.toString('latin1').replace('xref\n0 6\n', 'xref\n1 6\n'));
		expect(contentOf(text(openPdf(buggy).cutPage(0)))).toBe('0 0 20 20 re f');
	});

	/** Object 1 is the page's note (the catalog is object 5). */
	const noteFirst = () =>
		handMade(
			[
				note('note'),
				'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
				page(4).replace('>>', '/Annots [1 0 R] >>'),
				content('0 0 10 10 re f'),
				'<< /Type /Catalog /Pages 2 0 R >>',
			],
			'/Root 5 0 R',
		);

	it('an update whose section starts at 1 and frees object 1 is not taken for that bug', () => {
		const updated = withUpdate(noteFirst(), [], () => '1 1\n0000000000 00001 f \n');
		const cut = text(openPdf(updated).cutPage(0));
		expect(cut).toContain('/Annots [null]');
		expect(cut).not.toContain('(note)');
	});

	it('an update whose section starts at 1 with object 1 in use at generation 65535 redefines it', () => {
		const updated = withUpdate(noteFirst(), [[1, note('new')]], (at) => `1 1\n${at(1)} 65535 n \n`);
		expect(text(openPdf(updated).cutPage(0))).toContain('(new)');
	});

	/** A page whose note is object 10 (objects 5 to 9 are nulls). */
	const noteTenth = () =>
		onePage(page(4).replace('>>', '/Annots [10 0 R] >>'), [
			...Array<string>(5).fill('null'),
			note('note'),
		]);

	it.each([
		['a section numbered 10', '10 1\n0000000000 00001 f \n'],
		['after an empty subsection', '3 0\n10 1\n0000000000 00001 f \n'],
		// Generation 65535 in a section that does not start at 1: not the producer bug either.
		['at generation 65535', '10 1\n0000000000 65535 f \n'],
		// The generation does not find an object: a damaged one leaves the line readable.
		['with a damaged generation', '10 1\n0000000000 0000x f \n'],
		// Object 0 → 10 → 9: a free entry's first field is the next free number, not an offset.
		[
			'and 9, linked in the free list',
			'0 1\n0000000010 65535 f \n9 2\n0000000000 00001 f \n0000000009 00001 f \n',
		],
	])('an update that frees object 10 (%s): the page’s note is gone', (_name, section) => {
		expect(text(openPdf(noteTenth()).cutPage(0))).toContain('(note)');
		const cut = text(openPdf(withUpdate(noteTenth(), [], () => section)).cutPage(0));
		expect(cut).toContain('/Annots [null]');
		expect(cut).not.toContain('(note)');
	});

	it('a number one table lists twice: its first line is read', () => {
		// Object 6 is written as a second `5 0 obj`; the table lists 5 again, pointing at it.
		const pdf = onePage(page(5), [content('0 0 20 20 re f'), content('0 0 99 99 re f')]);
		const twice = pdf.toString('latin1').replace('6 0 obj', '5 0 obj');
		const listed = `${twice.replace('trailer', `5 1\n${tableLine(pdf, 6)}\ntrailer`)}`;
		expect(contentOf(text(openPdf(latin(listed)).cutPage(0)))).toBe('0 0 20 20 re f');
	});

	it.each([
		['LF', '\n'],
		['CR LF', '\r\n'],
		['spaces and LF', '  \n'],
	])(
		'data that holds the word endstream is read whole when /Length is right (%s before endstream)',
		(_name, eol) => {
			const ops = '% endstream\n0 0 10 10 re f';
			const stream = `<< /Length ${ops.length} >>\nstream\n${ops}${eol}endstream`;
			const cut = text(openPdf(onePage(page(5), [stream])).cutPage(0));
			expect(cut).toContain(`/Length ${ops.length}\n>>\nstream\n${ops}\nendstream`);
		},
	);
});

describe('cross-reference streams', () => {
	const parts: Numbered = [CATALOG, tree([3]), [3, page(5).replace('>>', '/Annots [4 0 R] >>')]];
	const ops: Numbered = [[5, content('0 0 10 10 re f')]];
	const annotation = (words: string): Numbered => [[4, note(words)]];

	it.each([
		['as written', false],
		['compressed (FlateDecode)', true],
	])('%s: an object it lists as free stays free', (_name, deflate) => {
		const listed = withXrefStream([...parts, ...ops, ...annotation('note')], [], { deflate });
		expect(text(openPdf(listed).cutPage(0))).toContain('(note)');
		const unlisted = annotation('note');
		const freed = text(
			openPdf(withXrefStream([...parts, ...ops], [], { unlisted, deflate })).cutPage(0),
		);
		expect(freed).toContain('0 0 10 10 re f');
		expect(freed).toContain('/Annots [null]');
		expect(freed).not.toContain('(note)');
	});

	// A later copy of object 4 that the cross-reference does not point to: a scan would take it.
	it.each([[[1, 4, 2]], [[1, 8, 2]], [[0, 4, 2]], [[2, 3, 1]]] as Array<
		[[number, number, number]]
	>)(
		'with /W %j (8-byte fields, or no type column: every entry in use), its entries are read',
		(widths) => {
			const pdf = withXrefStream([...parts, ...ops, ...annotation('listed')], [], {
				unlisted: annotation('later copy'),
				widths,
			});
			expect(text(pdf)).toContain(`/W [${widths.join(' ')}]`);
			expect(text(openPdf(pdf).cutPage(0))).toContain('(listed)');
		},
	);

	it.each(['[0 4 5 2]', '[0 4 5 2 9]'])(
		'with /Index %s (object 4 not listed; a last odd number left out), its rows are numbered by it',
		(index) => {
			const pdf = withXrefStream([...parts, ...ops], [], { unlisted: annotation('note') });
			const source = pdf.toString('latin1');
			// Take object 4's row (the fifth, 7 bytes) out of the data and say so in /Index.
			const start = source.indexOf('>>\nstream\n', source.indexOf('/Type /XRef')) + 10;
			const end = source.lastIndexOf('\nendstream');
			const rows = source.slice(start, end);
			const cut = `${rows.slice(0, 4 * 7)}${rows.slice(5 * 7)}`;
			const table = `${source.slice(0, start)}${cut}${source.slice(end)}`
				.replace('/W [1 4 2]', `/W [1 4 2] /Index ${index}`)
				.replace(`/Length ${rows.length}`, `/Length ${cut.length}`);
			const page = text(openPdf(latin(table)).cutPage(0));
			expect(page).toContain('0 0 10 10 re f');
			expect(page).toContain('/Annots [null]');
		},
	);

	it('an update written as a second cross-reference stream: its objects and its /Root win', () => {
		const catalog = (name: string) =>
			`<< /Type /Catalog /Pages 2 0 R /OCProperties << /OCGs [] /D << /Name (${name}) >> >> >>`;
		const base = withXrefStream(
			[
				[1, catalog('old catalog')],
				tree([3]),
				...parts.slice(2),
				...ops,
				...annotation('old note'),
			],
			[],
		).toString('latin1');
		const previous = /startxref\n(\d+)/.exec(base)?.[1] ?? '';
		// Objects 4 (the note) and 8 (a catalog) again, then stream 9 listing 4, 8 and itself.
		let out = base;
		const at4 = out.length;
		out += object(4, note('new note'));
		const at8 = out.length;
		out += object(8, catalog('new catalog'));
		const at9 = out.length;
		const row = (offset: number) => [
			1,
			offset >>> 24,
			(offset >>> 16) & 255,
			(offset >>> 8) & 255,
			offset & 255,
			0,
			0,
		];
		const data = String.fromCharCode(...row(at4), ...row(at8), ...row(at9));
		out += object(
			9,
			`<< /Type /XRef /Size 10 /W [1 4 2] /Index [4 1 8 2] /Root 8 0 R /Prev ${previous} /Length ${data.length} >>\nstream\n${data}\nendstream`,
		);
		const cut = text(openPdf(latin(`${out}startxref\n${at9}\n%%EOF\n`)).cutPage(0));
		expect(cut).toContain('(new note)');
		expect(cut).toContain('(new catalog)');
		expect(cut).not.toContain('(old');
	});

	it('rows the data does not hold (cut short): the file is scanned instead', () => {
		const pdf = withXrefStream([...parts, ...ops], []).toString('latin1');
		// Rows for objects 0 to 6 are written; /Index asks for 0 to 9.
		const short = latin(pdf.replace('/W [1 4 2]', '/W [1 4 2] /Index [0 10]'));
		expect(text(openPdf(short).cutPage(0))).toContain('0 0 10 10 re f');
		// Only the content's row and the ones after it are missing: still scanned, still found.
		const start = pdf.indexOf('>>\nstream\n', pdf.indexOf('/Type /XRef')) + 10;
		const end = pdf.lastIndexOf('\nendstream');
		const rows = pdf.slice(start, end);
		const cut = `${pdf.slice(0, start)}${rows.slice(0, 5 * 7)}${pdf.slice(end)}`.replace(
			`/Length ${rows.length}`,
			`/Length ${5 * 7}`,
		);
		expect(text(openPdf(latin(cut)).cutPage(0))).toContain('0 0 10 10 re f');
	});

	it.each(['[(0) 7]', '[0 7.5]'])(
		'with /Index %s (not whole numbers), the file is scanned instead',
		(index) => {
			const pdf = withXrefStream([...parts, ...ops], []).toString('latin1');
			const bad = latin(pdf.replace('/W [1 4 2]', `/W [1 4 2] /Index ${index}`));
			expect(text(openPdf(bad).cutPage(0))).toContain('0 0 10 10 re f');
		},
	);

	it.each(['[1 4]', '[1 4 9]', '[1 4 -2]', '[1 (4) 2]'])(
		'with /W %s (not three widths of 0 to 8 bytes), the file is scanned instead',
		(widths) => {
			const pdf = withXrefStream([...parts, ...ops], []).toString('latin1');
			// Fewer entries, so that wider rows still fit the data.
			const bad = latin(pdf.replace('/W [1 4 2]', `/W ${widths} /Index [0 3]`));
			const cut = text(openPdf(bad).cutPage(0));
			expect(cut).toContain('0 0 10 10 re f');
		},
	);
});

describe('hybrid files (a table whose trailer points to a cross-reference stream, /XRefStm)', () => {
	/**
	 * A page whose note (object 5) the table lists as `entry`, and a second object 5 saying
	 * `(stream copy)` that only the /XRefStm stream lists: the table's word comes first, the
	 * stream's only for a number the table lists as free.
	 */
	function hybridFile(entry: 'in use' | 'free' | 'absent'): Buffer {
		const pdf = onePage(page(4).replace('>>', '/Annots [5 0 R] >>'), [note('table')]);
		let out = pdf.toString('latin1');
		if (entry === 'free') out = out.replace(tableLine(pdf, 5), '0000000000 00001 f ');
		// Object 5 is the table's last line: the table ends before it.
		if (entry === 'absent')
			out = out.replace(`${tableLine(pdf, 5)}\n`, '').replace('xref\n0 6', 'xref\n0 5');
		const tableAt = out.indexOf('xref\n');
		let objects = out.slice(0, tableAt);
		const copyAt = objects.length;
		objects += `5 0 obj\n${note('stream copy')}\nendobj\n`;
		const row = text(Buffer.from([1, 0, 0, copyAt >> 8, copyAt & 255, 0, 0]));
		const streamAt = objects.length;
		objects += `9 0 obj\n<< /Type /XRef /Size 10 /W [1 4 2] /Index [5 1] /Length 7 >>\nstream\n${row}\nendstream\nendobj\n`;
		const table = out
			.slice(tableAt)
			.replace('/Root 1 0 R', `/Root 1 0 R /XRefStm ${streamAt}`)
			.replace(/startxref\n\d+/, `startxref\n${objects.length}`);
		return latin(objects + table);
	}

	it('an object the table lists in use is read where the table says', () => {
		const cut = text(openPdf(hybridFile('in use')).cutPage(0));
		expect(cut).toContain('(table)');
		expect(cut).not.toContain('(stream copy)');
	});

	it.each(['free', 'absent'] as const)(
		'an object the table lists as %s is read where the stream says',
		(entry) => {
			const cut = text(openPdf(hybridFile(entry)).cutPage(0));
			expect(cut).toContain('(stream copy)');
			expect(cut).not.toContain('(table)');
		},
	);
});

describe('incremental updates that loop', () => {
	it('a /Prev pointing back at its own section: the file is scanned instead', () => {
		const pdf = onePage().toString('latin1');
		const at = /startxref\n(\d+)/.exec(pdf)?.[1] ?? '';
		const looped = latin(pdf.replace('/Root 1 0 R', `/Root 1 0 R /Prev ${at}`));
		expect(text(openPdf(looped).cutPage(0))).toContain('0 0 10 10 re f');
	});
});

describe('junk before %PDF (a mail header, say)', () => {
	const junk = 'MIME junk\r\n';
	/** A page whose note (object 5) the table lists as free: only a table read keeps it out. */
	const freedNote = () => {
		const pdf = onePage(page(4).replace('>>', '/Annots [5 0 R] >>'), [note('note')]);
		return pdf.toString('latin1').replace(tableLine(pdf, 5), '0000000000 00001 f ');
	};

	it.each([
		['counted from the header, as most readers expect', (pdf: string) => `${junk}${pdf}`],
		[
			'counted from the start of the file',
			(pdf: string) =>
				`${junk}${pdf}`.replace(
					/startxref\n(\d+)/,
					(_all, at: string) => `startxref\n${Number(at) + junk.length}`,
				),
		],
	])('the cross-reference offset %s: the table is read', (_name, withJunk) => {
		const cut = text(openPdf(latin(withJunk(freedNote()))).cutPage(0));
		expect(cut).toContain('0 0 10 10 re f');
		expect(cut).toContain('/Annots [null]');
		expect(cut).not.toContain('(note)');
	});

	// Object 10 is the cross-reference stream: a number of two digits where the offset points.
	it.each([
		['counted from the header', 0],
		['counted from the start of the file', junk.length],
	])('a cross-reference stream whose offset is %s is read', (_name, shift) => {
		const fillers: Numbered = [6, 7, 8, 9].map((num) => [num, `(filler ${num})`]);
		const pdf = withXrefStream(
			[
				CATALOG,
				tree([3]),
				[3, page(4).replace('>>', '/Annots [5 0 R] >>')],
				[4, content('0 0 10 10 re f')],
				...fillers,
			],
			[],
			{ unlisted: [[5, note('note')]] },
		).toString('latin1');
		expect(pdf).toContain('\n10 0 obj\n<< /Type /XRef');
		const withJunk = `${junk}${pdf}`.replace(
			/startxref\n(\d+)/,
			(_all, at: string) => `startxref\n${Number(at) + shift}`,
		);
		const cut = text(openPdf(latin(withJunk)).cutPage(0));
		expect(cut).toContain('0 0 10 10 re f');
		expect(cut).toContain('/Annots [null]');
	});
});

describe('a cross-reference table with a damaged line: the file is scanned instead', () => {
	const readsContent = (pdf: string) =>
		/stream\n0 0 20 20 re f\nendstream/.test(text(openPdf(latin(pdf)).cutPage(0)));
	const pdf = onePage(page(5), [content('0 0 20 20 re f')]);
	const line = tableLine(pdf, 5);

	it.each([
		['junk before the offset', `x${line.slice(1)}`],
		['junk after the offset', `${line.slice(0, 9)}x${line.slice(10)}`],
		['a type that is neither n nor f', line.replace(' n ', ' x ')],
	])('an entry with %s', (_name, damaged) => {
		expect(readsContent(pdf.toString('latin1'))).toBe(true);
		expect(readsContent(pdf.toString('latin1').replace(line, damaged))).toBe(true);
	});

	it.each([
		['junk before its first number', 'x0 6'],
		['junk after its first number', '0x 6'],
	])('a subsection header with %s', (_name, header) => {
		expect(readsContent(pdf.toString('latin1').replace('xref\n0 6\n', `xref\n${header}\n`))).toBe(
			true,
		);
	});

	it('a subsection header with a negative count (the table leaves the last object out)', () => {
		const damaged = pdf
			.toString('latin1')
			.replace('xref\n0 6\n', 'xref\n0 5\n')
			.replace(`${line}\n`, '5 -1\n');
		expect(readsContent(damaged)).toBe(true);
	});
});

describe('scanning a file: a stream’s data is not searched for objects', () => {
	// Object 6 holds a PDF's object 5 as data (a file attachment, say), after the real object 5.
	const attached = '5 0 obj\n<< /Length 14 >>\nstream\n0 0 99 99 re f\nendstream\nendobj';
	// The same after a line holding the word endstream: only a right /Length reaches past it.
	const afterEndstream = `% endstream\n${attached}`;

	it.each([
		['a right /Length', attached, `${attached.length}`],
		[
			'a right /Length, the data holding the word endstream',
			afterEndstream,
			`${afterEndstream.length}`,
		],
		['a /Length held in another object', attached, '7 0 R'],
		['a wrong /Length', attached, '3'],
	])('%s', (_name, data, length) => {
		const pdf = withoutTable([
			CATALOG,
			tree([3]),
			[3, page(5)],
			[5, content('0 0 10 10 re f')],
			[6, `<< /Length ${length} >>\nstream\n${data}\nendstream`],
			[7, `${data.length}`],
		]);
		const cut = text(openPdf(pdf).cutPage(0));
		expect(cut).toContain('0 0 10 10 re f');
		expect(cut).not.toContain('0 0 99 99 re f');
	});
});

describe('scanning a file: what is taken for an object header', () => {
	const parts = (): Numbered => [CATALOG, tree([3]), [3, page(5)], [5, content('0 0 10 10 re f')]];

	it('words that begin with obj (in a string after the object) are not headers', () => {
		const pdf = withoutTable([...parts(), [6, '(see 5 0 objects, 5 0 objection)']]);
		expect(text(openPdf(pdf).cutPage(0))).toContain('0 0 10 10 re f');
	});

	it('a number glued to a word before it (page5 0 obj, in a string) is not a header', () => {
		const pdf = withoutTable([...parts(), [6, '(page5 0 obj)']]);
		expect(text(openPdf(pdf).cutPage(0))).toContain('0 0 10 10 re f');
	});

	it('objects whose numbers hold every digit are found (19, 28, 37, 46)', () => {
		const pdf = withoutTable([
			CATALOG,
			tree([19, 28]),
			[19, page(37)],
			[28, page(46)],
			[37, content('0 0 19 19 re f')],
			[46, content('0 0 28 28 re f')],
		]);
		const file = openPdf(pdf);
		expect(text(file.cutPage(0))).toContain('0 0 19 19 re f');
		expect(text(file.cutPage(1))).toContain('0 0 28 28 re f');
	});

	it.each([
		['tabs', '\t'],
		['NUL bytes', '\0'],
		['form feeds', '\f'],
		['carriage returns', '\r'],
	])('a header whose numbers are separated by %s (white space in PDF) is read', (_name, white) => {
		const pdf = withoutTable(parts())
			.toString('latin1')
			.replace('5 0 obj', `5${white}0${white}obj`);
		expect(pdf).toContain(`5${white}0${white}obj`);
		expect(text(openPdf(latin(pdf)).cutPage(0))).toContain('0 0 10 10 re f');
	});

	it('a file without %PDF- in its first 1024 bytes is no PDF to read', () => {
		const late = latin(`${' '.repeat(1020)}${withoutTable(parts()).toString('latin1')}`);
		expect(refusal(() => openPdf(late))).toBe('unreadable: no %PDF header');
		// 1019 bytes before it: the header is found.
		const early = latin(late.toString('latin1').slice(1));
		expect(text(openPdf(early).cutPage(0))).toContain('0 0 10 10 re f');
	});

	it('a file with neither a cross-reference nor a trailer is refused in words', () => {
		const pdf = withoutTable(parts()).toString('latin1').replace('trailer', 'nothing');
		expect(refusal(() => openPdf(latin(pdf)))).toBe('unreadable: no trailer found');
	});

	it('a header cut off at the very end of the file leaves the object before it in place', () => {
		const cut = latin(`${withoutTable(parts()).toString('latin1')}5 0 obj`);
		expect(text(openPdf(cut).cutPage(0))).toContain('0 0 10 10 re f');
	});

	it('an object header at the file’s first byte (junk before %PDF that is an object) is read', () => {
		// The catalog's optional content (kept in a cut page) names object 6, written first.
		const pdf = withoutTable([
			[1, '<< /Type /Catalog /Pages 2 0 R /OCProperties << /D << /Name 6 0 R >> >> >>'],
			...parts().slice(1),
		]).toString('latin1');
		const cut = text(openPdf(latin(`${object(6, '(first)')}${pdf}`)).cutPage(0));
		expect(cut).toContain('(first)');
	});

	it('junk before %PDF that starts with obj does not end the search', () => {
		const pdf = latin(`objects attached\r\n${withoutTable(parts()).toString('latin1')}`);
		expect(text(openPdf(pdf).cutPage(0))).toContain('0 0 10 10 re f');
	});
});

describe('files whose cross-reference cannot be used: found by scanning', () => {
	const scanned = (pdf: Buffer) =>
		latin(pdf.toString('latin1').replace(/startxref\n\d+/, 'startxref\n999999'));

	it('the trailer of a file with a cross-reference stream is that stream’s dictionary', () => {
		const pdf = withXrefStream(
			[CATALOG, tree([3]), [3, page(5)], [5, content('0 0 10 10 re f')]],
			[],
		);
		expect(text(pdf)).not.toContain('trailer');
		expect(text(openPdf(scanned(pdf)).cutPage(0))).toContain('0 0 10 10 re f');
	});

	it('a damaged last trailer: an earlier one is used', () => {
		const pdf = scanned(onePage()).toString('latin1');
		const damaged = latin(`${pdf}trailer\n<< /Root 1 0 R /Size (\n%%EOF\n`);
		expect(text(openPdf(damaged).cutPage(0))).toContain('0 0 10 10 re f');
	});

	it('objects written without a space after obj (`4 0 obj<<`) are found', () => {
		const compact = latin(
			scanned(onePage())
				.toString('latin1')
				.replace(/ obj\n<</g, ' obj<<'),
		);
		expect(text(compact)).toContain('4 0 obj<<');
		expect(text(openPdf(compact).cutPage(0))).toContain('0 0 10 10 re f');
	});
});
