/// <reference lib="dom" />
/**
 * What a person does in n8n's editor, as Playwright steps on Debian's Chromium: the node panel,
 * the node's parameters, the credential dialog, the canvas. Selectors are n8n's own
 * `data-test-id` attributes (stable across its releases) and the texts a user reads.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { chromium, selectors, type Browser, type Locator, type Page } from 'playwright-core';

import { REPO } from '../e2e/n8n';

export const SCREENSHOTS = join(REPO, 'docs', 'images');
const CHROMIUM = '/usr/bin/chromium';

/** Chromium and the CJK fonts come from Debian's packages, installed when missing. */
export function ensureBrowser(): void {
	execFileSync(
		'bash',
		[join(REPO, 'scripts', 'ensure-debian-packages.sh'), 'chromium', 'fonts-noto-cjk'],
		{
			stdio: ['ignore', 'ignore', 'inherit'],
		},
	);
}

export async function launchBrowser(): Promise<Browser> {
	selectors.setTestIdAttribute('data-test-id');
	return await chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		// As root Chromium needs --no-sandbox; the rest keeps it off the (closed) network.
		args: [
			'--no-sandbox',
			'--disable-dev-shm-usage',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
		],
	});
}

export async function screenshot(page: Page, name: string): Promise<void> {
	mkdirSync(SCREENSHOTS, { recursive: true });
	await page.waitForTimeout(600); // let panels and toasts finish moving
	await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

export const searchBox = (page: Page) => page.locator('input[placeholder="Search nodes..."]');

/** The names the node panel lists right now. */
export async function panelNames(page: Page): Promise<string[]> {
	await page.getByTestId('node-creator').waitFor();
	return await page.getByTestId('node-creator-item-name').allInnerTexts();
}

/**
 * Types into the node panel's search (fill: typed keys can be dropped) and returns what it lists
 * once the list shows `expected`, says "No results", or has stopped changing.
 */
export async function searchNodes(page: Page, text: string, expected = text): Promise<string[]> {
	await searchBox(page).fill(text);
	const noResults = page.getByTestId('node-creator-no-results');
	let last = '';
	let steady = 0;
	for (let i = 0; i < 50; i++) {
		await page.waitForTimeout(200);
		const names = await panelNames(page);
		if (names.includes(expected) || (await noResults.isVisible())) return names;
		steady = names.join('|') === last ? steady + 1 : 0;
		last = names.join('|');
		if (steady >= 10) return names;
	}
	return await panelNames(page);
}

/** Clicks an entry of the node panel by its exact name (a node, or one of its actions). */
export async function pickInPanel(page: Page, name: string): Promise<void> {
	await page
		.getByTestId('node-creator-item-name')
		.filter({ hasText: new RegExp(`^${escapeRegExp(name)}$`) })
		.first()
		.click();
}

/** The + on a node's output (its first output unless told). */
export function outputPlus(page: Page, nodeName: string, output = 0): Locator {
	return page
		.locator(
			`[data-test-id="canvas-node-output-handle"][data-node-name^="${nodeName}"][data-index="${output}"]`,
		)
		.getByTestId('canvas-handle-plus');
}

export function canvasNode(page: Page, name: string): Locator {
	return page.getByTestId('canvas-node').filter({ hasText: name });
}

export const ndv = (page: Page) => page.getByTestId('ndv');

/** Back to the bare canvas: closes an open node, dialog or node panel left by a failed step. */
export async function settle(page: Page): Promise<void> {
	for (let i = 0; i < 3; i++) {
		const open =
			(await ndv(page).isVisible()) ||
			(await page.getByTestId('node-creator').isVisible()) ||
			(await page.getByTestId('editCredential-modal').isVisible());
		if (!open) return;
		await page.keyboard.press('Escape');
		await page.waitForTimeout(300);
	}
}

export async function openNode(page: Page, name: string): Promise<Locator> {
	await canvasNode(page, name).first().dblclick();
	await ndv(page).waitFor();
	return ndv(page);
}

export async function closeNode(page: Page): Promise<void> {
	await page.getByTestId('ndv-close-button').click();
	await ndv(page).waitFor({ state: 'hidden' });
}

export function parameter(scope: Locator, name: string): Locator {
	return scope.getByTestId(`parameter-input-${name}`);
}

export async function fillParameter(scope: Locator, name: string, value: string): Promise<void> {
	await parameter(scope, name).locator('input, textarea').first().fill(value);
}

/** Opens a select parameter and picks the option whose title is `option`. */
export async function pickOption(
	page: Page,
	scope: Locator,
	name: string,
	option: string,
): Promise<void> {
	await parameter(scope, name).click();
	await page
		.locator('.el-select-dropdown__item:visible')
		.filter({ hasText: new RegExp(`^${escapeRegExp(option)}`) })
		.first()
		.click();
}

/** Which of the named parameters are shown in the panel now. */
export async function shownParameters(scope: Locator, names: string[]): Promise<string[]> {
	const shown: string[] = [];
	for (const name of names) if (await parameter(scope, name).isVisible()) shown.push(name);
	return shown;
}

/** Texts on the page cut off with an ellipsis (wider than their box), among the given ones. */
export async function cutOffTexts(scope: Locator, texts: string[]): Promise<string[]> {
	return await scope.evaluate((root, wanted) => {
		const cut: string[] = [];
		for (const element of Array.from(root.querySelectorAll<HTMLElement>('*'))) {
			const own = Array.from(element.childNodes)
				.filter((node) => node.nodeType === 3)
				.map((node) => node.textContent ?? '')
				.join('')
				.trim();
			if (wanted.includes(own) && element.scrollWidth > element.clientWidth + 1) cut.push(own);
		}
		return cut;
	}, texts);
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
