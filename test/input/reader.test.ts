import { ReusableBuffer, unreadableFile } from '../../nodes/BaiduIocr/input/reader';

describe('ReusableBuffer', () => {
	it('hands back the same memory while it is big enough', () => {
		const memory = new ReusableBuffer();
		const first = memory.room(1000);
		expect(first.length).toBeGreaterThanOrEqual(1000);
		expect(memory.room(10)).toBe(first);
		expect(memory.room(1000)).toBe(first);
	});

	it('grows when a bigger file comes, keeping the bytes read so far', () => {
		const memory = new ReusableBuffer();
		const small = memory.room(4);
		small.write('abcd', 'latin1');
		const bigger = memory.room(5, 3);
		expect(bigger).not.toBe(small);
		expect(bigger.subarray(0, 3).toString('latin1')).toBe('abc');
		// Growing by a little makes room for more than asked: reading a stream of unknown size
		// in chunks does not copy everything again for every chunk.
		expect(bigger.length).toBeGreaterThanOrEqual(6);
		const grown = memory.room(bigger.length + 1, bigger.length);
		expect(grown.subarray(0, 3).toString('latin1')).toBe('abc');
	});
});

describe('unreadableFile', () => {
	it("quotes what n8n said, cut to 300 characters, and says what to do", () => {
		const problem = unreadableFile(new Error(`ENOENT ${'x'.repeat(400)}`));
		expect(problem.message).toBe("The file could not be read from n8n's binary data storage.");
		expect(problem.description).toBe(
			`n8n said: ENOENT ${'x'.repeat(293)}. The file may have been deleted (n8n prunes the binary data of old executions) ` +
				'or its storage (disk, S3, database) may be unreachable. Run the workflow again from the node that produced the file.',
		);
	});

	it('quotes a thrown value that is not an Error', () => {
		expect(unreadableFile('storage offline').description).toMatch(/^n8n said: storage offline\. /);
	});
});
