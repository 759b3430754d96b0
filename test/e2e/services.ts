/**
 * Redis and Postgres for the queue-mode scenario (queue.ts), as child processes on free loopback
 * ports in temporary folders: Debian's `redis-server`, and Debian's PostgreSQL run as its own user
 * (`postgres`, through `runuser`) with initdb/pg_ctl from /usr/lib/postgresql/<version>/bin.
 * Both are stopped and their folders removed by `stop()`, and also when this process exits for
 * any reason (an exit hook, so a failed or interrupted run leaves nothing running).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
	chownSync,
	existsSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort, REPO } from './n8n';

const cleanups = new Set<() => void>();
let hooked = false;

/** Runs `fn` when this process exits, unless it ran before (then `stop` removes it). */
export function onExit(fn: () => void): () => void {
	if (!hooked) {
		hooked = true;
		process.on('exit', () => {
			for (const cleanup of [...cleanups].reverse()) {
				try {
					cleanup();
				} catch {
					// the others must still run
				}
			}
		});
		for (const signal of ['SIGINT', 'SIGTERM'] as const)
			process.once(signal, () => process.exit(signal === 'SIGINT' ? 130 : 143));
	}
	let done = false;
	const once = () => {
		if (done) return;
		done = true;
		cleanups.delete(once);
		fn();
	};
	cleanups.add(once);
	return once;
}

/** Installs the Debian packages the scenario needs when missing (scripts/ensure-debian-packages.sh). */
export function ensureDebianPackages(...packages: string[]): void {
	execFileSync('bash', [join(REPO, 'scripts', 'ensure-debian-packages.sh'), ...packages], {
		stdio: ['ignore', 'ignore', 'inherit'],
	});
}

function tail(file: string, lines = 30): string {
	try {
		return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return `(no ${file})`;
	}
}

async function sleep(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}

export interface Redis {
	host: string;
	port: number;
	logFile: string;
	stop(): void;
}

/** Answers true once the server at host:port answers PING with PONG. */
async function redisPong(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		let text = '';
		const done = (ok: boolean) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(1000, () => done(false));
		socket.on('error', () => done(false));
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			text += chunk.toString('latin1');
			if (text.includes('\r\n')) done(text.startsWith('+PONG'));
		});
	});
}

/** `redis-server` on a free loopback port, nothing saved to disk. */
export async function startRedis(): Promise<Redis> {
	const dir = mkdtempSync(join(tmpdir(), 'baidu-iocr-redis-'));
	const logFile = join(dir, 'redis.log');
	const port = await freePort();
	const child: ChildProcess = spawn(
		'redis-server',
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
			'--logfile',
			logFile,
		],
		{ stdio: 'ignore' },
	);
	let exited: number | null = null;
	child.on('exit', (code) => (exited = code ?? -1));
	const stop = onExit(() => {
		if (exited === null) child.kill('SIGKILL');
		rmSync(dir, { recursive: true, force: true });
	});
	const deadline = Date.now() + 20_000;
	while (!(await redisPong(port))) {
		if (exited !== null || Date.now() > deadline) {
			const log = tail(logFile);
			stop();
			throw new Error(`redis-server did not start (exit ${exited}):\n${log}`);
		}
		await sleep(100);
	}
	return { host: '127.0.0.1', port, logFile, stop };
}

export interface Postgres {
	host: string;
	port: number;
	database: string;
	user: string;
	password: string;
	logFile: string;
	/** The whole database as SQL text (`pg_dump`). */
	dump(): string;
	/** Runs one statement with psql; rows as lines, columns separated by `|`. */
	query(sql: string): string;
	stop(): void;
}

/** The newest PostgreSQL's bin folder under /usr/lib/postgresql. */
function postgresBin(): string {
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root)
		? readdirSync(root)
				.filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (versions.length === 0) throw new Error(`no PostgreSQL with initdb under ${root}`);
	return join(root, versions[0], 'bin');
}

function idOf(flag: '-u' | '-g', user: string): number {
	return Number(execFileSync('id', [flag, user], { encoding: 'utf8' }).trim());
}

/**
 * A PostgreSQL cluster of its own in a temporary folder, run as the `postgres` user, listening on
 * a free loopback port (password login there) and on a socket in its folder; one database.
 */
export async function startPostgres(database = 'n8n'): Promise<Postgres> {
	const bin = postgresBin();
	const dir = mkdtempSync(join(tmpdir(), 'baidu-iocr-pg-'));
	const data = join(dir, 'data');
	const logFile = join(dir, 'postgres.log');
	const password = randomBytes(12).toString('hex');
	const pwFile = join(dir, 'pwfile');
	writeFileSync(pwFile, password, { mode: 0o600 });
	const uid = idOf('-u', 'postgres');
	const gid = idOf('-g', 'postgres');
	chownSync(dir, uid, gid);
	chownSync(pwFile, uid, gid);
	const asPostgres = (tool: string, args: string[], input?: string) =>
		execFileSync('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args], {
			cwd: dir,
			encoding: 'utf8',
			input,
			stdio: ['pipe', 'pipe', 'pipe'],
			maxBuffer: 512 * 1024 * 1024,
		});
	let started = false;
	const stop = onExit(() => {
		if (started) {
			try {
				asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', '30', 'stop']);
			} catch {
				// not running any more
			}
		}
		rmSync(dir, { recursive: true, force: true });
	});
	try {
		asPostgres('initdb', [
			'-D',
			data,
			'-U',
			'postgres',
			'-E',
			'UTF8',
			'--locale=C',
			'--auth-local=trust',
			'--auth-host=scram-sha-256',
			`--pwfile=${pwFile}`,
			'--no-instructions',
		]);
		rmSync(pwFile);
		let port = 0;
		// The port is free when chosen; another process may take it before postgres binds: retry.
		for (let attempt = 1; ; attempt++) {
			port = await freePort();
			const options = [
				`-p ${port}`,
				`-k ${dir}`,
				"-c listen_addresses='127.0.0.1'",
				// A throw-away cluster: no waiting for the disk.
				'-c fsync=off',
				'-c synchronous_commit=off',
				'-c full_page_writes=off',
			].join(' ');
			try {
				started = true;
				asPostgres('pg_ctl', ['-D', data, '-l', logFile, '-o', options, '-w', '-t', '60', 'start']);
				break;
			} catch (error) {
				started = false;
				if (attempt >= 3) throw error;
			}
		}
		asPostgres('createdb', ['-h', dir, '-p', String(port), '-U', 'postgres', database]);
		const connection = ['-h', dir, '-p', String(port), '-U', 'postgres'];
		return {
			host: '127.0.0.1',
			port,
			database,
			user: 'postgres',
			password,
			logFile,
			dump: () => asPostgres('pg_dump', [...connection, '--no-owner', database]),
			query: (sql) =>
				asPostgres('psql', [
					...connection,
					'-d',
					database,
					'-X',
					'-A',
					'-t',
					'-v',
					'ON_ERROR_STOP=1',
					'-c',
					sql,
				]),
			stop,
		};
	} catch (error) {
		const log = tail(logFile);
		stop();
		throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${log}`);
	}
}
