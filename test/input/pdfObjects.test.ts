/**
 * PDF object syntax (input/pdf/objects.ts, ISO 32000-1 7.2 and 7.3): what the splitter's lexer
 * reads from a file's bytes, and what its serializer writes into a cut page. The words of a
 * refusal are the ones the user reads in "The PDF's structure could not be read (…)".
 */
import {
	intOf,
	isName,
	isWhite,
	Lexer,
	PdfDict,
	PdfName,
	PdfNum,
	PdfRef,
	PdfSplitError,
	PdfStream,
	PdfString,
	serialize,
	type PdfValue,
} from '../../nodes/BaiduIocr/input/pdf/objects';
import { refusal } from './pdfRefusal';

const bytes = (source: string) => Buffer.from(source, 'latin1');
const read = (source: string) => new Lexer(bytes(source)).value();
/** The value read back as PDF text, references kept as they are. */
const reread = (source: string) => serialize(read(source), (r) => r.num);

/** `reason: message` of the refusal reading `source` gives. */
const refused = (source: string) => refusal(() => read(source));

describe('reading values', () => {
	it.each([
		['true', true],
		['false', false],
		['null', null],
	])('%s', (source, value) => {
		expect(read(source)).toBe(value);
	});

	it.each(['12', '+17', '-98', '0', '34.5', '-3.62', '+123.6', '4.', '-.002', '.5'])(
		'the number %s, kept as written',
		(source) => {
			const value = read(source);
			expect(value).toBeInstanceOf(PdfNum);
			expect((value as PdfNum).raw).toBe(source);
			expect((value as PdfNum).value).toBe(Number(source));
		},
	);

	it.each(['1.2.3', '--1', '12a', 'obj', 'R', '+', '.'])(
		'%s is no value: a keyword where a value belongs',
		(source) => {
			expect(refused(source)).toBe(`unreadable: unexpected keyword ${source}`);
		},
	);

	it('a long keyword is named by its first 20 characters', () => {
		expect(refused('abcdefghijklmnopqrstuvwxyz')).toBe(
			'unreadable: unexpected keyword abcdefghijklmnopqrst',
		);
	});

	it.each([
		['12 0 R', 12, 0],
		['12  3\nR', 12, 3],
		['7 0 R]', 7, 0],
	])('the reference %j', (source, num, gen) => {
		expect(read(source)).toEqual(new PdfRef(num, gen));
	});

	it('two numbers without R are two numbers, the lexer left after the first', () => {
		const lexer = new Lexer(bytes('12 0 obj'));
		expect(lexer.value()).toEqual(new PdfNum('12'));
		expect(lexer.word()).toBe('0');
		expect(lexer.word()).toBe('obj');
		// A second number that is not whole, or a sign, makes no reference either.
		expect(new Lexer(bytes('12 0.5 R')).value()).toEqual(new PdfNum('12'));
		expect(new Lexer(bytes('-12 0 R')).value()).toEqual(new PdfNum('-12'));
		expect(new Lexer(bytes('12 R')).value()).toEqual(new PdfNum('12'));
	});

	it('a reference leaves the lexer right after R', () => {
		const lexer = new Lexer(bytes('[3 0 R/Next]'));
		expect(lexer.value()).toEqual([new PdfRef(3, 0), new PdfName('Next')]);
		expect(lexer.pos).toBe(12);
	});

	it.each([
		['/Type', 'Type'],
		['/A;Name_With-Various***Characters?', 'A;Name_With-Various***Characters?'],
		['/1.2', '1.2'],
		['/', ''],
		['/Lime#20Green', 'Lime Green'],
		['/paired#28#29parentheses', 'paired()parentheses'],
		['/The_Key_of_F#23_Minor', 'The_Key_of_F#_Minor'],
		['/A#42', 'AB'],
		['/A#4a#4A', 'AJJ'],
		// Not two hex digits: the # is kept as it is.
		['/A#zz', 'A#zz'],
		['/A#4', 'A#4'],
		['/A#', 'A#'],
	])('the name %s', (source, name) => {
		expect(read(source)).toEqual(new PdfName(name));
	});

	it('a name ends at white space or a delimiter', () => {
		const lexer = new Lexer(bytes('/A/B(c)'));
		expect(lexer.value()).toEqual(new PdfName('A'));
		expect(lexer.value()).toEqual(new PdfName('B'));
		expect(lexer.value()).toEqual(new PdfString('(c)'));
		expect(lexer.pos).toBe(7);
	});

	it.each([
		['(This is a string)'],
		['(Strings may contain (balanced) parentheses ( ) and special chars *!&}^%)'],
		['(escaped \\) and \\( and \\\\)'],
		['()'],
		['(two\nlines)'],
	])('the literal string %j, kept as written', (source) => {
		const lexer = new Lexer(bytes(`${source} next`));
		expect(lexer.value()).toEqual(new PdfString(source));
		expect(lexer.word()).toBe('next');
	});

	it.each([
		['(no end', 'unterminated string'],
		['(open (inner) still open', 'unterminated string'],
		['(escaped end\\)', 'unterminated string'],
	])('the literal string %j is refused', (source, words) => {
		expect(refused(source)).toBe(`unreadable: ${words}`);
	});

	it.each([['<901FA3>'], ['<901fa>'], ['<>'], ['<90 1F\nA3>']])(
		'the hex string %s, kept as written',
		(source) => {
			const lexer = new Lexer(bytes(`${source}/Next`));
			expect(lexer.value()).toEqual(new PdfString(source));
			expect(lexer.value()).toEqual(new PdfName('Next'));
		},
	);

	it.each([
		['<901FA3', 'unterminated hex string'],
		['<90GF>', 'bad hex string'],
		['<90/F>', 'bad hex string'],
	])('the hex string %j is refused', (source, words) => {
		expect(refused(source)).toBe(`unreadable: ${words}`);
	});

	it('arrays, nested and empty', () => {
		expect(read('[549 3.14 false (Ralph) /SomeName [1 [] 2]]')).toEqual([
			new PdfNum('549'),
			new PdfNum('3.14'),
			false,
			new PdfString('(Ralph)'),
			new PdfName('SomeName'),
			[new PdfNum('1'), [], new PdfNum('2')],
		]);
		expect(read('[]')).toEqual([]);
		expect(read('[ ]')).toEqual([]);
	});

	it('dictionaries: keys are names, a key written twice keeps its last value', () => {
		const dict = read('<< /Type /Example /Sub << /Item 1 >> /Type /Again /Empty <<>> >>');
		expect(dict).toBeInstanceOf(PdfDict);
		const d = dict as PdfDict;
		expect([...d.map.keys()]).toEqual(['Type', 'Sub', 'Empty']);
		expect(d.get('Type')).toEqual(new PdfName('Again'));
		expect((d.get('Sub') as PdfDict).get('Item')).toEqual(new PdfNum('1'));
		expect((d.get('Empty') as PdfDict).map.size).toBe(0);
		expect(d.get('Missing')).toBeUndefined();
	});

	it('a dictionary ends at >> only, not at a single >', () => {
		const lexer = new Lexer(bytes('<</A <41>>>/After'));
		const d = lexer.value() as PdfDict;
		expect(d.get('A')).toEqual(new PdfString('<41>'));
		expect(lexer.value()).toEqual(new PdfName('After'));
	});

	it.each([
		['[1 2', 'unterminated array'],
		['[1 [2]', 'unterminated array'],
		['<< /A 1', 'unterminated dictionary'],
		['<< /A', 'unexpected end of file'],
		['<< (A) 1 >>', 'dictionary key is not a name'],
		['<< 1 2 >>', 'dictionary key is not a name'],
		['', 'unexpected end of file'],
		['   % only a comment', 'unexpected end of file'],
		[')', 'unexpected character )'],
		['>', 'unexpected character >'],
		[']', 'unexpected character ]'],
		['{', 'unexpected character {'],
	])('%j is refused', (source, words) => {
		expect(refused(source)).toBe(`unreadable: ${words}`);
	});

	it('a value 100 levels inside arrays or dictionaries is read, one 101 levels in is refused', () => {
		expect(reread(`${'['.repeat(101)}${']'.repeat(101)}`)).toBe(
			`${'['.repeat(101)}${']'.repeat(101)}`,
		);
		expect(refused(`${'['.repeat(102)}${']'.repeat(102)}`)).toBe(
			'unreadable: objects nested too deeply',
		);
		const dicts = (n: number) => `${'<</A '.repeat(n)}1${' >>'.repeat(n)}`;
		expect(read(dicts(100))).toBeInstanceOf(PdfDict);
		expect(refused(dicts(101))).toBe('unreadable: objects nested too deeply');
	});
});

describe('white space and comments', () => {
	it.each([
		['NUL', '\0'],
		['tab', '\t'],
		['LF', '\n'],
		['form feed', '\f'],
		['CR', '\r'],
		['space', ' '],
	])('%s separates tokens', (_name, white) => {
		expect(isWhite(white.charCodeAt(0))).toBe(true);
		const lexer = new Lexer(bytes(`${white}${white}12${white}0${white}R${white}`));
		expect(lexer.value()).toEqual(new PdfRef(12, 0));
		expect(lexer.peekWord()).toBe('');
		expect(lexer.pos).toBe(lexer.b.length);
	});

	it('other bytes are not white space', () => {
		for (const c of [1, 8, 11, 14, 31, 33, 0x25, 0x2f, 0xa0, 0xff]) expect(isWhite(c)).toBe(false);
	});

	it('a comment runs to the end of its line (LF or CR), then tokens go on', () => {
		expect(read('% a comment\n42')).toEqual(new PdfNum('42'));
		expect(read('%a\r%b\r\n[1 %c ] ]\n2]')).toEqual([new PdfNum('1'), new PdfNum('2')]);
		expect(read('<< /A % /B\n/C >>')).toEqual(
			Object.assign(new PdfDict(), { map: new Map([['A', new PdfName('C')]]) }),
		);
	});

	it('a comment at the very end leaves nothing to read', () => {
		const lexer = new Lexer(bytes('1 %end'));
		expect(lexer.value()).toEqual(new PdfNum('1'));
		expect(lexer.peekWord()).toBe('');
		expect(lexer.pos).toBe(6);
	});
});

describe('words and keywords', () => {
	it('peekWord reads the regular characters without moving; word moves past them', () => {
		const lexer = new Lexer(bytes('  endobj<<'));
		expect(lexer.peekWord()).toBe('endobj');
		expect(lexer.pos).toBe(2);
		expect(lexer.word()).toBe('endobj');
		expect(lexer.pos).toBe(8);
		expect(lexer.word()).toBe('');
		expect(lexer.pos).toBe(8);
	});

	it('keyword consumes only the whole word', () => {
		const lexer = new Lexer(bytes(' streamer stream\n'));
		expect(lexer.keyword('stream')).toBe(false);
		expect(lexer.pos).toBe(0);
		expect(lexer.word()).toBe('streamer');
		expect(lexer.keyword('stream')).toBe(true);
		expect(lexer.pos).toBe(16);
	});

	it('a word longer than 8192 bytes is read whole', () => {
		const long = 'x'.repeat(20000);
		expect(new Lexer(bytes(` ${long} y`)).word()).toBe(long);
	});

	it('a string longer than 8192 bytes is kept whole', () => {
		const long = `(${'ab'.repeat(9000)})`;
		expect(read(long)).toEqual(new PdfString(long));
	});
});

describe('helpers', () => {
	it('intOf: whole numbers only', () => {
		expect(intOf(new PdfNum('12'))).toBe(12);
		expect(intOf(new PdfNum('-3'))).toBe(-3);
		expect(intOf(new PdfNum('12.0'))).toBe(12);
		expect(intOf(new PdfNum('12.5'))).toBeUndefined();
		expect(intOf(new PdfName('12'))).toBeUndefined();
		expect(intOf(new PdfRef(12, 0))).toBeUndefined();
		expect(intOf(undefined)).toBeUndefined();
	});

	it('isName: any name, or the one asked for', () => {
		expect(isName(new PdfName('Page'))).toBe(true);
		expect(isName(new PdfName('Page'), 'Page')).toBe(true);
		expect(isName(new PdfName('Page'), 'Pages')).toBe(false);
		expect(isName(new PdfString('(Page)'), 'Page')).toBe(false);
		expect(isName(undefined)).toBe(false);
	});

	it('a dictionary entry can be deleted', () => {
		const d = read('<< /A 1 /B 2 >>') as PdfDict;
		d.delete('A');
		expect([...d.map.keys()]).toEqual(['B']);
	});
});

describe('writing values into a cut page', () => {
	it('numbers and strings as they were written, booleans and null', () => {
		const source = '[+17 -.002 4. (a \\) b) <901fa> true false null]';
		expect(reread(source)).toBe(source);
	});

	it.each([
		['/Type', '/Type'],
		['/Lime#20Green', '/Lime#20Green'],
		['/paired#28#29', '/paired#28#29'],
		['/F#23', '/F#23'],
		['/A#2fB', '/A#2fB'],
		['/A#25#5b#5d#7b#7d#3c#3e', '/A#25#5b#5d#7b#7d#3c#3e'],
		['/A#7eB', '/A~B'],
		['/A#21B', '/A!B'],
		['/A#7fB', '/A#7fB'],
		['/A#0aB', '/A#0aB'],
		['/A#e9', '/A#e9'],
	])('the name %s is written %s', (source, written) => {
		expect(reread(source)).toBe(written);
		// Read back, it is the same name.
		expect(read(written)).toEqual(read(source));
	});

	it('references by their new number, or null', () => {
		const value = read('[1 0 R 2 0 R 3 5 R]');
		expect(serialize(value, (r) => (r.num === 2 ? null : r.num * 10))).toBe('[10 0 R null 30 0 R]');
	});

	it('dictionaries, one entry a line, nested ones too', () => {
		expect(reread('<</Type/Page/Kids[1 0 R]/Res<</A 1>>>>')).toBe(
			'<</Type /Page\n/Kids [1 0 R]\n/Res <</A 1\n>>\n>>',
		);
		expect(reread('<< >>')).toBe('<<>>');
	});

	it('a stream inside another object is refused', () => {
		const value: PdfValue = [new PdfStream(new PdfDict(), new Uint8Array(0))];
		expect(() => serialize(value, (r) => r.num)).toThrow(
			new PdfSplitError('unreadable', 'a stream cannot be inside another object'),
		);
	});
});
