import { compileDatePattern, parseDate } from '../../../nodes/BaiduIocr/output/values';
import type { DatePattern } from '../../../nodes/BaiduIocr/output/values/date';

function pattern(format: string): DatePattern {
	const compiled = compileDatePattern(format);
	if (typeof compiled === 'string') throw new Error(compiled);
	return compiled;
}

const date = (text: string, format?: string) =>
	parseDate(text, false, format === undefined ? undefined : pattern(format));
const dateTime = (text: string, format?: string) =>
	parseDate(text, true, format === undefined ? undefined : pattern(format));

describe('Date: year-first layouts, read without a Date Format', () => {
	it.each([
		['2017年06月09日', '2017-06-09'],
		['2017年6月9日', '2017-06-09'],
		['2017年6月9号', '2017-06-09'],
		['2017 年 6 月 9 日', '2017-06-09'],
		['２０１７年０６月０９日', '2017-06-09'],
		['2017-06-09', '2017-06-09'],
		['2017-6-9', '2017-06-09'],
		['2017/06/09', '2017-06-09'],
		['2017/6/9', '2017-06-09'],
		['２０１７／６／９', '2017-06-09'],
		['2017.06.09', '2017-06-09'],
		['2017.6.9', '2017-06-09'],
		['20170609', '2017-06-09'],
		['  2017-06-09  ', '2017-06-09'],
		['2018-03-10', '2018-03-10'],
		['2024-12-31', '2024-12-31'],
		['1999-01-01', '1999-01-01'],
		['1000-01-01', '1000-01-01'], // the first year of four digits
		// leap years
		['2020-02-29', '2020-02-29'],
		['2000-02-29', '2000-02-29'],
		['2024年2月29日', '2024-02-29'],
		// a time is read (and checked) but a Date leaves it out
		['2017-06-09 21:07', '2017-06-09'],
		['2017年06月09日21时07分', '2017-06-09'],
		['201706092107', '2017-06-09'],
	])('%j → %j', (text, expected) => {
		expect(date(text)).toEqual({ ok: true, value: expected });
	});
});

describe('Date and Time', () => {
	it.each([
		['2017-06-09 21:07', '2017-06-09T21:07'],
		['2017-06-09 21:07:05', '2017-06-09T21:07:05'],
		['2017-06-09T21:07', '2017-06-09T21:07'],
		['2017-06-09T21:07:05', '2017-06-09T21:07:05'],
		['2017/6/9 9:07', '2017-06-09T09:07'],
		['2017.06.09 00:00', '2017-06-09T00:00'],
		['2017年06月09日 21:07', '2017-06-09T21:07'],
		['2017年06月09日21:07', '2017-06-09T21:07'],
		['2017年06月09日21时07分', '2017-06-09T21:07'],
		['2017年06月09日21点07分', '2017-06-09T21:07'],
		['2017年06月09日 21点07分', '2017-06-09T21:07'],
		['2017年6月9日21时7分', '2017-06-09T21:07'],
		['2017年06月09日21时07分05秒', '2017-06-09T21:07:05'],
		['2017年06月09日21点07分05秒', '2017-06-09T21:07:05'],
		['2017-06-09 21时07分', '2017-06-09T21:07'],
		['２０１７－０６－０９　２１：０７', '2017-06-09T21:07'],
		['201706092107', '2017-06-09T21:07'],
		['20170609210705', '2017-06-09T21:07:05'],
		['20170609 21:07', '2017-06-09T21:07'],
		['2017-06-09 23:59:59', '2017-06-09T23:59:59'],
	])('%j → %j', (text, expected) => {
		expect(dateTime(text)).toEqual({ ok: true, value: expected });
	});

	it('never adds a time zone or seconds the document does not have', () => {
		const result = dateTime('2017-06-09 21:07');
		expect(result).toEqual({ ok: true, value: '2017-06-09T21:07' });
		expect(JSON.stringify(result)).not.toMatch(/Z|[+-]\d\d:\d\d"|:00"/);
	});

	it.each([['2017-06-09'], ['2017年06月09日'], ['20170609']])(
		'%j has no time of day: not read as a date and time',
		(text) => {
			expect(dateTime(text)).toEqual({ ok: false, failure: 'noTime' });
		},
	);
});

describe('not days of the calendar, not times of day', () => {
	it.each([
		['2017-02-30'],
		['2017-02-29'],
		['2019年2月29日'],
		['1900-02-29'],
		['2017-04-31'],
		['2017-13-01'],
		['2017-00-10'],
		['2017-06-00'],
		['2017-06-32'],
		['20171301'],
		['20170231'],
		['0999-06-09'],
		['2017-06-09 24:00'],
		['2017-06-09 21:60'],
		['2017-06-09 21:07:60'],
		['201706092460'],
		['2017年06月09日25时07分'],
	])('%j', (text) => {
		expect(dateTime(text)).toEqual({ ok: false, failure: 'calendar' });
	});
});

describe('not dates', () => {
	it.each([
		[''],
		['N/A'],
		['2017'],
		['201706'],
		['2017-06'],
		['2017年06月'],
		['06月09日'],
		['2017年06月09'],
		['2017-06/09'],
		['2017/06-09'],
		['2017--06-09'],
		['17-06-09'],
		['170609'],
		['2017060'],
		['201706091'],
		['2017060921'],
		['20170609210'],
		['201706092107051'],
		['2017-06-0921:07'],
		['2017-06-09 21'],
		['2017-06-09 21:7'],
		['2017-06-09 21:07:5'],
		['2017-06-09 21时'],
		['2017-06-09 21点07'],
		['2017-06-09 下午9:07'],
		['2017-06-09 9:07 PM'],
		['2017-06-09Z'],
		['2017-06-09T21:07Z'],
		['2017-06-09T21:07+08:00'],
		['2017-06-09 (星期五)'],
		['C2565'],
		['12.3.4'],
		['¥54.50'],
		['June 9, 2017'],
		['2O17-06-09'],
		['2017-06-09 2107'], // figures without a colon only straight after a date in figures
		['2017年06月09日 2107'],
	])('%j', (text) => {
		expect(date(text).ok).toBe(false);
		expect(dateTime(text)).toMatchObject({
			ok: false,
			failure: expect.stringMatching(/^(not|noTime)$/),
		});
	});
});

describe('year last: ambiguous without a Date Format', () => {
	it.each([
		['06/09/2017'],
		['6/9/2017'],
		['06-09-2017'],
		['06.09.2017'],
		['13/09/2017'],
		['09/06/2017 21:07'],
	])('%j', (text) => {
		expect(date(text)).toEqual({ ok: false, failure: 'order' });
	});
});

describe('Date Format', () => {
	it('day first and month first read 06/09/2017 the two ways', () => {
		expect(date('06/09/2017', 'DD/MM/YYYY')).toEqual({ ok: true, value: '2017-09-06' });
		expect(date('06/09/2017', 'MM/DD/YYYY')).toEqual({ ok: true, value: '2017-06-09' });
	});

	it.each([
		['DD/MM/YYYY', '6/9/2017', '2017-09-06'],
		['DD/MM/YYYY', '06-09-2017', '2017-09-06'],
		['DD/MM/YYYY', '06.09.2017', '2017-09-06'],
		['DD/MM/YYYY', '31/12/2017', '2017-12-31'],
		['MM/DD/YYYY', '12/31/2017', '2017-12-31'],
		['DD.MM.YYYY', '06/09/2017', '2017-09-06'],
		['DDMMYYYY', '06092017', '2017-09-06'],
		['MMDDYYYY', '06092017', '2017-06-09'],
		['YYYYDDMM', '20170906', '2017-06-09'],
		['YYYY年MM月DD日', '2017年6月9日', '2017-06-09'],
		['DD.MM.YYYY', '２９．０２．２０２０', '2020-02-29'],
		['dd.MM.yyyy', '06.09.2017', '2017-09-06'],
		['D/M/YYYY', '6/9/2017', '2017-09-06'],
		['DD MM YYYY', '06 09 2017', '2017-09-06'],
		// year-first layouts are read whatever the pattern
		['DD/MM/YYYY', '2017-06-09', '2017-06-09'],
		['DD/MM/YYYY', '2017年6月9日', '2017-06-09'],
	])('%s reads %j as %j', (format, text, expected) => {
		expect(date(text, format)).toEqual({ ok: true, value: expected });
	});

	it.each([
		['DD/MM/YYYY', '06/09/2017 21:07', '2017-09-06T21:07'],
		['MM/DD/YYYY', '06/09/2017 21:07:05', '2017-06-09T21:07:05'],
		['DD/MM/YYYY', '06/09/2017 21时07分', '2017-09-06T21:07'],
		['DD/MM/YYYY HH:mm', '06/09/2017 21:07', '2017-09-06T21:07'],
		['DD/MM/YYYY HH:mm:ss', '06/09/2017 21:07:05', '2017-09-06T21:07:05'],
		['DDMMYYYYHHmm', '060920172107', '2017-09-06T21:07'],
		['YYYY-MM-DDTHH:mm', '2017-06-09T21:07', '2017-06-09T21:07'],
		['DD/MM/YYYYTHH:mm', '06/09/2017T21:07', '2017-09-06T21:07'], // T stands for itself
		['YYYY年MM月DD日', '2017年6月9日21时07分', '2017-06-09T21:07'],
		['YYYY年MM月DD日HH时mm分', '2017年06月09日21时07分', '2017-06-09T21:07'],
		['DD/MM/YYYY HH:mm', '06/09/201721:07', '2017-09-06T21:07'], // the space is optional
	])('%s reads %j as the date and time %j', (format, text, expected) => {
		expect(dateTime(text, format)).toEqual({ ok: true, value: expected });
	});

	it.each([
		['DD/MM/YYYY', '31/02/2017', 'calendar'],
		['MM/DD/YYYY', '13/09/2017', 'calendar'],
		['DD/MM/YYYY', '06/09/17', 'not'],
		['DD/MM/YYYY', '06/09/2017abc', 'not'],
		['DD/MM/YYYY', '2017/09', 'not'],
		['DDMMYYYY', '6092017', 'not'],
		['DD/MM/YYYY HH:mm', '06/09/2017', 'not'],
		['DD/MM/YYYY HH:mm', '06/09/2017 25:00', 'calendar'],
		['YYYY年MM月DD日', '2017年6月9', 'not'],
		['DD/MM/YYYY', 'X06/09/2017', 'not'], // the pattern starts the text
		['DD/MM/YYYY HH:mm', '06/09/2017 21:07x', 'not'], // and with a time, ends it
		['DD/MM/YYYY', '06/09/201721:07', 'not'], // a time after figures needs a space or T
		['YYYYMMDD', '2017069', 'not'], // the last of packed numbers has its full width too
	])('%s refuses %j (%s)', (format, text, failure) => {
		expect(dateTime(text, format)).toMatchObject({ ok: false, failure: expect.any(String) });
		expect(date(text, format)).toEqual({ ok: false, failure });
	});

	it.each([
		['', /year is missing/],
		['DD/MM', /year is missing/],
		['YYYY/DD', /month is missing/],
		['YYYY/MM', /day is missing/],
		['YY/MM/DD', /four digits/],
		['YYYYY-MM-DD', /four digits/],
		['YYYY-MMM-DD', /too long/],
		['YYYY-MM-DD QQ', /'QQ' is not one of/],
		['YYYY-MM-DD-DD', /day appears 2 times/],
		['YYYY-MM-DD HH', /both HH and mm/],
		['YYYY-MM-DD mm', /both HH and mm/],
		['YYYY-MM-DD ss', /seconds/],
	])('the pattern %j is refused: %s', (format, message) => {
		const compiled = compileDatePattern(format);
		expect(typeof compiled).toBe('string');
		expect(compiled).toMatch(message);
	});

	it('a pattern treats regular-expression characters as themselves', () => {
		expect(date('(06)+09*2017', '(DD)+MM*YYYY')).toEqual({ ok: true, value: '2017-09-06' });
		expect(date('06x09x2017', '(DD)+MM*YYYY').ok).toBe(false);
	});
});
