/**
 * README's "Errors and what to do" table says what transport/errors.ts says: one row per code
 * (and one per message-dependent variant), with the node's action and the same advice. A change
 * to either without the other fails here.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

import { BAIDU_ERRORS, type ErrorAction } from '../../nodes/BaiduIocr/transport/errors';

const NODE_DOES: Record<ErrorAction, string> = {
	retry: 'retried with backoff',
	throttle: 'waited out (not counted)',
	refresh: 'token renewed, resent once',
	stop: 'run stops',
	fail: 'error for that document',
};

/** The table's rows as errors.ts words them, in code order. */
function expectedRows(): string[] {
	return Object.entries(BAIDU_ERRORS)
		.map(([code, entry]) => ({ code: Number(code), entry }))
		.sort((a, b) => a.code - b.code)
		.flatMap(({ code, entry }) => [
			`| ${code} | ${entry.message} | ${NODE_DOES[entry.action]} | ${entry.description} |`,
			...(entry.variants ?? []).map(
				(variant) =>
					`| ${code} (“${variant.label}”) | ${variant.message} | ${NODE_DOES[entry.action]} | ${variant.description} |`,
			),
		]);
}

function readmeRows(): string[] {
	const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
	const start = readme.indexOf('### Errors and what to do');
	expect(start).toBeGreaterThanOrEqual(0);
	const section = readme.slice(start, readme.indexOf('\n## ', start));
	return section.split('\n').filter((line) => /^\| \d/.test(line));
}

describe('README error table', () => {
	it('has one row per code and variant, with the node’s words', () => {
		expect(readmeRows()).toEqual(expectedRows());
	});
});
