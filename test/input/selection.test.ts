import { compareNatural, selectBinaryProperties } from '../../nodes/BaiduIocr/input/selection';

const named = (names: string) => ({ mode: 'named' as const, names });

function properties(available: string[], names: string): string[] {
	const result = selectBinaryProperties(available, named(names));
	if ('problem' in result) throw new Error(`unexpected problem: ${result.problem.message}`);
	return result.properties;
}

function problem(available: string[], selection: { mode: 'named' | 'all'; names: string }) {
	const result = selectBinaryProperties(available, selection);
	if (!('problem' in result))
		throw new Error(`expected a problem, got ${result.properties.join(',')}`);
	return result.problem;
}

const attachments = ['attachment_10', 'attachment_2', 'attachment_0', 'attachment_1', 'data'];

describe('selectBinaryProperties', () => {
	it('takes a single name', () => {
		expect(properties(['data'], 'data')).toEqual(['data']);
	});

	it('trims names and keeps the listed order', () => {
		expect(properties(attachments, '  data ,attachment_1 , attachment_0')).toEqual([
			'data',
			'attachment_1',
			'attachment_0',
		]);
	});

	it('expands a wildcard in natural order (2 before 10)', () => {
		expect(properties(attachments, 'attachment_*')).toEqual([
			'attachment_0',
			'attachment_1',
			'attachment_2',
			'attachment_10',
		]);
	});

	it('supports ? for exactly one character', () => {
		expect(properties(attachments, 'attachment_?')).toEqual([
			'attachment_0',
			'attachment_1',
			'attachment_2',
		]);
	});

	it('treats regular-expression characters in names literally', () => {
		expect(properties(['a.b', 'axb', 'c+(d)'], 'a.b, c+(d)')).toEqual(['a.b', 'c+(d)']);
		expect(properties(['a.b', 'axb'], 'a.*')).toEqual(['a.b']);
	});

	it('is case-sensitive, like binary property keys', () => {
		expect(properties(['Data', 'data'], 'data')).toEqual(['data']);
	});

	it('lists each property once, first position wins', () => {
		expect(properties(attachments, 'attachment_2, attachment_*, attachment_2, data, *')).toEqual([
			'attachment_2',
			'attachment_0',
			'attachment_1',
			'attachment_10',
			'data',
		]);
	});

	it('ignores empty entries', () => {
		expect(properties(['data'], ',data,,')).toEqual(['data']);
	});

	it('accepts a wildcard that matches nothing when another entry matches', () => {
		expect(properties(['data'], 'data, attachment_*')).toEqual(['data']);
	});

	it('mode all takes every property in natural order, ignoring names', () => {
		expect(selectBinaryProperties(attachments, { mode: 'all', names: 'nothing' })).toEqual({
			properties: ['attachment_0', 'attachment_1', 'attachment_2', 'attachment_10', 'data'],
		});
	});

	describe('problems', () => {
		it('names the missing property and lists what the item has', () => {
			const p = problem(['attachment_1', 'attachment_0'], named('data'));
			expect(p.message).toBe(
				"The item has no binary property 'data'. It has: attachment_0, attachment_1.",
			);
			expect(p.description).toBe(
				"Set the binary property field to one of them (separate several names with commas), use a wildcard such as 'attachment_*' to take them all, or choose All Binary Properties.",
			);
		});

		it('suggests the one property there is', () => {
			const p = problem(['file'], named('data'));
			expect(p.message).toBe("The item has no binary property 'data'. It has: file.");
			expect(p.description).toBe(
				"Set the binary property field to 'file', use a wildcard such as 'attachment_*', or choose All Binary Properties.",
			);
		});

		it('fails on an explicitly listed name that is missing even when others match', () => {
			const p = problem(['data', 'other'], named('data, scan'));
			expect(p.message).toBe("The item has no binary property 'scan'. It has: data, other.");
		});

		it('names several missing properties', () => {
			const p = problem(['data'], named('a, b'));
			expect(p.message).toBe("The item has no binary properties 'a', 'b'. It has: data.");
		});

		it('says "matching" when only wildcards were given and nothing matched', () => {
			const p = problem(['data'], named('attachment_*'));
			expect(p.message).toBe(
				"The item has no binary property matching 'attachment_*'. It has: data.",
			);
		});

		it('shortens a long list of available properties', () => {
			const many = Array.from({ length: 25 }, (_, i) => `page_${i}`);
			const p = problem(many, named('data'));
			expect(p.message).toBe(
				`The item has no binary property 'data'. It has: ${many.slice(0, 20).join(', ')} and 5 more.`,
			);
			expect(p.description).toContain("'page_*'");
		});

		it('lists exactly 20 properties whole', () => {
			const twenty = Array.from({ length: 20 }, (_, i) => `page_${i}`);
			expect(problem(twenty, named('data')).message).toBe(
				`The item has no binary property 'data'. It has: ${twenty.join(', ')}.`,
			);
		});

		it.each([
			[['scan_1'], 'one property is no run'],
			[['data', 'file'], 'no number at the end'],
			[['1', '2'], 'nothing before the number'],
			[['scan_1', 'page_2'], 'two different prefixes'],
			[['a1x', 'a2x'], 'the number is not at the end'],
		])('suggests no wildcard of its own for %j (%s)', (available) => {
			expect(problem(available, named('missing')).description).toMatch(
				/, use a wildcard such as 'attachment_\*', or choose All Binary Properties\.$/,
			);
		});

		it('suggests the prefix before the last number as the wildcard', () => {
			expect(problem(['v1_scan_1', 'v1_scan_2'], named('data')).description).toContain(
				"use a wildcard such as 'v1_scan_*' to take them all",
			);
		});

		it('asks for a name when the field is empty', () => {
			const p = problem(['data'], named('  , '));
			expect(p.message).toBe('No binary property name was given. The item has: data.');
			expect(p.description).toBe(
				"Enter the name of the binary property that holds the file, for example 'data' or 'attachment_*', or choose All Binary Properties.",
			);
		});

		it.each([['named'], ['all']] as const)('explains an item without binary data (%s)', (mode) => {
			const p = problem([], { mode, names: 'data' });
			expect(p.message).toBe('The item has no binary data, so there is no file to recognise.');
			expect(p.description).toBe(
				"This node reads files from the binary data of its input items. Make sure the previous node outputs a file, for example an HTTP Request node with Response Format set to 'File', a Read/Write Files from Disk node, or an email trigger with 'Download Attachments' turned on.",
			);
		});
	});
});

describe('compareNatural', () => {
	it('orders digit runs by value and is deterministic', () => {
		const names = [
			'a10',
			'a2',
			'a02',
			'b',
			'a1b',
			'a1a',
			'a',
			'A',
			'x99999999999999999999',
			'x100000000000000000000',
		];
		expect([...names].sort(compareNatural)).toEqual([
			'A',
			'a',
			'a1a',
			'a1b',
			'a02',
			'a2',
			'a10',
			'b',
			'x99999999999999999999',
			'x100000000000000000000',
		]);
	});

	it.each([
		['a002', 'a3', 'leading zeros do not count'],
		['a20', 'a105', 'a zero inside a number counts'],
		['scan10', 'scan 2', 'a space is not a digit'],
		['scan10', 'scan.2', 'a dot is not a digit'],
		['10', 'a', 'a number against a word compares by character'],
		['a1', 'a01b', 'equal by value: the name with fewer runs comes first'],
	])('puts %s before %s (%s)', (first, second) => {
		expect(compareNatural(first, second)).toBeLessThan(0);
		expect(compareNatural(second, first)).toBeGreaterThan(0);
	});
});
