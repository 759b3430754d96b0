/**
 * Error items on an n8n older than 2.36, which sends an item to the error output only when its
 * json is `{ error }` or `{ error, message }`. The version is read from n8n-workflow's
 * package.json; here it says 1.120 (what n8n 1.123 ships), and the real engine runs the node.
 * The real n8n 1.x suite (`npm run test:e2e:n8n1`) checks the same with n8n 1.x's own engine.
 */
import type { IDataObject } from 'n8n-workflow';

import { errorOutputKeepsDetails } from '../nodes/BaiduIocr/engine';
import { BAIDU_ERRORS } from '../nodes/BaiduIocr/transport/errors';
import { runBaidu } from './harness/run';
import { credentialsFor } from './harness/setup';
import { sampleItem, TEMPLATE, templateParams, useEmulator } from './node/helpers';

jest.mock('n8n-workflow/package.json', () => ({
	...jest.requireActual<IDataObject>('n8n-workflow/package.json'),
	version: '1.120.31',
}));

const emulator = useEmulator();

describe('which n8n keeps `details` on the error output', () => {
	it.each<[unknown, boolean]>([
		['1.120.31', false],
		['2.0.0', false],
		['2.35.2', false],
		['2.36.0', true],
		['2.41.0', true],
		['3.0.0', true],
		[undefined, false],
		['', false],
		['next', false],
	])('n8n-workflow %p → %p', (version, keeps) => {
		expect(errorOutputKeepsDetails(version)).toBe(keeps);
	});

	it('reads the version of the n8n-workflow n8n provides', () => {
		expect(errorOutputKeepsDetails()).toBe(false);
	});
});

describe('error items on an older n8n', () => {
	const items = () => [
		sampleItem('train-ticket.png', { sign: TEMPLATE.trainTicket }),
		sampleItem('train-ticket.png', { sign: TEMPLATE.unpublished }),
	];

	it('Continue (using error output): { error, message } with the advice, Baidu code and log id', async () => {
		const run = await runBaidu({
			items: items(),
			parameters: templateParams('={{ $json.sign }}', { output: 'document' }),
			credentials: credentialsFor(emulator().url),
			nodeOverrides: { onError: 'continueErrorOutput' },
		});

		expect(run.error).toBeUndefined();
		const [ok, errors] = run.main;
		expect(ok.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(errors).toHaveLength(1);
		expect(errors[0].pairedItem).toEqual({ item: 1 });
		const own = Object.keys(errors[0].json).filter((key) => key !== 'sign');
		expect(own.sort()).toEqual(['error', 'message']);
		expect(errors[0].json.error).toMatch(/^Item 1, file 'train-ticket\.png' \(data\): .*Baidu error 282004/);
		expect(errors[0].json.message).toMatch(
			new RegExp(`^${escape(BAIDU_ERRORS[282004].description)} \\(Baidu error 282004, log id \\d+\\)$`),
		);
	});

	it('Continue (regular output) keeps `details`: nothing is routed there', async () => {
		const run = await runBaidu({
			items: items(),
			parameters: templateParams('={{ $json.sign }}', { output: 'document' }),
			credentials: credentialsFor(emulator().url),
			nodeOverrides: { onError: 'continueRegularOutput' },
		});

		const [main] = run.main;
		expect(Object.keys(main[1].json).sort()).toEqual(['details', 'error']);
		expect((main[1].json.details as IDataObject).baiduErrorCode).toBe(282004);
	});
});

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
