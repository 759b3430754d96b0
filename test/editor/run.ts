/// <reference lib="dom" />
/**
 * Editor suite (`npm run test:editor`): the real n8n editor, driven in Debian's Chromium the way
 * a new user meets the node — owner setup, the node panel, the credential dialog and its Test,
 * the parameters, an execution with a file read from disk, review routing on the canvas.
 * Uses the n8n the e2e suite installs (cache folder) with the packed package installed as a
 * community package, against the emulator. Saves screenshots into docs/images/ (README shows
 * them). Prints "editor: N passed, N failed". Needs `npm run build` first.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Browser, Locator, Page } from 'playwright-core';

import { startEmulator, type Emulator } from '../emulator';
import {
	ensureN8n,
	logTail,
	OWNER,
	prepareUserFolder,
	REPO,
	startN8nServer,
	type N8nInstall,
	type N8nServer,
} from '../e2e/n8n';
import { createReport } from '../e2e/report';
import { checkPngPicture } from '../output/picture/render';
import { DEMO_KEYS, SAMPLES, TEMPLATES } from '../e2e/workflows';
import {
	canvasNode,
	closeNode,
	cutOffTexts,
	ensureBrowser,
	fillParameter,
	launchBrowser,
	ndv,
	openNode,
	outputPlus,
	parameter,
	pickInPanel,
	pickOption,
	screenshot,
	searchNodes,
	settle,
	shownParameters,
} from './editor';

const report = createReport('editor');
let currentPage: Page | undefined;
/** A check; when it fails, the page as it was goes to a screenshot beside the n8n log. */
async function check(name: string, fn: () => void | Promise<void>): Promise<void> {
	const ok = await report.check(name, async () => {
		if (currentPage) await settle(currentPage);
		await fn();
	});
	if (!ok && currentPage) {
		const file = join(tmpdir(), `baidu-iocr-editor-failure-${Date.now()}.png`);
		await currentPage.screenshot({ path: file }).catch(() => undefined);
		console.log(`      screenshot: ${file}`);
	}
}
const NODE = 'Baidu iOCR';
const ACTIONS = {
	template: 'Recognize a document with a template',
	classifier: 'Recognize a document with a classifier',
	finance: 'Recognize a finance document',
};
const DEPENDENT = ['templateSign', 'classifierId', 'financeMode', 'url', 'binaryPropertyName'];

async function newWorkflowWithManualTrigger(page: Page, url: string): Promise<void> {
	await page.goto(`${url}/workflow/new`);
	await page.getByTestId('canvas-plus-button').click();
	await searchNodes(page, 'Manual Trigger');
	await pickInPanel(page, 'Manual Trigger');
	await canvasNode(page, 'When clicking').waitFor();
}

async function ownerSetup(page: Page, url: string): Promise<void> {
	await check('first run: the owner setup form creates the owner and signs in', async () => {
		await page.goto(url);
		await page.waitForURL(/\/setup/);
		await page.fill('input[name=email]', OWNER.email);
		await page.fill('input[name=firstName]', OWNER.firstName);
		await page.fill('input[name=lastName]', OWNER.lastName);
		await page.fill('input[name=password]', OWNER.password);
		await page.getByRole('button', { name: 'Next' }).click();
		await page.waitForURL((u) => !/\/(setup|signin)/.test(u.pathname));
		// Signed in: the editor's own REST call (with its browser id) answers for the owner.
		const me = await page.evaluate(async () => {
			const browserId = localStorage.getItem('n8n-browserId') ?? '';
			const response = await fetch('/rest/login', { headers: { 'browser-id': browserId } });
			return ((await response.json()) as { data?: { email?: string } }).data?.email;
		});
		assert.equal(me, OWNER.email);
	});
}

async function findNode(page: Page, url: string): Promise<void> {
	await check(
		'node panel: "Baidu" on the trigger\'s output + finds the node and adds it',
		async () => {
			await newWorkflowWithManualTrigger(page, url);
			await outputPlus(page, 'When clicking').click();
			const names = await searchNodes(page, 'Baidu', NODE);
			assert.ok(names.includes(NODE), `results: ${names.join(', ') || 'none'}`);
			await screenshot(page, 'node-panel');
			await pickInPanel(page, NODE);
			const actions = await searchNodesActions(page);
			assert.deepEqual(
				actions.filter((name) => name !== NODE),
				Object.values(ACTIONS),
			);
			await pickInPanel(page, ACTIONS.template);
			await ndv(page).waitFor();
			await closeNode(page);
			await canvasNode(page, NODE).waitFor();
		},
	);
	for (const term of ['iOCR', 'OCR', 'invoice', 'receipt'])
		await check(`node panel: the canvas + finds the node by "${term}"`, async () => {
			await page.getByTestId('node-creator-plus-button').click();
			const names = await searchNodes(page, term, NODE);
			assert.ok(names.includes(NODE), `results: ${names.join(', ') || 'none'}`);
			await page.keyboard.press('Escape');
			await page.getByTestId('node-creator').waitFor({ state: 'hidden' });
		});
	await check('usable as an AI agent tool: n8n offers "Baidu iOCR Tool"', async () => {
		const tools = await page.evaluate(async () => {
			const types = (await (await fetch('/types/nodes.json')).json()) as Array<{
				name: string;
				displayName: string;
			}>;
			return types.filter((t) => /baiduIocr/.test(t.name)).map((t) => t.displayName);
		});
		assert.ok(tools.includes('Baidu iOCR Tool'), `types: ${tools.join(', ')}`);
	});
}

/** After picking a node with operations, the panel lists its actions. */
async function searchNodesActions(page: Page): Promise<string[]> {
	await page.getByTestId('node-creator-action-item').first().waitFor();
	return await page.getByTestId('node-creator-item-name').allInnerTexts();
}

async function credential(page: Page, emulator: Emulator): Promise<void> {
	const modal = page.getByTestId('editCredential-modal');
	await check(
		'credential: a wrong Secret Key is refused with the Secret Key message, not the key',
		async () => {
			const panel = await openNode(page, NODE);
			await panel.getByTestId('node-credentials-empty-state').getByRole('button').first().click();
			await modal.waitFor();
			await fillParameter(modal, 'apiKey', DEMO_KEYS.apiKey);
			await fillParameter(modal, 'secretKey', 'wrong-secret-key-123');
			await fillParameter(modal, 'baseUrl', emulator.url);
			await modal.getByTestId('credential-save-button').click();
			await modal.getByText('Couldn’t connect with these settings').waitFor();
			await modal.getByText('More details').click();
			const text = await modal.innerText();
			assert.match(text, /the Secret Key does not match the API Key/);
			assert.ok(!text.includes('wrong-secret-key-123'), 'the typed Secret Key is shown back');
		},
	);
	await check(
		'credential: the emulator\'s keys pass Test: "Connection tested successfully"',
		async () => {
			// The dialog saved the credential with the wrong key; the user opens it again to fix it.
			await openNode(page, NODE);
			await ndv(page).getByTestId('credential-edit-button').click();
			await modal.waitFor();
			await fillParameter(modal, 'secretKey', DEMO_KEYS.secretKey);
			await modal.getByTestId('credential-save-button').click();
			await modal.getByText('Connection tested successfully').waitFor();
			await screenshot(page, 'credential-test');
			await modal.locator('.el-dialog__headerbtn, button[aria-label="Close"]').first().click();
			await modal.waitFor({ state: 'hidden' });
			assert.ok(emulator.tokenExchanges >= 1, 'the Test exchanged the keys for a token');
		},
	);
}

async function operations(page: Page): Promise<void> {
	await check('parameters: each operation shows its own fields', async () => {
		const panel = ndv(page);
		if (!(await panel.isVisible())) await openNode(page, NODE);
		assert.deepEqual(await shownParameters(panel, DEPENDENT), [
			'templateSign',
			'binaryPropertyName',
		]);
		await screenshot(page, 'parameters');
		await pickOption(page, panel, 'operation', 'Recognize with Classifier');
		assert.deepEqual(await shownParameters(panel, DEPENDENT), [
			'classifierId',
			'binaryPropertyName',
		]);
		await pickOption(page, panel, 'operation', 'Recognize Finance Document');
		assert.deepEqual(await shownParameters(panel, DEPENDENT), [
			'templateSign',
			'financeMode',
			'binaryPropertyName',
		]);
		await pickOption(page, panel, 'financeMode', 'Classifier');
		assert.deepEqual(await shownParameters(panel, DEPENDENT), [
			'classifierId',
			'financeMode',
			'binaryPropertyName',
		]);
		await pickOption(page, panel, 'financeMode', 'Mixed Receipts on One Sheet');
		assert.deepEqual(await shownParameters(panel, DEPENDENT), [
			'financeMode',
			'binaryPropertyName',
		]);
		await pickOption(page, panel, 'inputType', 'URL');
		assert.deepEqual(await shownParameters(panel, DEPENDENT), ['financeMode', 'url']);
		await pickOption(page, panel, 'operation', 'Recognize with Template');
		assert.deepEqual(await shownParameters(panel, DEPENDENT), ['templateSign', 'url']);
	});
}

async function reviewRouting(page: Page): Promise<void> {
	await check(
		'review routing: the option and both outputs are labelled in full on the canvas',
		async () => {
			const panel = ndv(page)
				.isVisible()
				.then((open) => (open ? ndv(page) : openNode(page, NODE)));
			const scope = await panel;
			await scope.getByTestId('collection-parameter-add').click();
			await page
				.getByTestId('collection-parameter-option')
				.filter({ hasText: 'Route to Review Output' })
				.click();
			await parameter(scope, 'routeLowConfidence').locator('.el-switch').click();
			assert.deepEqual(await cutOffTexts(scope, ['Route to Review Output']), []);
			await closeNode(page);
			const handles = page.locator(
				'[data-test-id="canvas-node-output-handle"][data-node-name="Baidu iOCR"]',
			);
			assert.deepEqual(await handles.allInnerTexts(), ['Confident', 'Review']);
			assert.deepEqual(await cutOffTexts(page.getByTestId('canvas'), ['Confident', 'Review']), []);
			await page.getByTestId('zoom-to-fit').click();
			await screenshot(page, 'review-outputs');
		},
	);
}

async function execute(page: Page, url: string, emulator: Emulator): Promise<void> {
	await check(
		'execute: a ticket read from disk gives one row per field, Chinese names included',
		async () => {
			await newWorkflowWithManualTrigger(page, url);
			await outputPlus(page, 'When clicking').click();
			await searchNodes(page, 'Read/Write Files', 'Read/Write Files from Disk');
			await pickInPanel(page, 'Read/Write Files from Disk');
			await pickInPanel(page, 'Read File(s) From Disk');
			await fillParameter(ndv(page), 'fileSelector', join(SAMPLES, 'train-ticket.png'));
			await closeNode(page);
			await outputPlus(page, 'Read/Write Files from Disk').click();
			await searchNodes(page, 'OCR', NODE);
			await pickInPanel(page, NODE);
			await pickInPanel(page, ACTIONS.template);
			const panel = ndv(page);
			await panel.waitFor();
			// The credential made above is picked by itself, as the only one of its type.
			await panel.getByTestId('node-credentials-select').waitFor();
			await fillParameter(panel, 'templateSign', TEMPLATES.trainTicket);
			const before = emulator.recognitionRequests().length;
			await panel.getByTestId('node-execute-button').click();
			const output = panel.getByTestId('output-panel');
			await output.getByText('TIANJIN').first().waitFor();
			const text = await output.innerText();
			for (const expected of ['始发站', '终点站', 'BEIJINGNAN', 'C2565'])
				assert.ok(text.includes(expected), `no ${expected}`);
			assert.match(text, /8 items/);
			assert.equal(emulator.recognitionRequests().length, before + 1);
			const cjk = await page.evaluate(() => document.fonts.check('16px "Noto Sans CJK SC"'));
			assert.ok(cjk, 'a CJK font is available to render the field names');
			await screenshot(page, 'output-table');
			await closeNode(page);
		},
	);
	await check('execute: a GIF is refused before sending, naming the file and the fix', async () => {
		const before = emulator.recognitionRequests().length;
		const read = await openNode(page, 'Read/Write Files from Disk');
		await fillParameter(read, 'fileSelector', join(SAMPLES, 'sample.gif'));
		await closeNode(page);
		const panel = await openNode(page, NODE);
		await panel.getByTestId('node-execute-button').click();
		const output = panel.getByTestId('output-panel');
		await output
			.getByText(/sample\.gif/)
			.first()
			.waitFor();
		const text = await output.innerText();
		assert.match(text, /sample\.gif/);
		assert.match(text, /GIF/);
		assert.equal(emulator.recognitionRequests().length, before, 'nothing was sent to Baidu');
		await screenshot(page, 'bad-file-error');
		await closeNode(page);
	});
}

/** The names the node's Options list offers to add, the list closed again. */
async function optionsOffered(page: Page, panel: Locator): Promise<string[]> {
	await panel.getByTestId('collection-parameter-add').click();
	const names = await page.getByTestId('collection-parameter-option').allInnerTexts();
	await page.keyboard.press('Escape');
	return names.map((name) => name.trim());
}

async function reviewPicture(page: Page): Promise<void> {
	await check(
		'execute: Attach Review Picture stores a PNG per document, which n8n’s binary viewer shows (View) at its size',
		async () => {
			const read = await openNode(page, 'Read/Write Files from Disk');
			await fillParameter(read, 'fileSelector', join(SAMPLES, 'train-ticket.png'));
			await closeNode(page);
			const panel = await openNode(page, NODE);
			// Review Picture Format is offered only once Attach Review Picture is on.
			assert.ok(!(await optionsOffered(page, panel)).includes('Review Picture Format'));
			await panel.getByTestId('collection-parameter-add').click();
			await page
				.getByTestId('collection-parameter-option')
				.filter({ hasText: 'Attach Review Picture' })
				.click();
			await parameter(panel, 'attachReviewPicture').locator('.el-switch').click();
			assert.ok((await optionsOffered(page, panel)).includes('Review Picture Format'));
			await panel.getByTestId('node-execute-button').click();
			const output = panel.getByTestId('output-panel');
			// n8n opens the output on its Binary view when the items carry binary data.
			await output.getByText('train-ticket-review.png').first().waitFor();
			await output.getByTestId('ndv-run-data-display-mode').getByText('Binary').click();
			assert.match(await output.innerText(), /image\/png/);
			// n8n offers View only for the types its viewer shows (PNG yes, SVG no).
			const view = output.getByTestId('ndv-view-binary-data').first();
			await view.waitFor();
			await view.click();
			const image = page.locator('.binary-data-window img').first();
			await image.waitFor();
			const natural = await image.evaluate(async (element) => {
				const img = element as HTMLImageElement;
				await img.decode();
				return [img.naturalWidth, img.naturalHeight];
			});
			const ticket = readFileSync(join(SAMPLES, 'train-ticket.png'));
			assert.deepEqual(natural, [ticket.readUInt32BE(16), ticket.readUInt32BE(20)]);
			await screenshot(page, 'review-picture-binary');
			await page.locator('.binary-data-window-back').first().click();
			// The file as stored: Chromium decodes it to exactly the pixels pngjs reads.
			const [download] = await Promise.all([
				page.waitForEvent('download'),
				output.getByTestId('ndv-download-binary-data').first().click(),
			]);
			const folder = mkdtempSync(join(tmpdir(), 'review-download-'));
			try {
				const saved = join(folder, 'review.png');
				await download.saveAs(saved);
				const browser = page.context().browser();
				assert.ok(browser, 'the page belongs to a browser');
				const viewer = await browser.newPage();
				try {
					assert.deepEqual(await checkPngPicture(viewer, readFileSync(saved)), []);
				} finally {
					await viewer.close();
				}
			} finally {
				rmSync(folder, { recursive: true, force: true });
			}
			await closeNode(page);
		},
	);
}

async function main(): Promise<void> {
	if (!existsSync(join(REPO, 'dist', 'nodes', 'BaiduIocr', 'BaiduIocr.node.js')))
		throw new Error('dist/ is missing: run `npm run build` first');
	console.log('editor: installing or reusing n8n and Chromium …');
	ensureBrowser();
	const install: N8nInstall = prepareUserFolder(ensureN8n());
	const emulator = await startEmulator({ quiet: true });
	let server: N8nServer | undefined;
	let browser: Browser | undefined;
	try {
		server = await startN8nServer(install);
		console.log(`editor: n8n ${server.url}, emulator ${emulator.url}`);
		browser = await launchBrowser();
		const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		// EDITOR_TIMEOUT_MS: more than 15 s per step on a machine busy with other work.
		page.setDefaultTimeout(Number(process.env.EDITOR_TIMEOUT_MS) || 15_000);
		currentPage = page;
		await ownerSetup(page, server.url);
		await findNode(page, server.url);
		await credential(page, emulator);
		await operations(page);
		await reviewRouting(page);
		await execute(page, server.url, emulator);
		await reviewPicture(page);
	} catch (error) {
		report.fail('editor suite', `${String(error)}\n${logTail(install, 20)}`);
	} finally {
		await browser?.close();
		await server?.stop();
		await emulator.close();
		if (process.env.KEEP_E2E !== '1') rmSync(install.userFolder, { recursive: true, force: true });
	}
}

main()
	.catch((error: unknown) => report.fail('suite setup', error))
	.finally(() => report.finish());
