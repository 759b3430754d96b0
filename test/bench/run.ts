/**
 * Benchmarks of the node against the emulator on loopback (`npm run bench`, `-- --quick`).
 * Every figure is a ratio within one run, so the machine's speed cancels out:
 *
 * 1. Throughput at the plan's QPS: Baidu (the emulator) enforcing QPS 2, 10 and 50 with
 *    80 ms service latency, the node set to the same rate: wall time against the ideal
 *    items / QPS, failed items, errors 18 seen by Baidu and shown to the user.
 * 2. Overhead: one 2.9 MB noise PNG (just under the 4 MB encoded limit), the node's whole
 *    path against a bare undici client doing base64 + urlencode + POST.
 * 3. Memory: 100 and 200 noise PNGs of 2.5 MB at concurrency 4, peak RSS growth once the
 *    inputs exist (child processes with --expose-gc; see memory.ts).
 * 4. Token exchanges during a 1,000-item run on a fresh credential.
 * 5. The user's alternative: one request at a time plus a fixed wait of 1/QPS s, as n8n's
 *    rate-limit guide suggests, against the node, at QPS 2 with 80 ms latency.
 * 6. What one error 18 costs a run at QPS 10 (report).
 * 7. PDF pages (pdf.ts): cutting a 50-page scanned PDF of about 30 MB, and the whole node on it
 *    at QPS 10 (`--only=pdf`).
 * 8. Executions sharing one plan (executions.ts, `--only=executions`): many one-document
 *    executions at once, one-document executions beside a batch, two processes on one plan
 *    (that one alone: `--only=twoProcesses`).
 *
 * Prints a table and writes test/bench/results/latest.json. `--quick` uses fewer images;
 * `--only=throughput,overhead` runs some of them.
 */
import '../harness/userFolder';

import { spawn } from 'child_process';
import { mkdirSync, writeFileSync } from 'fs';
import { cpus, totalmem } from 'os';
import { join } from 'path';

import type { IDataObject } from 'n8n-workflow';

import { startEmulator, type Emulator } from '../emulator';
import { credentialsFor, makePng } from '../harness/setup';
import { startBaiduRun, type EngineResult } from '../resilience/engine';
import { templateParameters } from '../resilience/kit';
import { bareRecognise, fetchToken, fixedWaitLoop } from './bare';
import { executionsBenchmarks } from './executions';
import { encodedLength, noisePngUnderLimit, sampleImages } from './images';
import { pdfBenchmarks } from './pdf';
import { RemoteEmulator } from './remote';
import type { BenchRow } from './row';

const quick = process.argv.includes('--quick');
/** `--only=overhead,memory`: run some benchmarks only (names as in main()). */
const only = process.argv
	.find((arg) => arg.startsWith('--only='))
	?.slice('--only='.length)
	.split(',');
const wanted = (name: string) => !only || only.includes(name);
/** `--qps=10,50`: the throughput benchmark at these rates only. */
const qpsList = (
	process.argv.find((arg) => arg.startsWith('--qps='))?.slice('--qps='.length) ?? '2,10,50'
)
	.split(',')
	.map(Number);
const LATENCY_MS = 80;
const MB = 1024 * 1024;

type Row = BenchRow;

const rows: Row[] = [];
const details: Record<string, unknown> = {};

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function log(message: string): void {
	process.stderr.write(`${message}\n`);
}

interface NodeRunSummary {
	result: EngineResult;
	results: number;
	failed: number;
	shown18: number;
}

async function runNode(options: {
	emulator: { url: string };
	files: Array<{ bytes: Buffer; fileName: string; mimeType: string }>;
	nodeOptions: IDataObject;
	accessToken?: string;
}): Promise<NodeRunSummary> {
	const result = await startBaiduRun({
		items: options.files.map((file, i) => ({ json: { n: i }, binary: { data: file } })),
		parameters: templateParameters(options.nodeOptions),
		credentials: credentialsFor(options.emulator.url, { accessToken: options.accessToken ?? '' }),
		nodeOverrides: { onError: 'continueRegularOutput' },
	}).done;
	if (result.error) throw result.error;
	const items = result.main.flat();
	const failed = items.filter((item) => item.json.error !== undefined);
	const shown18 = failed.filter(
		(item) => (item.json.details as Record<string, unknown> | undefined)?.baiduErrorCode === 18,
	).length;
	return { result, results: items.length - failed.length, failed: failed.length, shown18 };
}

/** 1. Throughput at the plan's QPS. */
async function throughput(emulator: RemoteEmulator): Promise<void> {
	const count = quick ? 60 : 300;
	for (const qps of qpsList) {
		await emulator.reset();
		await emulator.setQps(qps);
		await emulator.setLatency(LATENCY_MS);
		// reset() forgets tokens: a stored one, fetched after it (the steady state in n8n).
		const fresh = await fetchToken(emulator.url);
		const concurrency = Math.ceil(qps * (LATENCY_MS / 1000) * 2) + 2;
		log(`throughput: ${count} images at QPS ${qps}, concurrency ${concurrency} ...`);
		const run = await runNode({
			emulator,
			files: sampleImages(count),
			nodeOptions: { requestsPerSecond: qps, concurrency, maxRetries: 3, timeout: 30 },
			accessToken: fresh,
		});
		const stats = await emulator.stats();
		const log18 = stats.errors18;
		const ideal = (count / qps) * 1000;
		const ratio = ideal / run.result.nodeMs;
		// The target: no 18 shown to the user. 18s Baidu answered and the node waited out
		// are reported beside it (machine noise can delay a request past the limiter's allowance).
		const ok = ratio >= 0.97 && run.failed === 0 && run.shown18 === 0;
		rows.push({
			benchmark: `throughput QPS ${qps} (${count} img, conc ${concurrency})`,
			measured: `${seconds(run.result.nodeMs)} vs ideal ${seconds(ideal)}`,
			ratio: `ideal/wall ${ratio.toFixed(3)}`,
			target: '>= 0.97, 0 failed, 0 err 18 shown',
			ok,
			extra: `failed ${run.failed}, err 18 at Baidu ${log18}, shown ${run.shown18}, engine ${seconds(run.result.engineMs)}`,
		});
		details[`throughput_qps${qps}`] = {
			images: count,
			concurrency,
			nodeMs: run.result.nodeMs,
			engineMs: run.result.engineMs,
			idealMs: ideal,
			ratio,
			failed: run.failed,
			errors18AtBaidu: log18,
			errors18Shown: run.shown18,
			requests: stats.requests,
		};
	}
}

/** 2. Overhead of the node's whole path against a bare client, one 2.9 MB image. */
async function overhead(emulator: Emulator): Promise<void> {
	emulator.reset();
	const token = await fetchToken(emulator.url);
	const file = noisePngUnderLimit(2.9e6);
	const runs = quick ? 7 : 15;
	log(
		`overhead: ${(file.length / MB).toFixed(2)} MiB file, ${encodedLength(file)} encoded chars, ${runs} runs each ...`,
	);
	const nodeMs: number[] = [];
	const bareMs: number[] = [];
	const input = { bytes: file, fileName: 'noise.png', mimeType: 'image/png' };
	// One warm-up of each, then alternate so drift on a shared machine hits both alike.
	await bareRecognise(emulator.url, token, file);
	await runNode({
		emulator,
		files: [input],
		nodeOptions: { requestsPerSecond: 1000 },
		accessToken: token,
	});
	for (let i = 0; i < runs; i++) {
		const start = performance.now();
		const code = await bareRecognise(emulator.url, token, file);
		bareMs.push(performance.now() - start);
		if (code !== 0) throw new Error(`bare client got error ${code}`);
		const run = await runNode({
			emulator,
			files: [input],
			nodeOptions: { requestsPerSecond: 1000 },
			accessToken: token,
		});
		if (run.failed) throw new Error('the node failed the overhead image');
		nodeMs.push(run.result.nodeMs);
	}
	const node = median(nodeMs);
	const bare = median(bareMs);
	const ratio = node / bare;
	rows.push({
		benchmark: `overhead, 1 image ${(file.length / 1e6).toFixed(2)} MB (median of ${runs})`,
		measured: `node ${node.toFixed(1)} ms vs bare ${bare.toFixed(1)} ms`,
		ratio: `node/bare ${ratio.toFixed(3)}`,
		target: '<= 1.25',
		ok: ratio <= 1.25,
	});
	details.overhead = {
		fileBytes: file.length,
		encodedLength: encodedLength(file),
		runs,
		nodeMs,
		bareMs,
		ratio,
	};
}

/** 3. Memory, in child processes so the emulator and earlier runs are not counted. */
async function memory(emulator: RemoteEmulator): Promise<void> {
	await emulator.reset();
	await emulator.setQps(null);
	await emulator.setLatency(0);
	const token = await fetchToken(emulator.url);
	// With continue on fail (as batch workflows run) each file is read once; without it (the
	// node's default) also in the pre-flight, which is measured at the larger count.
	const runs = (quick ? [100] : [100, 200]).map((count) => ({ count, onError: 'continue' }));
	if (!quick) runs.push({ count: 200, onError: 'stop' });
	for (const mode of ['filesystem', 'memory']) {
		for (const { count, onError } of runs) {
			log(
				`memory: ${count} images of 2.5 MB, concurrency 4, ${mode} binary mode, ${onError} on error ...`,
			);
			const child = spawn(
				process.execPath,
				[
					'--expose-gc',
					'--import',
					'tsx',
					join(__dirname, 'memory.ts'),
					emulator.url,
					token,
					String(count),
					String(2.5e6),
					'4',
					mode,
					onError,
				],
				{ stdio: ['ignore', 'pipe', 'inherit'] },
			);
			let out = '';
			child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
			const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
			if (code !== 0) throw new Error(`memory child exited with ${code}`);
			const measured = JSON.parse(out.trim().split('\n').pop() ?? '{}') as {
				growthMb: number;
				baselineMb: number;
				peakMb: number;
				inputsMb: number;
				results: number;
				errors: number;
			};
			rows.push({
				benchmark: `memory ${count} x 2.5 MB, conc 4 (${mode} binary data${onError === 'stop' ? ', no continue on fail' : ''})`,
				measured: `peak RSS +${measured.growthMb.toFixed(1)} MB over ${measured.baselineMb.toFixed(0)} MB`,
				ratio: `inputs ${measured.inputsMb.toFixed(0)} MB`,
				target: '<= 64 MB',
				ok: measured.growthMb <= 64 && measured.errors === 0,
				extra: `results ${measured.results}, errors ${measured.errors}`,
			});
			details[`memory_${mode}_${count}_${onError}`] = measured;
		}
	}
}

/** 4. Token exchanges in a 1,000-item run on a fresh credential. */
async function tokens(emulator: RemoteEmulator): Promise<void> {
	await emulator.reset();
	await emulator.setQps(null);
	await emulator.setLatency(0);
	const count = 1000;
	log(`tokens: ${count} items, fresh credential ...`);
	const files = Array.from({ length: count }, (_, i) => ({
		bytes: makePng(40, 30, i + 1),
		fileName: `small-${i}.png`,
		mimeType: 'image/png',
	}));
	const run = await runNode({
		emulator,
		files,
		nodeOptions: { requestsPerSecond: 1000, concurrency: 8 },
	});
	const exchanges = (await emulator.stats()).tokenExchanges;
	rows.push({
		benchmark: `token exchanges, ${count} items, fresh credential`,
		measured: `${exchanges} exchange(s), ${run.results} results in ${seconds(run.result.nodeMs)}`,
		ratio: '',
		target: 'exactly 1',
		ok: exchanges === 1 && run.failed === 0,
		extra: `failed ${run.failed}`,
	});
	details.tokens = {
		items: count,
		exchanges,
		results: run.results,
		failed: run.failed,
		nodeMs: run.result.nodeMs,
	};
}

/** 5. The rate-limit guide's loop (request, then wait 1/QPS s) against the node. */
async function fixedWaits(emulator: RemoteEmulator): Promise<void> {
	const qps = 2;
	const count = quick ? 16 : 40;
	await emulator.reset();
	await emulator.setQps(qps);
	await emulator.setLatency(LATENCY_MS);
	const token = await fetchToken(emulator.url);
	const files = sampleImages(count);
	log(`fixed waits: ${count} images at QPS ${qps}, loop vs node ...`);
	const loopStart = performance.now();
	const codes = await fixedWaitLoop(
		emulator.url,
		token,
		files.map((file) => file.bytes),
		qps,
	);
	const loopMs = performance.now() - loopStart;
	const loop18 = codes.filter((code) => code === 18).length;
	// reset() lifts the QPS limit and forgets tokens.
	await emulator.reset();
	await emulator.setQps(qps);
	const fresh = await fetchToken(emulator.url);
	const concurrency = Math.ceil(qps * (LATENCY_MS / 1000) * 2) + 2;
	const run = await runNode({
		emulator,
		files,
		nodeOptions: { requestsPerSecond: qps, concurrency },
		accessToken: fresh,
	});
	const node18 = (await emulator.stats()).errors18;
	const ratio = loopMs / run.result.nodeMs;
	rows.push({
		benchmark: `fixed-wait loop vs node, ${count} img at QPS ${qps}`,
		measured: `loop ${seconds(loopMs)} vs node ${seconds(run.result.nodeMs)}`,
		ratio: `loop/node ${ratio.toFixed(3)}`,
		target: '(report)',
		ok: run.failed === 0,
		extra: `err 18: loop ${loop18}, node ${node18}; failed: node ${run.failed}`,
	});
	details.fixedWaits = {
		qps,
		images: count,
		loopMs,
		nodeMs: run.result.nodeMs,
		ratio,
		loop18,
		node18,
		nodeFailed: run.failed,
	};
}

/**
 * 6. What one error 18 costs: 100 images at QPS 10, with and without Baidu refusing request 50
 *    for the rate (a scripted fault, not counted in its window, as Baidu counts only what it
 *    lets in). The refused request should cost about a spacing, not a whole window.
 */
async function throttleCost(emulator: Emulator): Promise<void> {
	const qps = 10;
	const count = quick ? 40 : 100;
	const files = sampleImages(count);
	const timed: Record<'clean' | 'refused', number[]> = { clean: [], refused: [] };
	log(`cost of one 18: ${count} images at QPS ${qps}, with and without a refused request ...`);
	for (const refused of [false, true, false, true]) {
		emulator.reset();
		emulator.setQps(qps);
		emulator.setLatency(LATENCY_MS);
		if (refused) {
			emulator.addFault({
				kind: { errorCode: 18, errorMsg: 'Open api qps request limit reached' },
				requests: [Math.floor(count / 2)],
			});
		}
		const run = await runNode({
			emulator,
			files,
			nodeOptions: { requestsPerSecond: qps, concurrency: 4 },
			accessToken: await fetchToken(emulator.url),
		});
		if (run.failed) throw new Error('a document failed in the 18-cost benchmark');
		timed[refused ? 'refused' : 'clean'].push(run.result.nodeMs);
	}
	const clean = Math.min(...timed.clean);
	const refused = Math.min(...timed.refused);
	const spacing = 1000 / qps;
	rows.push({
		benchmark: `cost of one error 18, ${count} img at QPS ${qps} (best of 2)`,
		measured: `${(refused - clean).toFixed(0)} ms (${seconds(refused)} vs ${seconds(clean)})`,
		ratio: `spacings ${((refused - clean) / spacing).toFixed(1)}`,
		target: '(report)',
		ok: true,
	});
	details.throttleCost = { qps, images: count, ...timed };
}

function printTable(): void {
	const header = ['benchmark', 'measured', 'ratio', 'target', 'ok', 'notes'];
	const body = rows.map((row) => [
		row.benchmark,
		row.measured,
		row.ratio,
		row.target,
		row.ok ? 'yes' : 'NO',
		row.extra ?? '',
	]);
	const widths = header.map((title, i) =>
		Math.max(title.length, ...body.map((cells) => cells[i].length)),
	);
	const line = (cells: string[]) =>
		`| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
	console.log(line(header));
	console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
	for (const cells of body) console.log(line(cells));
}

/** Runs a benchmark against an emulator in this process, closed afterwards. */
async function withLocalEmulator(benchmark: (emulator: Emulator) => Promise<void>): Promise<void> {
	const local = await startEmulator({ quiet: true });
	try {
		await benchmark(local);
	} finally {
		await local.close();
	}
}

async function main(): Promise<void> {
	const emulator = await RemoteEmulator.start();
	const startedAt = new Date().toISOString();
	try {
		if (wanted('tokens')) await tokens(emulator);
		// The bare client and the node in this process, and the emulator with them, as in the
		// issue: its decoding of 4 MB competes with both alike.
		if (wanted('overhead')) await withLocalEmulator(overhead);
		// Faults can be scripted only on an emulator in this process.
		if (wanted('throttleCost')) await withLocalEmulator(throttleCost);
		if (wanted('memory')) await memory(emulator);
		if (wanted('fixedWaits')) await fixedWaits(emulator);
		if (wanted('throughput')) await throughput(emulator);
		if (wanted('pdf')) await pdfBenchmarks(emulator, rows, details, log);
		// Executions sharing one plan (issue 12).
		if (wanted('executions') || wanted('twoProcesses')) {
			await executionsBenchmarks(emulator, rows, details, log, {
				manyAtOnce: wanted('executions'),
				besideBatch: wanted('executions'),
				twoProcesses: wanted('executions') || wanted('twoProcesses'),
			});
		}
	} finally {
		await emulator.close();
	}
	const machine = {
		node: process.version,
		cpus: cpus().length,
		cpuModel: cpus()[0]?.model ?? 'unknown',
		totalMemMb: Math.round(totalmem() / MB),
		platform: `${process.platform} ${process.arch}`,
	};
	console.log(`\nBaidu iOCR node benchmarks${quick ? ' (--quick)' : ''}, ${startedAt}`);
	console.log(
		`node ${machine.node}, ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.totalMemMb} MB RAM\n`,
	);
	printTable();
	const folder = join(__dirname, 'results');
	mkdirSync(folder, { recursive: true });
	writeFileSync(
		join(folder, 'latest.json'),
		`${JSON.stringify({ startedAt, quick, machine, rows, details }, null, 2)}\n`,
	);
	if (rows.some((row) => !row.ok)) process.exitCode = 1;
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
