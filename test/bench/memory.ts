/**
 * Child process of the memory benchmark (run.ts starts it with --expose-gc, so this process
 * holds only the engine and the node; the emulator stays in the parent). Runs `count` items,
 * each a noise PNG of `bytes`, through the node at `concurrency`, and prints one JSON line:
 * RSS once the inputs exist (the node's execute() begins, after a full GC) and the peak RSS
 * while the node runs, sampled every 10 ms by a worker thread so a busy main thread cannot
 * hide a peak.
 *
 * `filesystem` binary mode is n8n 2.x's default: the input files wait on disk and the node
 * reads each when it needs it, so the inputs' own footprint is outside the process. In
 * `memory` mode (what n8n does without a binary data service) every item holds its file as a
 * base64 string in the V8 heap.
 *
 *   node --expose-gc --import tsx test/bench/memory.ts <baseUrl> <token> <count> <bytes> <concurrency> <filesystem|memory> [continue|stop]
 */

import { useFilesystemBinaryMode } from '../harness/binaryMode';
import { startBaiduRun } from '../resilience/engine';
import { credentialsFor, TRAIN_TICKET_TEMPLATE } from '../harness/setup';
import { noisePng } from './images';
import { collect, samplePeakRss } from './peakRss';

const MB = 1024 * 1024;

async function main() {
	const [baseUrl, token, countText, bytesText, concurrencyText, mode, onError] =
		process.argv.slice(2);
	const filesystem = mode === 'filesystem' ? await useFilesystemBinaryMode() : undefined;
	const count = Number(countText);
	const concurrency = Number(concurrencyText);
	const file = noisePng(Number(bytesText));
	const sampler = samplePeakRss(10);
	collect();
	const beforeInputs = process.memoryUsage.rss();
	let baseline = 0;
	const started = startBaiduRun({
		items: Array.from({ length: count }, (_, i) => ({
			json: { n: i },
			binary: { data: { bytes: file, fileName: `noise-${i}.png`, mimeType: 'image/png' } },
		})),
		parameters: {
			operation: 'recognizeTemplate',
			templateSign: TRAIN_TICKET_TEMPLATE,
			inputType: 'binary',
			binaryPropertyName: 'data',
			output: 'document',
			options: { requestsPerSecond: 1000, concurrency, maxRetries: 0, timeout: 60 },
		},
		credentials: credentialsFor(baseUrl, { accessToken: token }),
		// 'stop': the node's default, where every file is also read in the pre-flight.
		nodeOverrides: onError === 'stop' ? {} : { onError: 'continueRegularOutput' },
		hooks: {
			onStart: () => {
				collect();
				baseline = process.memoryUsage.rss();
				sampler.start();
			},
			onEnd: () => sampler.stop(),
		},
	});
	const result = await started.done;
	const peakRss = await sampler.peak;
	filesystem?.remove();
	const output = result.main.flat();
	process.stdout.write(
		`${JSON.stringify({
			count,
			mode: filesystem ? 'filesystem' : 'memory',
			fileBytes: file.length,
			concurrency,
			inputsMb: (baseline - beforeInputs) / MB,
			baselineMb: baseline / MB,
			peakMb: peakRss / MB,
			growthMb: (peakRss - baseline) / MB,
			nodeMs: result.nodeMs,
			results: output.filter((item) => item.json.error === undefined).length,
			errors: output.filter((item) => item.json.error !== undefined).length,
			error: result.error?.message,
		})}\n`,
	);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
