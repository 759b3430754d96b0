/**
 * The stream decoding the PDF splitter needs for cross-reference and object streams
 * (input/pdf/filters.ts): FlateDecode with the PNG (10-15) and TIFF (2) predictors of ISO
 * 32000-1, 7.4.4.4. The expected bytes are worked out by hand from the predictors' rules (PNG
 * specification, 9.2-9.4), written next to each row.
 */
import { deflateSync } from 'zlib';

import { decodeStream } from '../../nodes/BaiduIocr/input/pdf/filters';
import {
	PdfDict,
	PdfName,
	PdfNum,
	PdfSplitError,
	PdfStream,
	type PdfValue,
} from '../../nodes/BaiduIocr/input/pdf/objects';

function dict(entries: Record<string, PdfValue>): PdfDict {
	const result = new PdfDict();
	for (const [key, value] of Object.entries(entries)) result.set(key, value);
	return result;
}

const num = (n: number) => new PdfNum(String(n));

/** `raw` compressed with FlateDecode, with these DecodeParms, decoded again. */
function decode(raw: number[], parms: Record<string, number>): number[] {
	const decodeParms = dict(
		Object.fromEntries(Object.entries(parms).map(([key, value]) => [key, num(value)])),
	);
	const stream = new PdfStream(
		dict({ Filter: new PdfName('FlateDecode'), DecodeParms: decodeParms }),
		deflateSync(Uint8Array.from(raw)),
	);
	return [...decodeStream(stream, (value) => value)];
}

function refusal(raw: number[], parms: Record<string, number>): string {
	try {
		decode(raw, parms);
	} catch (error) {
		expect(error).toBeInstanceOf(PdfSplitError);
		return (error as Error).message;
	}
	throw new Error('decoded without an error');
}

describe('filters', () => {
	it('a /Filter of null is no filter: the bytes as stored', () => {
		const stream = new PdfStream(dict({ Filter: null }), Uint8Array.from([1, 2, 3]));
		expect([...decodeStream(stream, (value) => value)]).toEqual([1, 2, 3]);
	});

	it('Fl, the short name of FlateDecode, decodes as FlateDecode; another filter is refused by name', () => {
		const data = deflateSync(Uint8Array.from([4, 5, 6]));
		const short = new PdfStream(dict({ Filter: new PdfName('Fl') }), data);
		expect([...decodeStream(short, (value) => value)]).toEqual([4, 5, 6]);
		const other = new PdfStream(dict({ Filter: [new PdfName('LZWDecode')] }), data);
		expect(() => decodeStream(other, (value) => value)).toThrow(
			'cannot decode a LZWDecode filter here',
		);
		const number = new PdfStream(dict({ Filter: num(3) }), data);
		expect(() => decodeStream(number, (value) => value)).toThrow(
			'cannot decode a non-name filter here',
		);
	});

	it('DecodeParms with Predictor 1, or none, leave the decompressed bytes as they are', () => {
		expect(decode([1, 2, 3], { Predictor: 1, Columns: 3 })).toEqual([1, 2, 3]);
		expect(decode([1, 2, 3], { Columns: 3 })).toEqual([1, 2, 3]);
	});

	it('FlateDecode data that does not decompress is refused as damaged', () => {
		const stream = new PdfStream(
			dict({ Filter: new PdfName('FlateDecode') }),
			Uint8Array.from([0x78, 0x9c, 0xff, 0xff, 0xff]),
		);
		expect(() => decodeStream(stream, (value) => value)).toThrow('damaged compressed data');
	});
});

describe('PNG predictors (each row starts with its type)', () => {
	const parms = { Predictor: 15, Colors: 1, BitsPerComponent: 8, Columns: 3 };

	it('None, Sub, Up and Average', () => {
		const rows = [
			[1, 10, 20, 250], // Sub: 10, 10+20, 30+250 = 280 → 24
			[2, 1, 2, 3], //     Up: 10+1, 30+2, 24+3
			[3, 4, 4, 4], //     Average: 4+(0+11)/2, 4+(9+32)/2, 4+(24+27)/2, halves rounded down
			[0, 7, 8, 9], //     None
		];
		const expected = [10, 30, 24, 11, 32, 27, 9, 24, 29, 7, 8, 9];
		expect(decode(rows.flat(), parms)).toEqual(expected);
		// 10 to 15 all mean "PNG, a type per row": 10 as well.
		expect(decode(rows.flat(), { ...parms, Predictor: 10 })).toEqual(expected);
	});

	it('Paeth in the first row: up and up-left are 0, so it takes left', () => {
		// 5 (left 0); then left 5, up 0, up-left 0: p = 5, distances 0, 5, 5: left → 6 + 5 = 11
		expect(decode([4, 5, 6], { ...parms, Columns: 2 })).toEqual([5, 11]);
	});

	it('Paeth picks left, up or up-left, ties going to left, then up', () => {
		// Two columns. In the first column left and up-left are 0, so Paeth takes up.
		const rows = [
			[0, 100, 105],
			// 90 (246 = -10 on up 100); then left 90, up 105, up-left 100: p = 95, distances
			// 5, 10, 5: left and up-left tie, left wins → 1 + 90 = 91
			[4, 246, 1],
			// 95 (5 on up 90); then left 95, up 91, up-left 90: p = 96, distances 1, 5, 6: left
			// → 3 + 95 = 98
			[4, 5, 3],
			// 107 (12 on up 95); then left 107, up 98, up-left 95: p = 110, distances 3, 12, 15:
			// left → 0 + 107 = 107
			[4, 12, 0],
		];
		expect(decode(rows.flat(), { ...parms, Columns: 2 })).toEqual([
			100, 105, 90, 91, 95, 98, 107, 107,
		]);
	});

	it('Paeth: up wins a tie with up-left, and up-left wins when nearest', () => {
		const rows = [
			[0, 90, 80],
			// 95 (5 on up 90); then left 95, up 80, up-left 90: p = 85, distances 10, 5, 5: up
			// and up-left tie, up wins → 3 + 80 = 83
			[4, 5, 3],
			// 107 (12 on up 95); then left 107, up 83, up-left 95: p = 95, distances 12, 12, 0:
			// up-left → 0 + 95 = 95
			[4, 12, 0],
		];
		expect(decode(rows.flat(), { ...parms, Columns: 2 })).toEqual([90, 80, 95, 83, 107, 95]);
	});

	it('a row type beyond 4 is refused', () => {
		expect(refusal([5, 1, 2, 3], parms)).toBe('bad PNG predictor row type 5');
	});

	it('predictors 3 to 9 do not exist: refused by number', () => {
		expect(refusal([0, 1, 2, 3], { ...parms, Predictor: 5 })).toBe('unsupported predictor 5');
	});

	it('no columns: refused', () => {
		expect(refusal([0, 1], { ...parms, Columns: 0 })).toBe('bad predictor parameters');
	});
});

describe('TIFF predictor 2 (each byte after the first pixel adds the one a pixel before)', () => {
	// Two colours of 8 bits: a pixel is 2 bytes, a row of 2 pixels 4.
	const parms = { Predictor: 2, Colors: 2, BitsPerComponent: 8, Columns: 2 };

	it('every full row, from the second pixel on', () => {
		const rows = [
			[1, 2, 3, 4], //      1, 2, 1+3, 2+4
			[250, 10, 10, 10], // 250, 10, 250+10 = 260 → 4, 10+10
		];
		expect(decode(rows.flat(), parms)).toEqual([1, 2, 4, 6, 250, 10, 4, 20]);
	});

	it('bytes after the last full row stay as they are', () => {
		expect(decode([1, 2, 3, 4, 5, 6, 7], parms)).toEqual([1, 2, 4, 6, 5, 6, 7]);
	});

	it('other than 8 bits per component: refused', () => {
		expect(refusal([1, 2, 3, 4], { ...parms, BitsPerComponent: 16 })).toBe(
			'unsupported TIFF predictor',
		);
	});
});
