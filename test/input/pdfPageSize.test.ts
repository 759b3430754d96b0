import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { readPdfPageSize } from '../../nodes/BaiduIocr/input/pdf/pageSize';
import { handMade } from './handMadePdf';

const sample = (name: string) => readFileSync(join(__dirname, '..', 'samples', 'files', name));

/** A one-page PDF whose page tree node and page carry the given attributes. */
function pdf(pageAttributes: string, treeAttributes = '', extra: string[] = []): Buffer {
	return handMade([
		'<< /Type /Catalog /Pages 2 0 R >>',
		`<< /Type /Pages /Kids [3 0 R] /Count 1 ${treeAttributes} >>`,
		`<< /Type /Page /Parent 2 0 R ${pageAttributes} >>`,
		...extra,
	]);
}

describe('readPdfPageSize', () => {
	it('reads the sample invoice (960 x 600 pt) on every page of the multi-page file', () => {
		expect(readPdfPageSize(sample('invoice.pdf'))).toEqual({ width: 960, height: 600 });
		const multi = sample('invoice-multipage.pdf');
		for (const index of [0, 1, 2]) {
			expect(readPdfPageSize(multi, index)).toEqual({ width: 960, height: 600 });
		}
		expect(readPdfPageSize(multi, 3)).toBeUndefined();
	});

	it('reads an A4 MediaBox, with reversed corners and a non-zero origin', () => {
		expect(readPdfPageSize(pdf('/MediaBox [0 0 595.28 841.89]'))).toEqual({
			width: 595.28,
			height: 841.89,
		});
		expect(readPdfPageSize(pdf('/MediaBox [612 792 0 0]'))).toEqual({ width: 612, height: 792 });
		expect(readPdfPageSize(pdf('/MediaBox [100 50 712 842]'))).toEqual({ width: 612, height: 792 });
	});

	it('takes a MediaBox inherited from the page tree, and one given by reference', () => {
		expect(readPdfPageSize(pdf('', '/MediaBox [0 0 300 400]'))).toEqual({
			width: 300,
			height: 400,
		});
		expect(readPdfPageSize(pdf('/MediaBox 4 0 R', '', ['[0 0 200 100]']))).toEqual({
			width: 200,
			height: 100,
		});
	});

	it('shows the CropBox clipped to the MediaBox', () => {
		expect(readPdfPageSize(pdf('/MediaBox [0 0 612 792] /CropBox [36 36 576 756]'))).toEqual({
			width: 540,
			height: 720,
		});
		expect(readPdfPageSize(pdf('/MediaBox [0 0 612 792] /CropBox [-100 -100 1000 1000]'))).toEqual({
			width: 612,
			height: 792,
		});
	});

	it('swaps width and height for a page turned by 90 or 270 degrees (own or inherited)', () => {
		expect(readPdfPageSize(pdf('/MediaBox [0 0 612 792] /Rotate 90'))).toEqual({
			width: 792,
			height: 612,
		});
		expect(readPdfPageSize(pdf('/MediaBox [0 0 612 792]', '/Rotate -90'))).toEqual({
			width: 792,
			height: 612,
		});
		expect(readPdfPageSize(pdf('/MediaBox [0 0 612 792] /Rotate 180'))).toEqual({
			width: 612,
			height: 792,
		});
	});

	it('multiplies by /UserUnit', () => {
		expect(readPdfPageSize(pdf('/MediaBox [0 0 100 50] /UserUnit 2'))).toEqual({
			width: 200,
			height: 100,
		});
	});

	it('ignores a /UserUnit of 0 or less (the default, 1, is used)', () => {
		for (const unit of ['0', '-2']) {
			expect(readPdfPageSize(pdf(`/MediaBox [0 0 100 50] /UserUnit ${unit}`))).toEqual({
				width: 100,
				height: 50,
			});
		}
	});

	it('gives undefined, without throwing, when the size cannot be read', () => {
		expect(readPdfPageSize(pdf(''))).toBeUndefined();
		expect(readPdfPageSize(pdf('/MediaBox [0 0 612]'))).toBeUndefined();
		expect(readPdfPageSize(pdf('/MediaBox [0 0 0 792]'))).toBeUndefined();
		expect(readPdfPageSize(pdf('/MediaBox [0 0 612 0]'))).toBeUndefined();
		expect(readPdfPageSize(pdf('/MediaBox [0 0 612 792 100]'))).toBeUndefined();
		expect(readPdfPageSize(pdf('/MediaBox [0 0 /A 792]'))).toBeUndefined();
		expect(readPdfPageSize(Buffer.from('%PDF-1.4\nnot a pdf at all'))).toBeUndefined();
		expect(readPdfPageSize(new Uint8Array(0))).toBeUndefined();
	});
});
