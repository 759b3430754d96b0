/**
 * The multi-page warning at its boundary, with PDF Pages = First Page Only (the file is sent
 * as it is): Baidu iOCR reads only page 1 of a PDF, so a PDF of 2 pages or more is sent with a
 * warning in the output, and a 1-page PDF without one. The default, All Pages, sends each page
 * on its own (test/node/pdfPages.test.ts).
 */
import { PDFDocument } from 'pdf-lib';

import { checkFile } from '../../nodes/BaiduIocr/input/check';
import type { CheckedFile } from '../../nodes/BaiduIocr/model';
import { runBaidu } from '../harness/run';
import { credentialsFor, TRAIN_TICKET_TEMPLATE } from '../harness/setup';
import { useEmulator } from '../harness/emulator';

/** A PDF of `pages` pages, the way a scanner or an office suite writes one (pdf-lib). */
async function pdfOf(pages: number): Promise<Buffer> {
	const doc = await PDFDocument.create();
	for (let i = 0; i < pages; i++)
		doc.addPage([595, 842]).drawText(`Page ${i + 1}`, { x: 50, y: 780 });
	return Buffer.from(await doc.save());
}

const source = { fileName: 'scan.pdf', binaryProperty: 'data' };

describe('checkFile: page count of a PDF', () => {
	it.each([
		[1, []],
		[2, ['PDF has 2 pages; Baidu iOCR reads only page 1']],
		[3, ['PDF has 3 pages; Baidu iOCR reads only page 1']],
	])('%i page(s): warnings %j', async (pages, warnings) => {
		const checked = checkFile(await pdfOf(pages), source) as CheckedFile;
		expect(checked).toMatchObject({ kind: 'pdf', pageCount: pages });
		expect(checked.warnings).toEqual(warnings);
	});
});

describe("the warning in the node's output (n8n engine)", () => {
	const emulator = useEmulator();

	it('First Page Only: a 1-page PDF has no warning, a 2-page PDF has one, both sent whole as pdf_file', async () => {
		const run = await runBaidu({
			items: await Promise.all(
				[1, 2].map(async (pages) => ({
					json: { pages },
					binary: {
						data: {
							bytes: await pdfOf(pages),
							fileName: `scan-${pages}.pdf`,
							mimeType: 'application/pdf',
						},
					},
				})),
			),
			parameters: {
				operation: 'recognizeTemplate',
				templateSign: TRAIN_TICKET_TEMPLATE,
				inputType: 'binary',
				binaryPropertyName: 'data',
				output: 'document',
				pdfPages: 'first',
				options: { requestsPerSecond: 200, concurrency: 1 },
			},
			credentials: credentialsFor(emulator().url),
		});
		expect(run.error).toBeUndefined();
		const documents = run.main[0].map((item) => item.json.document as { warnings: string[] });
		expect(documents.map((document) => document.warnings)).toEqual([
			[],
			[expect.stringMatching(/^PDF has 2 pages; Baidu iOCR reads only page 1$/)],
		]);
		const requests = emulator().recognitionRequests();
		expect(requests).toHaveLength(2);
		for (const request of requests) expect(request.fileField).toBe('pdf_file');
	});
});
