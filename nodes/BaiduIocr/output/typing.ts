import type { OutputOptions } from '../model';
import { ruleFor, typeValue } from './values';

/**
 * Field Types applied to one field of the output. A field whose name matches a rule (other
 * than Text) gets its typed value, keeps the text Baidu read beside it, and, when the text does
 * not read as the type, stays that text and needs review, with the reason.
 */
export interface FieldTyping {
	/** The typed value; the text itself when it did not parse. */
	value: number | string;
	/** The text Baidu read, unchanged. */
	text: string;
	/** Why the text is not of the rule's type ('not an amount'); absent when it parsed. */
	reason?: string;
}

/** True when the user set Field Types: typed output keys (`text`, `texts`, ...) are written. */
export function typingOn(options: OutputOptions): boolean {
	return Array.isArray(options.fieldTypes) && options.fieldTypes.length > 0;
}

/**
 * The field `name` with `text` under the rules; null when no rule applies (no rule matches,
 * the first match is Text, or the field has no name): the field is then output as it was read.
 */
export function typeField(
	name: string | null,
	text: string,
	options: OutputOptions,
): FieldTyping | null {
	const rule = ruleFor(name, options.fieldTypes);
	if (rule === undefined || rule.type === 'text') return null;
	const typed = typeValue(text, rule);
	return typed.ok ? { value: typed.value, text } : { value: text, text, reason: typed.reason };
}
