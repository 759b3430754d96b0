import { parseJsonLossless } from '../../nodes/BaiduIocr/transport/json';

describe('parseJsonLossless', () => {
	it('keeps every digit of a 19-digit log_id as a string', () => {
		const parsed = parseJsonLossless('{"log_id":1532065177226241234,"error_code":0}') as Record<string, unknown>;
		expect(parsed.log_id).toBe('1532065177226241234');
		expect(parsed.error_code).toBe(0);
	});

	it('keeps safe integers as numbers, up to and including 2^53-1', () => {
		expect(parseJsonLossless('[0,-0,42,-17,9007199254740991,-9007199254740991]')).toEqual([
			0, -0, 42, -17, 9007199254740991, -9007199254740991,
		]);
		expect(parseJsonLossless('1234567890123456')).toBe(1234567890123456);
	});

	it('turns integers just past 2^53-1 into strings, either sign', () => {
		expect(parseJsonLossless('[9007199254740992,9007199254740993,-9007199254740993]')).toEqual([
			'9007199254740992',
			'9007199254740993',
			'-9007199254740993',
		]);
		expect(parseJsonLossless('-12345678901234567890123')).toBe('-12345678901234567890123');
	});

	it('leaves fractions and exponents as numbers, even with many digits', () => {
		expect(parseJsonLossless('[0.998,1e3,-2.5E-7,12345678901234567890.5,1234567890123456789e2,1.5e+300]')).toEqual([
			0.998,
			1000,
			-2.5e-7,
			Number('12345678901234567890.5'),
			Number('1234567890123456789e2'),
			1.5e300,
		]);
	});

	it('does not touch digits inside strings, whatever the escapes', () => {
		const text = String.raw`{"a":"12345678901234567890","b":"x\"12345678901234567890\\","c":"\\\"","d":12345678901234567890}`;
		expect(parseJsonLossless(text)).toEqual({
			a: '12345678901234567890',
			b: 'x"12345678901234567890\\',
			c: '\\"',
			d: '12345678901234567890',
		});
	});

	it('decodes escapes and unicode like JSON.parse', () => {
		const text = String.raw`{"word_name":"终点站","w":"\u5929\u6d25","e":"tab\tnl\n\/","s":"\ud83d\ude00"}`;
		expect(parseJsonLossless(text)).toEqual(JSON.parse(text));
		expect((parseJsonLossless(text) as Record<string, string>).w).toBe('天津');
	});

	it('parses nested structures with big integers at any depth', () => {
		const text =
			'{"data":{"ret":[{"location":{"left":-3,"top":437},"ids":[[1,12345678901234567890],[]]}],"logId":"153206517722624"},"log_id":9876543210987654321}';
		expect(parseJsonLossless(text)).toEqual({
			data: {
				ret: [{ location: { left: -3, top: 437 }, ids: [[1, '12345678901234567890'], []] }],
				logId: '153206517722624',
			},
			log_id: '9876543210987654321',
		});
	});

	it('gives the same result as JSON.parse when no big integer is present', () => {
		const text = '{"a":[true,false,null,{"b":"c"}],"n":-1.25e-3,"s":"\\u00e9"}';
		expect(parseJsonLossless(text)).toEqual(JSON.parse(text));
	});

	it.each([
		['truncated object', '{"data":{"ret":[{"word":"a"'],
		['truncated after big int', '{"log_id":12345678901234567890'],
		['truncated string', '{"a":"abc'],
		['HTML page', '<html><body>502 Bad Gateway</body></html>'],
		['empty body', ''],
		['whitespace only', '  \n'],
		['leading zero big int', '{"a":01234567890123456789}'],
		['two values', '[1 2]'],
		['trailing comma', '[12345678901234567890,]'],
		['big int glued to a word', '[12345678901234567890abc]'],
		['big int then a minus', '[12345678901234567890-5]'],
		['bare word', 'undefined'],
	])('throws a SyntaxError on %s', (_name, text) => {
		expect(() => parseJsonLossless(text)).toThrow(SyntaxError);
	});

	it('never quotes the input in its error message', () => {
		const page = '<html>GET /rest/2.0/solution/v1/iocr/recognise?access_token=24.secret not found</html>';
		let message = '';
		try {
			parseJsonLossless(page);
		} catch (error) {
			message = (error as Error).message;
		}
		expect(message).toMatch(/HTML/);
		expect(message).not.toContain('secret');
		expect(message).not.toContain('access_token');
	});
});

describe('parseJsonLossless: exponents with a long run of digits', () => {
	it('reads a signed exponent of 20 digits as JSON.parse does, not as a big integer', () => {
		const text = '{"tiny":1e-12345678901234567890,"huge":1E+12345678901234567890}';
		expect(parseJsonLossless(text)).toEqual({ tiny: 0, huge: Infinity });
	});
});
