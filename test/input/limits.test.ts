import {
	BAIDU_LIMITS,
	encodedFormLength,
	urlencodeBase64,
} from '../../nodes/BaiduIocr/input/limits';
import { randomBytes } from './build';

describe('BAIDU_LIMITS', () => {
	it('holds the documented limits', () => {
		expect(BAIDU_LIMITS).toEqual({
			maxEncodedBytes: 4194304,
			minSide: 15,
			maxSide: 4096,
			maxUrlBytes: 1024,
		});
	});
});

describe('encodedFormLength / urlencodeBase64', () => {
	it.each([0, 1, 2, 3, 4, 5, 100, 1000, 65537])(
		'match encodeURIComponent and URLSearchParams on %i random bytes',
		(n) => {
			for (let seed = 1; seed <= 5; seed++) {
				const base64 = randomBytes(n, seed * 7919 + n).toString('base64');
				const viaComponent = encodeURIComponent(base64);
				const viaForm = new URLSearchParams({ image: base64 }).toString().slice('image='.length);
				expect(viaForm).toBe(viaComponent);
				expect(urlencodeBase64(base64)).toBe(viaForm);
				expect(encodedFormLength(base64)).toBe(viaForm.length);
			}
		},
	);

	it('counts +, / and = as three characters each, everything else as one', () => {
		expect(encodedFormLength('')).toBe(0);
		expect(encodedFormLength('QUFB')).toBe(4);
		expect(encodedFormLength('++//')).toBe(12);
		expect(encodedFormLength('QQ==')).toBe(8);
		expect(urlencodeBase64('a+b/c=')).toBe('a%2Bb%2Fc%3D');
	});

	it('is exact on a multi-megabyte string and handles it quickly', () => {
		const base64 = randomBytes(3 * 1024 * 1024, 42).toString('base64');
		const started = Date.now();
		const encoded = urlencodeBase64(base64);
		const length = encodedFormLength(base64);
		expect(Date.now() - started).toBeLessThan(2000);
		expect(encoded).toBe(encodeURIComponent(base64));
		expect(length).toBe(encoded.length);
		// Random data: about 2 of 64 base64 characters expand, so the encoded form is ~6% longer.
		expect(length / base64.length).toBeGreaterThan(1.05);
		expect(length / base64.length).toBeLessThan(1.075);
	});
});
