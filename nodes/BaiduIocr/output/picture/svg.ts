/**
 * Writing SVG as text: escaping, numbers, elements. Everything the picture shows passes through
 * `text()` (or `attribute()`), so field names and values from Baidu can hold `<`, `&`, quotes or
 * control characters and the file stays well-formed XML 1.0.
 */

/**
 * Whether XML 1.0 allows the code point anywhere in a document (2.2): not the C0 controls other
 * than tab, line feed and carriage return, not a lone surrogate, not U+FFFE or U+FFFF.
 */
function xmlAllowed(code: number): boolean {
	if (code < 0x20) return code === 0x09 || code === 0x0a || code === 0x0d;
	if (code >= 0xd800 && code <= 0xdfff) return false; // only reached by a lone surrogate
	return code !== 0xfffe && code !== 0xffff;
}

/**
 * Whether an allowed character is shown as a space: tab, line feed and carriage return (SVG text
 * is one line), DEL and the C1 controls, the line and paragraph separators.
 */
function shownAsSpace(code: number): boolean {
	return (
		code === 0x09 ||
		code === 0x0a ||
		code === 0x0d ||
		(code >= 0x7f && code <= 0x9f) ||
		code === 0x2028 ||
		code === 0x2029
	);
}

/** The bidirectional embeddings, overrides and isolates, which could make a value read backwards. */
function isBidiControl(code: number): boolean {
	return (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

/**
 * Any UTF-16 code unit outside tab, line feed, carriage return and U+0020..U+D7FF,
 * U+E000..U+FFFD: a forbidden character or half of a surrogate pair (which may be a valid
 * astral character). Text without any (base64, most names and values) needs no walk.
 */
const MAY_NEED_CLEANING = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD]/;

/** Text with the characters XML 1.0 forbids removed. */
export function xmlSafe(value: string): string {
	if (!MAY_NEED_CLEANING.test(value)) return value;
	let out = '';
	// for..of walks code points: a valid surrogate pair arrives as one character.
	for (const character of value) {
		if (xmlAllowed(character.codePointAt(0) ?? 0)) out += character;
	}
	return out;
}

/** Text as the picture shows it: XML-safe, on one line, without bidirectional controls. */
export function shown(value: string): string {
	let out = '';
	for (const character of xmlSafe(value)) {
		const code = character.codePointAt(0) ?? 0;
		if (shownAsSpace(code)) out += ' ';
		else if (!isBidiControl(code)) out += character;
	}
	return out;
}

const ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&apos;',
};

/** Escaped for an element's content or a quoted attribute value. */
export function escape(value: string): string {
	return xmlSafe(value).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** A number for a coordinate or length: at most two decimals, never exponent notation. */
export function num(value: number): string {
	if (!Number.isFinite(value)) return '0';
	// Clamped well below 1e21, from where String() would write an exponent.
	const rounded = Math.max(-1e15, Math.min(1e15, Math.round(value * 100) / 100));
	// String(-0) is '0'.
	return String(rounded);
}

export type Attributes = Record<string, string | number | undefined>;

function attributes(attrs: Attributes): string {
	let out = '';
	for (const [name, value] of Object.entries(attrs)) {
		if (value === undefined) continue;
		out += ` ${name}="${typeof value === 'number' ? num(value) : escape(value)}"`;
	}
	return out;
}

/** `<name a="…"/>` or `<name a="…">children</name>`; children are already SVG text. */
export function element(name: string, attrs: Attributes, children?: string): string {
	if (children === undefined || children === '') return `<${name}${attributes(attrs)}/>`;
	return `<${name}${attributes(attrs)}>${children}</${name}>`;
}

/** A text element whose content is shown text, escaped. */
export function textElement(attrs: Attributes, value: string): string {
	return element('text', attrs, escape(shown(value)));
}

/** A `<title>` (the tooltip a browser shows), escaped. */
export function titleElement(value: string): string {
	return element('title', {}, escape(xmlSafe(value)));
}

const IMAGE_TYPES = { png: 'image/png', jpeg: 'image/jpeg', bmp: 'image/bmp' } as const;

/** The image's bytes as a `data:` URI, so that the picture refers to nothing outside itself. */
export function dataUri(kind: keyof typeof IMAGE_TYPES, bytes: Uint8Array): string {
	const base64 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
	return `data:${IMAGE_TYPES[kind]};base64,${base64}`;
}
