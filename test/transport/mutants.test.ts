/**
 * Cases StrykerJS found no test for in transport/ (npm run mutate): the exact words of
 * parseJsonLossless's errors, number tokens around the big-integer quoting, and the URL and
 * body of a request without a selector or with a base URL ending in several slashes.
 */
import { recognitionBody, recognitionUrl } from '../../nodes/BaiduIocr/transport/form';
import { parseJsonLossless } from '../../nodes/BaiduIocr/transport/json';

const GENERAL = '/rest/2.0/solution/v1/iocr/recognise';

describe('parseJsonLossless: number tokens next to the quoting of big integers', () => {
	it('leaves a long number with an upper-case exponent a number', () => {
		expect(parseJsonLossless('{"n":12345678901234567E5}')).toEqual({
			n: Number('12345678901234567E5'),
		});
	});

	it('leaves a fraction with a long run of digits after "0." a number', () => {
		expect(parseJsonLossless('{"x":0.12345678901234567890}')).toEqual({
			x: Number('0.12345678901234567890'),
		});
	});
});

describe('parseJsonLossless: why a text is not JSON, in words', () => {
	it.each([
		['', 'Invalid JSON: empty input'],
		['  \n\t ', 'Invalid JSON: empty input'],
		['<html><body>502</body></html>', 'Invalid JSON: the text looks like HTML or XML'],
		['{"a":1,}', 'Invalid JSON: unexpected character at position 7'],
		['{"abcdefghijkl":1 x}', 'Invalid JSON: unexpected character at position 18'],
		['     {"a":1,}', 'Invalid JSON: unexpected character at position 12'],
		['{"a":[1,2', 'Invalid JSON: the text ends too early (truncated)'],
		['{"a":[1,2   ', 'Invalid JSON: the text ends too early (truncated)'],
		['{"a":"abc', 'Invalid JSON: the text ends too early (truncated)'],
		// V8 gives no position for a text that is not JSON from its first character.
		['nope', 'Invalid JSON: unexpected character'],
		// After a big integer was quoted the position no longer matches the input: not given.
		['{"a":12345678901234567890,}', 'Invalid JSON: unexpected character'],
	])('%j: %s', (text, message) => {
		expect(() => parseJsonLossless(text)).toThrow(new SyntaxError(message));
	});
});

describe('form: URL and body', () => {
	it('drops every trailing slash of the base URL and picks the edition path', () => {
		expect(recognitionUrl('https://aip.baidubce.com//', { edition: 'general' })).toBe(
			`https://aip.baidubce.com${GENERAL}`,
		);
		expect(recognitionUrl('https://aip.baidubce.com/', { edition: 'finance' })).toBe(
			`https://aip.baidubce.com${GENERAL}/finance`,
		);
	});

	it('a request without a selector carries only its file field, no dangling "&"', () => {
		const url = recognitionBody(
			{ edition: 'general' },
			{ field: 'url', url: 'https://x.test/a.png' },
		);
		expect(url.toString()).toBe('url=https%3A%2F%2Fx.test%2Fa.png');
		const image = recognitionBody(
			{ edition: 'general' },
			{ field: 'image', bytes: Buffer.from([0xfb, 0xff]) },
		);
		expect(image.toString()).toBe('image=%2B%2F8%3D');
	});
});
