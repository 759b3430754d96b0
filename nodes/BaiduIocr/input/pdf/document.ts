import { indexOfAscii } from '../bytes';
import { decodeStream } from './filters';
import {
	intOf,
	isName,
	Lexer,
	PdfDict,
	PdfRef,
	PdfSplitError,
	PdfStream,
	unreadable,
	type PdfValue,
} from './objects';
import {
	objectHeader,
	present,
	readXref,
	scanXref,
	streamData,
	streamStart,
	type Xref,
	type XrefEntry,
} from './xref';

/** An object stream, decoded: its bytes and where each of its objects starts. */
interface ObjectStream {
	num: number;
	data: Uint8Array;
	offsets: Map<number, number>;
	/** The objects' numbers and offsets in the order the stream lists them. */
	order: number[];
	positions: number[];
}

/** How many decoded object streams are kept (the ones a page's objects came from recently). */
const OBJECT_STREAM_CACHE = 2;
const MAX_REF_CHAIN = 32;

/**
 * A PDF file opened for reading objects on demand. Nothing is read ahead: an object is parsed
 * when asked for, so cutting a page touches only that page's objects (and the object streams
 * holding them, the last two of which are kept decoded).
 */
export class PdfDocument {
	readonly trailer: PdfDict;
	readonly version: string;
	private readonly entries: Map<number, XrefEntry>;
	private scanned: Xref | undefined;
	private objectStreams: ObjectStream[] = [];
	private readonly reading = new Set<number>();

	constructor(readonly bytes: Uint8Array) {
		const xref = readXref(bytes);
		this.entries = xref.entries;
		this.trailer = xref.trailer;
		if (xref.scanned) this.useScan(xref);
		if (present(this.trailer.get('Encrypt')))
			throw new PdfSplitError('encrypted', 'the PDF is encrypted');
		const at = indexOfAscii(bytes, '%PDF-', 0, 1024);
		const header = /^%PDF-(\d\.\d)/.exec(String.fromCharCode(...bytes.subarray(at, at + 8)));
		this.version = header ? header[1] : '1.7';
	}

	private useScan(xref: Xref): void {
		// The entries are already this.entries (the constructor took them); the scan is kept so
		// that an object the entries miss is not searched for again.
		this.scanned = xref;
		for (const { num: stream, offset: streamAt } of xref.objStreams ?? []) {
			let objects: ObjectStream;
			try {
				objects = this.objectStream(stream);
			} catch {
				continue;
			}
			for (const [index, num] of objects.order.entries()) {
				// The later definition wins, as between two objects in the file (an appended update).
				const direct = this.entries.get(num);
				if (direct?.type === 'offset' && direct.offset > streamAt) continue;
				this.entries.set(num, { type: 'compressed', stream, index });
			}
		}
	}

	/** Whether object `num` exists (is in use), without reading it. */
	has(num: number): boolean {
		const entry = this.entries.get(num);
		return entry !== undefined && entry.type !== 'free';
	}

	/** The object numbered `num`; null for a free or missing object, as the standard says. */
	object(num: number): PdfValue {
		// An object needed to read itself (a stream's /Length, an object stream inside itself).
		if (this.reading.has(num)) unreadable(`object ${num} refers to itself`);
		this.reading.add(num);
		try {
			return this.load(num);
		} finally {
			this.reading.delete(num);
		}
	}

	private load(num: number): PdfValue {
		const entry = this.entries.get(num);
		if (!entry || entry.type === 'free') return null;
		if (entry.type === 'compressed') return this.compressed(num, entry.stream, entry.index);
		const value = this.readAt(num, entry.offset);
		if (value !== undefined) return value;
		// The table points elsewhere: find the object by scanning the file (once).
		if (!this.scanned) this.scanned = scanXref(this.bytes);
		const found = this.scanned.entries.get(num);
		const again = found?.type === 'offset' ? this.readAt(num, found.offset) : undefined;
		if (again === undefined) unreadable(`object ${num} is not where the cross-reference says`);
		return again;
	}

	/** A direct value: references followed (a chain of them too). */
	resolve(v: PdfValue | undefined): PdfValue | undefined {
		for (let i = 0; v instanceof PdfRef; i++) {
			if (i > MAX_REF_CHAIN) unreadable('references loop');
			v = this.object(v.num);
		}
		return v;
	}

	dict(v: PdfValue | undefined): PdfDict | undefined {
		const d = this.resolve(v);
		if (d instanceof PdfDict) return d;
		if (d instanceof PdfStream) return d.dict;
		return undefined;
	}

	private readAt(num: number, offset: number): PdfValue | undefined {
		const lexer = new Lexer(this.bytes, offset);
		if (objectHeader(lexer) !== num) return undefined;
		const value = lexer.value();
		if (!lexer.keyword('stream')) return value;
		if (!(value instanceof PdfDict)) unreadable(`object ${num} has a stream without a dictionary`);
		const lengthValue = value.get('Length');
		const length = intOf(lengthValue instanceof PdfRef ? this.resolve(lengthValue) : lengthValue);
		const data = streamData(this.bytes, streamStart(this.bytes, lexer.pos), length);
		return new PdfStream(value, data);
	}

	private objectStream(num: number): ObjectStream {
		const cached = this.objectStreams.find((s) => s.num === num);
		if (cached) return cached;
		const stream = this.object(num);
		if (!(stream instanceof PdfStream) || !isName(stream.dict.get('Type'), 'ObjStm'))
			unreadable(`object stream ${num} is missing`);
		const data = decodeStream(stream, (v) => this.resolve(v));
		const n = intOf(this.resolve(stream.dict.get('N')));
		const first = intOf(this.resolve(stream.dict.get('First')));
		if (n === undefined || first === undefined)
			unreadable(`object stream ${num} has no /N or /First`);
		const lexer = new Lexer(data, 0);
		const offsets = new Map<number, number>();
		const order: number[] = [];
		const positions: number[] = [];
		for (let k = 0; k < n; k++) {
			const objNum = lexer.word();
			const at = lexer.word();
			if (!/^\d+$/.test(objNum) || !/^\d+$/.test(at)) unreadable(`object stream ${num} is damaged`);
			order.push(Number(objNum));
			positions.push(first + Number(at));
			// A number listed twice (which the standard does not allow): the later one, as in a file.
			offsets.set(Number(objNum), first + Number(at));
		}
		const decoded = { num, data, offsets, order, positions };
		this.objectStreams.unshift(decoded);
		this.objectStreams.length = Math.min(this.objectStreams.length, OBJECT_STREAM_CACHE);
		return decoded;
	}

	private compressed(num: number, streamNum: number, index: number): PdfValue {
		const stream = this.objectStream(streamNum);
		const offset = stream.order[index] === num ? stream.positions[index] : stream.offsets.get(num);
		if (offset === undefined) unreadable(`object ${num} is not in its object stream`);
		return new Lexer(stream.data, offset).value();
	}
}
