/**
 * End-to-end suite (`npm run test:e2e`): a real n8n 2.41 with this package installed as a
 * community package, against the emulator. Prints "e2e: N passed, N failed".
 * Needs `npm run build` first (CI does it); installs n8n into a cache folder on first use.
 * Another n8n: N8N_VERSION and NODE_FOR_N8N (install-n8n.sh); `--subset=1.x` (npm run
 * test:e2e:n8n1, n8n 1.123) runs every check but the example workflows (not yet tried on 1.x)
 * and queue mode (queue.ts: main and two workers on Redis and Postgres, after the other checks).
 */
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { openPdf } from '../../nodes/BaiduIocr/input/pdf/index';
import { startEmulator } from '../emulator';
import {
	ensureN8n,
	executeWorkflow,
	importJson,
	outputOf,
	prepareUserFolder,
	REPO,
	type RunOutput,
} from './n8n';
import {
	DEMO_KEYS,
	emulatorCredential,
	scenariosWorkflow,
	singleTicketWorkflow,
} from './workflows';
import { checkExamples } from './examples';
import { checkQueueMode } from './queue';
import { createReport } from './report';

const SECRET_KEY = DEMO_KEYS.secretKey;

const report = createReport('e2e');
const check = report.check;

function filesBelow(dir: string): string[] {
	const out: string[] = [];
	for (const entry of readdirSync(dir)) {
		const path = join(dir, entry);
		const stat = statSync(path);
		if (stat.isDirectory()) {
			if (entry !== 'node_modules') out.push(...filesBelow(path));
		} else out.push(path);
	}
	return out;
}

function jsonOf(run: RunOutput, node: string, output = 0) {
	return outputOf(run, node, output).map((item) => item.json);
}

async function main() {
	if (!existsSync(join(REPO, 'dist', 'nodes', 'BaiduIocr', 'BaiduIocr.node.js'))) {
		throw new Error('dist/ is missing: run `npm run build` first');
	}
	const subset = process.argv.find((arg) => arg.startsWith('--subset='))?.slice(9);
	console.log(`e2e: installing or reusing n8n ${process.env.N8N_VERSION ?? '(default)'} …`);
	const cache = ensureN8n();
	const install = prepareUserFolder(cache);
	const emulator = await startEmulator({ quiet: true });
	const transcripts: string[] = [];
	console.log(`e2e: n8n user folder ${install.userFolder}, emulator ${emulator.url}`);
	try {
		importJson(install, 'credentials', emulatorCredential(emulator.url));
		importJson(install, 'workflow', scenariosWorkflow());
		importJson(install, 'workflow', singleTicketWorkflow());

		const first = await executeWorkflow(install, 'wfBaiduScenarios');
		transcripts.push(first.stdout, first.stderr);
		await check(
			'the scenario workflow runs in a real n8n with the package installed as a community package',
			() => {
				assert.ok(
					first.run,
					`no run data printed (exit ${first.status}): ${first.stderr.slice(-1500)} ${first.stdout.slice(-1500)}`,
				);
				assert.equal(
					first.run?.data.resultData.error,
					undefined,
					JSON.stringify(first.run?.data.resultData.error),
				);
			},
		);
		await check('template: a train ticket becomes one document with its recorded fields', () => {
			const [doc] = jsonOf(first, 'Template');
			assert.equal(doc['终点站'], 'TIANJIN');
			assert.equal(
				(doc.document as { templateSign: string }).templateSign,
				'1c65a67f151df56ba4e29c4dddace5ee',
			);
		});
		await check('classifier: one item per field, naming the template the classifier chose', () => {
			const fields = jsonOf(first, 'Classifier');
			assert.ok(fields.length >= 7, `fields: ${fields.length}`);
			assert.ok(
				fields.every(
					(f) =>
						(f.document as { templateSign: string }).templateSign ===
						'1c65a67f151df56ba4e29c4dddace5ee',
				),
			);
			assert.ok(fields.some((f) => f.field === '车次' && f.value === 'C2565'));
		});
		await check(
			'PDF, All Pages by default: the 3-page invoice gives one document per page, in page order, each page sent alone as a one-page pdf_file',
			() => {
				const pdf = readFileSync(join(REPO, 'test', 'samples', 'files', 'invoice-multipage.pdf'));
				const opened = openPdf(pdf);
				assert.equal(opened.pageCount, 3);
				const docs = jsonOf(first, 'Finance PDF');
				const sources = docs.map(
					(d) => (d.document as { source: { page?: number; pageCount?: number } }).source,
				);
				assert.deepEqual(
					sources.map((s) => `${s.page}/${s.pageCount}`),
					['1/3', '2/3', '3/3'],
				);
				for (const doc of docs)
					assert.deepEqual((doc.document as { warnings: string[] }).warnings, []);
				assert.ok(
					outputOf(first, 'Finance PDF').every(
						(item) => JSON.stringify(item.pairedItem) === '{"item":0}',
					),
				);
				const hashOf = (bytes: Uint8Array) =>
					createHash('sha256').update(bytes).digest('hex').slice(0, 12);
				const pages = [0, 1, 2].map((i) => opened.cutPage(i));
				for (const page of pages) assert.equal(openPdf(page).pageCount, 1);
				const sent = emulator
					.recognitionRequests()
					.filter((r) => r.endpoint === 'finance')
					.map((r) => {
						assert.equal(r.fileField, 'pdf_file');
						return /sha256:([0-9a-f]{12})/.exec(r.params.pdf_file ?? '')?.[1];
					});
				// Three one-page files cut by the node, plus the whole file from First Page Only.
				assert.deepEqual(
					[...sent].sort(),
					[...pages.map(hashOf), hashOf(pdf)].sort(),
					`sent: ${sent.join(', ')}`,
				);
			},
		);
		await check(
			'PDF, First Page Only: the file is sent whole and read at page 1, with a page-1 warning',
			() => {
				const [doc, ...more] = jsonOf(first, 'Finance PDF First Page');
				assert.equal(more.length, 0);
				assert.equal(doc['发票号码'], '08812345', JSON.stringify(doc));
				const document = doc.document as { warnings: string[]; source: { page?: number } };
				assert.match(document.warnings.join(' '), /3 pages.*only page 1/);
				assert.equal(document.source.page, undefined);
			},
		);
		await check(
			'several attachments on one item become one document each, in order, with the email fields',
			() => {
				const docs = jsonOf(first, 'Attachments');
				assert.equal(docs.length, 3);
				const sources = docs.map(
					(d) => (d.document as { source: { binaryProperty: string } }).source.binaryProperty,
				);
				assert.deepEqual(sources, ['attachment_0', 'attachment_1', 'attachment_2']);
				assert.ok(docs.every((d) => d.subject === 'Scans for March'));
				assert.ok(
					outputOf(first, 'Attachments').every(
						(item) => JSON.stringify(item.pairedItem) === '{"item":0}',
					),
				);
			},
		);
		await check(
			'low confidence fields go to the second output, confident ones to the first',
			() => {
				const confident = jsonOf(first, 'Confident');
				const review = jsonOf(first, 'Needs Review');
				assert.ok(
					review.length > 0 && confident.length > 0,
					`confident ${confident.length}, review ${review.length}`,
				);
				assert.ok(review.every((f) => f.needsReview === true));
				assert.ok(confident.every((f) => f.needsReview === false));
			},
		);
		await check(
			'continue on error: bad files become error items on the error output, good ones go on',
			() => {
				const ok = jsonOf(first, 'Recognised');
				const failed = jsonOf(first, 'Failed');
				assert.equal(ok.length, 1);
				assert.equal(failed.length, 3);
				const text = failed.map((f) => String(f.error)).join('\n');
				assert.match(text, /GIF/);
				assert.match(text, /15/);
				assert.match(text, /272000|does not match/i);
				// n8n's error output adds the paired input item's fields to what the node returned.
				// Before n8n 2.36 it takes only { error, message }: the advice is then in `message`.
				if (subset === '1.x') {
					assert.ok(failed.every((f) => typeof f.error === 'string' && f.details === undefined));
					assert.match(failed.map((f) => String(f.message)).join('\n'), /Baidu error 272000/);
				} else {
					assert.ok(
						failed.every((f) => typeof f.error === 'string' && typeof f.details === 'object'),
					);
				}
				assert.deepEqual(failed.map((f) => f.fileName).sort(), [
					'receipt.bmp',
					'sample.gif',
					'tiny.png',
				]);
			},
		);
		await check('the whole first execution cost exactly one token exchange', () => {
			assert.equal(emulator.tokenExchanges, 1);
		});

		const before = emulator.recognitionRequests().length;
		const second = await executeWorkflow(install, 'wfBaiduSingle');
		transcripts.push(second.stdout, second.stderr);
		await check('a second execution reuses the token n8n stored: no exchange', () => {
			assert.equal(second.run?.data.resultData.error, undefined);
			assert.ok(jsonOf(second, 'Template').length >= 7);
			assert.equal(emulator.tokenExchanges, 1);
			assert.equal(emulator.recognitionRequests().length, before + 1);
		});

		emulator.revokeTokens();
		const third = await executeWorkflow(install, 'wfBaiduSingle');
		transcripts.push(third.stdout, third.stderr);
		await check('a token revoked between executions is renewed once and the run succeeds', () => {
			assert.equal(
				third.run?.data.resultData.error,
				undefined,
				JSON.stringify(third.run?.data.resultData.error),
			);
			assert.equal(emulator.tokenExchanges, 2);
			assert.ok(emulator.recognitionRequests().some((r) => r.errorCode === 110));
		});
		const fourth = await executeWorkflow(install, 'wfBaiduSingle');
		transcripts.push(fourth.stdout, fourth.stderr);
		await check(
			'the renewed token was persisted by n8n: the next execution exchanges nothing',
			() => {
				assert.equal(fourth.run?.data.resultData.error, undefined);
				assert.equal(emulator.tokenExchanges, 2);
			},
		);

		if (subset !== '1.x') await checkExamples(install, check);

		await check(
			"neither the Secret Key nor any issued token appears in clear in n8n's database, logs or output",
			() => {
				const secrets = [SECRET_KEY, ...emulator.issuedTokens];
				assert.ok(emulator.issuedTokens.length >= 2);
				const places = filesBelow(install.userFolder).filter(
					(f) => !f.includes(`${join('.n8n', 'nodes')}`),
				);
				assert.ok(
					places.some((f) => f.endsWith('database.sqlite')),
					'database.sqlite not found',
				);
				for (const file of places) {
					const content = readFileSync(file).toString('latin1');
					for (const secret of secrets)
						assert.ok(!content.includes(secret), `${secret.slice(0, 6)}… found in ${file}`);
				}
				for (const text of transcripts)
					for (const secret of secrets) assert.ok(!text.includes(secret), 'secret in CLI output');
			},
		);
	} finally {
		await emulator.close();
		if (process.env.KEEP_E2E !== '1') rmSync(install.userFolder, { recursive: true, force: true });
	}
	if (subset !== '1.x') await checkQueueMode(cache, check);
}

main()
	.catch((error: unknown) => report.fail('suite setup', error))
	.finally(() => report.finish());
