import { BAIDU_LIMITS } from '../../nodes/BaiduIocr/input/limits';

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
