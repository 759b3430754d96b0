/**
 * A corpus of multi-page PDFs for the page splitter's tests (not a test file itself), written
 * by real producers: pdf-lib, qpdf (object streams, cross-reference streams, linearised,
 * encrypted), ghostscript's ps2pdf, img2pdf, plus hand-made incremental updates and a hybrid
 * file. Every page of a file looks different, so a page rendered right is the right page.
 * The Debian tools come from the project's own script, a no-op when they are installed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import {
	degrees,
	PDFArray,
	PDFDict,
	PDFDocument,
	PDFName,
	PDFNumber,
	PDFRef,
	PDFString,
	rgb,
	StandardFonts,
} from 'pdf-lib';
import { PNG } from 'pngjs';
import * as jpeg from 'jpeg-js';
import { readSample } from '../samples';

export const TOOLS = ['qpdf', 'poppler-utils', 'ghostscript', 'img2pdf'];

export function ensureTools(): void {
	execFileSync('bash', [join(__dirname, '../../scripts/ensure-debian-packages.sh'), ...TOOLS], {
		stdio: ['ignore', 'ignore', 'inherit'],
	});
}

export interface CorpusFile {
	name: string;
	/** What producer or structure the file stands for. */
	about: string;
	path: string;
	pages: number;
}

/** A picture with a pattern that depends on `seed` (so pages and images differ). */
function pattern(width: number, height: number, seed: number): { data: Buffer; png: Buffer } {
	const image = new PNG({ width, height });
	for (let y = 0; y < height; y++)
		for (let x = 0; x < width; x++) {
			const i = (y * width + x) * 4;
			image.data[i] = (x * 7 * seed) & 0xff;
			image.data[i + 1] = (y * 5 + seed * 40) & 0xff;
			image.data[i + 2] = ((x ^ y) * seed) & 0xff;
			image.data[i + 3] = 0xff;
		}
	return { data: image.data, png: PNG.sync.write(image) };
}

/** An RGB PNG without alpha (img2pdf would add a soft mask for an alpha channel). */
function opaque(data: Buffer, width: number, height: number): Buffer {
	const image = new PNG({ width, height, colorType: 2 });
	data.copy(image.data);
	return PNG.sync.write(image, { colorType: 2 });
}

/**
 * Four pages sharing one font and one image; page 2 rotated 90, page 3 rotated 270 and of
 * another size; page 1 has a square annotation with an appearance stream, page 2 a link to
 * page 3 (a reference to another page the cut must not follow).
 */
async function sharedPages(): Promise<PDFDocument> {
	const doc = await PDFDocument.create();
	const font = await doc.embedFont(StandardFonts.Helvetica);
	const bold = await doc.embedFont(StandardFonts.TimesRomanBold);
	const image = await doc.embedPng(pattern(64, 48, 3).png);
	const sizes: [number, number][] = [
		[300, 400],
		[300, 400],
		[420, 280],
		[300, 400],
	];
	const pages = sizes.map((size, i) => {
		const page = doc.addPage(size);
		page.drawText(`Page ${i + 1}`, { x: 30, y: 40 + i * 60, size: 36, font });
		page.drawText(`of four ${'*'.repeat(i + 1)}`, { x: 30, y: 20, size: 14, font: bold });
		if (i !== 1) page.drawImage(image, { x: 40 + i * 30, y: 200, width: 128, height: 96 });
		page.drawRectangle({
			x: 200,
			y: 300 - i * 40,
			width: 40,
			height: 30,
			color: rgb(i / 4, 0.3, 0.6),
		});
		return page;
	});
	pages[1].setRotation(degrees(90));
	pages[2].setRotation(degrees(270));

	const ctx = doc.context;
	const appearance = ctx.stream('0 0 1 rg 0 0 60 40 re f', {
		Type: 'XObject',
		Subtype: 'Form',
		BBox: [0, 0, 60, 40],
	});
	const square = ctx.obj({
		Type: 'Annot',
		Subtype: 'Square',
		Rect: [150, 100, 210, 140],
		P: pages[0].ref,
		AP: { N: ctx.register(appearance) },
		StructParent: 3,
	});
	pages[0].node.set(PDFName.of('Annots'), ctx.obj([ctx.register(square)]));
	const link = ctx.obj({
		Type: 'Annot',
		Subtype: 'Link',
		Rect: [30, 100, 150, 130],
		Border: [0, 0, 0],
		P: pages[1].ref,
		Dest: [pages[2].ref, 'XYZ', 0, 400, 0],
	});
	pages[1].node.set(PDFName.of('Annots'), ctx.obj([ctx.register(link)]));
	pages[1].node.set(PDFName.of('StructParents'), PDFNumber.of(1));
	return doc;
}

/**
 * Three pages with an interactive form (text fields and a check box whose widgets have
 * appearance streams and a /Parent field), a page of another document drawn as a form
 * XObject, and a text note with its pop-up.
 */
async function formsAndXObjects(): Promise<Uint8Array> {
	const source = await PDFDocument.create();
	const sourceFont = await source.embedFont(StandardFonts.CourierBold);
	const drawn = source.addPage([200, 120]);
	drawn.drawText('embedded page', { x: 10, y: 50, size: 18, font: sourceFont });
	drawn.drawEllipse({ x: 150, y: 90, xScale: 30, yScale: 15, color: rgb(0.1, 0.7, 0.3) });

	const doc = await PDFDocument.create();
	const font = await doc.embedFont(StandardFonts.Helvetica);
	const [embedded] = await doc.embedPdf(source, [0]);
	const form = doc.getForm();
	const pages = [0, 1, 2].map((i) => {
		const page = doc.addPage([320, 360]);
		page.drawText(`Form page ${i + 1}`, { x: 20, y: 320 - i * 20, size: 20, font });
		return page;
	});
	pages[0].drawPage(embedded, { x: 40, y: 60, xScale: 1.2, yScale: 1.2 });
	pages[2].drawPage(embedded, { x: 100, y: 150, rotate: degrees(30) });
	const name = form.createTextField('customer.name');
	name.setText('Zhang San');
	name.addToPage(pages[0], { x: 40, y: 220, width: 200, height: 30, font });
	name.addToPage(pages[1], { x: 60, y: 100, width: 180, height: 40, font });
	const paid = form.createCheckBox('paid');
	paid.check();
	paid.addToPage(pages[1], { x: 40, y: 250, width: 30, height: 30 });
	const total = form.createTextField('total');
	total.setText('1,234.50');
	total.addToPage(pages[2], { x: 30, y: 40, width: 150, height: 28, font });

	const ctx = doc.context;
	const popupRef = ctx.nextRef();
	const note = ctx.obj({
		Type: 'Annot',
		Subtype: 'Text',
		Rect: [250, 300, 270, 320],
		Contents: PDFString.of('A note'),
		Open: false,
		P: pages[2].ref,
		Popup: popupRef,
		C: [1, 1, 0],
	});
	const noteRef = ctx.register(note);
	ctx.assign(
		popupRef,
		ctx.obj({
			Type: 'Annot',
			Subtype: 'Popup',
			Rect: [260, 200, 310, 300],
			Parent: noteRef,
			Open: false,
		}),
	);
	const annots = pages[2].node.lookup(PDFName.of('Annots'));
	if (annots instanceof PDFArray) {
		annots.push(noteRef);
		annots.push(popupRef);
	} else pages[2].node.set(PDFName.of('Annots'), ctx.obj([noteRef, popupRef]));
	return doc.save({ useObjectStreams: false });
}

/**
 * Five pages in a nested page tree whose attributes are inherited: MediaBox, Resources and
 * Rotate from the root, a CropBox from an intermediate node holding pages 2 and 3.
 */
async function inheritedPages(): Promise<Uint8Array> {
	const doc = await PDFDocument.create();
	const font = await doc.embedFont(StandardFonts.Courier);
	const pages = [0, 1, 2, 3, 4].map((i) => {
		const page = doc.addPage([360, 240]);
		page.drawText(`Inherited ${i + 1}`, { x: 20 + i * 10, y: 40 + i * 30, size: 28, font });
		page.drawCircle({ x: 300 - i * 40, y: 180, size: 20 + i * 4, color: rgb(0.9, i / 5, 0.2) });
		return page;
	});
	const ctx = doc.context;
	const rootRef = doc.catalog.get(PDFName.of('Pages')) as PDFRef;
	const root = ctx.lookup(rootRef, PDFDict);
	// Every page uses the same resource names (pdf-lib names them alike), so one set serves.
	const resources = pages[0].node.get(PDFName.of('Resources'));
	root.set(PDFName.of('MediaBox'), ctx.obj([0, 0, 360, 240]));
	root.set(PDFName.of('Resources'), resources as PDFDict);
	root.set(PDFName.of('Rotate'), PDFNumber.of(180));
	for (const page of pages) {
		page.node.delete(PDFName.of('MediaBox'));
		page.node.delete(PDFName.of('Resources'));
	}
	pages[4].node.set(PDFName.of('Rotate'), PDFNumber.of(0));
	const middle = ctx.obj({
		Type: 'Pages',
		Parent: rootRef,
		Kids: [pages[1].ref, pages[2].ref],
		Count: 2,
		CropBox: [20, 10, 300, 200],
	});
	const middleRef = ctx.register(middle);
	pages[1].node.set(PDFName.of('Parent'), middleRef);
	pages[2].node.set(PDFName.of('Parent'), middleRef);
	root.set(PDFName.of('Kids'), ctx.obj([pages[0].ref, middleRef, pages[3].ref, pages[4].ref]));
	root.set(PDFName.of('Count'), PDFNumber.of(5));
	// The pages must really inherit: pdf-lib would otherwise be allowed to put them back.
	expectNoOwn(pages[0].node, 'MediaBox');
	return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}

function expectNoOwn(node: PDFDict, key: string): void {
	if (node.has(PDFName.of(key))) throw new Error(`page still has its own ${key}`);
}

function latin1(s: string): Buffer {
	return Buffer.from(s, 'latin1');
}

function startxrefOf(pdf: Buffer): number {
	const text = pdf.toString('latin1');
	const at = text.lastIndexOf('startxref');
	return Number(/startxref\s+(\d+)/.exec(text.slice(at))?.[1]);
}

/** Largest object number used, from the trailer's /Size (last section). */
function sizeOf(pdf: Buffer): number {
	const text = pdf.toString('latin1');
	const sizes = [...text.matchAll(/\/Size\s+(\d+)/g)];
	return Number(sizes[sizes.length - 1][1]);
}

/** The page objects' numbers in page order, read by qpdf. */
function pageObjects(path: string): number[] {
	const json = JSON.parse(
		execFileSync('qpdf', ['--json', '--json-key=pages', path]).toString(),
	) as {
		pages: { object: string }[];
	};
	return json.pages.map((p) => Number(p.object.split(' ')[0]));
}

/** The dictionary of object `num` as qpdf prints it (`--show-object`), uncompressed. */
function showObject(path: string, num: number): string {
	return execFileSync('qpdf', [`--show-object=${num}`, path]).toString('latin1');
}

/**
 * An incremental update with a classic table: page 2 gets a new content stream drawn over
 * the old one, and the last page is taken out of the tree (the page count goes from 4 to 3).
 */
function classicUpdate(base: Buffer, basePath: string): Buffer {
	const size = sizeOf(base);
	const [, p2] = pageObjects(basePath);
	const rootNum = Number(/\/Root\s+(\d+)/.exec(base.toString('latin1'))?.[1]);
	const catalog = showObject(basePath, rootNum);
	const pagesNum = Number(/\/Pages\s+(\d+)/.exec(catalog)?.[1]);
	const pagesDict = showObject(basePath, pagesNum);
	const kids = /\/Kids\s*\[([^\]]*)\]/.exec(pagesDict)?.[1].trim().split(/\s+/) ?? [];
	const newKids = kids.slice(0, kids.length - 3).join(' ');
	const page2 = showObject(basePath, p2);
	const content = `q 1 0 0 rg 20 20 100 50 re f Q`;
	const c = size;
	const objects: [number, string][] = [
		[c, `<< /Length ${content.length} >>\nstream\n${content}\nendstream`],
		[
			p2,
			page2.replace(
				/\/Contents\s+(\d+ \d+ R|\[[^\]]*\])/,
				(_m, old: string) => `/Contents [${old.startsWith('[') ? old.slice(1, -1) : old} ${c} 0 R]`,
			),
		],
		[
			pagesNum,
			pagesDict
				.replace(/\/Kids\s*\[[^\]]*\]/, `/Kids [${newKids}]`)
				.replace(/\/Count\s+\d+/, '/Count 3'),
		],
	];
	let out = Buffer.concat([base, latin1('\n')]);
	const offsets = new Map<number, number>();
	for (const [num, body] of objects) {
		offsets.set(num, out.length);
		out = Buffer.concat([out, latin1(`${num} 0 obj\n${body}\nendobj\n`)]);
	}
	const xrefAt = out.length;
	let xref = 'xref\n';
	for (const num of [...offsets.keys()].sort((a, b) => a - b))
		xref += `${num} 1\n${String(offsets.get(num)).padStart(10, '0')} 00000 n \n`;
	xref += `trailer\n<< /Size ${size + 1} /Root ${rootNum} 0 R /Prev ${startxrefOf(base)} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
	return Buffer.concat([out, latin1(xref)]);
}

/**
 * An incremental update written with a cross-reference stream on a file whose objects are
 * compressed: page 1's dictionary (inside an object stream) is redefined with a new content
 * stream and a new rotation.
 */
function xrefStreamUpdate(base: Buffer, basePath: string): Buffer {
	const size = sizeOf(base);
	const [p1] = pageObjects(basePath);
	const rootNum = Number(/\/Root\s+(\d+)/.exec(showTrailer(basePath))?.[1]);
	const page1 = showObject(basePath, p1);
	const content = `q 0 0.6 0 rg 10 10 280 30 re f Q`;
	const c = size;
	const x = size + 1;
	let out = Buffer.concat([base, latin1('\n')]);
	const cAt = out.length;
	out = Buffer.concat([
		out,
		latin1(`${c} 0 obj\n<< /Length ${content.length} >>\nstream\n${content}\nendstream\nendobj\n`),
	]);
	const pAt = out.length;
	const newPage = page1
		.replace(/\/Contents\s+(\d+ \d+ R|\[[^\]]*\])/, `/Contents ${c} 0 R`)
		.replace(/^<</, '<< /Rotate 90');
	out = Buffer.concat([out, latin1(`${p1} 0 obj\n${newPage}\nendobj\n`)]);
	const xAt = out.length;
	const row = (offset: number) => [
		1,
		(offset >>> 24) & 0xff,
		(offset >>> 16) & 0xff,
		(offset >>> 8) & 0xff,
		offset & 0xff,
		0,
		0,
	];
	const rows = Buffer.from([...row(pAt), ...row(cAt), ...row(xAt)]);
	const dict = `<< /Type /XRef /Size ${x + 1} /W [1 4 2] /Index [${p1} 1 ${c} 2] /Root ${rootNum} 0 R /Prev ${startxrefOf(base)} /Length ${rows.length} >>`;
	out = Buffer.concat([
		out,
		latin1(`${x} 0 obj\n${dict}\nstream\n`),
		rows,
		latin1(`\nendstream\nendobj\nstartxref\n${xAt}\n%%EOF\n`),
	]);
	return out;
}

function showTrailer(path: string): string {
	return execFileSync('qpdf', ['--show-object=trailer', path]).toString('latin1');
}

/**
 * A hybrid file (7.5.8.4), as written for readers of both PDF 1.4 and 1.5: the pages and
 * content in a classic table, the catalog and page tree in an object stream listed only by
 * the cross-reference stream that the trailer's /XRefStm points to.
 */
function hybrid(): Buffer {
	const contents = [
		'BT /F1 30 Tf 30 200 Td (Hybrid one) Tj ET 0 0 1 rg 50 50 80 80 re f',
		'BT /F1 22 Tf 60 120 Td (Hybrid two) Tj ET 1 0 0 rg 150 250 60 60 re f',
		'BT /F1 26 Tf 10 300 Td (Hybrid three) Tj ET 0 1 0 rg 20 20 200 20 re f',
	];
	// 1 catalog and 2 page tree: compressed, in object stream 3. 4 font. 5..7 pages, 8..10 contents.
	const packed = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [5 0 R 6 0 R 7 0 R] /Count 3 /MediaBox [0 0 300 360] >>',
	];
	let header = '';
	let body = '';
	packed.forEach((obj, i) => {
		header += `${i + 1} ${body.length} `;
		body += obj + '\n';
	});
	const objStm = deflateSync(latin1(header + body));
	const first = header.length;
	let out = latin1('%PDF-1.5\n%\xe2\xe3\xcf\xd3\n');
	const offsets = new Map<number, number>();
	const add = (num: number, dict: string, stream?: Buffer) => {
		offsets.set(num, out.length);
		out = stream
			? Buffer.concat([
					out,
					latin1(`${num} 0 obj\n${dict}\nstream\n`),
					stream,
					latin1('\nendstream\nendobj\n'),
				])
			: Buffer.concat([out, latin1(`${num} 0 obj\n${dict}\nendobj\n`)]);
	};
	add(
		3,
		`<< /Type /ObjStm /N 2 /First ${first} /Filter /FlateDecode /Length ${objStm.length} >>`,
		objStm,
	);
	add(4, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
	for (let i = 0; i < 3; i++)
		add(
			5 + i,
			`<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 4 0 R >> >> /Contents ${8 + i} 0 R >>`,
		);
	contents.forEach((c, i) => add(8 + i, `<< /Length ${c.length} >>`, latin1(c)));
	// The cross-reference stream: objects 1 and 2 in object stream 3, and itself.
	const xs = 11;
	const xsAt = out.length;
	const rows = Buffer.from([
		2,
		0,
		0,
		3,
		0,
		2,
		0,
		0,
		3,
		1,
		1,
		(xsAt >> 16) & 0xff,
		(xsAt >> 8) & 0xff,
		xsAt & 0xff,
		0,
	]);
	const xsDict = `<< /Type /XRef /Size 12 /W [1 3 1] /Index [1 2 ${xs} 1] /Length ${rows.length} >>`;
	out = Buffer.concat([
		out,
		latin1(`${xs} 0 obj\n${xsDict}\nstream\n`),
		rows,
		latin1('\nendstream\nendobj\n'),
	]);
	// The classic table lists only the uncompressed objects (a 1.4 reader would not find 1
	// and 2; a 1.5 reader looks in /XRefStm).
	const xrefAt = out.length;
	let xref = 'xref\n0 1\n0000000000 65535 f \n3 8\n';
	for (let num = 3; num <= 10; num++)
		xref += `${String(offsets.get(num)).padStart(10, '0')} 00000 n \n`;
	xref += `trailer\n<< /Size 12 /Root 1 0 R /XRefStm ${xsAt} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
	return Buffer.concat([out, latin1(xref)]);
}

const PS = `%!PS-Adobe-3.0
/Times-Roman findfont 28 scalefont setfont
72 700 moveto (PostScript page one) show
0.2 0.4 0.8 setrgbcolor 100 100 200 300 rectfill showpage
/Helvetica-Bold findfont 40 scalefont setfont
100 500 moveto (Second) show
newpath 300 300 120 0 360 arc 0.9 0.1 0.1 setrgbcolor fill showpage
/Courier findfont 18 scalefont setfont
50 100 moveto (third page, monospace) show
0 0 0 setrgbcolor 4 setlinewidth 50 50 moveto 500 700 lineto stroke showpage
`;

/** Builds the corpus in a fresh temporary folder; returns the files (the encrypted apart). */
export async function buildCorpus(): Promise<{
	dir: string;
	files: CorpusFile[];
	encrypted: string[];
}> {
	const dir = mkdtempSync(join(tmpdir(), 'pdf-corpus-'));
	const path = (name: string) => join(dir, name);
	const files: CorpusFile[] = [];
	const add = (name: string, about: string, pages: number) =>
		files.push({ name, about, path: path(name), pages });

	const shared = await sharedPages();
	writeFileSync(path('pdflib-shared.pdf'), await shared.save({ useObjectStreams: false }));
	add(
		'pdflib-shared.pdf',
		'pdf-lib, classic table; shared font and image, rotated pages, annotations',
		4,
	);
	writeFileSync(path('pdflib-objstm.pdf'), await shared.save({ useObjectStreams: true }));
	add('pdflib-objstm.pdf', "pdf-lib's own object and cross-reference streams", 4);
	writeFileSync(path('inherited.pdf'), await inheritedPages());
	add('inherited.pdf', 'nested page tree; MediaBox, Resources, Rotate, CropBox inherited', 5);

	writeFileSync(path('forms-xobjects.pdf'), await formsAndXObjects());
	add(
		'forms-xobjects.pdf',
		'form fields (widgets, /Parent fields), a page as form XObject, note with pop-up',
		3,
	);

	const qpdf = (args: string[], out: string, from = 'pdflib-shared.pdf') =>
		execFileSync('qpdf', [...args, path(from), path(out)], { stdio: 'pipe' });
	qpdf(['--object-streams=generate'], 'qpdf-objstm.pdf');
	add('qpdf-objstm.pdf', 'qpdf: object streams and a cross-reference stream', 4);
	qpdf(['--linearize'], 'qpdf-linearized.pdf', 'inherited.pdf');
	add('qpdf-linearized.pdf', 'qpdf: linearised (first-page table, /Prev to the main one)', 5);
	qpdf(['--linearize', '--object-streams=generate'], 'qpdf-linearized-objstm.pdf');
	add('qpdf-linearized-objstm.pdf', 'qpdf: linearised with object streams', 4);

	writeFileSync(path('pages.ps'), PS);
	execFileSync('ps2pdf', [path('pages.ps'), path('ps2pdf.pdf')], { stdio: 'pipe' });
	add('ps2pdf.pdf', 'ghostscript ps2pdf: embedded font subsets, compressed content', 3);

	const scans = [
		opaque(pattern(300, 420, 1).data, 300, 420),
		opaque(pattern(420, 300, 2).data, 420, 300),
		jpeg.encode({ data: pattern(240, 320, 5).data, width: 240, height: 320 }, 80).data,
	];
	scans.forEach((scan, i) => writeFileSync(path(`scan-${i}.${i === 2 ? 'jpg' : 'png'}`), scan));
	execFileSync(
		'img2pdf',
		['-o', path('img2pdf.pdf'), path('scan-0.png'), path('scan-1.png'), path('scan-2.jpg')],
		{
			stdio: 'pipe',
		},
	);
	add('img2pdf.pdf', 'img2pdf: scans, one image per page (PNG, PNG, JPEG)', 3);

	const base = readFileSync(path('pdflib-shared.pdf'));
	writeFileSync(path('incremental.pdf'), classicUpdate(base, path('pdflib-shared.pdf')));
	add(
		'incremental.pdf',
		'incremental update (classic table, /Prev): page redrawn, last page removed',
		3,
	);
	const compressed = readFileSync(path('qpdf-objstm.pdf'));
	writeFileSync(
		path('incremental-xrefstm.pdf'),
		xrefStreamUpdate(compressed, path('qpdf-objstm.pdf')),
	);
	add(
		'incremental-xrefstm.pdf',
		'incremental update with a cross-reference stream over compressed objects',
		4,
	);
	writeFileSync(path('hybrid.pdf'), hybrid());
	add('hybrid.pdf', 'hybrid file: classic table with /XRefStm', 3);

	// The table says every object is 14 bytes earlier than it is: found by scanning instead.
	const shifted = base.toString('latin1').replace('\n', '\n%shifted bytes\n');
	writeFileSync(path('shifted-offsets.pdf'), latin1(shifted));
	add(
		'shifted-offsets.pdf',
		'damaged: every cross-reference offset wrong (objects found by scanning)',
		4,
	);

	execFileSync('pdftocairo', ['-pdf', path('pdflib-shared.pdf'), path('pdftocairo.pdf')], {
		stdio: 'pipe',
	});
	add('pdftocairo.pdf', 'poppler pdftocairo (cairo): indirect /Length, re-encoded content', 4);
	execFileSync('pdfunite', [path('ps2pdf.pdf'), path('img2pdf.pdf'), path('pdfunite.pdf')], {
		stdio: 'pipe',
	});
	add('pdfunite.pdf', 'poppler pdfunite: two files merged (trailer /Size off, as it writes it)', 6);
	execFileSync(
		'gs',
		[
			'-q',
			'-dNOPAUSE',
			'-dBATCH',
			'-sDEVICE=pdfwrite',
			`-sOutputFile=${path('gs-redistilled.pdf')}`,
			path('inherited.pdf'),
		],
		{ stdio: 'pipe' },
	);
	add(
		'gs-redistilled.pdf',
		'ghostscript pdfwrite re-distilling a PDF (rotations and crop boxes)',
		5,
	);

	writeFileSync(path('invoice-multipage.pdf'), readSample('invoice-multipage.pdf'));
	add(
		'invoice-multipage.pdf',
		"the project's multi-page sample",
		Number(execFileSync('qpdf', ['--show-npages', path('invoice-multipage.pdf')]).toString()),
	);

	const encrypted: string[] = [];
	for (const [name, args] of [
		['encrypted-aes256.pdf', ['--encrypt', 'user', 'owner', '256', '--']],
		['encrypted-no-user-password.pdf', ['--encrypt', '', 'owner', '256', '--']],
	] as [string, string[]][]) {
		qpdf(args, name);
		encrypted.push(path(name));
	}
	return { dir, files, encrypted };
}
