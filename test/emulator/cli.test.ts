/**
 * `npm run emulator`: starts on the given port, prints the URL, keys and ids, applies
 * --qps, and stops cleanly on SIGINT and SIGTERM; a bad option exits with the usage.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'child_process';
import * as path from 'path';

import { agent, b64, call, form, png, recognise, TOKEN_PATH } from './testkit';
import type { Emulator } from './types';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

interface Running {
	child: ChildProcessWithoutNullStreams;
	url: string;
	output: () => string;
	exit: Promise<number | null>;
}

function run(args: string[]): Running & { ready: Promise<void> } {
	const child = spawn(TSX, [path.join(__dirname, 'cli.ts'), ...args], { cwd: ROOT });
	let output = '';
	const running = {
		child,
		url: '',
		output: () => output,
		exit: new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code))),
		ready: Promise.resolve(),
	};
	running.ready = new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 20000);
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			const match = /listening on (http:\/\/\S+)/.exec(output);
			if (match && /Ctrl\+C/.test(output)) {
				running.url = match[1];
				clearTimeout(timer);
				resolve();
			}
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.on('exit', () => {
			clearTimeout(timer);
			resolve();
		});
	});
	return running;
}

afterAll(() => agent.close());

describe('cli', () => {
	it('serves on --port 0, prints keys and ids, honours --qps, stops on SIGINT', async () => {
		const cli = run(['--port', '0', '--qps', '1']);
		await cli.ready;
		expect(cli.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		const printed = cli.output();
		expect(printed).toContain('demo-api-key / demo-secret-key');
		expect(printed).toContain('noperm-api-key');
		expect(printed).toMatch(/Templates:\n\s+[0-9a-f]{32}/);
		expect(printed).toMatch(/Classifiers:\n\s+\S+/);
		expect(printed).toContain('qps 1');

		const tokenReply = await call(
			`${cli.url}${TOKEN_PATH}`,
			form({ grant_type: 'client_credentials', client_id: 'demo-api-key', client_secret: 'demo-secret-key' }),
		);
		expect(tokenReply.status).toBe(200);
		const templateSign = /Templates:\n\s+([0-9a-f]{32})/.exec(printed)?.[1] ?? '';
		const asEmulator = { url: cli.url } as Emulator;
		const params = { image: b64(png(20, 20)), templateSign };
		const replies = await Promise.all([1, 2].map(() => recognise(asEmulator, tokenReply.json.access_token, params)));
		expect(replies.map((reply) => reply.json.error_code).sort()).toEqual([0, 18]);

		cli.child.kill('SIGINT');
		expect(await cli.exit).toBe(0);
		expect(cli.output()).toContain('SIGINT: stopping');
	});

	it('stops on SIGTERM', async () => {
		const cli = run(['--port=0']);
		await cli.ready;
		cli.child.kill('SIGTERM');
		expect(await cli.exit).toBe(0);
		expect(cli.output()).toContain('SIGTERM: stopping');
	});

	it('exits 1 with the usage on an unknown option', async () => {
		const cli = run(['--bogus']);
		expect(await cli.exit).toBe(1);
		expect(cli.output()).toContain('usage:');
	});
});
