import { inflate } from '../inflate';
import { intOf, isName, PdfDict, unreadable, type PdfStream, type PdfValue } from './objects';

/**
 * Decoding of the streams the splitter itself must read: cross-reference streams and object
 * streams (7.5.7, 7.5.8). Only FlateDecode (with or without a predictor) and no filter, which
 * is what producers write there. Page content is never decoded: it is copied as stored.
 */

/** Largest decoded object or cross-reference stream, in bytes. */
const MAX_DECODED = 64 * 1024 * 1024;

function asList(v: PdfValue | undefined): PdfValue[] {
	if (v === undefined || v === null) return [];
	return Array.isArray(v) ? v : [v];
}

/** PNG (10..15) and TIFF (2) predictors, 7.4.4.4. */
function unpredict(data: Uint8Array, parms: PdfDict): Uint8Array {
	const predictor = intOf(parms.get('Predictor')) ?? 1;
	if (predictor === 1) return data;
	const colors = intOf(parms.get('Colors')) ?? 1;
	const bpc = intOf(parms.get('BitsPerComponent')) ?? 8;
	const columns = intOf(parms.get('Columns')) ?? 1;
	const bpp = Math.max(1, Math.ceil((colors * bpc) / 8));
	const rowLength = Math.ceil((colors * bpc * columns) / 8);
	if (rowLength <= 0) unreadable('bad predictor parameters');
	if (predictor === 2) {
		if (bpc !== 8) unreadable('unsupported TIFF predictor');
		const out = data.slice();
		for (let row = 0; row + rowLength <= out.length; row += rowLength)
			for (let i = bpp; i < rowLength; i++)
				out[row + i] = (out[row + i] + out[row + i - bpp]) & 0xff;
		return out;
	}
	if (predictor < 10) unreadable(`unsupported predictor ${predictor}`);
	const rows = Math.floor(data.length / (rowLength + 1));
	const out = new Uint8Array(rows * rowLength);
	for (let r = 0; r < rows; r++) {
		const type = data[r * (rowLength + 1)];
		const src = r * (rowLength + 1) + 1;
		const dst = r * rowLength;
		for (let i = 0; i < rowLength; i++) {
			const raw = data[src + i];
			const left = i >= bpp ? out[dst + i - bpp] : 0;
			const up = r > 0 ? out[dst - rowLength + i] : 0;
			const upLeft = r > 0 && i >= bpp ? out[dst - rowLength + i - bpp] : 0;
			let value: number;
			if (type === 0) value = raw;
			else if (type === 1) value = raw + left;
			else if (type === 2) value = raw + up;
			else if (type === 3) value = raw + ((left + up) >> 1);
			else if (type === 4) {
				const p = left + up - upLeft;
				const pa = Math.abs(p - left);
				const pb = Math.abs(p - up);
				const pc = Math.abs(p - upLeft);
				value = raw + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
			} else unreadable(`bad PNG predictor row type ${type}`);
			out[dst + i] = value & 0xff;
		}
	}
	return out;
}

/** The stream's decoded bytes; `resolve` gives direct values for indirect /Filter entries. */
export function decodeStream(
	stream: PdfStream,
	resolve: (v: PdfValue | undefined) => PdfValue | undefined,
): Uint8Array {
	const filters = asList(resolve(stream.dict.get('Filter'))).map(resolve);
	const parms = asList(resolve(stream.dict.get('DecodeParms'))).map(resolve);
	let data = stream.data;
	filters.forEach((filter, i) => {
		if (!isName(filter, 'FlateDecode') && !isName(filter, 'Fl'))
			unreadable(`cannot decode a ${isName(filter) ? filter.name : 'non-name'} filter here`);
		const decoded = inflate(data, MAX_DECODED);
		if (!decoded) unreadable('damaged compressed data');
		const p = parms[i];
		data = p instanceof PdfDict ? unpredict(decoded, p) : decoded;
	});
	return data;
}
