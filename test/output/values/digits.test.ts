import { fitsExactly, normalise, takeSign } from '../../../nodes/BaiduIocr/output/values/digits';

describe('normalise', () => {
	it.each([
		['０１２３４５６７８９', '0123456789'],
		['１，２３４．５０', '1,234.50'],
		['￥５４．５０', '¥54.50'],
		['¥54.50', '¥54.50'],
		['－３', '-3'],
		['−3', '-3'],
		['﹣3', '-3'],
		['＋3', '+3'],
		['１２％', '12%'],
		['２１：０７', '21:07'],
		['２０１７／６／９', '2017/6/9'],
		['ＲＭＢ', 'RMB'],
		['  54.50\t', '54.50'],
		['2017-06-09\u3000\u300021:07', '2017-06-09 21:07'],
		['2017年 \n 06月', '2017年 06月'],
		['壹仟贰佰元整', '壹仟贰佰元整'],
		['', ''],
	])('%j → %j', (text, expected) => {
		expect(normalise(text)).toBe(expected);
	});
});

describe('takeSign', () => {
	it.each([
		['-5', { negative: true, signed: true, rest: '5' }],
		['+5', { negative: false, signed: true, rest: '5' }],
		['负 5', { negative: true, signed: true, rest: '5' }],
		['5', { negative: false, signed: false, rest: '5' }],
		['', { negative: false, signed: false, rest: '' }],
	])('%j', (text, expected) => {
		expect(takeSign(text)).toEqual(expected);
	});
});

describe('fitsExactly', () => {
	it.each([
		['123456789012345', true],
		['1234567890123456', false],
		['000123456789012345', true],
		['1234567890.12345', true],
		['1234567890.123456', false],
	])('%j → %j', (digits, expected) => {
		expect(fitsExactly(digits)).toBe(expected);
	});
});
