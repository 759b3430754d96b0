/**
 * What the review picture's title strip says and what its file is called
 * (output/picture/title.ts): the names a reviewer reads and an email or a drive shows, for a
 * file, a page of a PDF, a receipt, a URL, and names no file system accepts.
 */
import type { IDataObject } from 'n8n-workflow';

import type { DocumentSource } from '../../../nodes/BaiduIocr/model';
import { pictureFileName, pictureTitle } from '../../../nodes/BaiduIocr/output/picture/title';

const view = (metadata: IDataObject) => ({ isStructured: true, fields: [], metadata });
const heading = (source: DocumentSource, metadata: IDataObject = {}) =>
	pictureTitle(source, view(metadata)).heading;
const details = (metadata: IDataObject) =>
	pictureTitle({ fileName: 'scan.png' }, view(metadata)).details;

describe('the title strip’s first line: the document, its page and its receipt', () => {
	it.each([
		[{ fileName: 'ticket.jpg', url: 'https://x.test/other.png' }, 'ticket.jpg'],
		[{ url: 'https://x.test/scans/ticket%20one.jpg?sig=a/b#p/2' }, 'ticket one.jpg'],
		[{ url: 'https://x.test/scans/ticket.png//' }, 'ticket.png'],
		// A segment that is not valid percent-encoding is shown as written.
		[{ url: 'https://x.test/100%.png' }, '100%.png'],
		// Nothing after the scheme: the URL itself.
		[{ url: 'https://' }, 'https://'],
		// Colons that make no scheme: a name.
		[{ url: 'https://x.test/1abc:' }, '1abc:'],
		[{ url: 'https://x.test/abc:def' }, 'abc:def'],
		[{ binaryProperty: 'attachment_0' }, "binary property 'attachment_0'"],
		[{}, 'Document'],
	] as Array<[DocumentSource, string]>)('%j: %s', (source, expected) => {
		expect(heading(source)).toBe(expected);
	});

	it('the page (of the file’s count when known) and the receipt (from 1), after the name', () => {
		expect(heading({ fileName: 'a.pdf', page: 2, pageCount: 5 }, { receiptIndex: 2 })).toBe(
			'a.pdf · page 2 of 5 · receipt 3',
		);
		expect(heading({ fileName: 'a.pdf', page: 2 })).toBe('a.pdf · page 2');
		expect(heading({ fileName: 'a.pdf' }, { receiptIndex: 0 })).toBe('a.pdf · receipt 1');
	});

	it('a name with line breaks and bidirectional controls is shown on one line, as written', () => {
		expect(heading({ fileName: 'in\nvoice\u202e.pdf' })).toBe('in voice.pdf');
	});
});

describe('the title strip’s second line: the template and the classifier’s score', () => {
	it.each([
		[{ templateSign: 'abc123' }, 'Template abc123'],
		[{}, 'No template named in the answer'],
		[{ templateSign: 'abc123', classifierScore: 0.87 }, 'Template abc123 · classifier score 0.87'],
		// A sure classifier (1) and no classifier say nothing more.
		[{ templateSign: 'abc123', classifierScore: 1 }, 'Template abc123'],
		[{ templateSign: 'abc123', classifierScore: null }, 'Template abc123'],
	] as Array<[IDataObject, string]>)('%j: %s', (metadata, expected) => {
		expect(details(metadata)).toBe(expected);
	});
});

describe('the picture’s file name', () => {
	it.each([
		[{ fileName: 'train-ticket.jpg' }, 'train-ticket-review.svg'],
		[{ fileName: 'scan.jpeg' }, 'scan-review.svg'],
		// Not an extension (six characters): kept.
		[{ fileName: 'scan.abcdef' }, 'scan.abcdef-review.svg'],
		[{ fileName: 'C:\\mail\\in/voice.pdf' }, 'voice-review.svg'],
		[{ fileName: 'in:v*o?i"c<e>|.pdf' }, 'in_v_o_i_c_e__-review.svg'],
		[{ fileName: '  two \t\n words .png' }, 'two words-review.svg'],
		// Dots only would mean "here" or "up"; dots around a name are part of it.
		[{ fileName: '....png' }, 'document-review.svg'],
		[{ fileName: ' ... .png' }, 'document-review.svg'],
		[{ fileName: 'a...png' }, 'a..-review.svg'],
		[{ fileName: '..a.png' }, '..a-review.svg'],
		[{ url: 'https://x.test/scans/ticket%20one.jpg?sig=1' }, 'ticket one-review.svg'],
		[{ url: 'https://x.test/scans/' }, 'scans-review.svg'],
		[{ url: 'https://' }, 'document-review.svg'],
		[{ binaryProperty: 'data' }, 'document-review.svg'],
	] as Array<[DocumentSource, string]>)('%j: %s', (source, expected) => {
		expect(pictureFileName(source)).toBe(expected);
	});

	it('the page and the receipt (from 1) before -review, and the picture’s own extension', () => {
		expect(pictureFileName({ fileName: 'invoice.pdf', page: 2 }, undefined, 'png')).toBe(
			'invoice-p2-review.png',
		);
		expect(pictureFileName({ fileName: 'sheet.png' }, 1)).toBe('sheet-receipt2-review.svg');
		expect(pictureFileName({ fileName: 'sheet.pdf', page: 3 }, 0)).toBe(
			'sheet-p3-receipt1-review.svg',
		);
	});

	it('a name of more than 100 characters keeps its first 100, without a space at the end', () => {
		const hundred = 'x'.repeat(100);
		expect(pictureFileName({ fileName: `${hundred}.png` })).toBe(`${hundred}-review.svg`);
		expect(pictureFileName({ fileName: `${'x'.repeat(99)} yz.png` })).toBe(
			`${'x'.repeat(99)}-review.svg`,
		);
		// Counted in characters, not UTF-16 units: no half of a pair is left at the cut.
		expect(pictureFileName({ fileName: `${'😀'.repeat(101)}.png` })).toBe(
			`${'😀'.repeat(100)}-review.svg`,
		);
	});
});
