/**
 * A token's fingerprint (transport/token.ts): what the client compares to tell whether the
 * stored token changed, never the token itself.
 */
import { tokenFingerprint } from '../../nodes/BaiduIocr/transport/token';

describe('tokenFingerprint', () => {
	it.each([undefined, null, '', 42, { token: 'x' }])('%p is no token: empty', (value) => {
		expect(tokenFingerprint(value)).toBe('');
	});

	it('tells two tokens apart and never holds the token', () => {
		const first = tokenFingerprint('24.abc.2592000.1700000000.282335-1');
		expect(first).toMatch(/^[0-9a-f]{64}$/);
		expect(first).not.toContain('abc');
		expect(tokenFingerprint('24.abc.2592000.1700000000.282335-1')).toBe(first);
		expect(tokenFingerprint('24.abd.2592000.1700000000.282335-1')).not.toBe(first);
	});
});
