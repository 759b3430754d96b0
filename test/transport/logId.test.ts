import { logIdOf } from '../../nodes/BaiduIocr/transport/reply';
import { parseJsonLossless } from '../../nodes/BaiduIocr/transport/json';
import type { IDataObject } from 'n8n-workflow';

const parse = (text: string) => parseJsonLossless(text) as IDataObject;

describe('logIdOf: Baidu’s log id wherever the answer put it', () => {
	it.each([
		[
			'top-level log_id (19 digits, a JSON number)',
			'{"error_code":1,"log_id":8154177677564048123}',
		],
		['top-level logId', '{"error_code":1,"logId":"8154177677564048123"}'],
		[
			'data.logId only (an error answer)',
			'{"error_code":282004,"data":{"logId":"8154177677564048123"}}',
		],
		['data.log_id only', '{"data":{"ret":[],"log_id":8154177677564048123}}'],
	])('%s', (_where, text) => {
		expect(logIdOf(parse(text))).toBe('8154177677564048123');
	});

	it('prefers the top-level id to the one in data, as Baidu’s answers carry both', () => {
		expect(
			logIdOf(parse('{"data":{"logId":"153206517722624"},"log_id":8154177677564048123}')),
		).toBe('8154177677564048123');
	});

	it('skips empty or unusable values and says undefined when there is none', () => {
		expect(logIdOf(parse('{"log_id":"","data":{"logId":" 42 "}}'))).toBe('42');
		expect(logIdOf(parse('{"log_id":null,"data":[1]}'))).toBeUndefined();
		expect(logIdOf(parse('{"error_code":3}'))).toBeUndefined();
	});

	it('reads past a data that is null or not an object', () => {
		expect(logIdOf(parse('{"error_code":282000,"data":null}'))).toBeUndefined();
		expect(logIdOf(parse('{"error_code":282000,"data":"busy"}'))).toBeUndefined();
		expect(logIdOf(parse('{"log_id":7,"data":null}'))).toBe('7');
	});

	it('writes a number without exponent notation', () => {
		expect(logIdOf({ log_id: 1e21 })).toBe('1000000000000000000000');
	});
});
