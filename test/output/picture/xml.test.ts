import { allElements, parseXml, textOf, XmlError } from './xml';

/** The checker the picture tests rely on must refuse what a browser's XML parser refuses. */
describe('the strict XML checker (test code)', () => {
	it('accepts a well-formed document and decodes references', () => {
		const root = parseXml(
			'<?xml version="1.0" encoding="UTF-8"?>\n<!-- c --><svg xmlns="http://www.w3.org/2000/svg" a=\'1\'>' +
				'<text x="1">a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos; &#x4E2D;&#25991; <![CDATA[<x>]]></text><g/></svg>\n',
		);
		expect(root.name).toBe('svg');
		expect(allElements(root).map((e) => e.name)).toEqual(['svg', 'text', 'g']);
		expect(textOf(root)).toBe('a <b> & "c" \'d\' 中文 <x>');
	});

	it.each([
		['an unescaped <', '<a><</a>'],
		['an unescaped & in text', '<a>fish & chips</a>'],
		['an unescaped & in an attribute', '<a t="x&y"/>'],
		['< in an attribute', '<a t="<"/>'],
		['an undeclared entity', '<a>&nbsp;</a>'],
		['a reference to a forbidden character', '<a>&#0;</a>'],
		['a reference to U+FFFE', '<a>&#xFFFE;</a>'],
		['a raw control character', '<a>\u0001</a>'],
		['a raw U+FFFF', '<a>\uffff</a>'],
		['a lone surrogate', '<a>\ud800</a>'],
		['mismatched tags', '<a><b></a></b>'],
		['an unclosed element', '<a><b/>'],
		['two roots', '<a/><b/>'],
		['text after the root', '<a/>x'],
		['a duplicate attribute', '<a x="1" x="2"/>'],
		['attributes without space', '<a x="1"y="2"/>'],
		['an unquoted attribute', '<a x=1/>'],
		[']]> in text', '<a>]]></a>'],
		['-- in a comment', '<a><!-- a -- b --></a>'],
		['a DOCTYPE', '<!DOCTYPE a SYSTEM "http://example.com/a.dtd"><a/>'],
		['an undeclared prefix', '<a xlink:href="#x"/>'],
		['a late XML declaration', ' <?xml version="1.0"?><a/>'],
		['a name starting with a digit', '<1a/>'],
	])('refuses %s', (_what, source) => {
		expect(() => parseXml(source)).toThrow(XmlError);
	});

	it('accepts a prefix that is declared', () => {
		expect(() =>
			parseXml('<a xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="#x"/>'),
		).not.toThrow();
	});
});
