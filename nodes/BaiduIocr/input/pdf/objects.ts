/**
 * PDF objects (ISO 32000-1, 7.3): a parser over the file's bytes and a serializer. Atoms keep
 * their source text (numbers, strings), so a copied object says exactly what the original said.
 */

/** Why a PDF could not be split; `reason` decides the message the user sees. */
export class PdfSplitError extends Error {
	constructor(
		readonly reason: 'encrypted' | 'unreadable' | 'page',
		message: string,
	) {
		super(message);
	}
}

export function unreadable(message: string): never {
	throw new PdfSplitError('unreadable', message);
}

export class PdfNum {
	constructor(readonly raw: string) {}

	get value(): number {
		return Number(this.raw);
	}
}

export class PdfName {
	/** The decoded name, without the slash (`#20` escapes resolved). */
	constructor(readonly name: string) {}
}

export class PdfString {
	/** The string as written, delimiters included: `(...)` or `<...>`, one char per byte. */
	constructor(readonly raw: string) {}
}

export class PdfRef {
	constructor(
		readonly num: number,
		readonly gen: number,
	) {}
}

export class PdfDict {
	readonly map = new Map<string, PdfValue>();

	get(key: string): PdfValue | undefined {
		return this.map.get(key);
	}

	set(key: string, value: PdfValue): void {
		this.map.set(key, value);
	}

	delete(key: string): void {
		this.map.delete(key);
	}
}

export class PdfStream {
	constructor(
		readonly dict: PdfDict,
		/** The stream's bytes as stored in the file (still encoded). */
		readonly data: Uint8Array,
	) {}
}

export type PdfValue =
	| null
	| boolean
	| PdfNum
	| PdfName
	| PdfString
	| PdfRef
	| PdfValue[]
	| PdfDict
	| PdfStream;

export function isName(v: PdfValue | undefined, name?: string): v is PdfName {
	return v instanceof PdfName && (name === undefined || v.name === name);
}

export function intOf(v: PdfValue | undefined): number | undefined {
	return v instanceof PdfNum && Number.isInteger(v.value) ? v.value : undefined;
}

// Character classes (7.2.2): white space and delimiters; everything else is regular.
const WHITE = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) WHITE[c] = 1;
const DELIM = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIM[c.charCodeAt(0)] = 1;

export function isWhite(c: number): boolean {
	return WHITE[c] === 1;
}

function isRegular(c: number): boolean {
	return WHITE[c] === 0 && DELIM[c] === 0;
}

function text(b: Uint8Array, from: number, to: number): string {
	let s = '';
	for (let i = from; i < to; i += 8192)
		s += String.fromCharCode(...b.subarray(i, Math.min(to, i + 8192)));
	return s;
}

const MAX_DEPTH = 100;

/** A reader of PDF syntax over bytes, from a position. */
export class Lexer {
	constructor(
		readonly b: Uint8Array,
		public pos = 0,
	) {}

	skipWhite(): void {
		const b = this.b;
		while (this.pos < b.length) {
			const c = b[this.pos];
			if (WHITE[c]) this.pos++;
			else if (c === 0x25) {
				while (this.pos < b.length && b[this.pos] !== 10 && b[this.pos] !== 13) this.pos++;
			} else break;
		}
	}

	/** The regular characters from here (a number, a keyword), without moving. */
	peekWord(): string {
		this.skipWhite();
		let end = this.pos;
		while (end < this.b.length && isRegular(this.b[end])) end++;
		return text(this.b, this.pos, end);
	}

	word(): string {
		const w = this.peekWord();
		this.pos += w.length;
		return w;
	}

	/** Whether the next token is `keyword`; consumes it if so. */
	keyword(keyword: string): boolean {
		const save = this.pos;
		if (this.peekWord() === keyword) {
			this.pos += keyword.length;
			return true;
		}
		this.pos = save;
		return false;
	}

	/** One object: a value, with `n g R` read as a reference. */
	value(depth = 0): PdfValue {
		if (depth > MAX_DEPTH) unreadable('objects nested too deeply');
		this.skipWhite();
		const b = this.b;
		if (this.pos >= b.length) unreadable('unexpected end of file');
		const c = b[this.pos];
		if (c === 0x2f) return this.name();
		if (c === 0x28) return this.literalString();
		if (c === 0x3c) {
			if (b[this.pos + 1] === 0x3c) return this.dict(depth);
			return this.hexString();
		}
		if (c === 0x5b) {
			this.pos++;
			const items: PdfValue[] = [];
			for (;;) {
				this.skipWhite();
				if (this.pos >= b.length) unreadable('unterminated array');
				if (b[this.pos] === 0x5d) {
					this.pos++;
					return items;
				}
				items.push(this.value(depth + 1));
			}
		}
		const w = this.word();
		if (w === '') unreadable(`unexpected character ${String.fromCharCode(c)}`);
		if (w === 'true') return true;
		if (w === 'false') return false;
		if (w === 'null') return null;
		if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(w)) unreadable(`unexpected keyword ${w.slice(0, 20)}`);
		if (/^\d+$/.test(w)) {
			// `num gen R`?
			const save = this.pos;
			const gen = this.peekWord();
			if (/^\d+$/.test(gen)) {
				this.pos += gen.length;
				if (this.peekWord() === 'R') {
					this.pos++;
					return new PdfRef(Number(w), Number(gen));
				}
			}
			this.pos = save;
		}
		return new PdfNum(w);
	}

	private dict(depth: number): PdfDict {
		this.pos += 2;
		const dict = new PdfDict();
		for (;;) {
			this.skipWhite();
			const b = this.b;
			if (this.pos >= b.length) unreadable('unterminated dictionary');
			if (b[this.pos] === 0x3e && b[this.pos + 1] === 0x3e) {
				this.pos += 2;
				return dict;
			}
			const key = this.value(depth + 1);
			if (!(key instanceof PdfName)) unreadable('dictionary key is not a name');
			dict.set(key.name, this.value(depth + 1));
		}
	}

	private name(): PdfName {
		const b = this.b;
		let i = this.pos + 1;
		let s = '';
		while (i < b.length && isRegular(b[i])) {
			if (b[i] === 0x23 && i + 2 < b.length) {
				const hex = String.fromCharCode(b[i + 1], b[i + 2]);
				if (/^[0-9a-fA-F]{2}$/.test(hex)) {
					s += String.fromCharCode(parseInt(hex, 16));
					i += 3;
					continue;
				}
			}
			s += String.fromCharCode(b[i++]);
		}
		this.pos = i;
		return new PdfName(s);
	}

	private literalString(): PdfString {
		const b = this.b;
		const start = this.pos;
		let i = start + 1;
		let nesting = 1;
		while (i < b.length) {
			const c = b[i++];
			if (c === 0x5c) i++;
			else if (c === 0x28) nesting++;
			else if (c === 0x29 && --nesting === 0) break;
		}
		if (nesting !== 0) unreadable('unterminated string');
		this.pos = i;
		return new PdfString(text(b, start, i));
	}

	private hexString(): PdfString {
		const end = this.b.indexOf(0x3e, this.pos);
		if (end < 0) unreadable('unterminated hex string');
		const raw = text(this.b, this.pos, end + 1);
		if (!/^<[0-9a-fA-F\s]*>$/.test(raw)) unreadable('bad hex string');
		this.pos = end + 1;
		return new PdfString(raw);
	}
}

/** The name as written in a file: `/` and the name, with `#xx` where PDF syntax needs it. */
function nameText(name: string): string {
	let s = '/';
	for (let i = 0; i < name.length; i++) {
		const c = name.charCodeAt(i);
		s +=
			c < 0x21 || c > 0x7e || c === 0x23 || DELIM[c]
				? '#' + c.toString(16).padStart(2, '0')
				: name[i];
	}
	return s;
}

/**
 * The object's text (one char per byte). References go through `ref`, which gives the
 * object's new number or null (the reference is then written as `null`). Streams are not
 * serialized here: their dictionary is, by the writer.
 */
export function serialize(v: PdfValue, ref: (r: PdfRef) => number | null): string {
	if (v === null) return 'null';
	if (v === true) return 'true';
	if (v === false) return 'false';
	if (v instanceof PdfNum) return v.raw;
	if (v instanceof PdfName) return nameText(v.name);
	if (v instanceof PdfString) return v.raw;
	if (v instanceof PdfRef) {
		const num = ref(v);
		return num === null ? 'null' : `${num} 0 R`;
	}
	if (Array.isArray(v)) return '[' + v.map((x) => serialize(x, ref)).join(' ') + ']';
	if (v instanceof PdfDict) {
		let s = '<<';
		for (const [key, value] of v.map) s += nameText(key) + ' ' + serialize(value, ref) + '\n';
		return s + '>>';
	}
	unreadable('a stream cannot be inside another object');
}
