import { parseNumber } from '../../../nodes/BaiduIocr/output/values';

describe('parseNumber: read', () => {
	it.each([
		// figures
		['0', 0],
		['7', 7],
		['42', 42],
		['3.14', 3.14],
		['0.1', 0.1],
		['.5', 0.5],
		['100.00', 100],
		['00123456', 123456],
		// thousands separators, half- and full-width
		['1,234', 1234],
		['1,234,567', 1234567],
		['1,234.56', 1234.56],
		['1，234．56', 1234.56],
		['１２３４', 1234],
		['１，２３４，５６７．８', 1234567.8],
		// signs
		['-3', -3],
		['+3', 3],
		['－３', -3],
		['−3.5', -3.5],
		['负3', -3],
		['负 3.5', -3.5],
		['- 1,000', -1000],
		['-0', 0],
		// percentages are fractions
		['12%', 0.12],
		['12.5%', 0.125],
		['12.3%', 0.123],
		['100%', 1],
		['0.5%', 0.005],
		['-0.5%', -0.005],
		['１２％', 0.12],
		['13 %', 0.13],
		['1,250%', 12.5],
		// Chinese integer numerals
		['一千二百', 1200],
		['叁拾', 30],
		['负十五', -15],
		// spaces around
		['  42  ', 42],
		['\u300042\u3000', 42],
		// at the edge of what a double keeps
		['123456789012345', 123456789012345],
		['9,999,999,999.99999', 9999999999.99999],
	])('%j → %p', (text, expected) => {
		expect(parseNumber(text)).toBe(expected);
	});

	it('gives no negative zero', () => {
		expect(Object.is(parseNumber('-0'), 0)).toBe(true);
		expect(Object.is(parseNumber('负0.00'), 0)).toBe(true);
	});

	it('gives the double nearest the decimal: no 0.1 + 0.2 noise from percentages', () => {
		expect(parseNumber('30%')).toBe(0.3);
		expect(parseNumber('7%')).toBe(0.07);
		expect(parseNumber('0.3%')).toBe(0.003);
	});
});

describe('parseNumber: refused', () => {
	it.each([
		[''],
		['   '],
		['N/A'],
		['n/a'],
		['-'],
		['%'],
		['.'],
		['5.'],
		['12.3.4'],
		['1..2'],
		['1,23'],
		['54,50'],
		['1,2345'],
		['12,34,567'],
		[',123'],
		['123,'],
		['1 234'],
		['1e3'],
		['0x10'],
		['Infinity'],
		['NaN'],
		['--3'],
		['+-3'],
		['3-'],
		['¥54.50'],
		['54.50元'],
		['12kg'],
		['C2565'],
		['AT-004217'],
		['12%%'],
		['%12'],
		['一二三'],
		['百分之十二'],
		['一千%'], // a percentage is read from figures only
		['1234567890123456'],
		['12345678901234567890'],
		['0.1234567890123456'],
	])('%j', (text) => {
		expect(parseNumber(text)).toBeNull();
	});
});
