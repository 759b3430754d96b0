import { latin1 } from './bytes';
import { inflate } from './inflate';

/**
 * Best-effort page count of a PDF, without a PDF library: reads the page tree's /Count through
 * the catalog, else counts the page objects (`/Type /Page`, not `/Pages`). Objects inside
 * compressed object streams (PDF 1.5+) are looked at too. Undefined when unsure.
 */

/** Characters that end a PDF name: white space and delimiters. */
const NAME_END = '(?=[\\s()<>\\[\\]{}/%]|$)';
const TYPE_PAGE = new RegExp(`/Type\\s*/Page${NAME_END}`);
const TYPE_PAGES = new RegExp(`/Type\\s*/Pages${NAME_END}`);
const TYPE_CATALOG = new RegExp(`/Type\\s*/Catalog${NAME_END}`);
const TYPE_OBJSTM = new RegExp(`/Type\\s*/ObjStm${NAME_END}`);
const COUNT = /\/Count\s+(\d+)(\s+\d+\s+R)?/;
const CATALOG_PAGES = /\/Pages\s+(\d+)\s+\d+\s+R/;
const LINEARIZED_N = /\/Linearized\b[\s\S]*?\/N\s+(\d+)/;

/** Largest compressed object stream that is decompressed, in bytes. */
const MAX_OBJSTM_BYTES = 2 * 1024 * 1024;

interface PdfObject {
	/** The object's text up to `stream` or `endobj` (its dictionary, for the objects read here). */
	body: string;
	/** Where it was defined (an object stream's objects: where the stream was). */
	position: number;
}

/**
 * Objects are read in the order of the file, so a later definition (an incremental update)
 * replaces an earlier one: an object stream's objects count as defined where the stream is.
 */
function define(objects: Map<number, PdfObject>, num: number, obj: PdfObject): void {
	objects.set(num, obj);
}

/** The raw data of the stream whose `stream` keyword is at `streamAt`. */
function streamData(bytes: Uint8Array, text: string, streamAt: number): Uint8Array | undefined {
	let start = streamAt + 'stream'.length;
	if (text[start] === '\r') start++;
	if (text[start] === '\n') start++;
	const end = text.indexOf('endstream', start);
	if (end < 0) return undefined;
	return bytes.subarray(start, end);
}

/** Adds the objects packed in a compressed object stream (`/Type /ObjStm`). */
function readObjectStream(
	dict: string,
	data: Uint8Array,
	position: number,
	objects: Map<number, PdfObject>,
): boolean {
	if (
		!/\/Filter\s*\/FlateDecode/.test(dict) ||
		/\/DecodeParms/.test(dict) ||
		data.length > MAX_OBJSTM_BYTES
	)
		return false;
	const n = /\/N\s+(\d+)/.exec(dict);
	const first = /\/First\s+(\d+)/.exec(dict);
	if (!n || !first) return false;
	const content = inflate(data);
	if (!content) return false;
	const text = latin1(content);
	const firstOffset = Number(first[1]);
	const header = text.slice(0, firstOffset).trim().split(/\s+/).map(Number);
	const count = Number(n[1]);
	if (header.length < 2 * count || header.some((v) => !Number.isInteger(v))) return false;
	for (let k = 0; k < count; k++) {
		const start = firstOffset + header[2 * k + 1];
		const end = k + 1 < count ? firstOffset + header[2 * k + 3] : text.length;
		define(objects, header[2 * k], { body: text.slice(start, end), position });
	}
	return true;
}

function readObjects(bytes: Uint8Array): {
	objects: Map<number, PdfObject>;
	unreadable: boolean;
	text: string;
} {
	const text = latin1(bytes);
	const objects = new Map<number, PdfObject>();
	let unreadable = false;
	const header = /(\d+)\s+\d+\s+obj\b/g;
	let match: RegExpExecArray | null;
	while ((match = header.exec(text)) !== null) {
		const start = match.index + match[0].length;
		let end = text.indexOf('endobj', start);
		if (end < 0) end = text.length;
		// Searched within the object only: a search to the end of the file for every object
		// would make a PDF of many small objects take quadratic time.
		const inObject = text.slice(start, end).indexOf('stream');
		const hasStream = inObject >= 0;
		const streamAt = start + inObject;
		const body = text.slice(start, hasStream ? streamAt : end);
		define(objects, Number(match[1]), { body, position: match.index });
		if (hasStream && TYPE_OBJSTM.test(body)) {
			const data = streamData(bytes, text, streamAt);
			if (!data || !readObjectStream(body, data, match.index, objects)) unreadable = true;
		}
		// Go on after the stream's bytes, so that they are not read as object headers (they may
		// hold an `endobj`), and without waiting for this object's `endobj`, which a damaged file
		// may lack: the next object is still read.
		if (hasStream) {
			const endStream = text.indexOf('endstream', streamAt);
			if (endStream >= 0) end = endStream;
		}
		header.lastIndex = end;
	}
	return { objects, unreadable, text };
}

function countOf(body: string | undefined): number | undefined {
	if (body === undefined) return undefined;
	const m = COUNT.exec(body);
	if (!m || m[2]) return undefined; // absent, or an indirect reference
	const count = Number(m[1]);
	return count > 0 ? count : undefined;
}

/** The page tree's /Count, found through the catalog, else through the only parentless /Pages. */
function rootCount(objects: Map<number, PdfObject>): number | undefined {
	let catalog: PdfObject | undefined;
	for (const obj of objects.values()) {
		if (TYPE_CATALOG.test(obj.body) && (!catalog || obj.position > catalog.position)) catalog = obj;
	}
	const pagesRef = catalog && CATALOG_PAGES.exec(catalog.body);
	if (pagesRef) {
		const count = countOf(objects.get(Number(pagesRef[1]))?.body);
		if (count !== undefined) return count;
	}
	const roots = [...objects.values()].filter(
		(obj) => TYPE_PAGES.test(obj.body) && !/\/Parent\s/.test(obj.body),
	);
	return roots.length === 1 ? countOf(roots[0].body) : undefined;
}

export function countPdfPages(bytes: Uint8Array): number | undefined {
	const { objects, unreadable, text } = readObjects(bytes);
	const fromTree = rootCount(objects);
	if (fromTree !== undefined) return fromTree;
	if (!unreadable) {
		let pages = 0;
		for (const obj of objects.values()) if (TYPE_PAGE.test(obj.body)) pages++;
		if (pages > 0) return pages;
	}
	const linearized = LINEARIZED_N.exec(text.slice(0, 4096));
	if (linearized) return Number(linearized[1]) || undefined;
	return undefined;
}
