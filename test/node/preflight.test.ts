/**
 * Every pre-flight rejection, through the real engine: a file or URL Baidu would refuse stops
 * the run with an error that names the item, the file and the fix, before a single
 * recognition request is sent (not even for the good items before it). With "continue" the
 * bad document becomes an error item and the good ones are still recognised.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { PNG } from 'pngjs';

import type { SourceFile } from '../harness/nodeTypes';
import { runBaidu } from '../harness/run';
import { credentialsFor } from '../harness/setup';
import { BAIDU_LIMITS } from '../../nodes/BaiduIocr/input/limits';
import { itemWith, sampleFile, sampleItem, TEMPLATE, templateParams, useEmulator } from './helpers';

const emulator = useEmulator();

/** A valid PNG of random pixels: deflate cannot shrink it, so its size is about w × h × 4. */
function noisePng(width: number, height: number, seed: number): Buffer {
	const png = new PNG({ width, height });
	let state = seed >>> 0 || 1;
	for (let i = 0; i < png.data.length; i += 4) {
		state ^= state << 13;
		state ^= state >>> 17;
		state ^= state << 5;
		png.data.writeUInt32LE(state >>> 0, i);
	}
	return PNG.sync.write(png, { deflateLevel: 0, filterType: 0 });
}

const noise = (name: string, width: number, height: number, seed: number): SourceFile => ({
	bytes: noisePng(width, height, seed),
	fileName: name,
	mimeType: 'image/png',
});

interface Case {
	file: () => SourceFile;
	message: RegExp;
	fix: RegExp;
}

const FILE_CASES: Record<string, Case> = {
	'an empty file (empty.bin)': {
		file: () => sampleFile('empty.bin'),
		message: /The file is empty \(0 bytes\)/,
		fix: /previous node produced an empty file/,
	},
	'a GIF (sample.gif)': {
		file: () => sampleFile('sample.gif'),
		message: /a GIF image, which Baidu iOCR does not accept/,
		fix: /Edit Image node .*JPEG or PNG/,
	},
	'a WebP image (sample.webp)': {
		file: () => sampleFile('sample.webp'),
		message: /a WebP image, which Baidu iOCR does not accept/,
		fix: /Edit Image node .*JPEG or PNG/,
	},
	'a TIFF image (sample.tiff)': {
		file: () => sampleFile('sample.tiff'),
		message: /a TIFF image, which Baidu iOCR does not accept/,
		fix: /Edit Image node .*JPEG or PNG/,
	},
	'a HEIC photo (sample.heic)': {
		file: () => sampleFile('sample.heic'),
		message: /a HEIC photo.*iPhones/,
		fix: /JPEG.*Most Compatible/,
	},
	'a GIF whose name ends in .jpg': {
		file: () => ({ ...sampleFile('sample.gif'), fileName: 'scan.jpg', mimeType: 'image/jpeg' }),
		message: /a GIF image \(although its name ends in \.jpg\)/,
		fix: /Edit Image node/,
	},
	'a damaged PNG (corrupt.png)': {
		file: () => sampleFile('corrupt.png'),
		message: /The PNG file is damaged or incomplete/,
		fix: /opens in an image viewer|re-export/,
	},
	'an image under 15 px (tiny.png)': {
		file: () => sampleFile('tiny.png'),
		message: /10 × 10 px; Baidu iOCR needs at least 15 px/,
		fix: /Edit Image node \(Operation: Resize\)/,
	},
	'an image over 4096 px (huge.png)': {
		file: () => sampleFile('huge.png'),
		message: /5000 × 40 px; Baidu iOCR accepts at most 4096 px/,
		fix: /Edit Image node.*Resize/,
	},
	'an image far over 4 MB once encoded (1200 × 1000 noise)': {
		file: () => noise('noise-big.png', 1200, 1000, 7),
		message:
			/too large: [\d,]+ bytes \([\d.]+ MB\) after base64 and URL encoding; Baidu iOCR accepts at most 4,194,304 bytes/,
		fix: /Edit Image node: Resize it/,
	},
};

/** A good item first, so that "nothing sent" also covers documents that passed. */
async function runWithBadSecond(bad: SourceFile, onError?: 'continueErrorOutput') {
	return await runBaidu({
		items: [sampleItem('train-ticket.png'), itemWith({ data: bad })],
		parameters: templateParams(TEMPLATE.trainTicket, { output: 'document' }),
		credentials: credentialsFor(emulator().url),
		nodeOverrides: onError ? { onError } : {},
	});
}

describe('bad files stop the run before anything is sent', () => {
	it.each(Object.entries(FILE_CASES))('%s', async (_name, { file, message, fix }) => {
		const bad = file();
		const run = await runWithBadSecond(bad);

		expect(run.error?.name).toBe('NodeOperationError');
		expect(run.error?.message).toMatch(
			new RegExp(`^Item 1, file '${bad.fileName?.replace('.', '\\.')}' \\(data\\): `),
		);
		expect(run.error?.message).toMatch(message);
		expect(run.error?.description).toMatch(fix);
		expect((run.error as { context?: IDataObject }).context?.itemIndex).toBe(1);
		expect(emulator().recognitionRequests()).toHaveLength(0);
	});

	it('measures 4 MB after URL encoding: a file whose base64 fits but whose encoded form does not', async () => {
		const bad = noise('noise-edge.png', 1000, 750, 11);
		const base64 = bad.bytes.toString('base64');
		expect(base64.length).toBeLessThanOrEqual(BAIDU_LIMITS.maxEncodedBytes);
		expect(encodeURIComponent(base64).length).toBeGreaterThan(BAIDU_LIMITS.maxEncodedBytes);

		const run = await runWithBadSecond(bad);

		expect(run.error?.message).toMatch(
			/^Item 1, file 'noise-edge\.png' \(data\): The file is too large/,
		);
		expect(run.error?.message).toContain(
			`${encodeURIComponent(base64).length.toLocaleString('en-US')} bytes`,
		);
		expect(emulator().recognitionRequests()).toHaveLength(0);
	});

	it('a missing binary property names what the item has and how to pick it', async () => {
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png'), itemWith({ attachment: 'receipt.bmp' })],
			parameters: templateParams(TEMPLATE.trainTicket),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error?.name).toBe('NodeOperationError');
		expect(run.error?.message).toBe(
			"Item 1, file (data): The item has no binary property 'data'. It has: attachment.",
		);
		expect(run.error?.description).toMatch(/Set the binary property field to 'attachment'/);
		expect(emulator().recognitionRequests()).toHaveLength(0);
	});

	it('an item without any file says where files come from', async () => {
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png'), { json: { subject: 'no attachment' } }],
			parameters: templateParams(TEMPLATE.trainTicket),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error?.message).toBe(
			'Item 1, file (data): The item has no binary data, so there is no file to recognise.',
		);
		expect(run.error?.description).toMatch(/HTTP Request node|Download Attachments/);
		expect(emulator().recognitionRequests()).toHaveLength(0);
	});

	it('with All Binary Properties, an item without any file is named by * (no property asked for)', async () => {
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png'), { json: { subject: 'no attachment' } }],
			parameters: templateParams(TEMPLATE.trainTicket, { binarySelection: 'all' }),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error?.message).toBe(
			'Item 1, file (*): The item has no binary data, so there is no file to recognise.',
		);
		expect(emulator().recognitionRequests()).toHaveLength(0);
	});
});

describe('bad URLs stop the run before anything is sent', () => {
	const goodUrl = 'http://127.0.0.1:9/files/train-ticket.png';

	it.each([
		['not a URL', 'scan.png', /does not start with http:\/\/ or https:\/\//, /https:\/\//],
		['an ftp URL', 'ftp://example.com/scan.png', /uses ftp:/, /HTTP Request node/],
		['a data: URL', 'data:image/png;base64,iVBORw0KGgo=', /data: URL/, /Convert to File/],
		[
			'a URL over 1024 bytes',
			`https://example.com/scan.png?token=${'a'.repeat(1100)}`,
			/The URL is 1,1\d\d bytes long; Baidu iOCR accepts at most 1,024 bytes/,
			/shorter address/,
		],
	])('%s', async (_name, url, message, fix) => {
		const run = await runBaidu({
			items: [{ json: { url: goodUrl } }, { json: { url } }],
			parameters: templateParams(TEMPLATE.trainTicket, {
				inputType: 'url',
				url: '={{ $json.url }}',
			}),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error?.name).toBe('NodeOperationError');
		expect(run.error?.message).toMatch(/^Item 1, URL: /);
		expect(run.error?.message).toMatch(message);
		expect(run.error?.description).toMatch(fix);
		expect(emulator().recognitionRequests()).toHaveLength(0);
	});
});

describe('with "continue", bad files become error items and good ones go on', () => {
	const items = () => [
		sampleItem('train-ticket.png'),
		itemWith({ data: 'sample.gif' }),
		sampleItem('train-ticket.jpg'),
		itemWith({ data: 'tiny.png' }),
	];

	const errorShape = (item: INodeExecutionData, index: number, fileName: string) => {
		expect(Object.keys(item.json).sort()).toEqual(['details', 'error']);
		expect(item.json.error).toMatch(
			new RegExp(`^Item ${index}, file '${fileName.replace('.', '\\.')}' \\(data\\): `),
		);
		expect(item.json.details).toMatchObject({
			itemIndex: index,
			description: expect.stringMatching(/Edit Image/),
			source: { binaryProperty: 'data', fileName },
		});
		expect(item.pairedItem).toEqual({ item: index });
	};

	it('Continue (using error output): errors on the last output, successes on the first', async () => {
		const run = await runBaidu({
			items: items(),
			parameters: templateParams(TEMPLATE.trainTicket, { output: 'document' }),
			credentials: credentialsFor(emulator().url),
			nodeOverrides: { onError: 'continueErrorOutput' },
		});

		expect(run.error).toBeUndefined();
		expect(run.main).toHaveLength(2);
		const [ok, errors] = run.main;
		expect(ok.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(ok.map((item) => item.json['车次'])).toEqual(['C2565', 'C2565']);
		expect(errors).toHaveLength(2);
		errorShape(errors[0], 1, 'sample.gif');
		errorShape(errors[1], 3, 'tiny.png');
		expect(emulator().recognitionRequests()).toHaveLength(2);
	});

	it('Continue: error items stay in the main output, in input order', async () => {
		const run = await runBaidu({
			items: items(),
			parameters: templateParams(TEMPLATE.trainTicket, { output: 'document' }),
			credentials: credentialsFor(emulator().url),
			nodeOverrides: { onError: 'continueRegularOutput' },
		});

		expect(run.error).toBeUndefined();
		expect(run.main).toHaveLength(1);
		const [main] = run.main;
		expect(main.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		errorShape(main[1], 1, 'sample.gif');
		errorShape(main[3], 3, 'tiny.png');
		expect(main[0].json['始发站']).toBe('BEIJINGNAN');
		expect(main[2].json['始发站']).toBe('BEIJINGNAN');
		expect(emulator().recognitionRequests()).toHaveLength(2);
	});

	it('a bad attachment does not take the good attachments of the same item with it', async () => {
		const run = await runBaidu({
			items: [
				itemWith({
					attachment_0: 'train-ticket.png',
					attachment_1: 'sample.tiff',
					attachment_2: 'train-ticket.jpg',
				}),
			],
			parameters: templateParams(TEMPLATE.trainTicket, {
				output: 'document',
				binarySelection: 'all',
			}),
			credentials: credentialsFor(emulator().url),
			nodeOverrides: { onError: 'continueErrorOutput' },
		});

		expect(run.error).toBeUndefined();
		const [ok, errors] = run.main;
		expect(ok.map((item) => (item.json.document as IDataObject).source)).toEqual([
			{ binaryProperty: 'attachment_0', fileName: 'train-ticket.png', mimeType: 'image/png' },
			{ binaryProperty: 'attachment_2', fileName: 'train-ticket.jpg', mimeType: 'image/jpeg' },
		]);
		expect(errors).toHaveLength(1);
		expect(errors[0].json.error).toMatch(/^Item 0, file 'sample\.tiff' \(attachment_1\): .*TIFF/);
		expect(errors[0].pairedItem).toEqual({ item: 0 });
		expect(emulator().recognitionRequests()).toHaveLength(2);
	});

	it('with Route Low Confidence on, errors still go to the last output (the third)', async () => {
		const run = await runBaidu({
			items: [
				sampleItem('receipt.bmp'),
				itemWith({ data: 'sample.webp' }),
				sampleItem('receipt-blurry.png'),
			],
			parameters: templateParams(
				TEMPLATE.shopReceipt,
				{ output: 'document' },
				{ routeLowConfidence: true },
			),
			credentials: credentialsFor(emulator().url),
			nodeOverrides: { onError: 'continueErrorOutput' },
		});

		expect(run.error).toBeUndefined();
		expect(run.main.map((output) => output.map((item) => item.pairedItem))).toEqual([
			[{ item: 0 }],
			[{ item: 2 }],
			[{ item: 1 }],
		]);
		expect(run.main[2][0].json.error).toMatch(/WebP/);
	});
});
