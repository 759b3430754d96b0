import type { RecognitionTarget } from '../../nodes/BaiduIocr/model';
import { recognitionBody, recognitionUrl } from '../../nodes/BaiduIocr/transport/form';
import { randomBytes } from '../input/build';

const template: RecognitionTarget = { edition: 'general', templateSign: 'tpl+1/é' };

/** The body a browser form would send, for comparison. */
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe('recognitionBody', () => {
	it.each([1, 49152, 49153, 250_000])(
		'is the form a browser would send for a %i-byte image and a template',
		(n) => {
			const bytes = randomBytes(n, n);
			const body = recognitionBody(template, { field: 'image', bytes });
			expect(Buffer.isBuffer(body)).toBe(true);
			expect(body.toString('latin1')).toBe(
				form({ image: bytes.toString('base64'), templateSign: 'tpl+1/é' }),
			);
		},
	);

	it('uses a measured encoded length, and sends a PDF as pdf_file with a classifier', () => {
		const bytes = randomBytes(70_000, 9);
		const encodedLength = encodeURIComponent(bytes.toString('base64')).length;
		const body = recognitionBody(
			{ edition: 'general', classifierId: '42' },
			{ field: 'pdf_file', bytes, encodedLength },
		);
		expect(body.toString('latin1')).toBe(form({ pdf_file: bytes.toString('base64'), classifierId: '42' }));
	});

	it('refuses a wrong encoded length rather than send memory it never wrote', () => {
		const bytes = randomBytes(3000, 1);
		const encodedLength = encodeURIComponent(bytes.toString('base64')).length;
		expect(() =>
			recognitionBody(template, { field: 'image', bytes, encodedLength: encodedLength + 10 }),
		).toThrow(`form value is ${encodedLength} bytes, expected ${encodedLength + 10}`);
	});

	it('sends a URL and mixed receipts (templateSign=mixed_receipt, no detectorId), each encoded once', () => {
		const body = recognitionBody(
			{ edition: 'finance', detectorId: '0' },
			{ field: 'url', url: 'https://example.com/a b.jpg?x=1&y=é' },
		);
		expect(body.toString('utf8')).toBe(
			form({ url: 'https://example.com/a b.jpg?x=1&y=é', templateSign: 'mixed_receipt' }).replace(/\+/g, '%20'),
		);
		expect(recognitionUrl('https://aip.baidubce.com/', { edition: 'finance', detectorId: '0' })).toBe(
			'https://aip.baidubce.com/rest/2.0/solution/v1/iocr/recognise/finance',
		);
	});
});
