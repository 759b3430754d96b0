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

	it('says "1 page" for a one-page file', () => {
		const selected = selectPages(range('2'), 1);
		expect(!Array.isArray(selected) && selected.message).toMatch(/the PDF has 1 page\.$/);
	});
});
