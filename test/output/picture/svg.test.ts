import {
	dataUri,
	element,
	escape,
	num,
	shown,
	textElement,
	xmlSafe,
} from '../../../nodes/BaiduIocr/output/picture/svg';
import { parseXml, textOf } from './xml';

describe('svg helpers', () => {
	it('escapes the five XML specials, in text and in attributes', () => {
		expect(escape(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
		const svg = element('g', { 'aria-label': `"'<>&` }, textElement({ x: 1 }, `a<b>&"c"'d'`));
		const root = parseXml(svg);
		expect(root.attributes.get('aria-label')).toBe(`"'<>&`);
		expect(textOf(root)).toBe(`a<b>&"c"'d'`);
	});

	it('removes what XML 1.0 forbids and keeps every allowed character, astral ones too', () => {
		const hostile = 'a\u0000b\u0001c\u0008\u000b\u000c\u001fd\ud800e\udc00f\ufffe\uffffg';
		expect(xmlSafe(hostile)).toBe('abcdefg');
		expect(xmlSafe('中文 😀 𠀀 \t\n\r é')).toBe('中文 😀 𠀀 \t\n\r é');
		// A valid pair stays a pair; a reversed one is two lone surrogates.
		expect(xmlSafe('\ud83d\ude00')).toBe('😀');
		expect(xmlSafe('\ude00\ud83d')).toBe('');
	});

	it('shows text on one line, without C1 controls or bidirectional overrides', () => {
		expect(shown('line 1\nline 2\r\n\tend')).toBe('line 1 line 2   end');
		expect(shown('abc\u202edcba\u202c\u2066x\u2069\u0085\u009f')).toBe('abcdcbax  ');
		expect(shown('\u0007bell')).toBe('bell');
		// DEL and the line and paragraph separators are spaces too; U+007E and U+00A0 are shown.
		expect(shown('a\u007fb\u2028c\u2029d~\u00a0e')).toBe('a b c d~\u00a0e');
		// The first bidirectional embedding (U+202A) goes too; U+202F, just after the last, stays.
		expect(shown('a\u202ab\u202fc')).toBe('ab\u202fc');
	});

	it('writes numbers with at most two decimals and never in exponent notation', () => {
		expect(num(12)).toBe('12');
		expect(num(1 / 3)).toBe('0.33');
		expect(num(-0.001)).toBe('0');
		expect(num(1e-7)).toBe('0');
		expect(num(1e21)).not.toMatch(/e/i);
		expect(num(1e300)).toBe('1000000000000000');
		expect(num(Number.NaN)).toBe('0');
		expect(num(Number.POSITIVE_INFINITY)).toBe('0');
	});

	it('makes data: URIs of the image kinds Baidu accepts', () => {
		const bytes = new Uint8Array([1, 2, 3, 250]);
		expect(dataUri('png', bytes)).toBe('data:image/png;base64,AQID+g==');
		expect(dataUri('jpeg', bytes)).toMatch(/^data:image\/jpeg;base64,/);
		expect(dataUri('bmp', bytes.subarray(1))).toBe('data:image/bmp;base64,AgP6');
	});
});
