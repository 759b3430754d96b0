/**
 * Queue mode, for real (issue 12): n8n main with EXECUTIONS_MODE=queue and two `n8n worker`
 * processes, on Redis and Postgres of their own (services.ts), binary data in Postgres (n8n 2.x's
 * mode for queue mode), the package installed as run.ts installs it. Two webhook workflows with the
 * node: one document per call (called 20 times at once) and three attachments per item (called
 * three times beside them). Three such batches against one emulator: a fresh credential, a second
 * batch, and one during which every token is revoked. Run by run.ts after its own checks; its
 * checks go into the same report. Logs go to files; their tails are printed when a check fails.
 */
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import {
	closeSync,
	cpSync,
	existsSync,
	mkdtempSync,
	openSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startEmulator } from '../emulator';
import { png } from '../emulator/testkit';
import type { Emulator, RequestLogEntry } from '../emulator/types';
import {
	freePort,
	importJson,
	n8nCli,
	n8nCliAsync,
	prepareUserFolder,
	QUIET_SERVER_ENV,
	type N8nInstall,
} from './n8n';
import type { Report } from './report';
import {
	startPostgres,
	startRedis,
	ensureDebianPackages,
	onExit,
	type Postgres,
	type Redis,
} from './services';
import { baidu, DEMO_KEYS, emulatorCredential, TEMPLATES, workflow } from './workflows';

/** The plan the credential states, and the rate the emulator enforces (error 18 above it). */
const PLAN_QPS = 10;
/** Baidu's service time, so that requests overlap as they do for real. */
const SERVICE_MS = 100;
const SINGLE_CALLS = 20;
const ATTACHMENT_CALLS = 3;
const ATTACHMENTS = 3;
const WORKERS = 2;
const SINGLE_PATH = 'baidu-iocr-queue-one';
const ATTACHMENTS_PATH = 'baidu-iocr-queue-attachments';
const CALL_TIMEOUT_MS = 120_000;

/** One n8n process of the set-up: its folder, its log files and the child. */
interface N8nProcess {
	name: string;
	install: N8nInstall;
	stdioLog: string;
	child: ChildProcess;
	stop(): Promise<void>;
}

function webhookWorkflow(
	id: string,
	name: string,
	path: string,
	recognise: ReturnType<typeof baidu>,
	respond: string,
) {
	const hook = {
		id: `${id}-hook`,
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2.1,
		position: [0, 0] as [number, number],
		webhookId: randomUUID(),
		parameters: {
			httpMethod: 'POST',
			path,
			responseMode: 'lastNode',
			responseData: respond,
			options: {},
		},
	};
	return { ...workflow(id, name, [hook, recognise], [['Webhook', recognise.name]]), active: true };
}

function queueWorkflows() {
	return [
		webhookWorkflow(
			'wfBaiduQueueOne',
			'Baidu iOCR queue: one document per call',
			SINGLE_PATH,
			baidu('Recognise', {
				operation: 'recognizeTemplate',
				templateSign: TEMPLATES.trainTicket,
				output: 'document',
			}),
			'firstEntryJson',
		),
		webhookWorkflow(
			'wfBaiduQueueAttachments',
			'Baidu iOCR queue: attachments',
			ATTACHMENTS_PATH,
			baidu('Recognise Attachments', {
				operation: 'recognizeTemplate',
				templateSign: TEMPLATES.trainTicket,
				binarySelection: 'all',
				output: 'document',
			}),
			'allEntries',
		),
	];
}

function hashOf(bytes: Buffer): string {
	return createHash('sha256').update(bytes).digest('hex').slice(0, 12);
}

/** The 12 hex digits of the file's sha256 the emulator logged for a request. */
function loggedHash(entry: RequestLogEntry): string | undefined {
	return /sha256:([0-9a-f]{12})/.exec(entry.params.image ?? '')?.[1];
}

function tail(file: string, lines = 25): string {
	try {
		return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '(none)';
	}
}

async function sleep(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}

/** An n8n process (main or worker) on the shared database, in its own user folder, logging to files. */
async function startN8nProcess(
	name: string,
	install: N8nInstall,
	args: string[],
	readyUrl: string,
	env: NodeJS.ProcessEnv,
): Promise<N8nProcess> {
	const stdioLog = join(install.userFolder, `${name}.stdio.log`);
	const fd = openSync(stdioLog, 'a');
	// Its own process group: the task runner n8n starts goes with it when it has to be killed.
	const child = spawn('n8n', args, {
		env: { ...install.env, ...env },
		stdio: ['ignore', fd, fd],
		detached: true,
	});
	closeSync(fd);
	let exited: number | null = null;
	child.on('exit', (code) => (exited = code ?? -1));
	const kill = () => {
		if (exited !== null || child.pid === undefined) return;
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {
			// already gone
		}
	};
	const killOnExit = onExit(kill);
	const stop = async () => {
		if (exited === null) {
			const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
			child.kill('SIGTERM');
			const timer = setTimeout(kill, 20_000);
			await gone;
			clearTimeout(timer);
		}
		killOnExit();
	};
	const deadline = Date.now() + 180_000;
	for (;;) {
		if (exited !== null)
			throw new Error(
				`n8n ${name} exited (${exited}) while starting:\n${tail(install.logFile)}\n${tail(stdioLog)}`,
			);
		if (Date.now() > deadline) {
			await stop();
			throw new Error(
				`n8n ${name} was not ready within 180 s:\n${tail(install.logFile)}\n${tail(stdioLog)}`,
			);
		}
		const ready = await fetch(readyUrl).then(
			(response) => response.ok,
			() => false,
		);
		if (ready) break;
		await sleep(500);
	}
	return { name, install, stdioLog, child, stop };
}

/**
 * Main answers its readiness check before it has registered the active workflows' webhooks: wait
 * until their rows are in the database (a probe request would log an error for each miss).
 */
async function waitForWebhooks(db: Postgres, paths: string[]): Promise<void> {
	const deadline = Date.now() + 60_000;
	const list = paths.map((path) => `'${path}'`).join(', ');
	for (;;) {
		const found = Number(
			db.query(`SELECT count(*) FROM webhook_entity WHERE "webhookPath" IN (${list})`).trim(),
		);
		if (found === paths.length) return;
		if (Date.now() > deadline)
			throw new Error(`main registered ${found} of the ${paths.length} webhooks within 60 s`);
		await sleep(250);
	}
}

/** Another user folder with the package installed as in `base` (a copy of its nodes folder). */
function userFolderLike(base: N8nInstall, name: string): N8nInstall {
	const userFolder = mkdtempSync(join(tmpdir(), `baidu-iocr-n8n-${name}-`));
	cpSync(join(base.userFolder, '.n8n', 'nodes'), join(userFolder, '.n8n', 'nodes'), {
		recursive: true,
	});
	const logFile = join(userFolder, 'n8n.log');
	return {
		...base,
		userFolder,
		logFile,
		env: { ...base.env, N8N_USER_FOLDER: userFolder, N8N_LOG_FILE_LOCATION: logFile },
	};
}

interface Documents {
	singles: Buffer[];
	attachments: Buffer[][];
}

function documentsFor(batch: number): Documents {
	let seed = batch * 100;
	return {
		singles: Array.from({ length: SINGLE_CALLS }, () => png(64, 48, seed++)),
		attachments: Array.from({ length: ATTACHMENT_CALLS }, () =>
			Array.from({ length: ATTACHMENTS }, () => png(64, 48, seed++)),
		),
	};
}

interface CallResult {
	status: number;
	body: unknown;
	error?: string;
}

async function call(url: string, init: RequestInit): Promise<CallResult> {
	try {
		const response = await fetch(url, { ...init, signal: AbortSignal.timeout(CALL_TIMEOUT_MS) });
		const text = await response.text();
		let body: unknown = text;
		try {
			body = JSON.parse(text);
		} catch {
			// not JSON: kept as text for the message
		}
		return { status: response.status, body };
	} catch (error) {
		return { status: 0, body: undefined, error: (error as Error).message };
	}
}

interface BatchResult {
	docs: Documents;
	singles: CallResult[];
	attachments: CallResult[];
	singlesWallMs: number;
	wallMs: number;
	firstSeq: number;
}

/** Sends one batch: every one-document call and every attachments call at once. */
async function runBatch(base: string, docs: Documents, emulator: Emulator): Promise<BatchResult> {
	const firstSeq = emulator.requests.length;
	const started = Date.now();
	let singlesDone = 0;
	const singles = Promise.all(
		docs.singles.map((bytes, i) =>
			call(`${base}/webhook/${SINGLE_PATH}`, {
				method: 'POST',
				headers: {
					'content-type': 'image/png',
					'content-disposition': `attachment; filename="doc-${i}.png"`,
				},
				body: new Uint8Array(bytes),
			}),
		),
	).then((results) => {
		singlesDone = Date.now();
		return results;
	});
	const attachments = Promise.all(
		docs.attachments.map((files, i) => {
			const form = new FormData();
			files.forEach((bytes, k) =>
				form.append(
					`attachment_${k}`,
					new Blob([new Uint8Array(bytes)], { type: 'image/png' }),
					`mail-${i}-${k}.png`,
				),
			);
			return call(`${base}/webhook/${ATTACHMENTS_PATH}`, { method: 'POST', body: form });
		}),
	);
	const [singleResults, attachmentResults] = await Promise.all([singles, attachments]);
	return {
		docs,
		singles: singleResults,
		attachments: attachmentResults,
		singlesWallMs: singlesDone - started,
		wallMs: Date.now() - started,
		firstSeq,
	};
}

interface DocumentAnswer {
	document?: { logId?: string; source?: Record<string, unknown> };
}

/**
 * Every document of the batch answered exactly once: Baidu (the emulator) answered each file
 * successfully once, and the webhook's answer for it carries that answer's log id, in order.
 */
function assertEachAnsweredOnce(result: BatchResult, emulator: Emulator, label: string): void {
	const entries = emulator.requests.slice(result.firstSeq).filter((e) => e.endpoint !== 'token');
	const successes = new Map<string, RequestLogEntry[]>();
	for (const entry of entries) {
		if (entry.errorCode !== 0) continue;
		const hash = loggedHash(entry) ?? '?';
		successes.set(hash, [...(successes.get(hash) ?? []), entry]);
	}
	const problems: string[] = [];
	const expectOne = (bytes: Buffer, answer: DocumentAnswer | undefined, what: string) => {
		const hash = hashOf(bytes);
		const answered = successes.get(hash) ?? [];
		if (answered.length !== 1) problems.push(`${what}: answered ${answered.length} times by Baidu`);
		const logId = answer?.document?.logId;
		if (answered.length > 0 && !answered.some((e) => e.logId === logId || e.dataLogId === logId))
			problems.push(
				`${what}: the webhook's answer (log id ${logId}) is not Baidu's answer for this file`,
			);
		successes.delete(hash);
	};
	result.singles.forEach((res, i) => {
		if (res.status !== 200)
			problems.push(
				`call ${i}: HTTP ${res.status} ${res.error ?? JSON.stringify(res.body).slice(0, 300)}`,
			);
		expectOne(result.docs.singles[i], res.body as DocumentAnswer, `document ${i}`);
	});
	result.attachments.forEach((res, i) => {
		const answers = Array.isArray(res.body) ? (res.body as DocumentAnswer[]) : [];
		if (res.status !== 200 || answers.length !== ATTACHMENTS)
			problems.push(
				`attachments call ${i}: HTTP ${res.status}, ${answers.length} documents ${res.error ?? JSON.stringify(res.body).slice(0, 300)}`,
			);
		result.docs.attachments[i].forEach((bytes, k) => {
			const answer = answers[k];
			if (answer?.document?.source?.binaryProperty !== `attachment_${k}`)
				problems.push(
					`attachments call ${i}: document ${k} is ${String(answer?.document?.source?.binaryProperty)}`,
				);
			expectOne(bytes, answer, `attachment ${i}.${k}`);
		});
	});
	for (const [hash, extra] of successes)
		problems.push(`a file nobody sent in this batch (${hash}) answered ${extra.length} times`);
	const shown = problems
		.slice(0, 8)
		.concat(problems.length > 8 ? [`… and ${problems.length - 8} more`] : []);
	assert.equal(problems.length, 0, `${label}:\n${shown.join('\n')}`);
}

function count(entries: RequestLogEntry[], code: number): number {
	return entries.filter((e) => e.endpoint !== 'token' && e.errorCode === code).length;
}

function filesBelow(dir: string): string[] {
	const out: string[] = [];
	for (const entry of readdirSync(dir)) {
		const path = join(dir, entry);
		if (statSync(path).isDirectory()) {
			if (entry !== 'node_modules') out.push(...filesBelow(path));
		} else out.push(path);
	}
	return out;
}

/**
 * The scenario. `cache` is the n8n install (ensureN8n); `check` is the report's. Everything it
 * starts is stopped and removed at the end, whatever happened (KEEP_E2E=1 keeps the folders).
 */
export async function checkQueueMode(cache: string, check: Report['check']): Promise<void> {
	const started = Date.now();
	const figure = (text: string) => console.log(`  · ${text}`);
	let anyFailed = false;
	const step = async (name: string, fn: () => void | Promise<void>) => {
		const ok = await check(name, fn);
		anyFailed ||= !ok;
		return ok;
	};

	let redis: Redis | undefined;
	let postgres: Postgres | undefined;
	let emulator: Emulator | undefined;
	const folders: string[] = [];
	const processes: N8nProcess[] = [];
	let mainUrl = '';
	let main: N8nInstall | undefined;
	const workers: N8nInstall[] = [];
	const batches: BatchResult[] = [];

	try {
		const up = await step(
			`queue mode: Redis, Postgres, n8n main (EXECUTIONS_MODE=queue) and ${WORKERS} workers start, binary data mode "database"`,
			async () => {
				ensureDebianPackages('redis-server', 'postgresql');
				[redis, postgres, emulator] = await Promise.all([
					startRedis(),
					startPostgres(),
					startEmulator({ quiet: true, qps: PLAN_QPS, latency: { ms: SERVICE_MS, jitterMs: 40 } }),
				]);
				const base = prepareUserFolder(cache);
				folders.push(base.userFolder);
				const shared: NodeJS.ProcessEnv = {
					...QUIET_SERVER_ENV,
					// info: the workers log each execution they run ("Worker started execution").
					N8N_LOG_LEVEL: 'info',
					EXECUTIONS_MODE: 'queue',
					QUEUE_BULL_REDIS_HOST: redis.host,
					QUEUE_BULL_REDIS_PORT: String(redis.port),
					DB_TYPE: 'postgresdb',
					DB_POSTGRESDB_HOST: postgres.host,
					DB_POSTGRESDB_PORT: String(postgres.port),
					DB_POSTGRESDB_DATABASE: postgres.database,
					DB_POSTGRESDB_USER: postgres.user,
					DB_POSTGRESDB_PASSWORD: postgres.password,
					// n8n 2.x's default in queue mode; said explicitly.
					N8N_DEFAULT_BINARY_DATA_MODE: 'database',
					OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
				};
				main = { ...base, env: { ...base.env, ...shared } };
				for (let w = 1; w <= WORKERS; w++) {
					const worker = userFolderLike(main, `worker${w}`);
					folders.push(worker.userFolder);
					workers.push(worker);
				}
				// The credential (the plan's rate in it) and the workflows go in before the processes
				// start; the first command also creates n8n's tables.
				const [credential] = emulatorCredential(emulator.url);
				importJson(main, 'credentials', [
					{ ...credential, data: { ...credential.data, planQps: PLAN_QPS } },
				]);
				const file = join(main.userFolder, 'queue-workflows.json');
				writeFileSync(file, JSON.stringify(queueWorkflows()));
				const imported = n8nCli(main, ['import:workflow', `--input=${file}`]);
				rmSync(file, { force: true });
				assert.equal(
					imported.status,
					0,
					`import:workflow failed: ${imported.stderr.slice(-1500)}${imported.stdout.slice(-1500)}`,
				);
				// Imported workflows are inactive (`--activeState=fromJson` needs an owner to activate
				// them, and there is none yet): publish each, as an admin would from the shell.
				const mainInstall = main;
				const published = await Promise.all(
					queueWorkflows().map(
						async (wf) => await n8nCliAsync(mainInstall, ['publish:workflow', `--id=${wf.id}`]),
					),
				);
				for (const result of published)
					assert.equal(
						result.status,
						0,
						`publish:workflow failed: ${result.stderr.slice(-1500)}${result.stdout.slice(-1500)}`,
					);

				// Main's port, its task broker's, and per worker its health server's and broker's;
				// chosen together, so none is handed out twice.
				const [mainPort, ...ports] = await Promise.all(
					Array.from({ length: 2 + WORKERS * 2 }, async () => await freePort()),
				);
				mainUrl = `http://127.0.0.1:${mainPort}`;
				const starting = [
					startN8nProcess('main', mainInstall, ['start'], `${mainUrl}/healthz/readiness`, {
						N8N_PORT: String(mainPort),
						N8N_LISTEN_ADDRESS: '127.0.0.1',
						N8N_HOST: '127.0.0.1',
						N8N_RUNNERS_BROKER_PORT: String(ports[0]),
					}),
					...workers.map((worker, w) =>
						startN8nProcess(
							`worker${w + 1}`,
							worker,
							['worker', '--concurrency=10'],
							`http://127.0.0.1:${ports[1 + w * 2]}/healthz/readiness`,
							{
								QUEUE_HEALTH_CHECK_ACTIVE: 'true',
								QUEUE_HEALTH_CHECK_PORT: String(ports[1 + w * 2]),
								N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
								N8N_RUNNERS_BROKER_PORT: String(ports[2 + w * 2]),
							},
						),
					),
				];
				const settled = await Promise.allSettled(starting);
				for (const result of settled)
					if (result.status === 'fulfilled') processes.push(result.value);
				const failed = settled.find((result) => result.status === 'rejected');
				if (failed) throw failed.reason;
				await waitForWebhooks(postgres, [SINGLE_PATH, ATTACHMENTS_PATH]);
				figure(
					`set-up (Redis, Postgres, n8n's tables, imports, main and ${WORKERS} workers): ${((Date.now() - started) / 1000).toFixed(1)} s`,
				);
			},
		);
		if (!up || !emulator || !postgres) return;
		const baidu = emulator;
		const db = postgres;

		// Batch 1: a fresh credential (no token stored yet).
		const first = await runBatch(mainUrl, documentsFor(1), baidu);
		batches.push(first);
		const afterFirst = baidu.tokenExchanges;
		const describe = (name: string, result: BatchResult) => {
			const entries = baidu.requests.slice(result.firstSeq);
			const recognitions = entries.filter((e) => e.endpoint !== 'token').length;
			figure(
				`${name}: the ${SINGLE_CALLS} webhook calls ${(result.singlesWallMs / 1000).toFixed(1)} s, whole batch ${(result.wallMs / 1000).toFixed(1)} s; ` +
					`${recognitions} requests to Baidu for ${SINGLE_CALLS + ATTACHMENT_CALLS * ATTACHMENTS} documents, errors 18: ${count(entries, 18)}, ` +
					`110: ${count(entries, 110)}, token exchanges: ${entries.filter((e) => e.endpoint === 'token').length}`,
			);
		};
		describe('batch 1 (fresh credential)', first);
		await step(
			`batch 1: ${SINGLE_CALLS} one-document webhook calls at once and ${ATTACHMENT_CALLS} calls with ${ATTACHMENTS} attachments beside them: every document answered once, none lost or duplicated`,
			() => assertEachAnsweredOnce(first, baidu, 'batch 1'),
		);
		await step(
			`a fresh credential costs at most one token exchange per worker (≤ ${WORKERS}); measured ${afterFirst}`,
			() => {
				assert.ok(afterFirst >= 1 && afterFirst <= WORKERS, `${afterFirst} token exchanges`);
			},
		);

		// Batch 2: the token n8n stored in Postgres serves both workers.
		const second = await runBatch(mainUrl, documentsFor(2), baidu);
		batches.push(second);
		const afterSecond = baidu.tokenExchanges;
		describe('batch 2', second);
		await step('batch 2: every document answered once, none lost or duplicated', () =>
			assertEachAnsweredOnce(second, baidu, 'batch 2'),
		);
		await step(
			`a second batch reuses the stored token: no token exchange (measured ${afterSecond - afterFirst})`,
			() => {
				assert.equal(afterSecond - afterFirst, 0);
			},
		);

		// Batch 3: every token revoked while the batch runs.
		let revokedAt: number | undefined;
		const thirdDocs = documentsFor(3);
		const firstSeq = baidu.requests.length;
		const watch = (async () => {
			const deadline = Date.now() + CALL_TIMEOUT_MS;
			while (revokedAt === undefined && Date.now() < deadline) {
				const answered = baidu.requests
					.slice(firstSeq)
					.filter((e) => e.endpoint !== 'token' && e.errorCode === 0).length;
				if (answered >= 6) {
					baidu.revokeTokens();
					revokedAt = baidu.tokenExchanges;
					break;
				}
				await sleep(5);
			}
		})();
		const third = await runBatch(mainUrl, thirdDocs, baidu);
		await watch;
		batches.push(third);
		describe('batch 3 (every token revoked after 6 answers)', third);
		const afterRevoke = baidu.tokenExchanges - (revokedAt ?? baidu.tokenExchanges);
		figure(
			`token exchanges after the revoke: ${afterRevoke} (ideal 1: one worker renews, the other picks the stored token up)`,
		);
		await step(
			'batch 3, tokens revoked mid-batch: every document still answered once, none lost or duplicated',
			() => {
				assert.ok(
					revokedAt !== undefined,
					'the batch ended before 6 documents were answered: nothing was revoked',
				);
				assert.ok(
					count(baidu.requests.slice(third.firstSeq), 110) > 0,
					'no request met the revoked token',
				);
				assertEachAnsweredOnce(third, baidu, 'batch 3');
			},
		);
		await step(
			`the renewed token reaches both workers: at most ${WORKERS} exchanges after the revoke (measured ${afterRevoke})`,
			() => {
				assert.ok(revokedAt !== undefined, 'nothing was revoked');
				assert.ok(
					afterRevoke >= 1 && afterRevoke <= WORKERS,
					`${afterRevoke} token exchanges after the revoke`,
				);
			},
		);

		await step(
			`executions ran on both workers, every one succeeded (Postgres), binary data stored in Postgres`,
			() => {
				const perWorker = workers.map(
					(w) => (readFileSync(w.logFile, 'utf8').match(/Worker started execution/g) ?? []).length,
				);
				figure(`executions per worker: ${perWorker.join(' / ')}`);
				for (const [w, n] of perWorker.entries())
					assert.ok(n > 0, `worker ${w + 1} ran no execution`);
				const executions = batches.length * (SINGLE_CALLS + ATTACHMENT_CALLS);
				assert.equal(
					perWorker.reduce((a, b) => a + b, 0),
					executions,
					'executions started by the workers',
				);
				const statuses = db
					.query('SELECT status, count(*) FROM execution_entity GROUP BY status')
					.trim();
				assert.equal(statuses, `success|${executions}`, `executions by status: ${statuses}`);
				const binaries = Number(
					db.query(`SELECT count(*) FROM binary_data WHERE "sourceType" = 'execution'`).trim(),
				);
				figure(`binary data rows in Postgres: ${binaries}`);
				assert.ok(
					binaries >= batches.length * (SINGLE_CALLS + ATTACHMENT_CALLS * ATTACHMENTS),
					`${binaries} binary data rows`,
				);
				for (const folder of folders) {
					const storage = join(folder, '.n8n', 'storage');
					const onDisk = existsSync(storage) ? filesBelow(storage) : [];
					assert.deepEqual(onDisk, [], `binary data on disk in ${storage}`);
				}
			},
		);

		await step(
			'the Secret Key and every issued token appear nowhere in Postgres (dump and binary data) nor in the logs of main and workers',
			async () => {
				for (const p of processes) await p.stop();
				const secrets = [DEMO_KEYS.secretKey, ...baidu.issuedTokens];
				assert.ok(baidu.issuedTokens.length >= 2, `${baidu.issuedTokens.length} tokens issued`);
				const places: Array<[string, string]> = [['pg_dump', db.dump()]];
				const hex = db
					.query("SELECT encode(data, 'hex') FROM binary_data")
					.split('\n')
					.filter(Boolean);
				places.push([
					'binary_data',
					hex.map((h) => Buffer.from(h, 'hex').toString('latin1')).join('\n'),
				]);
				const files = folders.flatMap((folder) =>
					filesBelow(folder).filter((f) => !f.includes(join('.n8n', 'nodes'))),
				);
				files.push(db.logFile, ...(redis ? [redis.logFile] : []));
				for (const file of files) places.push([file, readFileSync(file).toString('latin1')]);
				assert.ok(
					places.some(([name]) => name.endsWith('n8n.log')),
					'no n8n log found',
				);
				for (const [name, content] of places)
					for (const secret of secrets)
						assert.ok(!content.includes(secret), `${secret.slice(0, 6)}… found in ${name}`);
			},
		);
	} finally {
		for (const p of processes) await p.stop().catch(() => undefined);
		if (anyFailed) {
			const logs: Array<[string, string]> = processes.map((p) => [p.name, p.install.logFile]);
			for (const p of processes) logs.push([`${p.name} stdout/stderr`, p.stdioLog]);
			if (postgres) logs.push(['postgres', postgres.logFile]);
			if (redis) logs.push(['redis', redis.logFile]);
			for (const [name, file] of logs)
				console.log(`\n--- ${name} (${file}), last lines:\n${tail(file)}`);
		}
		await emulator?.close();
		postgres?.stop();
		redis?.stop();
		if (process.env.KEEP_E2E !== '1')
			for (const folder of folders) rmSync(folder, { recursive: true, force: true });
		figure(`queue-mode scenario: ${((Date.now() - started) / 1000).toFixed(0)} s`);
	}
}
