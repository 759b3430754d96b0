/**
 * Each operation, run in n8n-core's engine against the emulator: what comes out (the
 * recorded fields, the template used, the classifier's choice and score, one document per
 * detected receipt) and what went over the wire (endpoint, selector, exactly one file field).
 */
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
	recording,
	sampleItem,
	selectorsOf,
	shortHash,
	TEMPLATE,
	templateParams,
	useEmulator,
} from './helpers';

const emulator = useEmulator();

describe('Recognize with Template', () => {
	it('returns the recorded fields of train-ticket.png with the template used', async () => {
		const run = await runBaidu({
			items: [sampleItem('train-ticket.png')],
			parameters: templateParams(TEMPLATE.trainTicket),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		const items = run.main[0];
		expect(fieldsOf(items)).toEqual(recording('train-ticket.png').ret.map(fieldOf));
		expect(items.find((item) => item.json.field === '车次')?.json.value).toBe('C2565');
		for (const item of items) {
			expect(documentOf(item)).toMatchObject({
				templateSign: TEMPLATE.trainTicket,
				classifierScore: 1,
				isStructured: true,
			});
		}

		const [request] = emulator().recognitionRequests();
		expect(emulator().recognitionRequests()).toHaveLength(1);
		expect(request.endpoint).toBe('recognise');
		expect(selectorsOf(request)).toEqual({ templateSign: TEMPLATE.trainTicket });
		expect(fileFieldsOf(request)).toEqual(['image']);
		expect(request.params.image).toContain(shortHash(readSample('train-ticket.png')));
	});
});

describe('Recognize with Classifier', () => {
	it.each([
		['train-ticket.png', TEMPLATE.trainTicket],
		['receipt.bmp', TEMPLATE.shopReceipt],
		['asset-tag.png', TEMPLATE.assetTag],
	])('names the template the classifier chose for %s and its score', async (sample, chosen) => {
		const run = await runBaidu({
			items: [sampleItem(sample)],
			parameters: classifierParams(CLASSIFIER.general, { output: 'document' }),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		expect(run.main[0]).toHaveLength(1);
		const document = documentOf(run.main[0][0]);
		expect(document.templateSign).toBe(chosen);
		expect(document.classifierScore).toBe(recording(sample).score);
		for (const entry of recording(sample).ret) {
			expect(run.main[0][0].json[entry.word_name as string]).toBe(entry.word);
		}

		const requests = emulator().recognitionRequests();
		expect(requests).toHaveLength(1);
		expect(requests[0].endpoint).toBe('recognise');
		expect(selectorsOf(requests[0])).toEqual({ classifierId: CLASSIFIER.general });
		expect(fileFieldsOf(requests[0])).toEqual(['image']);
	});
});

describe('Recognize Finance Document', () => {
	it.each([
		['invoice.jpg', 'image'],
		['invoice.pdf', 'pdf_file'],
	])('by template: %s goes to the finance endpoint as %s', async (sample, fileField) => {
		const run = await runBaidu({
			items: [sampleItem(sample)],
			parameters: financeParams({ templateSign: TEMPLATE.vatInvoice }),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		expect(fieldsOf(run.main[0])).toEqual(recording(sample).ret.map(fieldOf));
		expect(documentOf(run.main[0][0]).templateSign).toBe(TEMPLATE.vatInvoice);

		const requests = emulator().recognitionRequests();
		expect(requests).toHaveLength(1);
		expect(requests[0].endpoint).toBe('finance');
		expect(selectorsOf(requests[0])).toEqual({ templateSign: TEMPLATE.vatInvoice });
		expect(fileFieldsOf(requests[0])).toEqual([fileField]);
		expect(requests[0].params[fileField]).toContain(shortHash(readSample(sample)));
	});

	it('by classifier: names the finance template chosen and its score', async () => {
		const run = await runBaidu({
			items: [sampleItem('invoice.jpg')],
			parameters: financeParams({ classifierId: CLASSIFIER.finance }, { output: 'document' }),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		const document = documentOf(run.main[0][0]);
		expect(document.templateSign).toBe(TEMPLATE.vatInvoice);
		expect(document.classifierScore).toBe(recording('invoice.jpg').score);
		expect(run.main[0][0].json['发票号码']).toBe('08812345');

		const requests = emulator().recognitionRequests();
		expect(requests).toHaveLength(1);
		expect(requests[0].endpoint).toBe('finance');
		expect(selectorsOf(requests[0])).toEqual({ classifierId: CLASSIFIER.finance });
		expect(fileFieldsOf(requests[0])).toEqual(['image']);
	});

	it('mixed receipts: one document per receipt on the sheet, each with its receiptIndex', async () => {
		const run = await runBaidu({
			items: [sampleItem('receipts-mixed.jpg')],
			parameters: financeParams('detector', { output: 'document' }),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		const receipts = recording('receipts-mixed.jpg').receipts ?? [];
		expect(receipts).toHaveLength(2);
		expect(run.main[0]).toHaveLength(receipts.length);
		run.main[0].forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(documentOf(item)).toMatchObject({
				receiptIndex: index,
				templateSign: receipts[index].templateSign,
				source: { binaryProperty: 'data', fileName: 'receipts-mixed.jpg' },
			});
			for (const entry of receipts[index].ret) {
				expect(item.json[entry.word_name as string]).toBe(entry.word);
			}
		});
		expect(run.main[0].map((item) => item.json['商户名称'])).toEqual(['SUNNY MART', 'GREEN CAFE']);

		const requests = emulator().recognitionRequests();
		expect(requests).toHaveLength(1);
		expect(requests[0].endpoint).toBe('finance');
		expect(selectorsOf(requests[0])).toEqual({ templateSign: 'mixed_receipt' });
		expect(fileFieldsOf(requests[0])).toEqual(['image']);
	});

	it('mixed receipts in field mode: every field says which receipt it belongs to', async () => {
		const run = await runBaidu({
			items: [sampleItem('receipts-mixed.jpg')],
			parameters: financeParams('detector'),
			credentials: credentialsFor(emulator().url),
		});

		expect(run.error).toBeUndefined();
		const receipts = recording('receipts-mixed.jpg').receipts ?? [];
		const expected = receipts.flatMap((receipt, receiptIndex) =>
			receipt.ret.map((entry) => [receiptIndex, entry.word_name, entry.word]),
		);
		expect(
			run.main[0].map((item) => [documentOf(item).receiptIndex, item.json.field, item.json.value]),
		).toEqual(expected);
	});
});
