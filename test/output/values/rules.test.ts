import type { FieldTypeRule } from '../../../nodes/BaiduIocr/model';
import { matchesName, ruleFor } from '../../../nodes/BaiduIocr/output/values';

describe('matchesName', () => {
	it.each([
		// exact names
		['金额', '金额', true],
		['金额', '税额', false],
		['金额', '合计金额', false],
		['Total', 'Total', true],
		['Total', 'total', false],
		[' 金额 ', '金额', true],
		['金额', '金额 ', true],
		// * = any characters, none included
		['*金额*', '金额', true],
		['*金额*', '合计金额', true],
		['*金额*', '金额(大写)', true],
		['*金额*', '价税合计', false],
		['*金额', '合计金额', true],
		['*金额', '金额合计', false],
		['金额*', '金额合计', true],
		['金额*', '合计金额', false],
		['*', '任何字段', true],
		['*', '', true],
		['开票*期', '开票日期', true],
		['开票*期', '开票期', true],
		['*日期*时间*', '乘车日期和时间', true],
		['*日期*时间*', '时间日期', false],
		['Total*', 'Total due', true],
		['**', 'x', true],
		// other regular-expression characters are themselves
		['金额(大写)', '金额(大写)', true],
		['金额(大写)', '金额大写', false],
		['a.b', 'a.b', true],
		['a.b', 'axb', false],
		['a.*', 'axb', false],
		['a.*', 'a.b', true],
		['[x]*', '[x] total', true],
		['x+', 'xx', false],
		['?', 'a', false],
		['^$', '^$', true],
		['金额\\', '金额\\', true],
	])('%j matches %j: %s', (pattern, name, expected) => {
		expect(matchesName(pattern, name)).toBe(expected);
	});
});

describe('ruleFor', () => {
	const rules: FieldTypeRule[] = [
		{ field: '发票号码', type: 'text' },
		{ field: '*日期*', type: 'date' },
		{ field: '*金额*', type: 'amount' },
		{ field: '合计*', type: 'amount' },
		{ field: '*', type: 'number' },
	];

	it('the first matching rule wins, in the user’s order', () => {
		expect(ruleFor('发票号码', rules)).toBe(rules[0]);
		expect(ruleFor('开票日期', rules)).toBe(rules[1]);
		expect(ruleFor('金额', rules)).toBe(rules[2]);
		expect(ruleFor('合计金额', rules)).toBe(rules[2]);
		expect(ruleFor('合计', rules)).toBe(rules[3]);
		expect(ruleFor('数量', rules)).toBe(rules[4]);
	});

	it('reversed, the wider rule wins', () => {
		const reversed = [...rules].reverse();
		expect(ruleFor('发票号码', reversed)?.type).toBe('number');
		expect(ruleFor('开票日期', reversed)?.type).toBe('number');
	});

	it('no rule for a field without a name, without rules, or without a match', () => {
		expect(ruleFor(null, rules)).toBeUndefined();
		expect(ruleFor('金额', undefined)).toBeUndefined();
		expect(ruleFor('金额', [])).toBeUndefined();
		expect(ruleFor('车次', [{ field: '*金额*', type: 'amount' }])).toBeUndefined();
	});

	it('a rule without a field name matches nothing', () => {
		expect(ruleFor('金额', [{ field: '  ', type: 'amount' }])).toBeUndefined();
		// Not even a field whose name is empty too.
		expect(ruleFor('', [{ field: '', type: 'amount' }])).toBeUndefined();
		expect(ruleFor(' ', [{ field: '  ', type: 'amount' }])).toBeUndefined();
		expect(
			ruleFor('金额', [
				{ field: '', type: 'amount' },
				{ field: '金额', type: 'number' },
			])?.type,
		).toBe('number');
	});
});
