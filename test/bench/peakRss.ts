/**
 * Peak resident memory of this process while something runs, sampled from a worker thread
 * (the main thread may be too busy to sample itself), and a full garbage collection before a
 * baseline is taken (with --expose-gc).
 */
import { Worker } from 'node:worker_threads';

const sampler = (intervalMs: number) => `
const { parentPort } = require('worker_threads');
let peak = 0;
let timer;
parentPort.on('message', (message) => {
	if (message === 'start') {
		peak = process.memoryUsage.rss();
		timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, ${intervalMs});
	} else if (message === 'stop') {
		clearInterval(timer);
		peak = Math.max(peak, process.memoryUsage.rss());
		parentPort.postMessage(peak);
		parentPort.close();
	}
});
`;

export interface PeakRss {
	start(): void;
	stop(): void;
	/** The peak RSS in bytes between start() and stop(). */
	peak: Promise<number>;
}

export function samplePeakRss(intervalMs: number): PeakRss {
	const worker = new Worker(sampler(intervalMs), { eval: true });
	const peak = new Promise<number>((resolve) => worker.once('message', resolve));
	return {
		start: () => worker.postMessage('start'),
		stop: () => worker.postMessage('stop'),
		peak,
	};
}

export function collect(): void {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (gc) {
		gc();
		gc();
	}
}
