/**
 * Files in n8n's filesystem binary mode (its default since 2.x): items carry only an id, and the
 * node streams each file into memory it reuses from file to file. Every file must reach Baidu
 * byte for byte whatever the order of sizes (the memory grows, then holds a smaller file over
 * the remains of a bigger one), with several files on one item and several requests in flight.
 */
import { readdirSync, rmSync } from 'fs';
import { join } from 'path';

import { useFilesystemBinaryMode, type FilesystemBinaryMode } from '../harness/binaryMode';
import { useEmulator } from '../harness/emulator';
import { runBaidu } from '../harness/run';
import type { SourceItem } from '../harness/nodeTypes';
import { credentialsFor, makePng, TRAIN_TICKET_TEMPLATE } from '../harness/setup';
import { noisePng, noisePngUnderLimit } from '../bench/images';
import { readSample } from '../samples';
import { shortHash } from './helpers';
import { startBaiduRun } from '../resilience/engine';

let filesystem: FilesystemBinaryMode;
beforeAll(async () => {
	filesystem = await useFilesystemBinaryMode();
});
afterAll(() => filesystem.remove());
const emulator = useEmulator();

const png = (bytes: Buffer, fileName: string) => ({ bytes, fileName, mimeType: 'image/png' });

/** Deletes the stored files whose names `which` picks, in every folder under `folder`. */
function removeFiles(folder: string, which: (name: string) => boolean): void {
	for (const entry of readdirSync(folder, { withFileTypes: true })) {
		const path = join(folder, entry.name);
		if (entry.isDirectory()) removeFiles(path, which);
		else if (which(entry.name)) rmSync(path, { force: true });
	}
}

const parameters = {
	operation: 'recognizeTemplate',
	templateSign: TRAIN_TICKET_TEMPLATE,
	inputType: 'binary',
	binarySelection: 'all',
	output: 'document',
	options: { concurrency: 3, requestsPerSecond: 100, maxRetries: 0 },
};

describe('filesystem binary mode', () => {
	it('sends every file byte for byte: big after small, small after big, several per item', async () => {
		const large = noisePngUnderLimit(2.9e6); // near the 4 MB encoded limit: measured exactly
		const medium = noisePng(1.2e6);
		const small = makePng(64, 48, 7);
		const items: SourceItem[] = [
			{ json: { n: 0 }, binary: { a: png(small, 'small.png'), b: png(large, 'large.png') } },
			{ json: { n: 1 }, binary: { a: png(makePng(80, 60, 8), 'after-large.png') } },
			{ json: { n: 2 }, binary: { a: png(medium, 'medium.png') } },
			{ json: { n: 3 }, binary: { a: png(readSample('train-ticket.png'), 'ticket.png') } },
		];
		const run = await runBaidu({ items, parameters, credentials: credentialsFor(emulator().url) });
		expect(run.error).toBeUndefined();

		// The engine really stored the files on disk: the node's input items carry ids only.
		const stored = run.output('Source')[0].binary?.a;
		expect(stored?.id).toMatch(/^filesystem/);

		const sent = emulator()
			.recognitionRequests()
			.map((request) => request.params.image);
		const expected = items.flatMap((item) => Object.values(item.binary ?? {}).map((file) => file.bytes));
		expect(sent).toHaveLength(expected.length);
		for (const bytes of expected) {
			expect(sent.filter((summary) => summary.includes(`sha256:${shortHash(bytes)}`))).toHaveLength(1);
		}
		const documents = run.main[0];
		expect(documents.map((document) => document.json.error)).toEqual([undefined, undefined, undefined, undefined, undefined]);
		expect(documents.map((document) => document.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
	}, 60_000);

	it('refuses a file Baidu would refuse before anything is sent, naming the item and the file', async () => {
		const gif = { bytes: readSample('sample.gif'), fileName: 'scan.gif', mimeType: 'image/gif' };
		const items = [
			{ json: { n: 0 }, binary: { a: png(makePng(64, 48, 1), 'fine.png') } },
			{ json: { n: 1 }, binary: { a: gif } },
		];
		const run = await runBaidu({ items, parameters, credentials: credentialsFor(emulator().url) });
		expect(run.error?.message).toBe(
			"Item 1, file 'scan.gif' (a): The file is a GIF image, which Baidu iOCR does not accept.",
		);
		expect(emulator().recognitionRequests()).toHaveLength(0);
	}, 60_000);
	it('reads a file whose size the store does not know (no metadata) whole, growing as it streams', async () => {
		const files = [makePng(64, 48, 9), noisePng(1.2e6)];
		const items: SourceItem[] = files.map((bytes, n) => ({
			json: { n },
			binary: { data: png(bytes, `scan-${n}.png`) },
		}));
		const run = await startBaiduRun({
			items,
			parameters: { ...parameters, binarySelection: 'named', binaryPropertyName: 'data' },
			credentials: credentialsFor(emulator().url),
			hooks: { onStart: () => removeFiles(filesystem.folder, (name) => name.endsWith('.metadata')) },
		}).done;
		expect(run.error).toBeUndefined();
		const sent = emulator()
			.recognitionRequests()
			.map((request) => request.params.image);
		for (const bytes of files) {
			expect(sent.filter((summary) => summary.includes(`sha256:${shortHash(bytes)}`))).toHaveLength(1);
		}
	}, 60_000);

	describe('a stored file that is gone when the node reads it (pruned, storage unreachable)', () => {
		/** Runs Source -> Baidu iOCR and deletes the stored files just before the node starts. */
		const runWithoutFiles = async (onError?: 'continueRegularOutput') => {
			const items: SourceItem[] = [0, 1].map((n) => ({
				json: { n },
				binary: { data: png(makePng(64, 48, 20 + n), `scan-${n}.png`) },
			}));
			return await startBaiduRun({
				items,
				parameters: { ...parameters, binarySelection: 'named', binaryPropertyName: 'data' },
				credentials: credentialsFor(emulator().url),
				nodeOverrides: onError ? { onError } : {},
				hooks: {
					onStart: () => removeFiles(filesystem.folder, () => true),
				},
			}).done;
		};

		it('without continue: the run stops with the item, the file and what to do, before any request', async () => {
			const result = await runWithoutFiles();
			expect(result.error?.message).toBe(
				"Item 0, file 'scan-0.png' (data): The file could not be read from n8n's binary data storage.",
			);
			expect((result.error as { description?: string }).description).toMatch(
				/^n8n said: .+\. The file may have been deleted .+ Run the workflow again from the node that produced the file\.$/,
			);
			expect(emulator().recognitionRequests()).toHaveLength(0);
		}, 30_000);

		it('with continue: one error item per document, each paired with its item', async () => {
			const result = await runWithoutFiles('continueRegularOutput');
			expect(result.error).toBeUndefined();
			const out = result.main[0];
			expect(out.map((item) => item.json.error)).toEqual([
				"Item 0, file 'scan-0.png' (data): The file could not be read from n8n's binary data storage.",
				"Item 1, file 'scan-1.png' (data): The file could not be read from n8n's binary data storage.",
			]);
			expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			expect(emulator().recognitionRequests()).toHaveLength(0);
		}, 30_000);
	});
});
