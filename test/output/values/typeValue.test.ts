import type { FieldType, FieldTypeRule } from '../../../nodes/BaiduIocr/model';
import { typeValue } from '../../../nodes/BaiduIocr/output/values';

const rule = (type: FieldType, datePattern?: string): FieldTypeRule => ({
	field: 'x',
	type,
	...(datePattern === undefined ? {} : { datePattern }),
});

describe('typeValue: what each type gives', () => {
	it.each([
		['number', '1,234.5', 1234.5],
		['number', '12%', 0.12],
		['number', '00123456', 123456],
		['amount', '¥54.50', 54.5],
		['amount', '壹仟贰佰叁拾肆元伍角陆分', 1234.56],
		['date', '2017年06月09日', '2017-06-09'],
		['date', '2017-06-09 21:07', '2017-06-09'],
		['dateTime', '201706092107', '2017-06-09T21:07'],
		['dateTime', '2017年06月09日21时07分05秒', '2017-06-09T21:07:05'],
		['text', '¥54.50', '¥54.50'],
		['text', '', ''],
	] as Array<[FieldType, string, number | string]>)('%s: %j → %p', (type, text, value) => {
		expect(typeValue(text, rule(type))).toEqual({ ok: true, value });
	});

	it('uses the rule’s Date Format', () => {
		expect(typeValue('06/09/2017', rule('date', 'DD/MM/YYYY'))).toEqual({
			ok: true,
			value: '2017-09-06',
		});
		expect(typeValue('06/09/2017', rule('date', 'MM/DD/YYYY'))).toEqual({
			ok: true,
			value: '2017-06-09',
		});
	});
});

describe('typeValue: the reasons a text is not of its type', () => {
	it.each([
		['number', 'C2565', 'not a number'],
		['number', '12.3.4', 'not a number'],
		['number', 'N/A', 'not a number'],
		['number', '', 'not a number: empty'],
		['number', '   ', 'not a number: empty'],
		['amount', '壹仟贰佰叁拾肆元伍角陆分X', 'not an amount'],
		['amount', '12%', 'not an amount'],
		['amount', '', 'not an amount: empty'],
		['date', 'N/A', 'not a date'],
		['date', '', 'not a date: empty'],
		['date', '2017-02-30', 'not a date: no such day or time in the calendar'],
		[
			'date',
			'06/09/2017',
			'not a date: day and month could be either way round; set a Date Format',
		],
		['dateTime', '2017-06-09', 'not a date and time: no time of day'],
		['dateTime', '2017-06-09 24:00', 'not a date and time: no such day or time in the calendar'],
		['dateTime', 'tomorrow', 'not a date and time'],
	] as Array<[FieldType, string, string]>)('%s: %j → %j', (type, text, reason) => {
		expect(typeValue(text, rule(type))).toEqual({ ok: false, reason });
	});
});
