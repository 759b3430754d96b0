/// <reference lib="dom" />
/**
 * Proves that review pictures display in a browser: Debian's Chromium opens real samples'
 * pictures (PNG, JPEG, BMP embedded; a PDF drawn as a page) the two ways people meet them:
 * as an image (an <img>, as n8n's binary viewer, a mail client or a chat shows an SVG: no
 * scripts, nothing fetched) and as a document (the downloaded .svg opened in a tab). For each
 * embedded image it checks that Chromium's own XML parser accepts the file, that the embedded
 * image decodes at its size, and that the page area shows the image's pixels (where no box or
 * label covers them) rather than a blank page. Then it saves a screenshot of the train ticket's
 * picture to docs/images/review-picture.png.
 *
 * The PNG pictures (the default format) are opened as images too: Chromium's own PNG decoder
 * must give them at their size with exactly the pixels pngjs reads (so signature, chunks, CRCs,
 * zlib stream and filters are all as a browser wants them); the ticket's PNG picture, as
 * Chromium shows it, goes to docs/images/review-picture-png.png.
 *
 *   npx tsx test/output/picture/render.ts [screenshot.png]
 *
 * Exits non-zero, saying why, when any check fails. Also callable: renderReviewPictures().
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';

import type { CheckedFile } from '../../../nodes/BaiduIocr/model';
import { reviewPicture } from '../../../nodes/BaiduIocr/output/picture';
import { rasterPicture } from '../../../nodes/BaiduIocr/output/picture/raster';
import { launchBrowser } from '../../editor/editor';
import { checkedSample, recordedDocument } from './examples';
import { byClass, parseXml, type XmlElement } from './xml';

const REPO = resolve(__dirname, '..', '..', '..');
export const SCREENSHOT = join(REPO, 'docs', 'images', 'review-picture.png');
export const PNG_SCREENSHOT = join(REPO, 'docs', 'images', 'review-picture-png.png');

interface Example {
	sample: string;
	minConfidence: number | null;
}

/** The ticket shows all three classes at 0.96: four fields below it, one without confidence. */
const SHOWN: Example = { sample: 'train-ticket.png', minConfidence: 0.96 };
const EXAMPLES: Example[] = [
	SHOWN,
	{ sample: 'invoice.jpg', minConfidence: null },
	{ sample: 'receipt.bmp', minConfidence: 0.8 },
	{ sample: 'invoice.pdf', minConfidence: 0.97 },
];

type Rgb = [number, number, number];

interface Bitmap {
	width: number;
	height: number;
	pixel(x: number, y: number): Rgb;
}

function pngBitmap(bytes: Buffer): Bitmap {
	const png = PNG.sync.read(bytes);
	return {
		width: png.width,
		height: png.height,
		pixel(x, y) {
			const i = (png.width * y + x) * 4;
			return [png.data[i], png.data[i + 1], png.data[i + 2]];
		},
	};
}

function difference(a: Rgb, b: Rgb): number {
	return Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]);
}

interface Geometry {
	width: number;
	height: number;
	pageX: number;
	pageY: number;
	/** Boxes and labels in page coordinates, where the image is covered. */
	covered: Array<{ x: number; y: number; width: number; height: number }>;
}

function geometry(svg: string): Geometry {
	const root = parseXml(svg);
	const page = byClass(root, 'g', 'page')[0];
	const match = /translate\(([-\d.]+) ([-\d.]+)\)/.exec(page.attributes.get('transform') ?? '');
	if (!match) throw new Error('the page group has no translation');
	const covered = [...byClass(root, 'g', 'field'), ...byClass(root, 'g', 'label')].flatMap((g) =>
		g.children
			.filter((c): c is XmlElement => 'name' in c && c.name === 'rect')
			.map((rect) => {
				const n = (name: string) => Number(rect.attributes.get(name) ?? 0);
				// Widened by the halo's width and a pixel of anti-aliasing on each side.
				const pad = n('stroke-width') * 1.5 + 2;
				return {
					x: n('x') - pad,
					y: n('y') - pad,
					width: n('width') + 2 * pad,
					height: n('height') + 2 * pad,
				};
			}),
	);
	return {
		width: Math.ceil(Number(root.attributes.get('width'))),
		height: Math.ceil(Number(root.attributes.get('height'))),
		pageX: Number(match[1]),
		pageY: Number(match[2]),
		covered,
	};
}

/** Chromium's XML parser on the file: the message of its <parsererror>, or null. */
async function parserError(page: Page, svg: string): Promise<string | null> {
	return await page.evaluate((text) => {
		const parsed = new DOMParser().parseFromString(text, 'image/svg+xml');
		const error = parsed.getElementsByTagName('parsererror')[0];
		return error ? (error.textContent ?? 'parsererror') : null;
	}, svg);
}

/** The embedded image decoded by Chromium on its own: its natural size and its pixels as PNG. */
async function decodeEmbedded(
	page: Page,
	href: string,
): Promise<{ naturalWidth: number; naturalHeight: number; png: Buffer | null }> {
	// In an HTML page: after asDocument the page is an SVG document, without HTML's canvas.
	await page.goto('about:blank');
	const result = await page.evaluate(async (src) => {
		const image = new Image();
		image.src = src;
		try {
			await image.decode();
		} catch {
			return { naturalWidth: 0, naturalHeight: 0, png: null };
		}
		const canvas = document.createElement('canvas');
		canvas.width = image.naturalWidth;
		canvas.height = image.naturalHeight;
		canvas.getContext('2d')?.drawImage(image, 0, 0);
		return {
			naturalWidth: image.naturalWidth,
			naturalHeight: image.naturalHeight,
			png: canvas.toDataURL('image/png'),
		};
	}, href);
	return {
		naturalWidth: result.naturalWidth,
		naturalHeight: result.naturalHeight,
		png: result.png ? Buffer.from(result.png.slice(result.png.indexOf(',') + 1), 'base64') : null,
	};
}

/** The picture shown as an image (<img>), screenshot at its own size. */
async function asImage(page: Page, svg: string, size: Geometry): Promise<Buffer> {
	await page.goto('about:blank'); // an HTML page, whatever was open before
	await page.setViewportSize({ width: size.width, height: size.height });
	const src = `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
	await page.setContent(
		`<!doctype html><html><body style="margin:0;background:#fff"><img id="picture" src="${src}" style="display:block"></body></html>`,
	);
	const natural = await page.evaluate(async () => {
		const image = document.getElementById('picture') as HTMLImageElement;
		await image.decode();
		return { width: image.naturalWidth, height: image.naturalHeight };
	});
	if (natural.width !== size.width && natural.width !== size.width - 1) {
		throw new Error(`the picture shows ${natural.width} px wide as an image, not ${size.width}`);
	}
	return await page.screenshot({ clip: { x: 0, y: 0, width: size.width, height: size.height } });
}

/** The picture opened as a document (the downloaded file in a tab), screenshot. */
async function asDocument(
	page: Page,
	svg: string,
	size: Geometry,
	folder: string,
): Promise<Buffer> {
	const file = join(folder, 'picture.svg');
	writeFileSync(file, svg);
	await page.setViewportSize({ width: size.width, height: size.height });
	await page.goto(`file://${file}`);
	const root = await page.evaluate(() => document.documentElement.localName);
	if (root !== 'svg')
		throw new Error(`Chromium opened the file as <${root}>, not as an SVG document`);
	await page.waitForTimeout(200);
	return await page.screenshot({ clip: { x: 0, y: 0, width: size.width, height: size.height } });
}

/**
 * Whether the screenshot shows the image in the page area: at points on a grid that no box or
 * label covers, the screenshot (best of the 3 x 3 pixels around, for the sub-pixel offset)
 * matches the image decoded on its own; the points where the image has ink must match too, so
 * that a pale image on a blank page cannot pass.
 */
function showsImage(shot: Bitmap, image: Bitmap, size: Geometry): string | null {
	let points = 0;
	let matched = 0;
	let ink = 0;
	let inkMatched = 0;
	const columns = 64;
	const rows = 48;
	for (let row = 0; row < rows; row++) {
		for (let column = 0; column < columns; column++) {
			const x = Math.floor(((column + 0.5) * image.width) / columns);
			const y = Math.floor(((row + 0.5) * image.height) / rows);
			if (
				size.covered.some((r) => x >= r.x && x <= r.x + r.width && y >= r.y && y <= r.y + r.height)
			)
				continue;
			const expected = image.pixel(x, y);
			let best = Number.POSITIVE_INFINITY;
			for (let dy = -1; dy <= 1; dy++) {
				for (let dx = -1; dx <= 1; dx++) {
					const sx = Math.round(size.pageX + x) + dx;
					const sy = Math.round(size.pageY + y) + dy;
					if (sx < 0 || sy < 0 || sx >= shot.width || sy >= shot.height) continue;
					best = Math.min(best, difference(shot.pixel(sx, sy), expected));
				}
			}
			const ok = best <= 60;
			points++;
			if (ok) matched++;
			if ((expected[0] + expected[1] + expected[2]) / 3 < 150) {
				ink++;
				if (ok) inkMatched++;
			}
		}
	}
	if (points < 100) return `only ${points} points of the image are uncovered`;
	if (ink < 20) return `the image has only ${ink} dark points to compare`;
	if (matched / points < 0.9) return `only ${matched} of ${points} points show the image's pixels`;
	if (inkMatched / ink < 0.85)
		return `only ${inkMatched} of ${ink} dark points of the image are shown`;
	return null;
}

/** Dark pixels inside the first box of a page drawn without the image: its value as text. */
function showsValueText(shot: Bitmap, svg: string, size: Geometry): string | null {
	const box = byClass(parseXml(svg), 'g', 'field')[0].children.filter(
		(c): c is XmlElement => 'name' in c && c.name === 'rect',
	)[1];
	const n = (name: string) => Number(box.attributes.get(name));
	let dark = 0;
	for (let y = Math.ceil(n('y') + 3); y < n('y') + n('height') - 3; y++) {
		for (let x = Math.ceil(n('x') + 3); x < n('x') + n('width') - 3; x++) {
			const [r, g, b] = shot.pixel(Math.round(size.pageX + x), Math.round(size.pageY + y));
			if ((r + g + b) / 3 < 110) dark++;
		}
	}
	return dark >= 30 ? null : `the first box shows no text (${dark} dark pixels)`;
}

/**
 * The problems Chromium shows with one picture of `file` (none: it displays, its embedded
 * image included). Exported so that a broken picture can be shown to fail.
 */
export async function checkPicture(
	page: Page,
	svg: string,
	file: Pick<CheckedFile, 'kind' | 'width' | 'height'>,
	folder: string,
): Promise<string[]> {
	const problems: string[] = [];
	const error = await parserError(page, svg);
	if (error) return [`Chromium's XML parser refuses it: ${error}`];
	const size = geometry(svg);

	const shots: Array<[string, Bitmap]> = [
		['as an image', pngBitmap(await asImage(page, svg, size))],
		['as a document', pngBitmap(await asDocument(page, svg, size, folder))],
	];

	if (file.kind === 'pdf') {
		for (const [how, shot] of shots) {
			const problem = showsValueText(shot, svg, size);
			if (problem) problems.push(`${how}: ${problem}`);
		}
		return problems;
	}

	const href = /<image href="([^"]+)"/.exec(svg)?.[1];
	if (!href) return ['no embedded image'];
	const decoded = await decodeEmbedded(page, href);
	if (
		decoded.naturalWidth !== file.width ||
		decoded.naturalHeight !== file.height ||
		!decoded.png
	) {
		return [
			`the embedded image did not load: naturalWidth ${decoded.naturalWidth} x ${decoded.naturalHeight}, expected ${file.width} x ${file.height}`,
		];
	}
	const image = pngBitmap(decoded.png);
	for (const [how, shot] of shots) {
		const problem = showsImage(shot, image, size);
		if (problem) problems.push(`${how}: ${problem}`);
	}
	return problems;
}

/**
 * The problems Chromium shows with a PNG picture (none: it decodes at its size to exactly the
 * pixels pngjs reads from the file). Shown as an <img>, as n8n's binary viewer shows it.
 */
export async function checkPngPicture(page: Page, png: Uint8Array): Promise<string[]> {
	const expected = pngBitmap(Buffer.from(png));
	const href = `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
	const decoded = await decodeEmbedded(page, href);
	if (
		decoded.naturalWidth !== expected.width ||
		decoded.naturalHeight !== expected.height ||
		!decoded.png
	) {
		return [
			`Chromium shows it ${decoded.naturalWidth} x ${decoded.naturalHeight}, not ${expected.width} x ${expected.height}`,
		];
	}
	const shown = pngBitmap(decoded.png);
	let differ = 0;
	for (let y = 0; y < expected.height; y++) {
		for (let x = 0; x < expected.width; x++) {
			if (difference(shown.pixel(x, y), expected.pixel(x, y)) !== 0) differ++;
		}
	}
	return differ === 0 ? [] : [`${differ} pixels differ between Chromium and pngjs`];
}

/** The PNG as Chromium shows it in a page, screenshot at its own size. */
async function pngScreenshot(page: Page, png: Uint8Array): Promise<Buffer> {
	const { width, height } = pngBitmap(Buffer.from(png));
	await page.goto('about:blank');
	await page.setViewportSize({ width, height });
	const src = `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
	await page.setContent(
		`<!doctype html><html><body style="margin:0"><img id="picture" src="${src}" style="display:block"></body></html>`,
	);
	await page.evaluate(async () => {
		await (document.getElementById('picture') as HTMLImageElement).decode();
	});
	return await page.screenshot({ clip: { x: 0, y: 0, width, height } });
}

/** Runs every check, saves the screenshot; returns the problems found (none: all is well). */
export async function renderReviewPictures(
	screenshot = SCREENSHOT,
	pngScreenshotPath = PNG_SCREENSHOT,
): Promise<string[]> {
	const browser = await launchBrowser();
	const folder = mkdtempSync(join(tmpdir(), 'review-picture-'));
	const problems: string[] = [];
	try {
		const page = await browser.newPage({ deviceScaleFactor: 1 });
		// Nothing may be fetched: a request other than the page's own data and file is a problem.
		page.on('request', (request) => {
			const url = request.url();
			if (!url.startsWith('data:') && !url.startsWith('file://') && url !== 'about:blank') {
				problems.push(`the picture made the browser fetch ${url}`);
			}
		});
		for (const example of EXAMPLES) {
			const file = checkedSample(example.sample);
			const { svg } = reviewPicture(recordedDocument(example.sample), file, {
				minConfidence: example.minConfidence,
			});
			const found = await checkPicture(page, svg, file, folder);
			for (const problem of found) problems.push(`${example.sample}: ${problem}`);
			console.log(`${example.sample}: ${found.length === 0 ? 'shows' : 'FAILED'}`);
			const { png } = rasterPicture(recordedDocument(example.sample), file, {
				minConfidence: example.minConfidence,
			});
			const pngFound = await checkPngPicture(page, png);
			for (const problem of pngFound) problems.push(`${example.sample} (PNG): ${problem}`);
			console.log(`${example.sample} (PNG): ${pngFound.length === 0 ? 'shows' : 'FAILED'}`);
			if (example === SHOWN) {
				mkdirSync(dirname(screenshot), { recursive: true });
				writeFileSync(screenshot, await asImage(page, svg, geometry(svg)));
				console.log(`screenshot: ${screenshot}`);
				writeFileSync(pngScreenshotPath, await pngScreenshot(page, png));
				console.log(`screenshot: ${pngScreenshotPath}`);
			}
		}
	} finally {
		await browser.close();
		rmSync(folder, { recursive: true, force: true });
	}
	return problems;
}

if (require.main === module) {
	const out = process.argv[2] ? resolve(process.argv[2]) : SCREENSHOT;
	renderReviewPictures(out).then(
		(problems) => {
			for (const problem of problems) console.error(problem);
			process.exitCode = problems.length === 0 ? 0 : 1;
		},
		(error: unknown) => {
			console.error(error);
			process.exitCode = 1;
		},
	);
}
