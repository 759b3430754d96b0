/**
 * `npm run demo`: the main job in one command, without a Baidu account.
 *
 * Starts the Baidu emulator, runs the Baidu iOCR node inside n8n's engine on the sample
 * documents (an email with three attachments, read by a classifier, one item per document,
 * Minimum Confidence 0.8 with review routing), and prints what a user would look at.
 *
 *   npm run demo                      emulator + n8n-core engine (default)
 *   npm run demo -- --real-n8n        the same workflow in a real n8n (installs it once, ~3 min)
 *   BAIDU_API_KEY=… BAIDU_SECRET_KEY=… BAIDU_TEMPLATE_SIGN=… npm run demo -- scan1.jpg scan2.png
 *                                     against Baidu itself, on your own files
 */
import '../test/harness/userFolder';

import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { startEmulator, type Emulator } from '../test/emulator';
import { runBaidu } from '../test/harness/run';
import { credentialsFor, DEMO_API_KEY, DEMO_SECRET_KEY } from '../test/harness/setup';
import { samplePath } from '../test/samples';

const MIME: Record<string, string> = {
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg',
	'.bmp': 'image/bmp',
	'.pdf': 'application/pdf',
};

function fileEntry(path: string) {
	return {
		bytes: readFileSync(path),
		fileName: basename(path),
		mimeType: MIME[extname(path).toLowerCase()] ?? 'application/octet-stream',
	};
}

function pad(text: string, width: number): string {
	const visible = [...text].reduce(
		(n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1),
		0,
	);
	return text + ' '.repeat(Math.max(1, width - visible));
}

function printDocument(json: IDataObject, route: string): void {
	const document = (json.document ?? {}) as IDataObject;
	const source = (document.source ?? {}) as IDataObject;
	const confidence = (json.confidence ?? {}) as IDataObject;
	console.log(
		`\n${source.fileName ?? source.url ?? 'document'} (${source.binaryProperty ?? 'url'})  →  template ${document.templateSign ?? '-'}, classifier score ${document.classifierScore ?? '-'}  [${route}]`,
	);
	console.log(`  ${pad('field', 16)}${pad('value', 34)}confidence`);
	const reserved = new Set([
		'document',
		'confidence',
		'needsReview',
		'reviewFields',
		'lines',
		'subject',
		'from',
	]);
	for (const [field, value] of Object.entries(json)) {
		if (reserved.has(field)) continue;
		const c = confidence[field];
		const shown = Array.isArray(c)
			? c.join(', ')
			: c === null || c === undefined
				? '-'
				: Number(c).toFixed(3);
		const flag = (json.reviewFields as string[] | undefined)?.includes(field) ? '  ← review' : '';
		console.log(`  ${pad(field, 16)}${pad(String(value), 34)}${shown}${flag}`);
	}
	for (const warning of (document.warnings as string[] | undefined) ?? [])
		console.log(`  ! ${warning}`);
}

/** Which attachment an output item came from (documents name it; errors say it in the text). */
function attachmentIndex(item: INodeExecutionData): number {
	const source = ((item.json.document as IDataObject | undefined)?.source ?? {}) as IDataObject;
	const name = String(
		source.binaryProperty ?? /\((attachment_\d+)\)/.exec(String(item.json.error))?.[1] ?? '',
	);
	const index = Number(/attachment_(\d+)/.exec(name)?.[1]);
	return Number.isNaN(index) ? Number.MAX_SAFE_INTEGER : index;
}

function printError(json: IDataObject): void {
	console.log(`\n✗ ${String(json.error)}  [error item, continue on fail]`);
	const details = (json.details ?? {}) as IDataObject;
	if (details.description) console.log(`  what to do: ${String(details.description)}`);
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	if (args.includes('--real-n8n')) {
		const { runDemoInRealN8n } = await import('../test/e2e/demo');
		await runDemoInRealN8n();
		return;
	}
	const real = Boolean(process.env.BAIDU_API_KEY && process.env.BAIDU_SECRET_KEY);
	let emulator: Emulator | undefined;
	let files = args.filter((a) => !a.startsWith('--'));
	let parameters: IDataObject;
	let credentials;
	if (real) {
		const templateSign = process.env.BAIDU_TEMPLATE_SIGN ?? '';
		const classifierId = process.env.BAIDU_CLASSIFIER_ID ?? '';
		if ((!templateSign && !classifierId) || files.length === 0) {
			throw new Error(
				'Against Baidu, set BAIDU_TEMPLATE_SIGN (or BAIDU_CLASSIFIER_ID) and name your files: npm run demo -- scan.jpg',
			);
		}
		credentials = credentialsFor('https://aip.baidubce.com', {
			apiKey: process.env.BAIDU_API_KEY,
			secretKey: process.env.BAIDU_SECRET_KEY,
		});
		parameters = templateSign
			? { operation: 'recognizeTemplate', templateSign }
			: { operation: 'recognizeClassifier', classifierId };
		console.log(`Baidu iOCR demo against Baidu (${files.length} file(s))`);
	} else {
		emulator = await startEmulator({ quiet: true, latency: { ms: 80, jitterMs: 40 } });
		credentials = credentialsFor(emulator.url, {
			apiKey: DEMO_API_KEY,
			secretKey: DEMO_SECRET_KEY,
		});
		files = ['train-ticket.png', 'receipt-blurry.png', 'asset-tag.png', 'sample.gif'].map(
			samplePath,
		);
		parameters = { operation: 'recognizeClassifier', classifierId: '1001' };
		console.log(`Baidu iOCR demo on the local emulator ${emulator.url} (no Baidu account needed)`);
		console.log(
			'Workflow: an email with 4 attachments → Baidu iOCR (classifier 1001, one item per document,',
		);
		console.log(
			'          Minimum Confidence 0.8, low confidence to a second output, continue on error)',
		);
	}
	try {
		const binary = Object.fromEntries(files.map((file, i) => [`attachment_${i}`, fileEntry(file)]));
		const started = Date.now();
		const run = await runBaidu({
			items: [{ json: { subject: 'Scans for March', from: 'accounts@example.com' }, binary }],
			parameters: {
				...parameters,
				inputType: 'binary',
				binarySelection: 'all',
				output: 'document',
				options: { minConfidence: 0.8, routeLowConfidence: true, requestsPerSecond: 2 },
			},
			credentials,
			nodeOverrides: { onError: 'continueRegularOutput' },
		});
		if (run.error) throw new Error(run.error.message);
		const [confident = [], review = []] = run.main;
		// In the order the files came in, each with the output it went to.
		const routed = [
			...confident.map((item) => ({
				item,
				route: item.json.error ? 'error item' : 'output 1, Confident',
			})),
			...review.map((item) => ({ item, route: 'output 2, Review' })),
		].sort((a, b) => attachmentIndex(a.item) - attachmentIndex(b.item));
		for (const { item, route } of routed)
			if (item.json.error) printError(item.json);
			else printDocument(item.json, route);
		const documents = [...confident, ...review].filter((i) => !i.json.error).length;
		const errors = confident.filter((i) => i.json.error).length;
		console.log(
			`\n${documents} document(s) recognised, ${review.length} need review (output 2), ${errors} could not be read; ${((Date.now() - started) / 1000).toFixed(1)} s at 2 requests/s.`,
		);
		if (emulator)
			console.log(
				`Token exchanges: ${emulator.tokenExchanges}; requests to Baidu: ${emulator.recognitionRequests().length} (the GIF was refused before sending).`,
			);
	} finally {
		await emulator?.close();
	}
}

main().catch((error: unknown) => {
	console.error(`demo failed: ${(error as Error).message}`);
	process.exit(1);
});
