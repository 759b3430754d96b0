import { parseChineseInteger } from '../../../nodes/BaiduIocr/output/values/chinese';

describe('parseChineseInteger: read', () => {
	it.each([
		['壹', 1],
		['玖', 9],
		['拾', 10],
		['十', 10],
		['十五', 15],
		['拾伍', 15],
		['壹拾伍', 15],
		['贰拾', 20],
		['二十五', 25],
		['壹佰', 100],
		['一百', 100],
		['壹佰零伍', 105],
		['壹佰壹拾', 110],
		['贰佰伍拾', 250],
		['壹仟', 1000],
		['壹仟零伍', 1005],
		['壹仟零伍拾', 1050],
		['壹仟贰佰叁拾肆', 1234],
		['一千二百三十四', 1234],
		['两千', 2000],
		['兩千', 2000],
		['壹万', 10000],
		['一萬', 10000],
		['壹万零伍', 10005],
		['壹万零伍佰', 10500],
		['拾万', 100000],
		['十五万', 150000],
		['贰拾万零伍', 200005],
		['壹佰万', 1000000],
		['玖仟玖佰玖拾玖万玖仟玖佰玖拾玖', 99999999],
		['壹亿', 100000000],
		['一億', 100000000],
		['壹亿贰仟万', 120000000],
		['壹亿零伍', 100000005],
		['陆', 6],
		['陸', 6],
		['貳', 2],
		['參', 3],
		['叁', 3],
	])('%s → %d', (text, expected) => {
		expect(parseChineseInteger(text)).toBe(expected);
	});
});

describe('parseChineseInteger: refused', () => {
	it.each([
		['', 'empty'],
		['零', 'zero alone'],
		['零伍', 'starts with 零'],
		['一二三', 'digits strung together'],
		['二〇一七', 'a year read digit by digit'],
		['贰佰伍', 'shorthand for 250 after 佰'],
		['一万五', 'shorthand for 15000 after 万'],
		['壹亿伍万', 'shorthand after 亿 without 零'],
		['壹拾零伍', '零 that skips nothing after 拾'],
		['壹佰零伍拾', '零 that skips nothing before 拾'],
		['十百', 'units growing'],
		['佰佰', 'a unit twice'],
		['佰', '佰 without its digit'],
		['壹仟仟', 'a unit twice after its digit'],
		['万', '万 alone'],
		['亿', '亿 alone'],
		['壹万万', '万 twice'],
		['壹万亿', '亿 after 万'],
		['零拾', '零 times a unit'],
		['壹仟零', 'ends in 零'],
		['壹仟X', 'a letter'],
		['壹仟 贰佰', 'a space'],
		['1千', 'figures mixed in'],
		['壹十五万五', 'shorthand after 万'],
	])('%s (%s)', (text) => {
		expect(parseChineseInteger(text)).toBeNull();
	});
});
