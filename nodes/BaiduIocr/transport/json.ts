/**
 * JSON.parse that keeps every digit of integers too big for a JavaScript number.
 *
 * Baidu's `log_id` can be a 19-digit integer literal; JSON.parse would round it. Here every
 * integer literal outside strings whose value is not a safe integer (|n| > 2^53 - 1) is
 * turned into a string of its exact digits (sign included); everything else (safe integers,
 * fractions, exponents) stays a number.
 *
 * How: a small scanner walks the text, skipping strings (with their escapes) and finding
 * number tokens. Unsafe integer tokens are wrapped in quotes, then the native JSON.parse
 * does the real parsing, so the result and the grammar are exactly JSON.parse's. Quoting
 * replaces one value token by another, so it never makes malformed input well-formed.
 * Texts without a run of 16 digits (the common case) go straight to JSON.parse.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const LOWER_E = 0x65;
const UPPER_E = 0x45;

/** A JSON integer literal: optional minus, no leading zeros, no fraction or exponent. */
const INTEGER_LITERAL = /^-?(?:0|[1-9]\d*)$/;
/** The smallest unsafe integer has 16 digits; anything shorter is safe. */
const LONG_DIGIT_RUN = /\d{16}/;

function isNumberChar(c: number): boolean {
	return (
		(c >= DIGIT_0 && c <= DIGIT_9) ||
		c === DOT ||
		c === LOWER_E ||
		c === UPPER_E ||
		c === MINUS ||
		c === PLUS
	);
}

function isUnsafeInteger(token: string): boolean {
	return INTEGER_LITERAL.test(token) && !Number.isSafeInteger(Number(token));
}

/** Wrap unsafe integer literals (outside strings) in quotes. */
function quoteBigIntegers(text: string): string {
	const n = text.length;
	const parts: string[] = [];
	let copiedUpTo = 0;
	let i = 0;
	while (i < n) {
		const c = text.charCodeAt(i);
		if (c === QUOTE) {
			// Skip the string: a backslash escapes the next character, whatever it is.
			i++;
			while (i < n) {
				const d = text.charCodeAt(i);
				if (d === BACKSLASH) i += 2;
				else if (d === QUOTE) break;
				else i++;
			}
			i++;
		} else if (c === MINUS || (c >= DIGIT_0 && c <= DIGIT_9)) {
			const start = i;
			i++;
			while (i < n && isNumberChar(text.charCodeAt(i))) i++;
			if (i - start >= 16) {
				const token = text.slice(start, i);
				if (isUnsafeInteger(token)) {
					parts.push(text.slice(copiedUpTo, start), '"', token, '"');
					copiedUpTo = i;
				}
			}
		} else {
			i++;
		}
	}
	if (copiedUpTo === 0) return text;
	parts.push(text.slice(copiedUpTo));
	return parts.join('');
}

/**
 * Why the text is not JSON, without quoting it: an HTML error page from a proxy may echo
 * the request URL, access token included, and JSON.parse's own message quotes the text.
 */
function describeMalformed(prepared: string, nativeMessage: string, shifted: boolean): string {
	const trimmed = prepared.trim();
	if (trimmed === '') return 'Invalid JSON: empty input';
	if (trimmed.startsWith('<')) return 'Invalid JSON: the text looks like HTML or XML';
	const match = /position (\d+)/.exec(nativeMessage);
	const position = match ? Number(match[1]) : undefined;
	if (
		/end of (?:JSON|data)|unterminated/i.test(nativeMessage) ||
		(position !== undefined && position >= prepared.trimEnd().length)
	) {
		return 'Invalid JSON: the text ends too early (truncated)';
	}
	// Positions refer to the prepared text; after quoting they no longer match the input.
	return position !== undefined && !shifted
		? `Invalid JSON: unexpected character at position ${position}`
		: 'Invalid JSON: unexpected character';
}

/**
 * Parse JSON like JSON.parse, but integer literals beyond Number.MAX_SAFE_INTEGER (either
 * sign) become strings of their exact digits. Throws a SyntaxError (whose message never
 * quotes the input) on malformed text.
 */
export function parseJsonLossless(text: string): unknown {
	const prepared = LONG_DIGIT_RUN.test(text) ? quoteBigIntegers(text) : text;
	let nativeMessage: string;
	try {
		return JSON.parse(prepared) as unknown;
	} catch (error) {
		nativeMessage = error instanceof Error ? error.message : '';
	}
	// Thrown outside the catch: a plain SyntaxError, like JSON.parse's, for the caller to map.
	throw new SyntaxError(describeMalformed(prepared, nativeMessage, prepared !== text));
}
