import {
	readBoolean,
	readConfidence,
	readField,
	readLocation,
	readLogId,
	readNumber,
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
});
