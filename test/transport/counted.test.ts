/**
 * Which replies the client tells the limiter Baidu counted against the plan's QPS
 * (`answered({ counted })`). The limiter frees the place in its window of a request Baidu did
 * not count (test/transport/limiter.test.ts); this is the client's half of that contract.
 */
import { countedByBaidu, type Reply } from '../../nodes/BaiduIocr/transport/reply';

describe('countedByBaidu: what the plan’s QPS window holds', () => {
	it.each<[string, Reply | undefined, boolean]>([
		['a request never sent (the run was halted)', { kind: 'halted' }, false],
		[
			'an error 18 (QPS over the limit)',
			{ kind: 'baidu', code: 18, message: 'Open api qps request limit reached' },
			false,
		],
		[
			'an error 4 (the cluster over its limit)',
			{ kind: 'baidu', code: 4, message: 'Open api request limit reached' },
			false,
		],
		[
			'another Baidu error (a bad template)',
			{ kind: 'baidu', code: 272000, message: 'structure template not exist' },
			true,
		],
		[
			'a dead token (110)',
			{ kind: 'baidu', code: 110, message: 'Access token invalid or no longer valid' },
			true,
		],
		[
			'a used-up daily quota (17)',
			{ kind: 'baidu', code: 17, message: 'Open api daily request limit reached' },
			true,
		],
		['an answer', { kind: 'answer', answer: { data: {} } }, true],
		['a timeout (it may have arrived)', { kind: 'transport', what: 'timeout' }, true],
		['a failed token exchange', { kind: 'token', message: 'Baidu token exchange failed: x' }, true],
		['a request that threw before any reply', undefined, true],
	])('%s: counted %s', (_what, reply, counted) => {
		expect(countedByBaidu(reply)).toBe(counted);
	});
});
