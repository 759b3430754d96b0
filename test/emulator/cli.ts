/**
 * `npm run emulator [-- --port 8787 --qps 2 --latency 100 --daily-quota 500 --fixtures file.json]`
 * Runs the Baidu iOCR emulator until SIGINT/SIGTERM and prints what a user needs to
 * point a credential at it.
 */
import { builtinFixtures, DEFAULT_FIXTURES_PATH, loadFixtures } from './fixtures';
import { startEmulator } from './server';
import type { EmulatorOptions, Fixtures } from './types';
import { existsSync } from 'fs';

interface CliArgs {
	port: number;
	host: string;
	qps: number | null;
	dailyQuota: number | null;
	latencyMs: number;
	fixtures: string | null;
}

const USAGE =
	'usage: tsx test/emulator/cli.ts [--port 8787] [--host 127.0.0.1] [--qps N] [--daily-quota N] [--latency MS] [--fixtures FILE]';

function parseArgs(argv: string[]): CliArgs {
	const args: CliArgs = { port: 8787, host: '127.0.0.1', qps: null, dailyQuota: null, latencyMs: 0, fixtures: null };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2);
		const value = () => {
			const text = inline ?? argv[++i];
			if (text === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
			return text;
		};
		const num = () => {
			const n = Number(value());
			if (!Number.isFinite(n) || n < 0) throw new Error(`${flag} needs a non-negative number\n${USAGE}`);
			return n;
		};
		switch (flag) {
			case '--port':
				args.port = num();
				break;
			case '--host':
				args.host = value();
				break;
			case '--qps':
				args.qps = num();
				break;
			case '--daily-quota':
				args.dailyQuota = num();
				break;
			case '--latency':
				args.latencyMs = num();
				break;
			case '--fixtures':
				args.fixtures = value();
				break;
			case '--help':
			case '-h':
				console.log(USAGE);
				process.exit(0);
				break;
			default:
				throw new Error(`unknown option ${argv[i]}\n${USAGE}`);
		}
	}
	return args;
}

async function main(): Promise<void> {
	const args = parseArgs(process.argv.slice(2));
	let fixtures: Fixtures;
	if (args.fixtures) fixtures = loadFixtures(args.fixtures);
	else if (existsSync(DEFAULT_FIXTURES_PATH)) fixtures = loadFixtures();
	else {
		console.warn(`${DEFAULT_FIXTURES_PATH} not found; using the built-in fixtures`);
		fixtures = builtinFixtures();
	}
	const options: EmulatorOptions = {
		port: args.port,
		host: args.host,
		qps: args.qps,
		dailyQuota: args.dailyQuota,
		latency: { ms: args.latencyMs },
		fixtures,
	};
	const emulator = await startEmulator(options);

	const lines = [
		`Baidu iOCR emulator listening on ${emulator.url}`,
		`  token:    ${emulator.url}/oauth/2.0/token`,
		`  general:  ${emulator.url}/rest/2.0/solution/v1/iocr/recognise`,
		`  finance:  ${emulator.url}/rest/2.0/solution/v1/iocr/recognise/finance`,
		`  limits:   qps ${args.qps ?? 'unlimited'}, daily quota ${args.dailyQuota ?? 'unlimited'}, latency ${args.latencyMs} ms`,
		'',
		'Apps (API Key / Secret Key):',
		...fixtures.apps.map(
			(app) => `  ${String(app.appId).padEnd(6)} ${app.apiKey} / ${app.secretKey}${app.iocr ? '' : '   (no iOCR permission: error 6)'}`,
		),
		'',
		'Templates:',
		...fixtures.templates.map(
			(t) =>
				`  ${t.templateSign}  ${t.edition.padEnd(7)} app ${String(t.appId).padEnd(6)} ${t.published ? '' : '[unpublished] '}${t.name}`,
		),
		'',
		'Classifiers:',
		...fixtures.classifiers.map(
			(c) => `  ${String(c.classifierId).padEnd(10)} ${c.edition.padEnd(7)} app ${String(c.appId).padEnd(6)} ${c.name} (${c.templates.length} templates)`,
		),
		'',
		`Recordings: ${fixtures.recordings.length} (${fixtures.missingSamples?.length ?? 0} without a sample file)`,
		'Ctrl+C to stop.',
	];
	console.log(lines.join('\n'));

	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal}: stopping (${emulator.requests.length} requests served)`);
		void emulator.close().then(() => process.exit(0));
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
