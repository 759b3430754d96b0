import type { InputProblem } from '../model';

/**
 * Which binary properties of an item hold the documents to recognise.
 *
 * Messages are whole sentences that read well after the router's prefix, e.g.
 * "Item 2, file (data): " + "The item has no binary property 'data'. It has: attachment_0, attachment_1".
 */

export interface BinarySelection {
	/** `named`: the properties listed in `names`; `all`: every binary property of the item. */
	mode: 'named' | 'all';
	/** Comma-separated property names; `*` (any run of characters) and `?` (one character) are wildcards. */
	names: string;
}

export type SelectionResult = { properties: string[] } | { problem: InputProblem };

/** Longest list of property names quoted back to the user. */
const MAX_LISTED = 20;

function isDigit(code: number): boolean {
	return code >= 0x30 && code <= 0x39;
}

/** Splits a name into runs of digits and runs of other characters. */
function chunks(name: string): string[] {
	const out: string[] = [];
	let start = 0;
	for (let i = 1; i <= name.length; i++) {
		if (i === name.length || isDigit(name.charCodeAt(i)) !== isDigit(name.charCodeAt(start))) {
			out.push(name.slice(start, i));
			start = i;
		}
	}
	return out;
}

function compareCodeUnits(a: string, b: string): number {
	if (a === b) return 0;
	return a < b ? -1 : 1;
}

/** Compares two runs of digits by value, without converting them to numbers. */
function compareDigits(a: string, b: string): number {
	const x = a.replace(/^0+(?=\d)/, '');
	const y = b.replace(/^0+(?=\d)/, '');
	if (x.length !== y.length) return x.length - y.length;
	return compareCodeUnits(x, y);
}

/**
 * Natural order: digit runs compare by value, so `attachment_2` comes before `attachment_10`.
 * Deterministic (no locale); ties fall back to plain code-unit order.
 */
export function compareNatural(a: string, b: string): number {
	const ca = chunks(a);
	const cb = chunks(b);
	const n = Math.min(ca.length, cb.length);
	for (let i = 0; i < n; i++) {
		const x = ca[i];
		const y = cb[i];
		const bothDigits = isDigit(x.charCodeAt(0)) && isDigit(y.charCodeAt(0));
		const c = bothDigits ? compareDigits(x, y) : compareCodeUnits(x, y);
		if (c !== 0) return c;
	}
	if (ca.length !== cb.length) return ca.length - cb.length;
	return compareCodeUnits(a, b);
}

function hasWildcard(pattern: string): boolean {
	return pattern.includes('*') || pattern.includes('?');
}

/** A case-sensitive whole-name matcher for a pattern with `*` and `?`. */
function wildcardToRegExp(pattern: string): RegExp {
	let source = '';
	for (const ch of pattern) {
		if (ch === '*') source += '[\\s\\S]*';
		else if (ch === '?') source += '[\\s\\S]';
		else source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
	}
	return new RegExp(`^${source}$`);
}

/** The comma-separated entries of `names`, trimmed, empty ones dropped. */
export function parseNames(names: string): string[] {
	return names
		.split(',')
		.map((name) => name.trim())
		.filter((name) => name.length > 0);
}

function quoteList(names: string[]): string {
	return names.map((name) => `'${name}'`).join(', ');
}

function listNames(names: string[]): string {
	if (names.length <= MAX_LISTED) return names.join(', ');
	return `${names.slice(0, MAX_LISTED).join(', ')} and ${names.length - MAX_LISTED} more`;
}

/** `attachment_*` when every property is `attachment_<number>`, else undefined. */
function suggestWildcard(available: string[]): string | undefined {
	if (available.length < 2) return undefined;
	const prefixes = new Set(available.map((name) => /^(.*?)\d+$/.exec(name)?.[1]));
	if (prefixes.size !== 1) return undefined;
	const [prefix] = [...prefixes];
	return prefix === undefined || prefix === '' ? undefined : `${prefix}*`;
}

export function noBinaryDataProblem(): InputProblem {
	return {
		message: 'The item has no binary data, so there is no file to recognise.',
		description:
			'This node reads files from the binary data of its input items. Make sure the previous node outputs a file, ' +
			"for example an HTTP Request node with Response Format set to 'File', a Read/Write Files from Disk node, " +
			"or an email trigger with 'Download Attachments' turned on.",
	};
}

function notFoundProblem(missing: string[], available: string[]): InputProblem {
	const wildcards = missing.some(hasWildcard);
	const noun = missing.length === 1 ? 'property' : 'properties';
	const what = wildcards
		? `The item has no binary ${noun} matching ${quoteList(missing)}`
		: `The item has no binary ${noun} ${quoteList(missing)}`;
	const wildcard = suggestWildcard(available);
	const useOne =
		available.length === 1
			? `Set the binary property field to '${available[0]}'`
			: 'Set the binary property field to one of them (separate several names with commas)';
	const useWildcard = wildcard
		? `, use a wildcard such as '${wildcard}' to take them all`
		: ", use a wildcard such as 'attachment_*'";
	return {
		message: `${what}. It has: ${listNames(available)}.`,
		description: `${useOne}${useWildcard}, or choose All Binary Properties.`,
	};
}

/**
 * The item's binary properties to recognise, in order: as listed in `names`, a wildcard's
 * matches in natural order, each property at most once. With `mode: 'all'`, every property in
 * natural order.
 *
 * Problems: the item has no binary data; no name was given; a listed name (without wildcard)
 * is missing; nothing matched at all. A wildcard that matches nothing is not a problem as long
 * as another entry matched.
 */
export function selectBinaryProperties(
	available: string[],
	selection: BinarySelection,
): SelectionResult {
	const sorted = [...new Set(available)].sort(compareNatural);
	if (sorted.length === 0) return { problem: noBinaryDataProblem() };

	if (selection.mode === 'all') return { properties: sorted };

	const requested = parseNames(selection.names);
	if (requested.length === 0) {
		return {
			problem: {
				message: `No binary property name was given. The item has: ${listNames(sorted)}.`,
				description:
					"Enter the name of the binary property that holds the file, for example 'data' or 'attachment_*', or choose All Binary Properties.",
			},
		};
	}

	const chosen: string[] = [];
	const seen = new Set<string>();
	const missingExact: string[] = [];
	const present = new Set(sorted);
	for (const name of requested) {
		let matches: string[];
		if (hasWildcard(name)) {
			const re = wildcardToRegExp(name);
			matches = sorted.filter((key) => re.test(key));
		} else if (present.has(name)) {
			matches = [name];
		} else {
			missingExact.push(name);
			continue;
		}
		for (const key of matches) {
			if (!seen.has(key)) {
				seen.add(key);
				chosen.push(key);
			}
		}
	}

	if (missingExact.length > 0) return { problem: notFoundProblem(missingExact, sorted) };
	// Nothing chosen and no name missing: every entry is a wildcard that matched nothing.
	if (chosen.length === 0) return { problem: notFoundProblem(requested, sorted) };
	return { properties: chosen };
}
