/**
 * A strict XML 1.0 well-formedness checker (with namespace prefixes checked), small enough to
 * read: it parses a document into elements and text or throws an XmlError that says where and
 * why. No DTD is accepted (the review picture has none, and a DOCTYPE could refer outside).
 */

export class XmlError extends Error {
	constructor(
		message: string,
		readonly position: number,
	) {
		super(`${message} at offset ${position}`);
	}
}

export interface XmlElement {
	name: string;
	attributes: Map<string, string>;
	children: XmlNode[];
}

export type XmlNode = XmlElement | { text: string };

export function isElement(node: XmlNode): node is XmlElement {
	return 'name' in node;
}

/** XML 1.0 (fifth edition) 2.2 Char. */
function isChar(code: number): boolean {
	return (
		code === 0x9 ||
		code === 0xa ||
		code === 0xd ||
		(code >= 0x20 && code <= 0xd7ff) ||
		(code >= 0xe000 && code <= 0xfffd) ||
		(code >= 0x10000 && code <= 0x10ffff)
	);
}

/** 2.3 NameStartChar, without ':' (names are checked as QNames, prefix and local part). */
function isNameStart(code: number): boolean {
	return (
		(code >= 0x41 && code <= 0x5a) ||
		code === 0x5f ||
		(code >= 0x61 && code <= 0x7a) ||
		(code >= 0xc0 && code <= 0xd6) ||
		(code >= 0xd8 && code <= 0xf6) ||
		(code >= 0xf8 && code <= 0x2ff) ||
		(code >= 0x370 && code <= 0x37d) ||
		(code >= 0x37f && code <= 0x1fff) ||
		(code >= 0x200c && code <= 0x200d) ||
		(code >= 0x2070 && code <= 0x218f) ||
		(code >= 0x2c00 && code <= 0x2fef) ||
		(code >= 0x3001 && code <= 0xd7ff) ||
		(code >= 0xf900 && code <= 0xfdcf) ||
		(code >= 0xfdf0 && code <= 0xfffd) ||
		(code >= 0x10000 && code <= 0xeffff)
	);
}

function isNameChar(code: number): boolean {
	return (
		isNameStart(code) ||
		code === 0x2d ||
		code === 0x2e ||
		(code >= 0x30 && code <= 0x39) ||
		code === 0xb7 ||
		(code >= 0x300 && code <= 0x36f) ||
		(code >= 0x203f && code <= 0x2040)
	);
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

class Parser {
	private pos = 0;
	private readonly scopes: Array<Set<string>> = [new Set(['xml', 'xmlns'])];

	constructor(private readonly source: string) {}

	private fail(message: string): never {
		throw new XmlError(message, this.pos);
	}

	private startsWith(text: string): boolean {
		return this.source.startsWith(text, this.pos);
	}

	private expect(text: string): void {
		if (!this.startsWith(text)) this.fail(`expected '${text}'`);
		this.pos += text.length;
	}

	private skipSpace(): boolean {
		const start = this.pos;
		while (/[ \t\r\n]/.test(this.source[this.pos] ?? '')) this.pos++;
		return this.pos > start;
	}

	private code(): number {
		return this.source.codePointAt(this.pos) ?? -1;
	}

	/** An NCName (a name without ':'). */
	private ncName(): string {
		const start = this.pos;
		if (!isNameStart(this.code())) this.fail('expected a name');
		this.pos += String.fromCodePoint(this.code()).length;
		while (this.pos < this.source.length && isNameChar(this.code())) {
			this.pos += String.fromCodePoint(this.code()).length;
		}
		return this.source.slice(start, this.pos);
	}

	/** A QName: NCName or prefix:NCName. */
	private qName(): string {
		const first = this.ncName();
		if (this.source[this.pos] !== ':') return first;
		this.pos++;
		return `${first}:${this.ncName()}`;
	}

	private reference(): string {
		this.expect('&');
		if (this.startsWith('#')) {
			this.pos++;
			const hex = this.startsWith('x');
			if (hex) this.pos++;
			const match = (hex ? /^[0-9a-fA-F]+/ : /^[0-9]+/).exec(this.source.slice(this.pos));
			if (!match) this.fail('malformed character reference');
			this.pos += match[0].length;
			this.expect(';');
			const code = parseInt(match[0], hex ? 16 : 10);
			if (!isChar(code)) this.fail(`character reference to a forbidden character ${code}`);
			return String.fromCodePoint(code);
		}
		const name = this.ncName();
		this.expect(';');
		if (!(name in PREDEFINED)) this.fail(`undeclared entity '&${name};'`);
		return PREDEFINED[name];
	}

	private comment(): void {
		this.expect('<!--');
		const end = this.source.indexOf('--', this.pos);
		if (end < 0) this.fail('unterminated comment');
		if (this.source[end + 2] !== '>') this.fail("'--' inside a comment");
		this.pos = end + 3;
	}

	private processingInstruction(): void {
		this.expect('<?');
		const target = this.qName();
		if (target.toLowerCase() === 'xml') this.fail('XML declaration not at the start');
		const end = this.source.indexOf('?>', this.pos);
		if (end < 0) this.fail('unterminated processing instruction');
		this.pos = end + 2;
	}

	private misc(): void {
		for (;;) {
			this.skipSpace();
			if (this.startsWith('<!--')) this.comment();
			else if (this.startsWith('<?')) this.processingInstruction();
			else return;
		}
	}

	private declaration(): void {
		if (!this.startsWith('<?xml')) return;
		const end = this.source.indexOf('?>');
		if (end < 0) this.fail('unterminated XML declaration');
		const text = this.source.slice(0, end + 2);
		if (
			!/^<\?xml\s+version\s*=\s*(["'])1\.[0-9]+\1(\s+encoding\s*=\s*(["'])[A-Za-z][A-Za-z0-9._-]*\3)?(\s+standalone\s*=\s*(["'])(yes|no)\5)?\s*\?>$/.test(
				text,
			)
		)
			this.fail('malformed XML declaration');
		this.pos = end + 2;
	}

	private attributeValue(): string {
		const quote = this.source[this.pos];
		if (quote !== '"' && quote !== "'") this.fail('attribute value without quotes');
		this.pos++;
		let value = '';
		for (;;) {
			const c = this.source[this.pos];
			if (c === undefined) this.fail('unterminated attribute value');
			if (c === quote) break;
			if (c === '<') this.fail("'<' in an attribute value");
			if (c === '&') value += this.reference();
			else {
				// Attribute-value normalisation (3.3.3): white space characters become spaces.
				value += /[\t\r\n]/.test(c) ? ' ' : c;
				this.pos++;
			}
		}
		this.pos++;
		return value;
	}

	private checkPrefix(name: string, scope: Set<string>): void {
		const colon = name.indexOf(':');
		if (colon > 0 && !scope.has(name.slice(0, colon)))
			this.fail(`undeclared namespace prefix in '${name}'`);
	}

	element(): XmlElement {
		this.expect('<');
		const name = this.qName();
		const attributes = new Map<string, string>();
		for (;;) {
			const spaced = this.skipSpace();
			if (this.startsWith('/>') || this.startsWith('>')) break;
			if (!spaced) this.fail('attributes must be separated by white space');
			const attribute = this.qName();
			this.skipSpace();
			this.expect('=');
			this.skipSpace();
			if (attributes.has(attribute)) this.fail(`attribute '${attribute}' given twice`);
			attributes.set(attribute, this.attributeValue());
		}
		const scope = new Set(this.scopes[this.scopes.length - 1]);
		for (const attribute of attributes.keys()) {
			if (attribute.startsWith('xmlns:')) scope.add(attribute.slice(6));
		}
		this.checkPrefix(name, scope);
		for (const attribute of attributes.keys()) {
			if (!attribute.startsWith('xmlns:')) this.checkPrefix(attribute, scope);
		}
		const element: XmlElement = { name, attributes, children: [] };
		if (this.startsWith('/>')) {
			this.pos += 2;
			return element;
		}
		this.expect('>');
		this.scopes.push(scope);
		this.content(element);
		this.scopes.pop();
		this.expect('</');
		const closing = this.qName();
		if (closing !== name) this.fail(`'</${closing}>' closes '<${name}>'`);
		this.skipSpace();
		this.expect('>');
		return element;
	}

	private content(parent: XmlElement): void {
		let text = '';
		const flush = () => {
			if (text !== '') parent.children.push({ text });
			text = '';
		};
		for (;;) {
			if (this.pos >= this.source.length) this.fail(`'<${parent.name}>' is never closed`);
			if (this.startsWith('</')) break;
			if (this.startsWith('<!--')) this.comment();
			else if (this.startsWith('<![CDATA[')) {
				const end = this.source.indexOf(']]>', this.pos);
				if (end < 0) this.fail('unterminated CDATA section');
				text += this.source.slice(this.pos + 9, end);
				this.pos = end + 3;
			} else if (this.startsWith('<?')) this.processingInstruction();
			else if (this.startsWith('<!')) this.fail("'<!' declaration inside an element");
			else if (this.startsWith('<')) {
				flush();
				parent.children.push(this.element());
			} else if (this.startsWith('&')) text += this.reference();
			else {
				if (this.startsWith(']]>')) this.fail("']]>' in text");
				text += this.source[this.pos];
				this.pos++;
			}
		}
		flush();
	}

	document(): XmlElement {
		for (let i = 0; i < this.source.length; ) {
			const code = this.source.codePointAt(i) ?? 0;
			if (!isChar(code)) throw new XmlError(`forbidden character U+${code.toString(16)}`, i);
			i += code > 0xffff ? 2 : 1;
		}
		this.declaration();
		this.misc();
		if (this.startsWith('<!DOCTYPE')) this.fail('a DOCTYPE is not accepted');
		if (!this.startsWith('<')) this.fail('no root element');
		const root = this.element();
		this.misc();
		if (this.pos !== this.source.length) this.fail('content after the root element');
		return root;
	}
}

/** The document's root element; throws an XmlError when it is not well-formed. */
export function parseXml(source: string): XmlElement {
	return new Parser(source).document();
}

/** Every element under `root` (itself included), depth first in document order. */
export function allElements(root: XmlElement): XmlElement[] {
	const out: XmlElement[] = [root];
	for (const child of root.children) if (isElement(child)) out.push(...allElements(child));
	return out;
}

/** The text an element holds, its descendants' included. */
export function textOf(element: XmlElement): string {
	return element.children.map((child) => (isElement(child) ? textOf(child) : child.text)).join('');
}

/** Elements with that name whose `class` attribute contains every class given. */
export function byClass(root: XmlElement, name: string, ...classes: string[]): XmlElement[] {
	return allElements(root).filter((element) => {
		if (element.name !== name) return false;
		const have = (element.attributes.get('class') ?? '').split(/\s+/);
		return classes.every((c) => have.includes(c));
	});
}
