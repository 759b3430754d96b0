/** What the credential tests run the node with: a template, small distinct PNGs. */
import { makePng, TRAIN_TICKET_TEMPLATE } from '../harness/setup';

export const parameters = {
	operation: 'recognizeTemplate',
	templateSign: TRAIN_TICKET_TEMPLATE,
	inputType: 'binary',
	binaryPropertyName: 'data',
	output: 'document',
	options: { requestsPerSecond: 200, concurrency: 2 },
};

export const pngItems = (count: number) =>
	Array.from({ length: count }, (_, i) => ({
		json: { n: i },
		binary: {
			data: { bytes: makePng(40, 30, i + 1), fileName: `scan-${i}.png`, mimeType: 'image/png' },
		},
	}));
