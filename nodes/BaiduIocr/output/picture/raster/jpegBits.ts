import { ImageError } from './image';

/**
 * Reading a JPEG scan's entropy-coded data (ITU T.81, F.2.2): bits most significant first,
 * 0xFF00 meaning a 0xFF byte, Huffman codes through a 9-bit look-up table and canonical
 * tables beyond it, and restart markers between intervals.
 */

/** A Huffman table (DHT) ready for decoding. */
export interface HuffmanTable {
	/** By the next 9 bits: (code length << 8) | value for codes of at most 9 bits, else 0. */
	fast: Uint16Array;
	/** Per code length 1..16: the largest code of that length (-1 without one). */
	maxCode: Int32Array;
	/** Per code length: the first code's value index minus the first code. */
	offset: Int32Array;
	values: Uint8Array;
}

const FAST_BITS = 9;

/** Builds a table from the 16 counts of codes per length and the values in code order. */
export function huffmanTable(counts: Uint8Array, values: Uint8Array): HuffmanTable {
	const fast = new Uint16Array(1 << FAST_BITS);
	const maxCode = new Int32Array(17).fill(-1);
	const offset = new Int32Array(17);
	let code = 0;
	let index = 0;
	for (let length = 1; length <= 16; length++) {
		offset[length] = index - code;
		for (let n = 0; n < counts[length - 1]; n++, code++, index++) {
			if (index >= values.length || code >= 1 << length) {
				throw new ImageError('a Huffman table of the JPEG is invalid');
			}
			if (length <= FAST_BITS) {
				const shift = FAST_BITS - length;
				fast.fill((length << 8) | values[index], code << shift, (code + 1) << shift);
			}
		}
		if (counts[length - 1] > 0) maxCode[length] = code - 1;
		code <<= 1;
	}
	return { fast, maxCode, offset, values };
}

const isRestart = (marker: number) => marker >= 0xd0 && marker <= 0xd7;

export class BitReader {
	private buffer = 0;
	private count = 0;
	/** Where the marker that ended the data is, once one was met; zero bits follow it. */
	private markerAt = -1;

	constructor(
		private readonly data: Uint8Array,
		public pos: number,
	) {}

	/** At least 17 bits in the buffer: data bytes, or zeros past a marker or the end. */
	private fill(): void {
		while (this.count <= 16) {
			let byte = 0;
			if (this.markerAt < 0 && this.pos < this.data.length) {
				byte = this.data[this.pos];
				if (byte !== 0xff) this.pos++;
				else if (this.data[this.pos + 1] === 0x00) this.pos += 2;
				else {
					this.markerAt = this.pos;
					byte = 0;
				}
			}
			this.buffer = (this.buffer << 8) | byte;
			this.count += 8;
		}
	}

	bits(n: number): number {
		if (n === 0) return 0;
		this.fill();
		this.count -= n;
		return (this.buffer >>> this.count) & ((1 << n) - 1);
	}

	bit(): number {
		return this.bits(1);
	}

	/** `n` bits read as a signed difference (F.2.2.1, EXTEND). */
	signed(n: number): number {
		if (n === 0) return 0;
		const value = this.bits(n);
		return value < 1 << (n - 1) ? value - (1 << n) + 1 : value;
	}

	decode(table: HuffmanTable): number {
		this.fill();
		const peek = (this.buffer >>> (this.count - 16)) & 0xffff;
		const fast = table.fast[peek >>> (16 - FAST_BITS)];
		if (fast !== 0) {
			this.count -= fast >> 8;
			return fast & 0xff;
		}
		for (let length = FAST_BITS + 1; length <= 16; length++) {
			const code = peek >>> (16 - length);
			if (code <= table.maxCode[length]) {
				this.count -= length;
				return table.values[table.offset[length] + code];
			}
		}
		throw new ImageError('the JPEG has a Huffman code its tables do not define');
	}

	/** Between restart intervals: drops the bits left and steps over the RSTn marker. */
	restart(): void {
		this.count = 0;
		this.buffer = 0;
		if (this.markerAt >= 0) this.pos = this.markerAt;
		this.markerAt = -1;
		const at = this.nextMarker();
		if (at >= 0 && isRestart(this.data[at + 1])) this.pos = at + 2;
	}

	/**
	 * Where the next marker other than a restart or fill starts (from the marker that stopped
	 * the data, if any): where the segments go on after the scan. -1: none before the end.
	 */
	end(): number {
		let at = this.markerAt >= 0 ? this.markerAt : this.pos;
		for (;;) {
			at = this.markerFrom(at);
			if (at < 0 || !isRestart(this.data[at + 1])) return at;
			at += 2;
		}
	}

	private nextMarker(): number {
		return this.markerFrom(this.pos);
	}

	/** The position of the first 0xFF followed by a marker code, from `at`. */
	private markerFrom(at: number): number {
		const { data } = this;
		for (let i = at; i + 1 < data.length; i++) {
			if (data[i] === 0xff && data[i + 1] !== 0x00 && data[i + 1] !== 0xff) return i;
		}
		return -1;
	}
}
