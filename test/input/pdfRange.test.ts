import { parsePageRange, selectPages, type PageRange } from '../../nodes/BaiduIocr/input/pdf/range';

function range(text: string): PageRange {
	const parsed = parsePageRange(text);
	if ('problem' in parsed) throw new Error(parsed.problem.message);
	return parsed;
}

describe('Page Range', () => {
	it.each([
		['1', 5, [1]],
		['1-3, 5', 5, [1, 2, 3, 5]],
		['-1', 5, [5]],
		['-2', 5, [4]],
		['2--1', 5, [2, 3, 4, 5]],
		['4-', 5, [4, 5]],
		['-3--2', 5, [3, 4]],
		['5, 1, 3-4, 1', 5, [1, 3, 4, 5]],
		[' 2 - 3 ,4 ', 5, [2, 3, 4]],
		['3 -', 5, [3, 4, 5]],
		['10-12', 12, [10, 11, 12]],
		['9--2', 12, [9, 10, 11]],
		['1--1', 1, [1]],
	])('%s of %i pages selects %j', (text, pageCount, pages) => {
		expect(selectPages(range(text), pageCount)).toEqual(pages);
	});

	it.each([
		['', /is empty/],
		['1-x', /cannot be read at '1-x'/],
		['1,,2', /cannot be read at ''/],
		['a', /cannot be read/],
		['0', /page 0/],
		['1-0', /page 0/],
		['1.5', /cannot be read/],
	])('refuses %j', (text, message) => {
		const parsed = parsePageRange(text);
		expect('problem' in parsed && parsed.problem.message).toMatch(message);
		expect('problem' in parsed && parsed.problem.description).toMatch(/-1 is the last page/);
	});

	it.each([
		['6', /asks for page 6, but the PDF has 5 pages/],
		['-6', /asks for page -6, but the PDF has 5 pages/],
		['2-9', /asks for page 9/],
		['4-2', /runs backwards \(page 4 to page 2\)/],
		['-1-2', /runs backwards \(page 5 to page 2\)/],
	])('refuses %s in a file of 5 pages', (text, message) => {
		const selected = selectPages(range(text), 5);
		expect(Array.isArray(selected)).toBe(false);
		expect(!Array.isArray(selected) && selected.message).toMatch(message);
	});

	it('quotes the range trimmed and cut, and the piece it cannot read trimmed and cut', () => {
		expect(range('  1-3 ').text).toBe('1-3');
		const spaces = parsePageRange('   ');
		expect('problem' in spaces && spaces.problem.message).toBe("The Page Range '' is empty.");
		const long = `${'1,'.repeat(40)}x`;
		const cut = parsePageRange(long);
		expect('problem' in cut && cut.problem.message).toBe(
			`The Page Range '${long.slice(0, 60)}' cannot be read at 'x'.`,
		);
		const piece = parsePageRange('1,  pages one to twenty-five ');
		expect('problem' in piece && piece.problem.message).toBe(
			"The Page Range '1,  pages one to twenty-five' cannot be read at 'pages one to twenty-'.",
		);
	});

	it('tells which pages there are when it asks for one too many', () => {
		const selected = selectPages(range('1-6'), 5);
		expect(!Array.isArray(selected) && selected.description).toBe(
			"Ask only for pages 1 to 5 (or -1 for the last page), or use All Pages. Write pages and ranges separated by commas, e.g. '1-3, 5'. -1 is the last page, '2--1' is page 2 to the last.",
		);
	});

	it('says "1 page" for a one-page file', () => {
		const selected = selectPages(range('2'), 1);
		expect(!Array.isArray(selected) && selected.message).toMatch(/the PDF has 1 page\.$/);
	});
});
