/**
 * The Page Range option: pages and ranges separated by commas, counted from 1, negative
 * numbers counted from the end (-1 is the last page). `1-3, 5`, `-1`, `2--1`, `4-` (to the end).
 */

interface Part {
	from: number;
	/** Undefined: to the last page. */
	to?: number;
}

export interface PageRange {
	text: string;
	parts: Part[];
}

const EXAMPLES =
	"Write pages and ranges separated by commas, e.g. '1-3, 5'. -1 is the last page, '2--1' is page 2 to the last.";

/** Parses the option's text; a message saying what is wrong when it cannot be read. */
export function parsePageRange(
	text: string,
): PageRange | { problem: { message: string; description: string } } {
	const trimmed = text.trim();
	const parts: Part[] = [];
	const bad = (why: string) => ({
		problem: { message: `The Page Range '${trimmed.slice(0, 60)}' ${why}`, description: EXAMPLES },
	});
	if (trimmed === '') return bad('is empty.');
	for (const piece of trimmed.split(',')) {
		const m = /^\s*(-?\d+)\s*(?:-\s*(-?\d+)?)?\s*$/.exec(piece);
		if (!m) return bad(`cannot be read at '${piece.trim().slice(0, 20)}'.`);
		const from = Number(m[1]);
		const hasDash = /\d\s*-/.test(piece);
		const to = m[2] !== undefined ? Number(m[2]) : undefined;
		if (from === 0 || to === 0) return bad('contains page 0; pages are counted from 1.');
		parts.push({ from, to: to ?? (hasDash ? undefined : from) });
	}
	return { text: trimmed, parts };
}

/**
 * The 1-based pages the range selects in a file of `pageCount` pages, in page order, each
 * once; a message when it asks for a page the file does not have or a range runs backwards.
 */
export function selectPages(
	range: PageRange,
	pageCount: number,
): number[] | { message: string; description: string } {
	const selected = new Set<number>();
	const resolve = (n: number) => (n < 0 ? pageCount + 1 + n : n);
	for (const part of range.parts) {
		const from = resolve(part.from);
		const to = part.to === undefined ? pageCount : resolve(part.to);
		const asked = [part.from, part.to].find(
			(n) => n !== undefined && (resolve(n) < 1 || resolve(n) > pageCount),
		);
		if (asked !== undefined)
			return {
				message: `The Page Range '${range.text}' asks for page ${asked}, but the PDF has ${pageCount} page${pageCount === 1 ? '' : 's'}.`,
				description: `Ask only for pages 1 to ${pageCount} (or -1 for the last page), or use All Pages. ${EXAMPLES}`,
			};
		if (from > to)
			return {
				message: `The Page Range '${range.text}' runs backwards (page ${from} to page ${to}).`,
				description: EXAMPLES,
			};
		for (let page = from; page <= to; page++) selected.add(page);
	}
	return [...selected].sort((a, b) => a - b);
}
