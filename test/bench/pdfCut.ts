/**
 * Child process of the PDF benchmark (started with --expose-gc, so this process holds only the
 * file and the splitter). Cuts every page of the PDF at <path> and prints one JSON line: the
 * first pass over the file, cold (code not yet optimised, as in a fresh n8n); then, warm, the
 * time to open the file (cross-reference, page tree) and per page to cut it out (best of 3
 * passes), and the peak RSS growth while cutting over the RSS once the file is in memory,
 * sampled every 5 ms by a worker thread. Only one cut page is alive at a time, as in the node.
 *
 *   node --expose-gc --import tsx test/bench/pdfCut.ts <path>
 */
import { readFileSync } from 'fs';

import { openPdf } from '../../nodes/BaiduIocr/input/pdf/index';
import { collect, samplePeakRss } from './peakRss';

const MB = 1024 * 1024;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
	const bytes = new Uint8Array(readFileSync(process.argv[2]));
	const sampler = samplePeakRss(5);
	// The first pass, cold (the first PDF a fresh n8n process cuts), then one warm pass.
	let start = performance.now();
	const cold = openPdf(bytes);
	for (let i = 0; i < cold.pageCount; i++) cold.cutPage(i);
	const coldMs = performance.now() - start;
	collect();
	const baseline = process.memoryUsage.rss();
	sampler.start();
	await wait(20);

	// Warm: the file opened once and every page cut, as the node does for each pass over a
	// file (it keeps the file open from page to page); best of 3, as the machine is shared.
	let best: { openMs: number; cutMs: number[] } | undefined;
	let cutBytes = 0;
	let pageCount = 0;
	for (let pass = 0; pass < 3; pass++) {
		start = performance.now();
		const pdf = openPdf(bytes);
		const openMs = performance.now() - start;
		const cutMs: number[] = [];
		cutBytes = 0;
		pageCount = pdf.pageCount;
		for (let i = 0; i < pdf.pageCount; i++) {
			start = performance.now();
			const page = pdf.cutPage(i);
			cutMs.push(performance.now() - start);
			cutBytes += page.length;
		}
		const total = openMs + cutMs.reduce((x, y) => x + y, 0);
		if (!best || total < best.openMs + best.cutMs.reduce((x, y) => x + y, 0))
			best = { openMs, cutMs };
	}
	const { openMs, cutMs } = best as { openMs: number; cutMs: number[] };
	await wait(20);
	sampler.stop();
	const peakRss = await sampler.peak;
	const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
	process.stdout.write(
		`${JSON.stringify({
			fileBytes: bytes.length,
			pages: pageCount,
			cutBytes,
			coldMs,
			openMs,
			cutMsTotal: sum(cutMs),
			cutMsMax: Math.max(...cutMs),
			baselineMb: baseline / MB,
			growthMb: (peakRss - baseline) / MB,
		})}\n`,
	);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
