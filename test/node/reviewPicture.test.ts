/**
 * Attach Review Picture through the real engine: each document's items carry its picture as the
 * binary property `review` (SVG), with the page image embedded when the input was an image, one
 * picture per page with Combine Pages, none without the option. The picture's own drawing is
 * tested in test/output/picture/.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IBinaryData, IDataObject, INodeExecutionData } from 'n8n-workflow';
import { PDFDocument } from 'pdf-lib';

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

const params = (extra: IDataObject = {}, options: IDataObject = {}) =>
	templateParams(TEMPLATE.trainTicket, extra, { attachReviewPicture: true, ...options });

function svgOf(binary: IBinaryData | undefined) {
	expect(binary).toBeDefined();
	expect(binary?.mimeType).toBe('image/svg+xml');
	const text = Buffer.from(binary?.data ?? '', 'base64').toString('utf8');
	return { text, root: parseXml(text) };
}

const reviewOf = (item: INodeExecutionData) => item.binary?.review;

describe('Attach Review Picture', () => {
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

	it('without the option: no binary on the output', async () => {
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: templateParams(TEMPLATE.trainTicket, { output: 'document' }),
			credentials: credentialsFor(emulator().url),
		});
		expect(run.main[0][0].binary).toBeUndefined();
	});
});
