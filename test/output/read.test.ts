import {
	isReceipt,
	readBoolean,
	readConfidence,
	readField,
	readLocation,
	readLogId,
	readNumber,
	readText,
} from '../../nodes/BaiduIocr/output/read';

describe('readNumber', () => {
	it('reads numbers and numeric strings, nothing else', () => {
		expect(readNumber(0.98)).toBe(0.98);
		expect(readNumber('0.98')).toBe(0.98);
		expect(readNumber(' -12 ')).toBe(-12);
		expect(readNumber('')).toBeNull();
		expect(readNumber('abc')).toBeNull();
		expect(readNumber(NaN)).toBeNull();
		expect(readNumber(Infinity)).toBeNull();
		expect(readNumber(null)).toBeNull();
		expect(readNumber(true)).toBeNull();
		expect(readNumber({ average: 1 })).toBeNull();
	});
	it('reads a blank string as no number, not as 0', () => {
		expect(readNumber('   ')).toBeNull();
		expect(readConfidence({ average: ' ' })).toBeNull();
	});
});

describe('readText', () => {
	it('writes numbers, booleans and big integers as text', () => {
		expect(readText('as sent ')).toBe('as sent ');
		expect(readText(12.5)).toBe('12.5');
		expect(readText(0)).toBe('0');
		expect(readText(true)).toBe('true');
		expect(readText(false)).toBe('false');
		expect(readText(12345678901234567890n)).toBe('12345678901234567890');
	});
	it('is null for what is not text', () => {
		for (const value of [NaN, Infinity, null, undefined, {}, ['a'], Symbol('s')]) {
			expect(readText(value)).toBeNull();
		}
	});
});

describe('readLogId', () => {
	it('keeps string ids digit for digit, trims them', () => {
		expect(readLogId('1532065177226241234')).toBe('1532065177226241234');
		expect(readLogId(' 42 ')).toBe('42');
	});
	it('writes numbers without exponent notation', () => {
		expect(readLogId(153206517722624)).toBe('153206517722624');
		expect(readLogId(2 ** 70)).toBe('1180591620717411303424');
	});
	it('is null when there is no id', () => {
		expect(readLogId(undefined)).toBeNull();
		expect(readLogId('')).toBeNull();
		expect(readLogId({})).toBeNull();
	});
});

describe('readBoolean', () => {
	it('reads Baidu-ish booleans', () => {
		expect(readBoolean(false)).toBe(false);
		expect(readBoolean('false')).toBe(false);
		expect(readBoolean(0)).toBe(false);
		expect(readBoolean('TRUE')).toBe(true);
		expect(readBoolean(1)).toBe(true);
		expect(readBoolean('maybe')).toBeNull();
		expect(readBoolean(undefined)).toBeNull();
	});
	it('reads "1" and "0" as sent in a string, and words with spaces around them', () => {
		expect(readBoolean('1')).toBe(true);
		expect(readBoolean('0')).toBe(false);
		expect(readBoolean(' true ')).toBe(true);
		expect(readBoolean('False\n')).toBe(false);
		expect(readBoolean('')).toBeNull();
	});
});

describe('readConfidence / readLocation', () => {
	it('reads partial probabilities without NaN', () => {
		expect(readConfidence({ average: '0.5', min: 'x' })).toEqual({
			average: 0.5,
			min: null,
			variance: null,
		});
		expect(readConfidence({})).toBeNull();
		expect(readConfidence(undefined)).toBeNull();
		expect(readConfidence('0.7')).toEqual({ average: 0.7, min: null, variance: null });
	});
	it('keeps negative locations as Baidu measured them', () => {
		expect(readLocation({ left: -3, top: '-1', width: 10, height: 'x' })).toEqual({
			left: -3,
			top: -1,
			width: 10,
			height: null,
		});
		expect(readLocation({ foo: 1 })).toBeNull();
		expect(readLocation([1, 2])).toBeNull();
	});
	it('keeps a probability with only a minimum or only a variance', () => {
		expect(readConfidence({ min: 0.7 })).toEqual({ average: null, min: 0.7, variance: null });
		expect(readConfidence({ variance: '0.01' })).toEqual({
			average: null,
			min: null,
			variance: 0.01,
		});
	});
	it('keeps a location with only one of its four numbers', () => {
		const none = { left: null, top: null, width: null, height: null };
		expect(readLocation({ left: 5 })).toEqual({ ...none, left: 5 });
		expect(readLocation({ top: 6 })).toEqual({ ...none, top: 6 });
		expect(readLocation({ width: 7 })).toEqual({ ...none, width: 7 });
		expect(readLocation({ height: 8 })).toEqual({ ...none, height: 8 });
	});
});

describe('readField', () => {
	it("maps Baidu's words to the user's", () => {
		expect(
			readField({ word_name: '金额', word: 12.5, probability: { average: 0.9, min: 0.8, variance: 0 } }),
		).toEqual({
			name: '金额',
			value: '12.5',
			confidence: { average: 0.9, min: 0.8, variance: 0 },
			location: null,
		});
	});
	it('reads a bare string as a plain line and rejects what cannot be read', () => {
		expect(readField('hello')).toEqual({ name: null, value: 'hello', confidence: null, location: null });
		expect(readField(null)).toBeNull();
		expect(readField(7)).toBeNull();
	});
	it('treats a blank word_name as no name and a missing word as empty', () => {
		expect(readField({ word_name: '  ' })).toEqual({
			name: null,
			value: '',
			confidence: null,
			location: null,
		});
	});
	it('accepts the general OCR key `words` for plain lines', () => {
		expect(readField({ words: 'line 1' })?.value).toBe('line 1');
	});
	it('reads a null word as empty and a numeric word_name as its text', () => {
		expect(readField({ word_name: '备注', word: null })?.value).toBe('');
		expect(readField({ word_name: 12, word: 'x' })?.name).toBe('12');
	});
	it('joins a word sent in parts; writes any other shape as JSON', () => {
		expect(readField({ word_name: '金额', word: ['12', '.', 5] })?.value).toBe('12.5');
		expect(readField({ word_name: 'a', word: ['x', { y: 1 }] })?.value).toBe('["x",{"y":1}]');
		expect(readField({ word_name: 'a', word: { text: '天津' } })?.value).toBe('{"text":"天津"}');
	});
	it('never throws: a word JSON cannot write reads as empty', () => {
		for (const word of [{ n: 10n }, Symbol('s'), () => 'x']) {
			expect(readField({ word_name: 'a', word })?.value).toBe('');
		}
	});
});

describe('isReceipt', () => {
	it('is a receipt only without a word_name: a field carrying its own ret list is a field', () => {
		expect(isReceipt({ templateSign: 'taxi', ret: [] })).toBe(true);
		expect(isReceipt({ word_name: 'items', word: 'tea', ret: [{ word: 'tea' }] })).toBe(false);
		expect(isReceipt({ templateSign: 'taxi' })).toBe(false);
		expect(isReceipt('ret')).toBe(false);
	});
});
