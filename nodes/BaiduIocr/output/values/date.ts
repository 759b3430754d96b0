import { normalise } from './digits';

/**
 * Dates and times → ISO 8601 text without a time zone (none is printed on the documents, and
 * none is invented): Date gives '2017-06-09', Date and Time '2017-06-09T21:07' or
 * '2017-06-09T21:07:05' (seconds only when the document has them).
 *
 * Read without a Date Format (year first, so never ambiguous):
 *   2017年06月09日, 2017年6月9日 (also 号), 2017-06-09, 2017/6/9, 2017.06.09 (one separator
 *   throughout), 20170609; with a time after a space, a 'T', or straight after 日:
 *   21:07, 21:07:05, 21时07分, 21点07分, 21时07分05秒; 201706092107 and 20170609210705.
 * Year last ('06/09/2017') is day-first in some places and month-first in others: it is read
 * only with a Date Format that says which ('DD/MM/YYYY', 'MM/DD/YYYY'), and refused otherwise.
 *
 * A Date Format is a pattern: YYYY (four-digit year), MM or M, DD or D, HH or H, mm or m,
 * ss or s (yyyy and dd also); '/', '-' and '.' each stand for any of the three, a space for an optional space,
 * anything else for itself ('DD.MM.YYYY', 'YYYY年MM月DD日', 'DDMMYYYY'). A number next to
 * another number (DDMMYYYY) has its full width; one between separators may drop its leading
 * zero. Without HH the pattern describes the date, and a time after it is read as above.
 * The year-first layouts are read whatever the pattern.
 *
 * Every date is checked against the calendar (2017-02-30 and 2019-02-29 are refused, 2020-02-29
 * is read), hours 0-23, minutes and seconds 0-59. A Date accepts a time and leaves it out;
 * Date and Time needs one.
 */

export type DateFailure =
	/** Not a date in any layout the node reads. */
	| 'not'
	/** Laid out as a date, but not a day of the calendar (or not a time of day). */
	| 'calendar'
	/** Day and month could be either way round (year last) and no Date Format says which. */
	| 'order'
	/** Date and Time asked, but the text has only a date. */
	| 'noTime';

export type DateResult = { ok: true; value: string } | { ok: false; failure: DateFailure };

interface Reading {
	year: number;
	month: number;
	day: number;
	/** The text after the date. */
	rest: string;
	/** Whether a time may follow with nothing in between (after 日, or figures after figures). */
	joined: 'none' | 'words' | 'figures';
}

interface Time {
	hour: number;
	minute: number;
	second?: number;
}

type Token = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second';

/** Moment's letters (YYYY, DD), and Java's and Luxon's (yyyy, dd) for the same. */
const LETTERS: Record<string, Token> = {
	Y: 'year',
	y: 'year',
	M: 'month',
	D: 'day',
	d: 'day',
	H: 'hour',
	m: 'minute',
	s: 'second',
};

/** A Date Format made ready to match: which group holds what. */
export interface DatePattern {
	regex: RegExp;
	groups: Partial<Record<Token, number>>;
	/** The pattern has a time of its own; otherwise the text after the date is read for one. */
	hasTime: boolean;
	/** The pattern ends in a character that is not a number (日): a time may follow at once. */
	endsInWord: boolean;
}

/** A Date Format → its matcher, or what is wrong with it (for the user). */
export function compileDatePattern(format: string): DatePattern | string {
	const pattern = normalise(format);
	type Part = { token: Token; length: number } | { literal: string };
	const parts: Part[] = [];
	for (let i = 0; i < pattern.length; ) {
		const char = pattern[i];
		let end = i + 1;
		if (/[A-Za-z]/.test(char)) {
			while (end < pattern.length && pattern[end] === char) end++;
			const run = pattern.slice(i, end);
			const token = LETTERS[char];
			if (run === 'T') parts.push({ literal: 'T' });
			else if (token === undefined) return `'${run}' is not one of YYYY, MM, DD, HH, mm, ss`;
			else if (token === 'year' ? run.length !== 4 : run.length > 2) {
				return token === 'year'
					? `the year is written YYYY (four digits), not '${run}'`
					: `'${run}' is too long: write ${char}${char} or ${char}`;
			} else parts.push({ token, length: run.length });
		} else {
			parts.push({ literal: char });
		}
		i = end;
	}

	const groups: Partial<Record<Token, number>> = {};
	let source = '^';
	let group = 0;
	parts.forEach((part, index) => {
		if ('literal' in part) {
			if ('/-.'.includes(part.literal)) source += '[-/.]';
			else if (part.literal === ' ') source += ' ?';
			else source += part.literal.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
			return;
		}
		const neighbours = [parts[index - 1], parts[index + 1]];
		const packed = neighbours.some((neighbour) => neighbour !== undefined && 'token' in neighbour);
		if (part.token === 'year') source += '(\\d{4})';
		else source += packed ? '(\\d{2})' : '(\\d{1,2})';
		groups[part.token] = ++group;
	});
	const tokens = parts.filter((part): part is { token: Token; length: number } => 'token' in part);
	const counts = new Map<Token, number>();
	for (const { token } of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
	for (const [token, count] of counts) if (count > 1) return `the ${token} appears ${count} times`;
	for (const token of ['year', 'month', 'day'] as const) {
		if (!counts.has(token)) return `the ${token} is missing (YYYY, MM and DD are needed)`;
	}
	if (counts.has('hour') !== counts.has('minute')) return 'a time needs both HH and mm';
	if (counts.has('second') && !counts.has('minute')) return 'seconds (ss) need HH and mm';

	const hasTime = counts.has('hour');
	const last = parts[parts.length - 1];
	return {
		regex: new RegExp(source + (hasTime ? '$' : '(.*)$')),
		groups,
		hasTime,
		endsInWord: 'literal' in last && !/[-/. ]/.test(last.literal),
	};
}

const YEAR_FIRST: Array<{ regex: RegExp; joined: Reading['joined'] }> = [
	{ regex: /^(\d{4}) ?年 ?(\d{1,2}) ?月 ?(\d{1,2}) ?[日号](.*)$/, joined: 'words' },
	{ regex: /^(\d{4})-(\d{1,2})-(\d{1,2})(.*)$/, joined: 'none' },
	{ regex: /^(\d{4})\/(\d{1,2})\/(\d{1,2})(.*)$/, joined: 'none' },
	{ regex: /^(\d{4})\.(\d{1,2})\.(\d{1,2})(.*)$/, joined: 'none' },
	{ regex: /^(\d{4})(\d{2})(\d{2})(.*)$/, joined: 'figures' },
];

const YEAR_LAST = /^\d{1,2} ?[-/.] ?\d{1,2} ?[-/.] ?\d{4}/;

function readYearFirst(text: string): Reading | null {
	for (const { regex, joined } of YEAR_FIRST) {
		const match = regex.exec(text);
		if (match) {
			const [year, month, day] = [match[1], match[2], match[3]].map(Number);
			return { year, month, day, rest: match[4], joined };
		}
	}
	return null;
}

/** The date (and the pattern's time, if it has one) by a Date Format. */
function readByPattern(
	text: string,
	pattern: DatePattern,
): { reading: Reading; time?: Time } | null {
	const match = pattern.regex.exec(text);
	if (!match) return null;
	const at = (token: Token) => {
		const index = pattern.groups[token];
		return index === undefined ? undefined : Number(match[index]);
	};
	const reading: Reading = {
		year: at('year') as number,
		month: at('month') as number,
		day: at('day') as number,
		rest: pattern.hasTime ? '' : match[match.length - 1],
		joined: pattern.endsInWord ? 'words' : 'none',
	};
	if (!pattern.hasTime) return { reading };
	const second = at('second');
	const time: Time = { hour: at('hour') as number, minute: at('minute') as number };
	if (second !== undefined) time.second = second;
	return { reading, time };
}

const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const WORDS = /^(\d{1,2}) ?[时点] ?(\d{1,2}) ?分(?: ?(\d{1,2}) ?秒)?$/;
const PACKED = /^(\d{2})(\d{2})(\d{2})?$/;

/**
 * The time after a date: null when there is none, 'bad' when the text after the date is not
 * a time (or is laid out as one that does not exist, such as 25:00).
 */
function readTime(rest: string, joined: Reading['joined']): Time | null | 'bad' {
	if (rest === '') return null;
	let text = rest;
	let packedAllowed = false;
	if (text.startsWith(' ') || text.startsWith('T')) text = text.slice(1);
	else if (joined === 'figures') packedAllowed = true;
	else if (joined !== 'words') return 'bad';
	const match = CLOCK.exec(text) ?? WORDS.exec(text) ?? (packedAllowed ? PACKED.exec(text) : null);
	if (!match) return 'bad';
	const time: Time = { hour: Number(match[1]), minute: Number(match[2]) };
	if (match[3] !== undefined) time.second = Number(match[3]);
	return time;
}

function daysIn(year: number, month: number): number {
	if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
	return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function validDate({ year, month, day }: Reading): boolean {
	return year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

function validTime({ hour, minute, second }: Time): boolean {
	return hour <= 23 && minute <= 59 && (second === undefined || second <= 59);
}

const two = (value: number) => String(value).padStart(2, '0');

/**
 * `text` as a date (withTime false) or a date and time (withTime true), by `pattern` when one
 * is given, then by the year-first layouts.
 */
export function parseDate(text: string, withTime: boolean, pattern?: DatePattern): DateResult {
	const normalised = normalise(text);
	const byPattern = pattern ? readByPattern(normalised, pattern) : null;
	const reading = byPattern?.reading ?? readYearFirst(normalised);
	if (!reading) {
		return { ok: false, failure: !pattern && YEAR_LAST.test(normalised) ? 'order' : 'not' };
	}
	const time = byPattern?.time ?? readTime(reading.rest, reading.joined);
	if (time === 'bad') return { ok: false, failure: 'not' };
	if (!validDate(reading) || (time !== null && !validTime(time))) {
		return { ok: false, failure: 'calendar' };
	}
	const date = `${reading.year}-${two(reading.month)}-${two(reading.day)}`;
	if (!withTime) return { ok: true, value: date };
	if (time === null) return { ok: false, failure: 'noTime' };
	const seconds = time.second === undefined ? '' : `:${two(time.second)}`;
	return { ok: true, value: `${date}T${two(time.hour)}:${two(time.minute)}${seconds}` };
}
