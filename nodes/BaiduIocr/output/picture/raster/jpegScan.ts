import { BitReader, type HuffmanTable } from './jpegBits';
import { ZIGZAG as ZIGZAG_ORDER } from './jpegIdct';
import { ImageError } from './image';

/** A module-level copy: read for every coefficient, it should be a plain local binding. */
const ZIGZAG = ZIGZAG_ORDER;

/**
 * Decoding one scan (T.81, F.2 and G.1.2): the blocks it covers, in MCU order for an
 * interleaved scan and block by block for a scan of one component, with restart intervals.
 * Baseline blocks are whole after their scan; progressive scans add to stored coefficients
 * (DC first and refinement, AC first and refinement, with end-of-band runs).
 */

export interface Component {
	id: number;
	/** Sampling factors. */
	h: number;
	v: number;
	/** Quantisation table selector. */
	tq: number;
	/** Blocks that hold image data, across and down (a one-component scan covers these). */
	blocksAcross: number;
	blocksDown: number;
	/** Blocks including the padding to whole MCUs (the stored coefficients' layout). */
	paddedAcross: number;
	paddedDown: number;
	/** Progressive: every block's coefficients; baseline: one block, decoded then transformed. */
	coefficients: Int16Array;
	dcTable?: HuffmanTable;
	acTable?: HuffmanTable;
	/** The DC prediction (the previous block's DC). */
	predictor: number;
}

export interface Frame {
	progressive: boolean;
	width: number;
	height: number;
	hMax: number;
	vMax: number;
	mcusAcross: number;
	mcusDown: number;
	components: Component[];
}

export interface Scan {
	components: Component[];
	/** Spectral selection start and end, successive approximation high and low bits. */
	ss: number;
	se: number;
	ah: number;
	al: number;
	restartInterval: number;
}

/** Called after a block's coefficients are read, with where they are stored. */
export type BlockDone = (component: Component, row: number, column: number) => void;

/** Decoding state a scan carries from block to block. */
interface State {
	reader: BitReader;
	scan: Scan;
	/** Blocks left in the current end-of-band run. */
	eobRun: number;
}

type BlockDecoder = (state: State, component: Component, at: number) => void;

function table(found: HuffmanTable | undefined): HuffmanTable {
	if (!found) throw new ImageError('a scan of the JPEG uses a Huffman table it never defined');
	return found;
}

function decodeBaseline(state: State, c: Component, at: number): void {
	const { reader } = state;
	const t = reader.decode(table(c.dcTable));
	c.predictor += reader.signed(t);
	c.coefficients[at] = c.predictor;
	const ac = table(c.acTable);
	for (let k = 1; k < 64; ) {
		const rs = reader.decode(ac);
		const size = rs & 15;
		const run = rs >> 4;
		if (size === 0) {
			if (run < 15) return;
			k += 16;
			continue;
		}
		k += run;
		if (k > 63) return;
		c.coefficients[at + ZIGZAG[k]] = reader.signed(size);
		k++;
	}
}

function decodeDcFirst(state: State, c: Component, at: number): void {
	const t = state.reader.decode(table(c.dcTable));
	c.predictor += state.reader.signed(t);
	c.coefficients[at] = c.predictor * (1 << state.scan.al);
}

function decodeDcRefine(state: State, c: Component, at: number): void {
	if (state.reader.bit()) c.coefficients[at] |= 1 << state.scan.al;
}

function decodeAcFirst(state: State, c: Component, at: number): void {
	if (state.eobRun > 0) {
		state.eobRun--;
		return;
	}
	const { reader, scan } = state;
	const ac = table(c.acTable);
	for (let k = scan.ss; k <= scan.se; ) {
		const rs = reader.decode(ac);
		const size = rs & 15;
		const run = rs >> 4;
		if (size === 0) {
			if (run < 15) {
				state.eobRun = (1 << run) - 1 + reader.bits(run);
				return;
			}
			k += 16;
			continue;
		}
		k += run;
		if (k > 63) return;
		c.coefficients[at + ZIGZAG[k]] = reader.signed(size) * (1 << scan.al);
		k++;
	}
}

/** Refines a coefficient that is already non-zero by one bit of `bit` (G.1.2.3). */
function refine(state: State, coefficients: Int16Array, i: number, bit: number): void {
	if (state.reader.bit() && (coefficients[i] & bit) === 0) {
		coefficients[i] += coefficients[i] >= 0 ? bit : -bit;
	}
}

/** AC refinement, as libjpeg's decode_mcu_AC_refine. */
function decodeAcRefine(state: State, c: Component, at: number): void {
	const { reader, scan } = state;
	const bit = 1 << scan.al;
	const coefficients = c.coefficients;
	let k = scan.ss;
	if (state.eobRun === 0) {
		const ac = table(c.acTable);
		for (; k <= scan.se; k++) {
			const rs = reader.decode(ac);
			let run = rs >> 4;
			let value = 0;
			if ((rs & 15) !== 0) {
				value = reader.bit() ? bit : -bit;
			} else if (run !== 15) {
				state.eobRun = (1 << run) + reader.bits(run);
				break;
			}
			// Skip `run` zero coefficients, refining the non-zero ones passed on the way.
			for (; k <= scan.se; k++) {
				const i = at + ZIGZAG[k];
				if (coefficients[i] !== 0) refine(state, coefficients, i, bit);
				else if (--run < 0) break;
			}
			if (value !== 0 && k <= scan.se) coefficients[at + ZIGZAG[k]] = value;
		}
	}
	if (state.eobRun > 0) {
		for (; k <= scan.se; k++) {
			const i = at + ZIGZAG[k];
			if (coefficients[i] !== 0) refine(state, coefficients, i, bit);
		}
		state.eobRun--;
	}
}

function decoderFor(frame: Frame, scan: Scan): BlockDecoder {
	if (!frame.progressive) return decodeBaseline;
	if (scan.ss === 0) {
		if (scan.se !== 0) throw new ImageError('a progressive scan of the JPEG mixes DC and AC');
		return scan.ah === 0 ? decodeDcFirst : decodeDcRefine;
	}
	if (scan.components.length !== 1) {
		throw new ImageError('a progressive AC scan of the JPEG has more than one component');
	}
	return scan.ah === 0 ? decodeAcFirst : decodeAcRefine;
}

/** Where a block's coefficients are: its own place when progressive, the one block otherwise. */
function blockAt(frame: Frame, c: Component, row: number, column: number): number {
	return frame.progressive ? (row * c.paddedAcross + column) * 64 : 0;
}

/**
 * Decodes the scan whose entropy-coded data starts at `pos`; calls `done` after each block.
 * Returns where the next marker is (-1 when the file ends first).
 */
export function decodeScan(
	data: Uint8Array,
	pos: number,
	frame: Frame,
	scan: Scan,
	done: BlockDone,
): number {
	const state: State = { reader: new BitReader(data, pos), scan, eobRun: 0 };
	const decode = decoderFor(frame, scan);
	const single = scan.components.length === 1 ? scan.components[0] : undefined;
	const units = single
		? single.blocksAcross * single.blocksDown
		: frame.mcusAcross * frame.mcusDown;
	const interval = scan.restartInterval > 0 ? scan.restartInterval : units;
	const block = (c: Component, row: number, column: number) => {
		decode(state, c, blockAt(frame, c, row, column));
		done(c, row, column);
	};
	for (let n = 0; n < units; n++) {
		if (n > 0 && n % interval === 0) {
			state.reader.restart();
			state.eobRun = 0;
			for (const c of scan.components) c.predictor = 0;
		}
		if (single) {
			block(single, (n / single.blocksAcross) | 0, n % single.blocksAcross);
			continue;
		}
		const mcuRow = (n / frame.mcusAcross) | 0;
		const mcuColumn = n % frame.mcusAcross;
		for (const c of scan.components) {
			for (let v = 0; v < c.v; v++) {
				for (let h = 0; h < c.h; h++) block(c, mcuRow * c.v + v, mcuColumn * c.h + h);
			}
		}
	}
	return state.reader.end();
}
