/**
 * The JPEG decoder's segments beyond what ImageMagick's fixtures vary: a baseline fixture taken
 * apart into its segments, one of them changed, and put back together. Variants that mean the
 * same image (SOF1, 16-bit quantisation tables, fill bytes, junk and TEM between segments)
 * decode to the same pixels; the colour model follows Adobe's flag, then the ids R, G, B; every
 * frame and segment it refuses is refused with its reason.
 */
import { ImageError } from '../../../../nodes/BaiduIocr/output/picture/raster/image';
import { decodeJpeg } from '../../../../nodes/BaiduIocr/output/picture/raster/jpeg';
import { fixtureBytes } from './fixtures';

interface Segment {
	marker: number;
	body: Buffer;
}

/** The segments between SOI and SOS, and the rest (SOS, the scan's data, EOI). */
function split(file: Uint8Array): { segments: Segment[]; scan: Buffer } {
	const bytes = Buffer.from(file);
	const segments: Segment[] = [];
	let at = 2;
	while (bytes[at + 1] !== 0xda) {
		const length = bytes.readUInt16BE(at + 2);
		segments.push({ marker: bytes[at + 1], body: bytes.subarray(at + 4, at + 2 + length) });
		at += 2 + length;
	}
	return { segments, scan: bytes.subarray(at) };
}

function segmentBytes({ marker, body }: Segment): Buffer {
	const head = Buffer.from([0xff, marker, 0, 0]);
	head.writeUInt16BE(body.length + 2, 2);
	return Buffer.concat([head, body]);
}

function join(segments: Segment[], scan: Buffer): Buffer {
	return Buffer.concat([Buffer.from([0xff, 0xd8]), ...segments.map(segmentBytes), scan]);
}

const BASELINE = Buffer.from(fixtureBytes('baseline-444.jpg'));

/** The baseline fixture with `edit` applied to its segments (and its scan). */
function edited(edit: (segments: Segment[], scan: Buffer) => [Segment[], Buffer]): Buffer {
	const { segments, scan } = split(BASELINE);
	const copies = segments.map((s) => ({ marker: s.marker, body: Buffer.from(s.body) }));
	return join(...edit(copies, Buffer.from(scan)));
}

/** The baseline fixture with the body of its first `marker` segment changed. */
function withBody(marker: number, change: (body: Buffer) => Buffer | void): Buffer {
	return edited((segments, scan) => {
		const segment = segments.find((s) => s.marker === marker) as Segment;
		segment.body = change(segment.body) ?? segment.body;
		return [segments, scan];
	});
}

/** The baseline fixture with `added` segments put in before its frame header. */
function withSegments(...added: Segment[]): Buffer {
	return edited((segments, scan) => {
		const frame = segments.findIndex((s) => s.marker === 0xc0);
		return [[...segments.slice(0, frame), ...added, ...segments.slice(frame)], scan];
	});
}

const decoded = decodeJpeg(BASELINE).data;
const adobe = (transform: number) => ({
	marker: 0xee,
	body: Buffer.from([...Buffer.from('Adobe'), 0, 100, 0, 0, 0, 0, transform]),
});

/** The frame header's and the scan header's component ids set to R, G, B. */
function idsRgb(file: Buffer): Buffer {
	const { segments, scan } = split(file);
	const frame = segments.find((s) => s.marker === 0xc0) as Segment;
	[82, 71, 66].forEach((id, i) => {
		frame.body[6 + 3 * i] = id;
		scan[5 + 2 * i] = id;
	});
	return join(segments, scan);
}

/** JFIF's YCbCr → RGB in floating point (libjpeg's fixed point is within 1 of it). */
function yccToRgb(planes: Uint8Array): Uint8Array {
	const out = new Uint8Array(planes.length);
	const clamp = (v: number) => Math.min(255, Math.max(0, Math.round(v)));
	for (let i = 0; i < planes.length; i += 3) {
		const [y, cb, cr] = [planes[i], planes[i + 1] - 128, planes[i + 2] - 128];
		out[i] = clamp(y + 1.402 * cr);
		out[i + 1] = clamp(y - 0.344136 * cb - 0.714136 * cr);
		out[i + 2] = clamp(y + 1.772 * cb);
	}
	return out;
}

function worstDifference(a: Uint8Array, b: Uint8Array): number {
	expect(a).toHaveLength(b.length);
	return a.reduce((worst, v, i) => Math.max(worst, Math.abs(v - b[i])), 0);
}

describe('JPEG variants that mean the same image', () => {
	it('decodes an extended sequential frame (SOF1) as the baseline one', () => {
		const sof1 = edited((segments, scan) => {
			(segments.find((s) => s.marker === 0xc0) as Segment).marker = 0xc1;
			return [segments, scan];
		});
		expect(decodeJpeg(sof1).data).toEqual(decoded);
	});

	it('reads quantisation tables of 16-bit entries, several to a segment', () => {
		const sixteenBit = edited((segments, scan) => {
			const tables = segments.filter((s) => s.marker === 0xdb);
			const body = Buffer.concat(
				tables.map(({ body: t }) => {
					const wide = Buffer.alloc(129);
					wide[0] = 0x10 | t[0];
					for (let k = 0; k < 64; k++) wide.writeUInt16BE(t[1 + k], 1 + 2 * k);
					return wide;
				}),
			);
			const rest = segments.filter((s) => s.marker !== 0xdb);
			return [[{ marker: 0xdb, body }, ...rest], scan];
		});
		expect(decodeJpeg(sixteenBit).data).toEqual(decoded);
	});

	it('takes quantisation and Huffman tables numbered 3', () => {
		const renumbered = edited((segments, scan) => {
			const [, chromaTable] = segments.filter((s) => s.marker === 0xdb);
			chromaTable.body[0] = 3;
			const frame = segments.find((s) => s.marker === 0xc0) as Segment;
			frame.body[11] = frame.body[14] = 3;
			for (const table of segments.filter((s) => s.marker === 0xc4)) {
				if ((table.body[0] & 15) === 1) table.body[0] |= 3;
			}
			scan[8] = scan[10] = 0x33;
			return [segments, scan];
		});
		expect(decodeJpeg(renumbered).data).toEqual(decoded);
	});

	it('reads a greyscale file with any sampling factors up to 4 x 4 as with 1 x 1 (one component: nothing is subsampled)', () => {
		const grey = fixtureBytes('grey.jpg');
		const expected = decodeJpeg(grey).data;
		for (const factors of [0x44, 0x41, 0x14]) {
			const { segments, scan } = split(grey);
			(segments.find((s) => s.marker === 0xc0) as Segment).body[7] = factors;
			expect(decodeJpeg(join(segments, scan)).data).toEqual(expected);
		}
	});

	it('skips fill bytes, junk and standalone markers between segments, and unknown segments', () => {
		const frame = BASELINE.indexOf(Buffer.from([0xff, 0xc0]));
		const extra = Buffer.from([0x17, 0x42, 0xff, 0xff, 0xff, 0x01, 0xff, 0xd0, 0xff, 0xd7]);
		const comment = Buffer.concat([
			segmentBytes({ marker: 0xfe, body: Buffer.from('made by hand') }),
			// A reserved marker's segment is skipped like any other it does not know.
			segmentBytes({ marker: 0xbf, body: Buffer.from([1, 2, 3]) }),
		]);
		const noisy = Buffer.concat([
			BASELINE.subarray(0, frame),
			extra,
			comment,
			BASELINE.subarray(frame),
		]);
		expect(decodeJpeg(noisy).data).toEqual(decoded);
	});
});

describe('restart intervals', () => {
	const restarts = (file: string) => {
		const bytes = Buffer.from(fixtureBytes(file));
		const markers = [...bytes.keys()].filter(
			(i) => bytes[i] === 0xff && bytes[i + 1] >= 0xd0 && bytes[i + 1] <= 0xd7,
		);
		return { interval: bytes.readUInt16BE(bytes.indexOf(Buffer.from([0xff, 0xdd])) + 4), markers };
	};

	it('are really in the restart fixtures, whose pixels decoders.test.ts compares', () => {
		// ImageMagick 6 once wrote these without any: jpegtran adds them (scripts/raster-fixtures.ts).
		expect(restarts('restart-420.jpg').interval).toBe(2);
		expect(restarts('restart-420.jpg').markers.length).toBeGreaterThanOrEqual(2);
		expect(restarts('odd-progressive-422-restart.jpg').interval).toBe(1);
		expect(restarts('odd-progressive-422-restart.jpg').markers.length).toBeGreaterThan(50);
	});

	it('end the picture at an EOI met where a restart marker should be: nothing after it is read', () => {
		const file = Buffer.from(fixtureBytes('restart-420.jpg'));
		const last = restarts('restart-420.jpg').markers.at(-1) as number;
		const ended = Buffer.from(file);
		ended[last + 1] = 0xd9;
		const cut = Buffer.concat([file.subarray(0, last), Buffer.from([0xff, 0xd9])]);
		// The last interval's data is still in the file after that EOI, and is not drawn.
		expect(decodeJpeg(ended).data).toEqual(decodeJpeg(cut).data);
		expect(decodeJpeg(ended).data).not.toEqual(decodeJpeg(file).data);
	});
});

describe('where a JPEG ends', () => {
	it('stops at EOI: what follows (here the same file again) is not read', () => {
		expect(decodeJpeg(Buffer.concat([BASELINE, BASELINE])).data).toEqual(decoded);
	});

	it('stops at EOI when other pictures of over 64 KB follow (as in an MPO file)', () => {
		// Read as a segment, EOI would take the next picture's SOI (FF D8) as a length of 65,496
		// and go on reading from inside the pictures after it.
		const other = Buffer.from(fixtureBytes('baseline-420.jpg'));
		const others = Array.from({ length: Math.ceil(70_000 / other.length) }, () => other);
		expect(decodeJpeg(Buffer.concat([BASELINE, ...others])).data).toEqual(decoded);
	});

	it('draws a file that ends right after its scan header (no data: the rest is as browsers draw it)', () => {
		const { segments, scan } = split(BASELINE);
		const header = scan.subarray(0, 2 + scan.readUInt16BE(2));
		expect(decodeJpeg(join(segments, header))).toMatchObject({ width: 48, height: 32 });
	});

	it('has no image data when the file ends after its tables and a TEM marker, without EOI', () => {
		const { segments } = split(BASELINE);
		const file = Buffer.concat([join(segments, Buffer.alloc(0)), Buffer.from([0xff, 0x01])]);
		expect(() => decodeJpeg(file)).toThrow(/^the JPEG has no image data$/);
	});

	it('has no image data when the file ends right after a frame header’s marker', () => {
		const frame = BASELINE.indexOf(Buffer.from([0xff, 0xc0]));
		expect(() => decodeJpeg(BASELINE.subarray(0, frame + 2))).toThrow(
			/^the JPEG has no image data$/,
		);
	});

	it('has no image data when the file ends inside a segment before the scan', () => {
		const { segments } = split(BASELINE);
		const table = join(segments, Buffer.alloc(0)).indexOf(Buffer.from([0xff, 0xc4]));
		const cut = join(segments, Buffer.alloc(0)).subarray(0, table + 20);
		expect(() => decodeJpeg(cut)).toThrow(/^the JPEG has no image data$/);
	});
});

describe('the colour model: Adobe’s flag, then the component ids', () => {
	// baseline-444 samples nothing down, so its RGB read as stored is its three planes.
	const planes = decodeJpeg(withSegments(adobe(0))).data;

	it('reads the planes as RGB when Adobe’s transform flag is 0', () => {
		expect(worstDifference(planes, decoded)).toBeGreaterThan(50);
		expect(worstDifference(yccToRgb(planes), decoded)).toBeLessThanOrEqual(1);
	});

	it('converts YCbCr when the flag is 1, or when Adobe’s segment is too short or not Adobe’s', () => {
		expect(decodeJpeg(withSegments(adobe(1))).data).toEqual(decoded);
		const short = adobe(0);
		short.body = short.body.subarray(0, 11);
		expect(decodeJpeg(withSegments(short)).data).toEqual(decoded);
		const other = adobe(0);
		other.body.write('Adob!', 0, 'latin1');
		expect(decodeJpeg(withSegments(other)).data).toEqual(decoded);
	});

	it('reads components with the ids R, G, B as RGB, unless Adobe’s flag says YCbCr', () => {
		expect(decodeJpeg(idsRgb(BASELINE)).data).toEqual(planes);
		expect(decodeJpeg(idsRgb(withSegments(adobe(1)))).data).toEqual(decoded);
		// A segment too short to hold the flag says nothing: the ids decide.
		const short = adobe(1);
		short.body = short.body.subarray(0, 11);
		expect(decodeJpeg(idsRgb(withSegments(short))).data).toEqual(planes);
	});
});

describe('JPEG files it refuses, saying why', () => {
	const refused = (file: Uint8Array, reason: RegExp) => {
		expect(() => decodeJpeg(file)).toThrow(ImageError);
		expect(() => decodeJpeg(file)).toThrow(reason);
	};
	const frameMarked = (marker: number) =>
		edited((segments, scan) => {
			(segments.find((s) => s.marker === 0xc0) as Segment).marker = marker;
			return [segments, scan];
		});

	it('a file that does not start with SOI', () => {
		refused(BASELINE.subarray(1), /^the file is not a JPEG$/);
		for (const [first, second] of [
			[0x00, 0xd8],
			[0xff, 0xd9],
		]) {
			const other = Buffer.from(BASELINE);
			[other[0], other[1]] = [first, second];
			refused(other, /^the file is not a JPEG$/);
		}
	});

	it('lossless, hierarchical and arithmetic-coded frames, by their markers', () => {
		const kinds: Array<[number, string]> = [
			[0xc3, 'a lossless JPEG'],
			[0xc5, 'a hierarchical JPEG'],
			[0xc7, 'a hierarchical JPEG'],
			[0xc9, 'an arithmetic-coded JPEG'],
			[0xcb, 'an arithmetic-coded JPEG'],
			[0xcd, 'an arithmetic-coded JPEG'],
			[0xcf, 'an arithmetic-coded JPEG'],
		];
		for (const [marker, kind] of kinds) {
			refused(frameMarked(marker), new RegExp(`^the file is ${kind}, which is not decoded here$`));
		}
	});

	it('a scan before any frame header (JPG and DAC are markers of no frame)', () => {
		for (const marker of [0xc8, 0xcc]) {
			refused(frameMarked(marker), /^the JPEG has image data before its frame header$/);
		}
	});

	it('12-bit samples, a height given only after the data, two or four components', () => {
		refused(
			withBody(0xc0, (b) => void (b[0] = 12)),
			/^the JPEG has 12-bit samples, not 8-bit$/,
		);
		refused(
			withBody(0xc0, (b) => void b.writeUInt16BE(0, 1)),
			/^the JPEG gives its height only after the data \(DNL\)$/,
		);
		refused(
			withBody(0xc0, (b) => void (b[5] = 2)),
			/^the JPEG has 2 colour components$/,
		);
		refused(
			withBody(0xc0, (b) => void (b[5] = 4)),
			/^the JPEG is CMYK or YCCK \(four colour components\)$/,
		);
	});

	it('sampling factors outside 1 to 4, across or down', () => {
		for (const factors of [0x01, 0x51, 0x10, 0x15]) {
			refused(
				withBody(0xc0, (b) => void (b[7] = factors)),
				/^the JPEG has bad sampling factors$/,
			);
		}
	});

	it('a second frame header', () => {
		const twice = edited((segments, scan) => {
			const frame = segments.find((s) => s.marker === 0xc0) as Segment;
			return [[...segments, frame], scan];
		});
		refused(twice, /^the JPEG has more than one frame$/);
	});

	it('a quantisation table cut short, of 8 or 16-bit entries', () => {
		const cutShort = /^a quantisation table of the JPEG is cut short$/;
		refused(
			withBody(0xdb, (b) => b.subarray(0, 64)),
			cutShort,
		);
		refused(
			withBody(0xdb, () => Buffer.from([0x10, ...new Array<number>(127).fill(1)])),
			cutShort,
		);
	});

	it('a quantisation table numbered beyond 3, or one used and never defined', () => {
		refused(
			withBody(0xdb, (b) => void (b[0] = 4)),
			/^the JPEG numbers a quantisation table beyond 3$/,
		);
		refused(
			withBody(0xc0, (b) => void (b[8] = 2)),
			/^the JPEG uses a quantisation table it never defined$/,
		);
	});

	it('a Huffman table numbered beyond 3, of a class beyond AC, or cut short', () => {
		const invalid = /^a Huffman table of the JPEG is invalid$/;
		refused(
			withBody(0xc4, (b) => void (b[0] = 0x04)),
			invalid,
		);
		refused(
			withBody(0xc4, (b) => void (b[0] = 0x20)),
			invalid,
		);
		refused(
			withBody(0xc4, (b) => b.subarray(0, b.length - 1)),
			invalid,
		);
		refused(
			withBody(0xc4, (b) => b.subarray(0, 10)),
			invalid,
		);
		// Cut inside its 16 counts, where those there are 0.
		refused(
			withBody(0xc4, () => Buffer.from([0x00, 0, 0, 0, 0])),
			invalid,
		);
	});

	it('a Huffman table with more codes of a length than fit', () => {
		// Three codes of one bit: only 0 and 1 exist.
		const counts = [3, ...new Array<number>(15).fill(0)];
		refused(
			withBody(0xc4, () => Buffer.from([0x00, ...counts, 0, 1, 2])),
			/^a Huffman table of the JPEG is invalid$/,
		);
	});

	it('a code in the scan that its table does not define', () => {
		// DC table 0 with the one code 00; the scan's first bit is then a 1.
		const counts = [0, 1, ...new Array<number>(14).fill(0)];
		const { segments, scan } = split(withBody(0xc4, () => Buffer.from([0x00, ...counts, 0])));
		const changed = Buffer.from(scan);
		changed[2 + changed.readUInt16BE(2)] = 0x80;
		refused(join(segments, changed), /^the JPEG has a Huffman code its tables do not define$/);
	});

	it('a scan naming a component the frame does not have', () => {
		const { segments, scan } = split(BASELINE);
		const changed = Buffer.from(scan);
		changed[5] = 9;
		refused(
			join(segments, changed),
			/^a scan of the JPEG names a component the frame does not have$/,
		);
	});

	it('a scan using a Huffman table no DHT defined', () => {
		const { segments, scan } = split(BASELINE);
		const changed = Buffer.from(scan);
		changed[6] = 0x22;
		refused(join(segments, changed), /^a scan of the JPEG uses a Huffman table it never defined$/);
	});

	it('a progressive scan mixing DC and AC, or an AC scan of several components', () => {
		// progressive-444's first scan: three components, DC only (bands 0 to 0).
		const { segments, scan } = split(fixtureBytes('progressive-444.jpg'));
		const bands = (ss: number, se: number) => {
			const changed = Buffer.from(scan);
			[changed[11], changed[12]] = [ss, se];
			return join(segments, changed);
		};
		refused(bands(0, 5), /^a progressive scan of the JPEG mixes DC and AC$/);
		refused(bands(1, 5), /^a progressive AC scan of the JPEG has more than one component$/);
	});

	it('a file without a scan, or without a frame', () => {
		const { segments } = split(BASELINE);
		refused(join(segments, Buffer.from([0xff, 0xd9])), /^the JPEG has no image data$/);
		const noFrame = segments.filter((s) => s.marker !== 0xc0);
		refused(join(noFrame, Buffer.from([0xff, 0xd9])), /^the JPEG has no image data$/);
	});
});
