import type { FieldTypeRule } from '../../model';

/**
 * Which Field Types rule applies to a field: the first whose name matches, in the user's
 * order. A rule's name is the field's name as set in the Baidu template, matched exactly
 * (case and all, spaces around either ignored), except that `*` stands for any characters,
 * none included: `*金额*` matches 金额, 合计金额 and 金额(大写); `Total*` matches Total and
 * Total due. Fields without a name (plain lines) match no rule.
 */

/** True when `name` matches `pattern` (`*` = any characters). */
export function matchesName(pattern: string, name: string): boolean {
	const wanted = pattern.trim();
	const actual = name.trim();
	if (!wanted.includes('*')) return wanted === actual;
	const source = wanted
		.split('*')
		.map((part) => part.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&'))
		.join('[\\s\\S]*');
	return new RegExp(`^${source}$`).test(actual);
}

/** The first rule matching `name`; undefined for none, or for a field without a name. */
export function ruleFor(
	name: string | null,
	rules: readonly FieldTypeRule[] | undefined,
): FieldTypeRule | undefined {
	if (name === null || !rules) return undefined;
	return rules.find((rule) => rule.field.trim() !== '' && matchesName(rule.field, name));
}
