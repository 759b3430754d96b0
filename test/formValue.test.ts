import { formValueLength, writeFormValue } from '../nodes/BaiduIocr/formValue';
import { randomBytes } from './input/build';

/** What the node must produce: the base64 of the file, urlencoded as a browser form would. */
const viaForm = (bytes: Buffer) =>
	new URLSearchParams({ image: bytes.toString('base64') }).toString().slice('image='.length);

describe('formValueLength / writeFormValue (the file encoded straight from its bytes)', () => {
	it.each([0, 1, 2, 3, 4, 5, 6, 7, 100, 49153, 300001])(
		'write exactly what URLSearchParams would, and measure it, on %i random bytes',
		(n) => {
			for (let seed = 1; seed <= 3; seed++) {
				const bytes = randomBytes(n, seed * 104729 + n);
				const expected = viaForm(bytes);
				expect(formValueLength(bytes)).toBe(expected.length);
				const target = Buffer.alloc(expected.length + 7, 0x2a);
				expect(writeFormValue(bytes, target, 3)).toBe(3 + expected.length);
				expect(target.subarray(3, 3 + expected.length).toString('latin1')).toBe(expected);
				// Nothing written outside its place.
				expect(target.subarray(0, 3).toString('latin1')).toBe('***');
				expect(target.subarray(3 + expected.length).toString('latin1')).toBe('****');
			}
		},
	);

	it('reads a Uint8Array view into a larger buffer, not the buffer around it', () => {
		const whole = randomBytes(200_000, 3);
		const view = new Uint8Array(whole.buffer, whole.byteOffset + 1001, 120_000);
		const expected = viaForm(whole.subarray(1001, 121_001));
		expect(formValueLength(view)).toBe(expected.length);
		const target = Buffer.alloc(expected.length);
		writeFormValue(view, target, 0);
		expect(target.toString('latin1')).toBe(expected);
	});

	it.each([
		['only digits that pass unchanged', Buffer.from('AAAAAA', 'latin1'), 'QUFBQUFB'],
		["'+' and '/' (three characters each)", Buffer.from([0xfb, 0xff, 0xbf]), '%2B%2F%2B%2F'],
		["one '=' of padding", Buffer.from('AB', 'latin1'), 'QUI%3D'],
		["two '=' of padding", Buffer.from('A', 'latin1'), 'QQ%3D%3D'],
	])('encodes %s', (_name, bytes, expected) => {
		expect(viaForm(bytes)).toBe(expected);
		const target = Buffer.alloc(expected.length);
		expect(formValueLength(bytes)).toBe(expected.length);
		writeFormValue(bytes, target, 0);
		expect(target.toString('latin1')).toBe(expected);
	});

	it('is exact on a 3 MB file: about 6% longer than its base64', () => {
		const bytes = randomBytes(3 * 1024 * 1024, 42);
		const expected = viaForm(bytes);
		const target = Buffer.alloc(formValueLength(bytes));
		expect(target.length).toBe(expected.length);
		writeFormValue(bytes, target, 0);
		expect(target.equals(Buffer.from(expected, 'latin1'))).toBe(true);
		// Random data: about 2 of 64 base64 characters expand.
		const base64Length = bytes.toString('base64').length;
		expect(target.length / base64Length).toBeGreaterThan(1.05);
		expect(target.length / base64Length).toBeLessThan(1.075);
	});
});
