import type { FieldTypeRule } from '../../model';
import { parseAmount } from './amount';
import { compileDatePattern, parseDate, type DateFailure } from './date';
import { parseNumber } from './number';

/**
 * Typed values (the Field Types option): a field's text → a number, an amount or an ISO date,
 * by the rule that matches its name. Pure functions: no n8n, no clock, no locale.
 */

export { matchesName, ruleFor } from './rules';
export { parseAmount } from './amount';
export { parseNumber } from './number';
export { compileDatePattern, parseDate } from './date';
export { normalise } from './digits';

/** The typed value, or why the text is not one (for `reviewReason`). */
export type Typed = { ok: true; value: number | string } | { ok: false; reason: string };

const DATE_REASONS: Record<DateFailure, string> = {
	not: '',
	calendar: ': no such day or time in the calendar',
	order: ': day and month could be either way round; set a Date Format',
	noTime: ': no time of day',
};

/** `text` read as `rule.type`. Text (and an unknown type) keeps the text as it is. */
export function typeValue(text: string, rule: FieldTypeRule): Typed {
	if (text.trim() === '' && rule.type !== 'text') {
		return { ok: false, reason: `${notA(rule)}: empty` };
	}
	switch (rule.type) {
		case 'number':
		case 'amount': {
			const value = rule.type === 'number' ? parseNumber(text) : parseAmount(text);
			return value === null ? { ok: false, reason: notA(rule) } : { ok: true, value };
		}
		case 'date':
		case 'dateTime': {
			const pattern = rule.datePattern ? compileDatePattern(rule.datePattern) : undefined;
			// Settings refuse a bad Date Format before anything is sent; here it is only ignored.
			const result = parseDate(
				text,
				rule.type === 'dateTime',
				typeof pattern === 'string' ? undefined : pattern,
			);
			return result.ok
				? { ok: true, value: result.value }
				: { ok: false, reason: notA(rule) + DATE_REASONS[result.failure] };
		}
		default:
			return { ok: true, value: text };
	}
}

function notA(rule: FieldTypeRule): string {
	switch (rule.type) {
		case 'number':
			return 'not a number';
		case 'amount':
			return 'not an amount';
		case 'date':
			return 'not a date';
		default:
			return 'not a date and time';
	}
}
