/**
 * Each input kind through the real engine: PNG, JPEG and BMP as `image`, PDF as `pdf_file`
 * (with the page-1 warning for multi-page files), an image URL that the emulator downloads
 * from a second loopback server, several attachments on one item (wildcard and "all"),
 * IDs with stray spaces, and an empty ID.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import { PNG } from 'pngjs';

import { runBaidu } from '../harness/run';
import { credentialsFor } from '../harness/setup';
import { readSample } from '../samples';
import {
	CLASSIFIER,
	classifierParams,
	documentOf,
	fieldOf,
	fieldsOf,
	fileFieldsOf,
	financeParams,
	itemWith,
	recording,
	sampleItem,
	selectorsOf,
	shortHash,
	TEMPLATE,
	templateParams,
	useEmulator,
} from './helpers';

const emulator = useEmulator();

describe('image files', () => {
	it.each([
		['train-ticket.png', 'image/png', TEMPLATE.trainTicket],
		['train-ticket.jpg', 'image/jpeg', TEMPLATE.trainTicket],
		['receipt.bmp', 'image/bmp', TEMPLATE.shopReceipt],
	])('%s is sent as image and read with its template', async (sample, mimeType, templateSign) => {
		const run = await runBaidu({
			items: [sampleItem(sample)],
			parameters: templateParams(templateSign),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		expect(fieldsOf(run.main[0])).toEqual(recording(sample).ret.map(fieldOf));
		expect(documentOf(run.main[0][0]).source).toEqual({
			binaryProperty: 'data',
			fileName: sample,
			mimeType,
		});
		const requests = emulator().recognitionRequests();
		expect(requests).toHaveLength(1);
		expect(fileFieldsOf(requests[0])).toEqual(['image']);
		expect(requests[0].params.image).toContain(shortHash(readSample(sample)));
	});
});

describe('PDF files', () => {
	it('sends a one-page PDF as pdf_file, without warnings', async () => {
		const run = await runBaidu({
			items: [sampleItem('invoice.pdf')],
			parameters: financeParams({ templateSign: TEMPLATE.vatInvoice }),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		expect(fieldsOf(run.main[0])).toEqual(recording('invoice.pdf').ret.map(fieldOf));
		expect(documentOf(run.main[0][0]).warnings).toEqual([]);
		const requests = emulator().recognitionRequests();
		expect(requests).toHaveLength(1);
		expect(fileFieldsOf(requests[0])).toEqual(['pdf_file']);
		expect(requests[0].params.pdf_file).toContain(shortHash(readSample('invoice.pdf')));
	});

	it('with First Page Only, sends a multi-page PDF whole and warns that only page 1 is read', async () => {
		const run = await runBaidu({
			items: [sampleItem('invoice-multipage.pdf')],
			parameters: financeParams(
				{ templateSign: TEMPLATE.vatInvoice },
				{ output: 'document', pdfPages: 'first' },
			),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		expect(run.main[0]).toHaveLength(1);
		const { warnings } = documentOf(run.main[0][0]);
		expect(warnings).toEqual([expect.stringMatching(/3 pages.*only page 1/)]);
		expect(run.main[0][0].json['发票号码']).toBe('08812345');
		const requests = emulator().recognitionRequests();
		expect(requests).toHaveLength(1);
		expect(fileFieldsOf(requests[0])).toEqual(['pdf_file']);
	});
});

describe('image URL', () => {
	let files: http.Server;
	let filesUrl: string;
	const served: string[] = [];

	beforeAll(async () => {
		files = http.createServer((req, res) => {
			served.push(req.url ?? '');
			const name = (req.url ?? '').replace(/^\/files\//, '').split('?')[0];
			try {
				const bytes = readSample(name);
				res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': bytes.length });
				res.end(bytes);
			} catch {
				res.writeHead(404).end();
			}
		});
		await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
		filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		await new Promise<void>((resolve) => files.close(() => resolve()));
	});

	it('sends only the url, which Baidu downloads and recognises', async () => {
		const url = `${filesUrl}/files/train-ticket.png?sig=abc`;
		const run = await runBaidu({
			items: [{ json: { link: url } }],
			parameters: templateParams(TEMPLATE.trainTicket, {
				inputType: 'url',
				url: '={{ $json.link }}',
			}),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		expect(fieldsOf(run.main[0])).toEqual(recording('train-ticket.png').ret.map(fieldOf));
		expect(documentOf(run.main[0][0]).source).toEqual({ url });
		const requests = emulator().recognitionRequests();
		expect(requests).toHaveLength(1);
		expect(fileFieldsOf(requests[0])).toEqual(['url']);
		expect(requests[0].params.url).toBe(url);
		expect(selectorsOf(requests[0])).toEqual({ templateSign: TEMPLATE.trainTicket });
		expect(served).toContain('/files/train-ticket.png?sig=abc');
	});

	it('a URL that does not give an image: Baidu’s refusal is reported with the fix', async () => {
		const url = `${filesUrl}/files/missing.png`;
		const run = await runBaidu({
			items: [{ json: {} }],
			parameters: templateParams(TEMPLATE.trainTicket, { inputType: 'url', url }),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error?.name).toBe('NodeApiError');
		expect(run.error?.message).toBe(
			'Item 0, URL: The image URL did not return a usable image (Baidu error 282113: url response invalid)',
		);
		expect(run.error?.description).toMatch(/hotlink protection/);
		expect(
			emulator()
				.recognitionRequests()
				.map((request) => request.errorCode),
		).toEqual([282113]);
	});

	it('trims white space around the URL before sending it', async () => {
		const url = `${filesUrl}/files/receipt.bmp`;
		const run = await runBaidu({
			items: [{ json: {} }],
			parameters: templateParams(TEMPLATE.shopReceipt, { inputType: 'url', url: `  ${url}\n` }),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		expect(fieldsOf(run.main[0])).toEqual(recording('receipt.bmp').ret.map(fieldOf));
		expect(emulator().recognitionRequests()[0].params.url).toBe(url);
	});
});

describe('several files on one item', () => {
	// Put on the item out of order; natural order puts attachment_10 last.
	const attachments = () =>
		itemWith({
			attachment_2: 'asset-tag.png',
			attachment_10: 'train-ticket.jpg',
			attachment_0: 'train-ticket.png',
			attachment_1: 'receipt.bmp',
		});
	const expected = [
		['attachment_0', 'train-ticket.png', 'image/png', TEMPLATE.trainTicket],
		['attachment_1', 'receipt.bmp', 'image/bmp', TEMPLATE.shopReceipt],
		['attachment_2', 'asset-tag.png', 'image/png', TEMPLATE.assetTag],
		['attachment_10', 'train-ticket.jpg', 'image/jpeg', TEMPLATE.trainTicket],
	];

	it.each([
		['attachment_*', { binaryPropertyName: 'attachment_*' }],
		['All Binary Properties', { binarySelection: 'all' }],
	])(
		'%s: one document per file, in natural order, each naming its source',
		async (_name, selection) => {
			const run = await runBaidu({
				items: [attachments()],
				parameters: classifierParams(CLASSIFIER.general, { output: 'document', ...selection }),
				credentials: credentialsFor(emulator().url),
			});

			expect(run.error).toBeUndefined();
			expect(
				run.main[0].map((item) => {
					const document = documentOf(item);
					const source = document.source as Record<string, string>;
					return [source.binaryProperty, source.fileName, source.mimeType, document.templateSign];
				}),
			).toEqual(expected);
			expect(run.main[0].map((item) => item.pairedItem)).toEqual(expected.map(() => ({ item: 0 })));
			expect(run.main[0][1].json['商户名称']).toBe('SUNNY MART');

			const sent = emulator()
				.recognitionRequests()
				.map((request) => request.params.image);
			expect(sent).toHaveLength(4);
			for (const [, sample] of expected) {
				expect(sent.some((image) => image.includes(shortHash(readSample(sample))))).toBe(true);
			}
		},
	);

	it('reads a comma-separated list of names in the order given', async () => {
		const run = await runBaidu({
			items: [attachments()],
			parameters: classifierParams(CLASSIFIER.general, {
				output: 'document',
				binaryPropertyName: 'attachment_1, attachment_0',
			}),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		expect(
			run.main[0].map((item) => (documentOf(item).source as Record<string, string>).binaryProperty),
		).toEqual(['attachment_1', 'attachment_0']);
		expect(emulator().recognitionRequests()).toHaveLength(2);
	});
});

describe('template and classifier IDs', () => {
	it('trims spaces around a template ID before sending it', async () => {
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: templateParams(`  ${TEMPLATE.trainTicket}\t `),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		expect(documentOf(run.main[0][0]).templateSign).toBe(TEMPLATE.trainTicket);
		expect(selectorsOf(emulator().recognitionRequests()[0])).toEqual({
			templateSign: TEMPLATE.trainTicket,
		});
	});

	it('trims spaces around a classifier ID before sending it', async () => {
		const run = await runBaidu({
			items: [sampleItem('invoice.jpg')],
			parameters: financeParams({ classifierId: ` ${CLASSIFIER.finance}  ` }),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		expect(selectorsOf(emulator().recognitionRequests()[0])).toEqual({
			classifierId: CLASSIFIER.finance,
		});
	});

	// Blank, or an expression that gives nothing (the item has no such field).
	it.each([
		['Template ID', { id: '   ' }, templateParams('={{ $json.id }}')],
		['Classifier ID', { id: '   ' }, classifierParams('={{ $json.id }}')],
		['Template ID', {}, templateParams('={{ $json.id }}')],
		['Classifier ID', {}, classifierParams('={{ $json.id }}')],
	])(
		'an empty %s (item %j) stops the run with an error naming the item, before anything is sent',
		async (label, bad, parameters) => {
			const run = await runBaidu({
				items: [
					sampleItem('train-ticket.png', {
						id: label === 'Template ID' ? TEMPLATE.trainTicket : CLASSIFIER.general,
					}),
					sampleItem('train-ticket.jpg', bad),
				],
				parameters,
				credentials: credentialsFor(emulator().url),
			});

			expect(run.error?.name).toBe('NodeOperationError');
			expect(run.error?.message).toMatch(new RegExp(`^Item 1\\b.*${label} is empty`));
			expect(run.error?.description).toMatch(new RegExp(`${label}.*console`));
			expect(emulator().recognitionRequests()).toHaveLength(0);
		},
	);
});

describe('a batch larger than the pre-flight cache', () => {
	/** A valid PNG of random pixels, about w × h × 4 bytes, under Baidu's 4 MB once encoded. */
	function noisePng(width: number, height: number, seed: number): Buffer {
		const png = new PNG({ width, height });
		let state = seed;
		for (let i = 0; i < png.data.length; i += 4) {
			state ^= state << 13;
			state ^= state >>> 17;
			state ^= state << 5;
			png.data.writeUInt32LE(state >>> 0, i);
		}
		return PNG.sync.write(png, { deflateLevel: 0, filterType: 0 });
	}

	it('checks every file first, re-reads those it could not keep, and sends each one right', async () => {
		// Five files of about 3.6 million base64 characters: more than the 16 MiB the router
		// keeps from the first pass, so the last ones are read again before sending.
		const files = [1, 2, 3, 4, 5].map((seed) => noisePng(800, 850, seed));
		const run = await runBaidu({
			items: files.map((bytes, n) =>
				itemWith({ data: { bytes, fileName: `scan-${n}.png`, mimeType: 'image/png' } }),
			),
			parameters: templateParams(TEMPLATE.trainTicket, { output: 'document' }),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		expect(run.main[0].map((item) => item.pairedItem)).toEqual(files.map((_, item) => ({ item })));
		expect(
			run.main[0].map((item) => (documentOf(item).source as { fileName: string }).fileName),
		).toEqual(files.map((_, n) => `scan-${n}.png`));
		const sent = emulator()
			.recognitionRequests()
			.map((request) => request.params.image);
		expect(sent).toHaveLength(files.length);
		for (const bytes of files) {
			expect(sent.filter((image) => image.includes(shortHash(bytes)))).toHaveLength(1);
		}
	});
});
