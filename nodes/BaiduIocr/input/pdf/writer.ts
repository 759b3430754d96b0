import type { PdfDocument } from './document';
import {
	PdfDict,
	PdfName,
	PdfNum,
	PdfRef,
	PdfSplitError,
	PdfStream,
	serialize,
	type PdfValue,
} from './objects';
import type { PageEntry, PageTree } from './pages';

/**
 * Writes one page as a PDF of its own (7.5): a catalog, a one-kid page tree, the page with the
 * attributes it inherited, and every object the page reaches, renumbered from 4 in the order
 * they are reached. Streams are copied byte for byte. What leads away from the page is cut:
 * references to other pages, to the page tree and to the catalog become null, and the links that
 * reach the whole document (structure-tree parents, article beads, annotations' /P and /Parent
 * outside the page) are dropped. Page content is never decoded, so nothing in it changes.
 */

const CATALOG = 1;
const PAGES = 2;
const PAGE = 3;

/** Page keys that point into the document rather than to what the page shows. */
const PAGE_DROPPED = ['Parent', 'StructParents', 'B'];
/** Keys dropped from every dictionary copied: links into the structure tree. */
const DROPPED = ['StructParent', 'StructParents'];

/** A reference to an object of the new file (already numbered). */
class NewRef extends PdfRef {}

function bytesOf(s: string): Uint8Array {
	const out = new Uint8Array(s.length);
	for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
	return out;
}

function refNum(v: PdfValue | undefined): number | undefined {
	return v instanceof PdfRef ? v.num : undefined;
}

/** Object `num`, which the page reaches; a page error saying why when it cannot be read. */
function objectOfPage(doc: PdfDocument, num: number): PdfValue {
	let failure: unknown;
	try {
		return doc.object(num);
	} catch (error) {
		failure = error;
	}
	const said = failure instanceof Error ? failure.message : String(failure);
	throw new PdfSplitError('page', `object ${num} that the page uses cannot be read (${said})`);
}

export function writePage(doc: PdfDocument, tree: PageTree, entry: PageEntry): Uint8Array {
	const pageNum = entry.ref.num;
	const page = entry.dict;

	// The page's annotations, and their pop-ups: the only dictionaries whose /P and /Parent stay.
	const annotations = new Set<number>();
	const annots = doc.resolve(page.get('Annots'));
	if (Array.isArray(annots)) {
		for (const a of annots) {
			const num = refNum(a);
			if (num === undefined) continue;
			annotations.add(num);
			const popup = refNum(doc.dict(a)?.get('Popup'));
			if (popup !== undefined) annotations.add(popup);
		}
	}

	const numbers = new Map<number, number>();
	const queue: number[] = [];
	const mapRef = (r: PdfRef): number | null => {
		if (r instanceof NewRef) return r.num;
		if (r.num === pageNum) return PAGE;
		if (tree.treeNodes.has(r.num) || r.num === tree.catalog?.num) return null;
		const known = numbers.get(r.num);
		if (known !== undefined) return known;
		if (!doc.has(r.num)) return null;
		const num = PAGE + 1 + numbers.size;
		numbers.set(r.num, num);
		queue.push(r.num);
		return num;
	};

	const chunks: Uint8Array[] = [];
	const offsets: number[] = [];
	let size = 0;
	const emit = (chunk: Uint8Array) => {
		chunks.push(chunk);
		size += chunk.length;
	};
	const emitObject = (num: number, value: PdfValue) => {
		offsets[num] = size;
		if (value instanceof PdfStream) {
			const dict = new PdfDict();
			for (const [k, v] of value.dict.map) dict.set(k, v);
			dict.set('Length', new PdfNum(String(value.data.length)));
			emit(bytesOf(`${num} 0 obj\n${serialize(dict, mapRef)}\nstream\n`));
			emit(value.data);
			emit(bytesOf('\nendstream\nendobj\n'));
		} else {
			emit(bytesOf(`${num} 0 obj\n${serialize(value, mapRef)}\nendobj\n`));
		}
	};

	emit(bytesOf(`%PDF-${doc.version}\n%\u00e2\u00e3\u00cf\u00d3\n`));

	const catalog = new PdfDict();
	catalog.set('Type', new PdfName('Catalog'));
	catalog.set('Pages', new NewRef(PAGES, 0));
	// Optional content: which layers show by default is said in the catalog.
	const oc = doc.dict(tree.catalog)?.get('OCProperties');
	if (oc !== undefined) catalog.set('OCProperties', oc);
	emitObject(CATALOG, catalog);

	const pagesNode = new PdfDict();
	pagesNode.set('Type', new PdfName('Pages'));
	pagesNode.set('Kids', [new NewRef(PAGE, 0)]);
	pagesNode.set('Count', new PdfNum('1'));
	emitObject(PAGES, pagesNode);

	const newPage = new PdfDict();
	for (const [k, v] of page.map)
		if (!PAGE_DROPPED.includes(k) && !DROPPED.includes(k)) newPage.set(k, v);
	// Only what the page does not set itself (pages.ts).
	for (const [k, v] of entry.inherited) newPage.set(k, v);
	newPage.set('Parent', new NewRef(PAGES, 0));
	emitObject(PAGE, newPage);

	for (let i = 0; i < queue.length; i++) {
		const oldNum = queue[i];
		let value = objectOfPage(doc, oldNum);
		const dict =
			value instanceof PdfStream ? value.dict : value instanceof PdfDict ? value : undefined;
		if (dict) {
			const copy = new PdfDict();
			for (const [k, v] of dict.map) {
				if (DROPPED.includes(k)) continue;
				if (annotations.has(oldNum) && k === 'P' && refNum(v) !== pageNum) continue;
				if (annotations.has(oldNum) && k === 'Parent' && !annotations.has(refNum(v) ?? -1))
					continue;
				copy.set(k, v);
			}
			value = value instanceof PdfStream ? new PdfStream(copy, value.data) : copy;
		}
		emitObject(numbers.get(oldNum) as number, value);
	}

	const count = PAGE + 1 + numbers.size;
	const xrefAt = size;
	let xref = `xref\n0 ${count}\n0000000000 65535 f\r\n`;
	for (let num = 1; num < count; num++)
		xref += `${String(offsets[num]).padStart(10, '0')} 00000 n\r\n`;
	xref += `trailer\n<</Size ${count} /Root ${CATALOG} 0 R>>\nstartxref\n${xrefAt}\n%%EOF\n`;
	emit(bytesOf(xref));

	const out = new Uint8Array(size);
	let at = 0;
	for (const chunk of chunks) {
		out.set(chunk, at);
		at += chunk.length;
	}
	return out;
}
