import { indexOfAscii } from '../bytes';
import { decodeStream } from './filters';
import {
	intOf,
	isName,
	Lexer,
	PdfDict,
	PdfRef,
	PdfStream,
	unreadable,
	type PdfValue,
} from './objects';

/**
 * The cross-reference (7.5.4, 7.5.8): where each object is. Reads classic tables, cross-reference
 * streams, hybrid files (a table whose trailer points to a stream with /XRefStm) and every
 * incremental update (/Prev), the newest definition of an object winning. When the file's
 * cross-reference cannot be read, the objects are found by scanning the file instead.
 */

export type XrefEntry =
	| { type: 'free' }
	| { type: 'offset'; offset: number }
	| { type: 'compressed'; stream: number; index: number };

export interface Xref {
	entries: Map<number, XrefEntry>;
	trailer: PdfDict;
	/** Whether the entries come from scanning the file, not from its cross-reference. */
	scanned: boolean;
	/** Scanned files: the object streams found (in file order), whose objects are not in `entries`. */
	objStreams?: Array<{ num: number; offset: number }>;
}

function lastIndexOf(b: Uint8Array, needle: string, from: number): number {
	outer: for (let i = Math.min(from, b.length - needle.length); i >= 0; i--) {
		for (let j = 0; j < needle.length; j++) if (b[i + j] !== needle.charCodeAt(j)) continue outer;
		return i;
	}
	return -1;
}

/**
 * Reads `num gen obj` at the lexer, which is left after `obj`; returns the object's number. The
 * generation is not used: objects are found by number.
 */
export function objectHeader(lexer: Lexer): number | undefined {
	const num = lexer.word();
	const gen = lexer.word();
	if (!/^\d+$/.test(num) || !/^\d+$/.test(gen) || !lexer.keyword('obj')) return undefined;
	return Number(num);
}

/** Where the stream data starts after the `stream` keyword (its end of line skipped). */
export function streamStart(b: Uint8Array, afterKeyword: number): number {
	let p = afterKeyword;
	if (b[p] === 13) p++;
	if (b[p] === 10) p++;
	return p;
}

/**
 * The stream's data from `start`: `length` bytes when `endstream` follows them, else up to the
 * next `endstream` (a wrong /Length, as some producers write), without its end of line.
 */
export function streamData(b: Uint8Array, start: number, length: number | undefined): Uint8Array {
	if (length !== undefined && length >= 0 && start + length <= b.length) {
		let p = start + length;
		while (p < b.length && (b[p] === 10 || b[p] === 13 || b[p] === 32)) p++;
		if (indexOfAscii(b, 'endstream', p, p + 9) === p) return b.subarray(start, start + length);
	}
	let end = indexOfAscii(b, 'endstream', start);
	if (end < 0) unreadable('a stream has no end');
	// Another object's end before it: this stream's end is missing, not found.
	if (indexOfAscii(b, 'endobj', start, end) >= 0) unreadable('a stream has no end');
	if (b[end - 1] === 10) end--;
	if (b[end - 1] === 13) end--;
	return b.subarray(start, Math.max(start, end));
}

/** Reads a classic table at the lexer (after `xref`) into `entries`; returns its trailer. */
function readTable(lexer: Lexer, entries: Map<number, XrefEntry>): PdfDict {
	for (;;) {
		const word = lexer.peekWord();
		if (word === 'trailer') {
			lexer.word();
			const trailer = lexer.value();
			if (!(trailer instanceof PdfDict)) unreadable('bad trailer');
			return trailer;
		}
		let start = Number(lexer.word());
		const count = Number(lexer.word());
		if (!/^\d+$/.test(word) || !Number.isInteger(count) || count < 0) unreadable('bad xref table');
		for (let k = 0; k < count; k++) {
			const offset = lexer.word();
			// The generation does not find the object; only the producer bug below reads it.
			const gen = lexer.word();
			const kind = lexer.word();
			if (!/^\d+$/.test(offset) || (kind !== 'n' && kind !== 'f')) unreadable('bad xref entry');
			// A known producer bug: the table starts at 1 with object 0's free entry.
			if (k === 0 && start === 1 && kind === 'f' && gen === '65535') start = 0;
			const num = start + k;
			if (entries.has(num)) continue;
			entries.set(
				num,
				kind === 'n' && Number(offset) > 0
					? { type: 'offset', offset: Number(offset) }
					: { type: 'free' },
			);
		}
	}
}

/** Reads the cross-reference stream at `offset` into `entries`; returns its dictionary. */
function readXrefStream(b: Uint8Array, offset: number, entries: Map<number, XrefEntry>): PdfDict {
	const lexer = new Lexer(b, offset);
	if (!objectHeader(lexer)) unreadable('no cross-reference at startxref');
	const dict = lexer.value();
	if (!(dict instanceof PdfDict) || !isName(dict.get('Type'), 'XRef') || !lexer.keyword('stream'))
		unreadable('no cross-reference stream at startxref');
	const data = streamData(b, streamStart(b, lexer.pos), intOf(dict.get('Length')));
	const decoded = decodeStream(new PdfStream(dict, data), (v) => v);
	const w = dict.get('W');
	const widths = Array.isArray(w) ? w.map(intOf) : [];
	if (widths.length !== 3 || widths.some((x) => x === undefined || x < 0 || x > 8))
		unreadable('bad /W in a cross-reference stream');
	const [w0, w1, w2] = widths as number[];
	const size = intOf(dict.get('Size')) ?? 0;
	const indexValue = dict.get('Index');
	const index = Array.isArray(indexValue) ? indexValue.map(intOf) : [0, size];
	const rowLength = w0 + w1 + w2;
	const field = (p: number, width: number) => {
		let v = 0;
		for (let i = 0; i < width; i++) v = v * 256 + decoded[p + i];
		return v;
	};
	let p = 0;
	for (let s = 0; s + 1 < index.length; s += 2) {
		const start = index[s];
		const count = index[s + 1];
		if (start === undefined || count === undefined) unreadable('bad /Index');
		for (let k = 0; k < count; k++, p += rowLength) {
			if (p + rowLength > decoded.length) unreadable('cross-reference stream too short');
			const num = start + k;
			if (entries.has(num)) continue;
			const type = w0 === 0 ? 1 : field(p, w0);
			const a = field(p + w0, w1);
			const c = field(p + w0 + w1, w2);
			if (type === 1) entries.set(num, { type: 'offset', offset: a });
			else if (type === 2) entries.set(num, { type: 'compressed', stream: a, index: c });
			else entries.set(num, { type: 'free' });
		}
	}
	return dict;
}

/** Newer trailer keys win; older ones fill the gaps. */
function mergeTrailer(into: PdfDict | undefined, older: PdfDict): PdfDict {
	if (!into) return older;
	for (const [k, v] of older.map) if (!into.map.has(k)) into.set(k, v);
	return into;
}

function readSections(b: Uint8Array, headerAt: number): Xref {
	const tail = lastIndexOf(b, 'startxref', b.length - 9);
	if (tail < 0) unreadable('no startxref');
	const lexer = new Lexer(b, tail + 9);
	const first = lexer.word();
	if (!/^\d+$/.test(first)) unreadable('bad startxref');
	const entries = new Map<number, XrefEntry>();
	let trailer: PdfDict | undefined;
	const seen = new Set<number>();
	let offset: number | undefined = Number(first);
	while (offset !== undefined) {
		if (seen.has(offset)) unreadable('cross-reference sections loop');
		seen.add(offset);
		let at = offset;
		// Offsets counted from the %PDF header when junk comes before it.
		if (indexOfAscii(b, 'xref', at, at + 4) !== at && !/^\d+$/.test(new Lexer(b, at).peekWord()))
			at += headerAt;
		const section = new Lexer(b, at);
		section.skipWhite();
		let dict: PdfDict;
		if (section.keyword('xref')) {
			const table = new Map<number, XrefEntry>();
			dict = readTable(section, table);
			const stm = intOf(dict.get('XRefStm'));
			// Hybrid file: objects free in the table may be in the stream /XRefStm points to.
			const hidden = new Map<number, XrefEntry>();
			if (stm !== undefined) readXrefStream(b, stm, hidden);
			for (const [num, entry] of table) {
				const fromStream = hidden.get(num);
				const use = entry.type === 'free' && fromStream ? fromStream : entry;
				if (!entries.has(num)) entries.set(num, use);
			}
			for (const [num, entry] of hidden) if (!entries.has(num)) entries.set(num, entry);
		} else {
			dict = readXrefStream(b, at, entries);
		}
		// Only /Root and /Encrypt are read from the trailer: a stream's own keys (/W, /Length…)
		// and /Prev may join it unharmed.
		trailer = mergeTrailer(trailer, dict);
		offset = intOf(dict.get('Prev'));
	}
	if (!trailer) unreadable('no trailer');
	return { entries, trailer, scanned: false };
}

/**
 * Where the `num gen` before an `obj` at `at` would start (back over two runs of digits and the
 * white space around them); -1 when the first is glued to a word before it. Whether two numbers
 * are really there is for objectHeader to say. Before the file, b[p] is undefined: neither white
 * space nor a digit.
 */
function headerStart(b: Uint8Array, at: number): number {
	let p = at - 1;
	for (let field = 0; field < 2; field++) {
		while (isWhiteByte(b[p])) p--;
		while (b[p] >= 0x30 && b[p] <= 0x39) p--;
	}
	return p >= 0 && !isDelimiterOrWhite(b[p]) ? -1 : p + 1;
}

/**
 * Rebuilds the cross-reference by scanning for `num gen obj` (a damaged or missing table):
 * the last definition of each number wins, objects inside object streams included.
 */
export function scanXref(b: Uint8Array): Xref {
	const entries = new Map<number, XrefEntry>();
	const objStreams: Array<{ num: number; offset: number }> = [];
	let trailer: PdfDict | undefined;
	let pos = 0;
	for (;;) {
		const at = indexOfAscii(b, 'obj', pos);
		if (at < 0) break;
		pos = at + 3;
		// `obj` must end a word. One that ends the file (cut short there) starts no object:
		// past the end, b[pos] is undefined, which is no delimiter.
		if (!isDelimiterOrWhite(b[pos])) continue;
		const start = headerStart(b, at);
		if (start < 0) continue;
		const lexer = new Lexer(b, start);
		const num = objectHeader(lexer);
		if (num === undefined) continue;
		entries.delete(num);
		entries.set(num, { type: 'offset', offset: start });
		try {
			const value = lexer.value();
			if (value instanceof PdfDict) {
				if (isName(value.get('Type'), 'ObjStm')) objStreams.push({ num, offset: start });
				if (isName(value.get('Type'), 'XRef') && value.get('Root'))
					trailer = mergeTrailer(trailer, value);
				// A stream's data is not searched: `num gen obj` in it (a PDF held as a file
				// attachment, say) is not an object of this file.
				if (lexer.keyword('stream')) {
					const from = streamStart(b, lexer.pos);
					pos = from + streamData(b, from, intOf(value.get('Length'))).length;
				}
			}
		} catch {
			// An object that does not parse, or a stream without an end: it fails again, and is
			// reported, if a page needs it; the search goes on after its header.
		}
	}
	for (let t = lastIndexOf(b, 'trailer', b.length); t >= 0; t = lastIndexOf(b, 'trailer', t - 1)) {
		try {
			const value = new Lexer(b, t + 7).value();
			if (value instanceof PdfDict && value.get('Root') instanceof PdfRef) {
				trailer = mergeTrailer(trailer, value);
				break;
			}
		} catch {
			// Not a readable trailer; an older one may be.
		}
	}
	if (!trailer) unreadable('no trailer found');
	return { entries, trailer, scanned: true, objStreams };
}

function isWhiteByte(c: number): boolean {
	return c === 0 || c === 9 || c === 10 || c === 12 || c === 13 || c === 32;
}

function isDelimiterOrWhite(c: number): boolean {
	return isWhiteByte(c) || '()<>[]{}/%'.includes(String.fromCharCode(c));
}

/** The file's cross-reference; scanned from the objects when it cannot be read. */
export function readXref(b: Uint8Array): Xref {
	const headerAt = indexOfAscii(b, '%PDF-', 0, 1024);
	if (headerAt < 0) unreadable('no %PDF header');
	try {
		return readSections(b, headerAt);
	} catch {
		return scanXref(b);
	}
}

/** Whether a dictionary entry is present and not null (a null is no value, 7.3.7). */
export function present(v: PdfValue | undefined): v is Exclude<PdfValue, null> {
	return v !== undefined && v !== null;
}
