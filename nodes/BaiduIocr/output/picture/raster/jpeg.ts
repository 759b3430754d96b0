import { huffmanTable, type HuffmanTable } from './jpegBits';
import { writeRows, type ColourModel, type Plane } from './jpegColour';
import { idctBlock, idctMultipliers, ZIGZAG } from './jpegIdct';
import { decodeScan, type Component, type Frame } from './jpegScan';
import { checkImageSize, fullSize, ImageError, type RgbImage, type SinkFactory } from './image';

/**
 * A JPEG decoder (ITU T.81 with JFIF and Adobe's colour transform): baseline, extended
 * sequential and progressive Huffman-coded frames of 8-bit samples, one component (grey) or
 * three (YCbCr, or RGB) with any sampling factors, restart intervals. Refused with a reason:
 * arithmetic coding, lossless and hierarchical frames, 12-bit samples, CMYK and YCCK.
 *
 * Memory: a baseline block is transformed into its component's plane as soon as it is read, so
 * the planes (one byte per sample) are all that is kept; a progressive file also keeps every
 * coefficient (two bytes each) until its last scan. RGB exists one row at a time.
 */

/** What the segments before and between scans set up. */
interface Decoder {
	data: Uint8Array;
	frame?: Frame;
	/** Dequantising multipliers by table number (DQT). */
	multipliers: Array<Float32Array | undefined>;
	dcTables: Array<HuffmanTable | undefined>;
	acTables: Array<HuffmanTable | undefined>;
	restartInterval: number;
	/** Adobe's APP14 transform flag: 0 none (RGB), 1 YCbCr; undefined without the segment. */
	adobeTransform?: number;
	/** Baseline: each component's samples, filled block by block as scans are decoded. */
	planes?: Plane[];
	scans: number;
}

const u16 = (data: Uint8Array, at: number) => (data[at] << 8) | data[at + 1];

function readQuantisation(d: Decoder, at: number, end: number): void {
	while (at < end) {
		const sixteenBit = d.data[at] >> 4 !== 0;
		const id = d.data[at] & 15;
		if (id > 3) throw new ImageError('the JPEG numbers a quantisation table beyond 3');
		if (at + 1 + 64 * (sixteenBit ? 2 : 1) > end) {
			throw new ImageError('a quantisation table of the JPEG is cut short');
		}
		const table = new Uint16Array(64);
		for (let k = 0; k < 64; k++) {
			table[ZIGZAG[k]] = sixteenBit ? u16(d.data, at + 1 + 2 * k) : d.data[at + 1 + k];
		}
		d.multipliers[id] = idctMultipliers(table);
		at += 1 + 64 * (sixteenBit ? 2 : 1);
	}
}

function readHuffman(d: Decoder, at: number, end: number): void {
	while (at < end) {
		const kind = d.data[at] >> 4;
		const id = d.data[at] & 15;
		// Both read within the segment: a table cut short must not take the next segment's bytes.
		const counts = d.data.subarray(at + 1, Math.min(at + 17, end));
		const total = counts.reduce((sum, n) => sum + n, 0);
		const values = d.data.slice(at + 17, Math.min(at + 17 + total, end));
		if (id > 3 || kind > 1 || counts.length < 16 || values.length < total) {
			throw new ImageError('a Huffman table of the JPEG is invalid');
		}
		(kind === 0 ? d.dcTables : d.acTables)[id] = huffmanTable(counts, values);
		at += 17 + total;
	}
}

/** Adobe's APP14 segment: "Adobe", version, two flag words, then the transform byte. */
function readAdobe(d: Decoder, at: number, end: number): void {
	const tag = String.fromCharCode(...d.data.subarray(at, at + 5));
	if (tag === 'Adobe' && end - at >= 12) d.adobeTransform = d.data[at + 11];
}

function newComponent(data: Uint8Array, at: number): Component {
	const h = data[at + 1] >> 4;
	const v = data[at + 1] & 15;
	if (h < 1 || h > 4 || v < 1 || v > 4) throw new ImageError('the JPEG has bad sampling factors');
	return {
		id: data[at],
		h,
		v,
		tq: data[at + 2] & 3,
		blocksAcross: 0,
		blocksDown: 0,
		paddedAcross: 0,
		paddedDown: 0,
		coefficients: new Int16Array(64),
		predictor: 0,
	};
}

/** SOF0, SOF1, SOF2: the image's size and components; sets up where the blocks go. */
function readFrame(d: Decoder, marker: number, at: number): void {
	if (d.frame) throw new ImageError('the JPEG has more than one frame');
	if (d.data[at] !== 8) throw new ImageError(`the JPEG has ${d.data[at]}-bit samples, not 8-bit`);
	const height = u16(d.data, at + 1);
	const width = u16(d.data, at + 3);
	const count = d.data[at + 5];
	if (height === 0) throw new ImageError('the JPEG gives its height only after the data (DNL)');
	checkImageSize(width, height);
	if (count === 4) throw new ImageError('the JPEG is CMYK or YCCK (four colour components)');
	if (count !== 1 && count !== 3) throw new ImageError(`the JPEG has ${count} colour components`);
	const components = Array.from({ length: count }, (_, i) => newComponent(d.data, at + 6 + 3 * i));
	const hMax = Math.max(...components.map((c) => c.h));
	const vMax = Math.max(...components.map((c) => c.v));
	const frame: Frame = {
		progressive: marker === 0xc2,
		width,
		height,
		hMax,
		vMax,
		mcusAcross: Math.ceil(width / (8 * hMax)),
		mcusDown: Math.ceil(height / (8 * vMax)),
		components,
	};
	for (const c of components) {
		c.blocksAcross = Math.ceil(Math.ceil((width * c.h) / hMax) / 8);
		c.blocksDown = Math.ceil(Math.ceil((height * c.v) / vMax) / 8);
		c.paddedAcross = frame.mcusAcross * c.h;
		c.paddedDown = frame.mcusDown * c.v;
		if (frame.progressive) c.coefficients = new Int16Array(c.paddedAcross * c.paddedDown * 64);
	}
	d.frame = frame;
	if (!frame.progressive) d.planes = components.map(newPlane);
}

function newPlane(c: Component): Plane {
	const width = c.paddedAcross * 8;
	return { width, data: new Uint8Array(width * c.paddedDown * 8) };
}

/** The block of `c` at coefficient offset `at`, transformed into `plane` at its place. */
function transform(
	d: Decoder,
	c: Component,
	plane: Plane,
	at: number,
	row: number,
	column: number,
) {
	const multipliers = d.multipliers[c.tq];
	if (!multipliers) throw new ImageError('the JPEG uses a quantisation table it never defined');
	const outAt = row * 8 * plane.width + column * 8;
	idctBlock(c.coefficients, at, multipliers, plane.data, outAt, plane.width);
}

/** SOS: which components, tables and bands, then the scan's data; returns the next marker. */
function readScan(d: Decoder, at: number, end: number): number {
	const { data, frame } = d;
	if (!frame) throw new ImageError('the JPEG has image data before its frame header');
	const count = data[at];
	const components = Array.from({ length: count }, (_, i) => {
		const c = frame.components.find((candidate) => candidate.id === data[at + 1 + 2 * i]);
		if (!c) throw new ImageError('a scan of the JPEG names a component the frame does not have');
		c.dcTable = d.dcTables[data[at + 2 + 2 * i] >> 4];
		c.acTable = d.acTables[data[at + 2 + 2 * i] & 15];
		c.predictor = 0;
		return c;
	});
	const p = at + 1 + 2 * count;
	const scan = {
		components,
		ss: data[p],
		se: Math.min(data[p + 1], 63),
		ah: data[p + 2] >> 4,
		al: data[p + 2] & 15,
		restartInterval: d.restartInterval,
	};
	d.scans++;
	const planes = d.planes;
	return decodeScan(data, end, frame, scan, (c, row, column) => {
		if (!planes) return; // progressive: transformed after the last scan
		transform(d, c, planes[frame.components.indexOf(c)], 0, row, column);
		c.coefficients.fill(0);
	});
}

/** Frame types other than SOF0-2: lossless, hierarchical, arithmetic-coded. */
function unsupportedFrame(marker: number): string | undefined {
	if (marker === 0xc3) return 'a lossless JPEG';
	if (marker >= 0xc5 && marker <= 0xc7) return 'a hierarchical JPEG';
	if ((marker >= 0xc9 && marker <= 0xcb) || (marker >= 0xcd && marker <= 0xcf)) {
		return 'an arithmetic-coded JPEG';
	}
	return undefined;
}

/** Reads the segment of `marker` whose contents are `at..end`; returns where to go on. */
function segment(d: Decoder, marker: number, at: number, end: number): number {
	switch (marker) {
		case 0xdb:
			readQuantisation(d, at, end);
			return end;
		case 0xc4:
			readHuffman(d, at, end);
			return end;
		case 0xdd:
			d.restartInterval = u16(d.data, at);
			return end;
		case 0xee:
			readAdobe(d, at, end);
			return end;
		case 0xc0:
		case 0xc1:
		case 0xc2:
			readFrame(d, marker, at);
			return end;
		case 0xda:
			return readScan(d, at, end);
	}
	const unsupported = unsupportedFrame(marker);
	if (unsupported) throw new ImageError(`the file is ${unsupported}, which is not decoded here`);
	return end;
}

/** Walks the segments from SOI to EOI (or the end of the file), decoding each scan. */
function readSegments(d: Decoder): void {
	const { data } = d;
	let at = 2;
	while (at >= 0 && at + 1 < data.length) {
		const marker = data[at + 1];
		if (data[at] !== 0xff || marker === 0xff) {
			at++; // fill bytes, or junk between segments
			continue;
		}
		if (marker === 0xd9) return;
		if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
			at += 2;
			continue;
		}
		const end = at + 2 + u16(data, at + 2);
		if (at + 4 > data.length || end > data.length) return;
		at = segment(d, marker, at + 4, end);
	}
}

/** Progressive: every block transformed once all scans have added to it; the planes. */
function transformAll(d: Decoder, frame: Frame): Plane[] {
	return frame.components.map((c) => {
		const plane = newPlane(c);
		for (let row = 0; row < c.paddedDown; row++) {
			for (let column = 0; column < c.paddedAcross; column++) {
				transform(d, c, plane, (row * c.paddedAcross + column) * 64, row, column);
			}
		}
		c.coefficients = new Int16Array(0);
		return plane;
	});
}

/** Grey, or three components: RGB by Adobe's flag or the ids R, G, B; YCbCr otherwise. */
function colourModel(d: Decoder, frame: Frame): ColourModel {
	if (frame.components.length === 1) return 'grey';
	if (d.adobeTransform !== undefined) return d.adobeTransform === 0 ? 'rgb' : 'ycc';
	const ids = frame.components.map((c) => c.id).join(',');
	return ids === '82,71,66' ? 'rgb' : 'ycc';
}

/**
 * Decodes a JPEG file to RGB rows handed to the sink `factory` makes (by default the image at
 * its own size). Throws an ImageError saying why when it cannot.
 */
export function decodeJpeg(data: Uint8Array, factory: SinkFactory = fullSize): RgbImage {
	if (data[0] !== 0xff || data[1] !== 0xd8) throw new ImageError('the file is not a JPEG');
	const d: Decoder = {
		data,
		multipliers: [],
		dcTables: [],
		acTables: [],
		restartInterval: 0,
		scans: 0,
	};
	readSegments(d);
	const { frame } = d;
	if (!frame || d.scans === 0) throw new ImageError('the JPEG has no image data');
	const planes = d.planes ?? transformAll(d, frame);
	return writeRows(frame, planes, colourModel(d, frame), factory);
}
