/**
 * Attach Review Picture through the real engine: each document's items carry its picture as the
 * binary property `review`, a PNG by default (the page image with numbered boxes; the items
 * carry the numbers) or an SVG (the page image embedded), one picture per page with Combine
 * Pages, none without the option. The pictures' own drawing is tested in test/output/picture/.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IBinaryData, IDataObject, INodeExecutionData } from 'n8n-workflow';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';

import { runBaidu } from '../harness/run';
import { credentialsFor } from '../harness/setup';
import { byClass, parseXml } from '../output/picture/xml';
import {
	itemWith,
	recording,
	sampleFile,
	sampleItem,
	TEMPLATE,
	templateParams,
	useEmulator,
} from './helpers';

const emulator = useEmulator();

/** The SVG picture's options (the tests of the PNG, the default, set none). */
const params = (extra: IDataObject = {}, options: IDataObject = {}) =>
	templateParams(TEMPLATE.trainTicket, extra, {
		attachReviewPicture: true,
		reviewPictureFormat: 'svg',
		...options,
	});
const pngParams = (extra: IDataObject = {}, options: IDataObject = {}) =>
	templateParams(TEMPLATE.trainTicket, extra, { attachReviewPicture: true, ...options });

function svgOf(binary: IBinaryData | undefined) {
	expect(binary).toBeDefined();
	expect(binary?.mimeType).toBe('image/svg+xml');
	const text = Buffer.from(binary?.data ?? '', 'base64').toString('utf8');
	return { text, root: parseXml(text) };
}

const reviewOf = (item: INodeExecutionData) => item.binary?.review;

/** The PNG picture as stored, read by pngjs (which checks every CRC). */
function pngOf(binary: IBinaryData | undefined) {
	expect(binary).toBeDefined();
	expect(binary?.mimeType).toBe('image/png');
	return PNG.sync.read(Buffer.from(binary?.data ?? '', 'base64'), { checkCRC: true });
}

describe('Attach Review Picture, SVG', () => {
	it('per document: the item carries its picture with the page embedded and every field drawn', async () => {
		const file = sampleFile('train-ticket.png');
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: params({ output: 'document' }, { minConfidence: 0.96 }),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		const [item] = run.main[0];
		expect(item.binary?.review?.fileName).toBe('train-ticket-review.svg');
		const { text, root } = svgOf(reviewOf(item));
		expect(text).toContain(`data:image/png;base64,${Buffer.from(file.bytes).toString('base64')}`);
		const fields = byClass(root, 'g', 'field');
		expect(fields).toHaveLength(recording('train-ticket.png').ret.length);
		expect(byClass(root, 'g', 'field', 'review').length).toBeGreaterThan(0);
		expect(byClass(root, 'g', 'field', 'confident').length).toBeGreaterThan(0);
	});

	it('per field: every field item of the document carries the same picture', async () => {
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png'), sampleItem('train-ticket.jpg')],
			parameters: params({}, { minConfidence: 0.96 }),
			credentials: credentialsFor(emulator().url),
		});

		const items = run.main[0];
		// The same rule as the items: the fields drawn as needing review are the items that do.
		const first = items.filter((item) => reviewOf(item)?.data === reviewOf(items[0])?.data);
		// (A field without a box is listed below the page instead of drawn on it.)
		const { root } = svgOf(reviewOf(items[0]));
		const drawn = (cls: string) =>
			byClass(root, 'g', 'field', cls).length + byClass(root, 'g', 'unlocated', cls).length;
		// Fields without a confidence need review too; the picture gives them a class of their own.
		expect(drawn('review') + drawn('none')).toBe(
			first.filter((item) => item.json.needsReview === true).length,
		);
		expect(drawn('none')).toBe(first.filter((item) => item.json.confidence === null).length);
		expect(drawn('confident')).toBe(first.filter((item) => item.json.needsReview === false).length);
		const perFile = new Map<string, Set<string>>();
		for (const item of items) {
			const source = (item.json.document as IDataObject).source as IDataObject;
			const names = perFile.get(String(source.fileName)) ?? new Set<string>();
			names.add(String(reviewOf(item)?.fileName));
			perFile.set(String(source.fileName), names);
			svgOf(reviewOf(item));
		}
		expect([...perFile.entries()].map(([file, names]) => [file, [...names]])).toEqual([
			['train-ticket.png', ['train-ticket-review.svg']],
			['train-ticket.jpg', ['train-ticket-review.svg']],
		]);
		expect(reviewOf(items[0])?.data).not.toBe(reviewOf(items[items.length - 1])?.data);
	});

	it('Combine Pages: one item per PDF with one picture per page (review_p1, review_p2)', async () => {
		const doc = await PDFDocument.create();
		doc.addPage([960, 600]);
		doc.addPage([600, 960]);
		const bytes = Buffer.from(await doc.save());
		const run = await runBaidu({
			items: [itemWith({ data: { bytes, fileName: 'two.pdf', mimeType: 'application/pdf' } })],
			parameters: params({ output: 'document', combinePages: true }),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		expect(run.main[0]).toHaveLength(1);
		const binary = run.main[0][0].binary ?? {};
		expect(Object.keys(binary).sort()).toEqual(['review_p1', 'review_p2']);
		expect(binary.review_p1.fileName).toBe('two-p1-review.svg');
		expect(binary.review_p2.fileName).toBe('two-p2-review.svg');
		svgOf(binary.review_p1);
		svgOf(binary.review_p2);
	});

	it('a URL: the boxes are drawn on a blank page, the node fetches nothing itself', async () => {
		const png = sampleFile('train-ticket.png').bytes;
		const files = createServer((_request, response) => response.end(png));
		await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
		try {
			const url = `http://127.0.0.1:${(files.address() as AddressInfo).port}/ticket.png`;
			const run = await runBaidu({
				items: [{ json: {} }],
				parameters: params({ output: 'document', inputType: 'url', url }),
				credentials: credentialsFor(emulator().url),
			});

			expect(run.error).toBeUndefined();
			const { text, root } = svgOf(reviewOf(run.main[0][0]));
			expect(text).not.toContain('data:image');
			expect(byClass(root, 'g', 'field')).toHaveLength(recording('train-ticket.png').ret.length);
		} finally {
			files.close();
		}
	});

	it('a value that does not read as its Field Type is drawn as needing review', async () => {
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			// 车次 (C2565) is no amount; its confidence (0.98) is well above the minimum.
			parameters: params(
				{ output: 'document' },
				{ minConfidence: 0.5, fieldTypes: { rules: [{ field: '车次', type: 'amount' }] } },
			),
			credentials: credentialsFor(emulator().url),
		});

		const { root } = svgOf(reviewOf(run.main[0][0]));
		const reviewed = byClass(root, 'g', 'field', 'review').map((g) =>
			JSON.stringify(g.children[0]),
		);
		expect(reviewed).toHaveLength(1);
		expect(reviewed[0]).toContain('车次: C2565');
	});

	it('without the option: no binary and no numbers on the output', async () => {
		for (const output of ['document', 'field']) {
			const run = await runBaidu({
				items: [sampleItem('train-ticket.png')],
				parameters: templateParams(TEMPLATE.trainTicket, { output }),
				credentials: credentialsFor(emulator().url),
			});
			expect(run.main[0][0].binary).toBeUndefined();
			expect(run.main[0][0].json).not.toHaveProperty('pictureNumber');
			expect(run.main[0][0].json).not.toHaveProperty('pictureNumbers');
		}
	});
});

describe('Attach Review Picture, PNG (the default)', () => {
	const ticketNames = () => recording('train-ticket.png').ret.map((entry) => entry.word_name);

	it('gives each document a PNG of the page, named -review.png, at the image’s size', async () => {
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: pngParams({ output: 'document' }, { minConfidence: 0.96 }),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		const review = reviewOf(run.main[0][0]);
		expect(review?.fileName).toBe('train-ticket-review.png');
		const picture = pngOf(review);
		const ticket = PNG.sync.read(Buffer.from(sampleFile('train-ticket.png').bytes));
		expect([picture.width, picture.height]).toEqual([ticket.width, ticket.height]);
		// Away from the boxes the picture is the ticket itself.
		const at = (ticket.width * 520 + 830) * 4;
		expect([...picture.data.subarray(at, at + 3)]).toEqual([...ticket.data.subarray(at, at + 3)]);
	});

	it('One Item per Field: every item carries its field’s number in Baidu’s order, before document', async () => {
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: pngParams({}, { minConfidence: 0.96 }),
			credentials: credentialsFor(emulator().url),
		});

		const items = run.main[0];
		expect(items.map((item) => item.json.pictureNumber)).toEqual(
			ticketNames().map((_, i) => i + 1),
		);
		expect(items.map((item) => item.json.field)).toEqual(ticketNames());
		const keys = Object.keys(items[0].json);
		expect(keys.slice(-2)).toEqual(['pictureNumber', 'document']);
		// One picture per document, the same on each of its items.
		expect(new Set(items.map((item) => reviewOf(item)?.data)).size).toBe(1);
	});

	it('One Item per Document: pictureNumbers, keyed like confidence', async () => {
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: pngParams({ output: 'document' }),
			credentials: credentialsFor(emulator().url),
		});

		const json = run.main[0][0].json;
		const numbers = json.pictureNumbers as IDataObject;
		expect(Object.keys(numbers)).toEqual(Object.keys(json.confidence as IDataObject));
		expect(Object.values(numbers)).toEqual(ticketNames().map((_, i) => i + 1));
		expect(numbers[ticketNames()[2] as string]).toBe(3);
	});

	it('Combine Pages: a PNG per PDF page, blank and of the page’s shape, numbers per page', async () => {
		const doc = await PDFDocument.create();
		doc.addPage([960, 600]);
		doc.addPage([600, 960]);
		const bytes = Buffer.from(await doc.save());
		const run = await runBaidu({
			items: [itemWith({ data: { bytes, fileName: 'two.pdf', mimeType: 'application/pdf' } })],
			parameters: pngParams({ output: 'document', combinePages: true }),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		const [item] = run.main[0];
		const binary = item.binary ?? {};
		expect(Object.keys(binary).sort()).toEqual(['review_p1', 'review_p2']);
		expect(binary.review_p1.fileName).toBe('two-p1-review.png');
		const first = pngOf(binary.review_p1);
		const second = pngOf(binary.review_p2);
		expect([first.width, first.height]).toEqual([1000, 625]);
		// Page 2 is portrait; its boxes (the emulator's, for a landscape page) reach past it in
		// points, so a finer unit is taken: the same shape, larger (see page.ts).
		expect(second.width / second.height).toBeCloseTo(600 / 960, 2);
		expect(second.height).toBeGreaterThanOrEqual(1000);
		// A blank page: white where no box is.
		expect([...first.data.subarray(4 * (600 * 1000 + 500), 4 * (600 * 1000 + 500) + 3)]).toEqual([
			255, 255, 255,
		]);
		// Each page's picture counts from 1; `pages` says which page a number is on.
		const numbers = item.json.pictureNumbers as IDataObject;
		const pages = item.json.pages as IDataObject;
		expect(Object.keys(numbers)).toEqual(Object.keys(pages));
		const onPage = (page: number) =>
			Object.keys(numbers)
				.flatMap((key) => {
					const list = ([] as unknown[]).concat(numbers[key]);
					const pageList = ([] as unknown[]).concat(pages[key]);
					return list.filter((_, i) => pageList[i] === page);
				})
				.sort((a, b) => Number(a) - Number(b));
		expect(onPage(1)[0]).toBe(1);
		expect(onPage(2)[0]).toBe(1);
	});

	it('a JPEG that does not decode still gets its picture (boxes on a blank page), no error', async () => {
		const jpeg = Buffer.from(sampleFile('train-ticket.jpg').bytes);
		// Its first Huffman table says it has 200 codes of 1 bit: no decoder can read the data.
		jpeg[jpeg.indexOf(Buffer.from([0xff, 0xc4])) + 5] = 200;
		const run = await runBaidu({
			items: [itemWith({ data: { bytes: jpeg, fileName: 'broken.jpg', mimeType: 'image/jpeg' } })],
			parameters: pngParams({ output: 'document' }),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		expect(run.main[0]).toHaveLength(1);
		const [item] = run.main[0];
		expect(item.json.error).toBeUndefined();
		const picture = pngOf(reviewOf(item));
		// 856 x 540 px drawn as a blank page of that shape, at least 1000 px wide.
		expect([picture.width, picture.height]).toEqual([1000, Math.round((540 * 1000) / 856)]);
		expect(Object.keys(item.json.pictureNumbers as IDataObject).length).toBeGreaterThan(0);
	});
});
