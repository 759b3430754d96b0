/**
 * output/view.ts: one recognised document read once for every output mode, its `document`
 * metadata included. Answers are shaped like Baidu's (see test/emulator/fixtures).
 */
import type { IDataObject } from 'n8n-workflow';

import type { DocumentSource } from '../../nodes/BaiduIocr/model';
import { toRecognisedDocument } from '../../nodes/BaiduIocr/output';
import { UNSTRUCTURED_WARNING, viewDocument } from '../../nodes/BaiduIocr/output/view';

const source: DocumentSource = { binaryProperty: 'data', fileName: 'ticket.jpg', mimeType: 'image/jpeg' };
const p = (average: number) => ({ average, min: average, variance: 0 });

function view(data: IDataObject, from: DocumentSource = source) {
	return viewDocument(toRecognisedDocument({ data, logId: '153206517722624' }, from, []));
}

describe('viewDocument', () => {
	it('takes a document as structured when Baidu does not say and one entry has a name', () => {
		const { isStructured, fields, metadata } = view({
			ret: [
				{ word_name: '终点站', word: '天津', probability: p(0.99) },
				{ word: 'printed at the foot of the ticket', probability: p(0.95) },
			],
			templateSign: '1c65a67f151df56ba4e29c4dddace5ee',
		});
		expect(isStructured).toBe(true);
		expect(fields.map((field) => field.name)).toEqual(['终点站', null]);
		expect(metadata.isStructured).toBe(true);
		expect(metadata.warnings).not.toContain(UNSTRUCTURED_WARNING);
	});

	it('reads an empty templateSign as no template', () => {
		const { metadata } = view({ ret: [], templateSign: '', isStructured: true });
		expect(metadata.templateSign).toBeNull();
	});

	it('copies the source without the keys n8n did not know (a binary with no file name)', () => {
		const { metadata } = view(
			{ ret: [{ word_name: '终点站', word: '天津' }] },
			{ binaryProperty: 'data', fileName: undefined, mimeType: 'image/png' },
		);
		expect(metadata.source).toStrictEqual({ binaryProperty: 'data', mimeType: 'image/png' });
		expect(Object.keys(metadata.source as IDataObject)).toEqual(['binaryProperty', 'mimeType']);
	});
});
