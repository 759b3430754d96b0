import { readImageSize } from '../../nodes/BaiduIocr/input/fileType';
import { EOI, SOI, bmp, png, segment, sof } from './build';

type Kind = 'jpeg' | 'png' | 'bmp';

function size(bytes: Buffer, kind: Kind) {
	const result = readImageSize(bytes, kind);
	if ('problem' in result) throw new Error(result.problem.message);
	return result;
}

function damaged(bytes: Buffer, kind: Kind): string {
	const result = readImageSize(bytes, kind);
	if (!('problem' in result))
		throw new Error(`expected a problem, got ${result.width}x${result.height}`);
	return result.problem.message;
}

const PNG_DAMAGED = 'The PNG file is damaged or incomplete';
const BMP_DAMAGED = 'The BMP file is damaged or incomplete';
const JPEG_DAMAGED = 'The JPEG file is damaged or incomplete';

describe('readImageSize: damaged PNG', () => {
	it('reads past a complete IHDR before calling a 33-byte PNG cut off', () => {
		expect(damaged(png(10, 10).subarray(0, 33), 'png')).toBe(
			`${PNG_DAMAGED} (the file is cut off before its end).`,
		);
	});

	it('calls an IHDR with the wrong length missing', () => {
		const bad = Buffer.from(png(20, 20));
		bad.writeUInt32BE(14, 8);
		expect(damaged(bad, 'png')).toBe(`${PNG_DAMAGED} (its IHDR header is missing).`);
	});

	it.each([
		[0, 20, '0 × 20'],
		[20, 0, '20 × 0'],
	])('calls a PNG whose header says %i × %i px damaged', (width, height, text) => {
		const bad = Buffer.from(png(20, 20));
		bad.writeUInt32BE(width, 16);
		bad.writeUInt32BE(height, 20);
		expect(damaged(bad, 'png')).toBe(`${PNG_DAMAGED} (the header gives a size of ${text} px).`);
	});

	it('calls a garbled chunk type in the middle damaged', () => {
		const bad = Buffer.from(png(20, 20));
		// The chunk after IHDR (8 + 25) gets a type with a digit in it.
		bad.write('1DAT', 33 + 4, 'latin1');
		expect(damaged(bad, 'png')).toBe(`${PNG_DAMAGED} (a chunk header is garbled).`);
	});

	it('calls a garbled last chunk header garbled, not cut off', () => {
		const whole = png(20, 20);
		// Keep the last chunk's length and type only (no CRC), and garble the type.
		const bad = Buffer.from(whole.subarray(0, whole.length - 4));
		bad.write('12 4', bad.length - 4, 'latin1');
		expect(damaged(bad, 'png')).toBe(`${PNG_DAMAGED} (a chunk header is garbled).`);
	});

	it('calls a PNG cut off inside its IEND chunk damaged', () => {
		const whole = png(20, 20);
		expect(damaged(whole.subarray(0, whole.length - 2), 'png')).toBe(
			`${PNG_DAMAGED} (the file is cut off before its end).`,
		);
	});
});

/** A BMP with a 40-byte INFO header whose header fields are patched after building. */
function infoBmp(patch: (b: Buffer) => void, width = 31, height = 17): Buffer {
	const b = Buffer.from(bmp(width, height));
	patch(b);
	return b;
}

describe('readImageSize: damaged BMP', () => {
	it('reads a complete 26-byte CORE header before calling the missing pixels cut off', () => {
		expect(damaged(bmp(40, 30, { core: true }).subarray(0, 26), 'bmp')).toBe(
			`${BMP_DAMAGED} (the file is cut off before its pixel data).`,
		);
	});

	it('calls a BMP that ends inside a CORE header damaged', () => {
		expect(damaged(bmp(40, 30, { core: true }).subarray(0, 22), 'bmp')).toBe(
			`${BMP_DAMAGED} (the file ends inside its header).`,
		);
	});

	it('calls a BMP that ends inside an INFO header damaged', () => {
		expect(damaged(bmp(40, 30).subarray(0, 30), 'bmp')).toBe(
			`${BMP_DAMAGED} (the file ends inside its header).`,
		);
	});

	it('reads a complete 54-byte INFO header before calling the missing pixels cut off', () => {
		expect(damaged(bmp(40, 30).subarray(0, 54), 'bmp')).toBe(
			`${BMP_DAMAGED} (the file is cut off before its pixel data).`,
		);
	});

	it('calls an unknown header size damaged', () => {
		const bad = infoBmp((b) => b.writeUInt32LE(20, 14));
		expect(damaged(bad, 'bmp')).toBe(
			`${BMP_DAMAGED} (the header size 20 is not a known BMP header).`,
		);
	});

	it.each([
		[0, 17, '0 × 17'],
		[-5, 17, '-5 × 17'],
		[31, 0, '31 × 0'],
	])('calls a BMP whose header says %i × %i px damaged', (width, height, text) => {
		const bad = infoBmp((b) => {
			b.writeInt32LE(width, 18);
			b.writeInt32LE(height, 22);
		});
		expect(damaged(bad, 'bmp')).toBe(`${BMP_DAMAGED} (the header gives a size of ${text} px).`);
	});

	it.each([
		[3, 'BI_BITFIELDS'],
		[6, 'BI_ALPHABITFIELDS'],
	])('checks the pixel data length of compression %i (%s)', (compression) => {
		const bad = infoBmp((b) => b.writeUInt32LE(compression, 30)).subarray(0, 54 + 40);
		expect(damaged(bad, 'bmp')).toBe(
			`${BMP_DAMAGED} (the file is cut off in the middle of its pixel data).`,
		);
	});

	it('reads an RLE-compressed BMP whose data is shorter than its uncompressed pixels', () => {
		// 8 bpp, BI_RLE8: the file holds a palette and a few bytes of runs, far less than 31 × 17 bytes.
		const header = Buffer.alloc(54);
		header.write('BM', 0, 'latin1');
		header.writeUInt32LE(14 + 40 + 1024, 10);
		header.writeUInt32LE(40, 14);
		header.writeInt32LE(31, 18);
		header.writeInt32LE(17, 22);
		header.writeUInt16LE(1, 26);
		header.writeUInt16LE(8, 28);
		header.writeUInt32LE(1, 30);
		const palette = Buffer.alloc(1024);
		const runs = Buffer.from([31, 0, 0, 0, 0, 1]); // one row of colour 0, end of line, end of bitmap
		const file = Buffer.concat([header, palette, runs]);
		file.writeUInt32LE(file.length, 2);
		expect(size(file, 'bmp')).toEqual({ width: 31, height: 17 });
	});
});

describe('readImageSize: unusual and damaged JPEG', () => {
	it('skips a segment with a reserved marker below the SOF range', () => {
		const lookalike = [8, 0, 10, 0, 10, 3, 1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1];
		const bytes = Buffer.concat([SOI, segment(0xbf, lookalike), sof(0xc0, 640, 480), EOI]);
		expect(size(bytes, 'jpeg')).toEqual({ width: 640, height: 480 });
	});

	it('skips a repeated start-of-image marker', () => {
		const bytes = Buffer.concat([SOI, SOI, sof(0xc0, 640, 480), EOI]);
		expect(size(bytes, 'jpeg')).toEqual({ width: 640, height: 480 });
	});

	it('skips stray bytes between segments', () => {
		const bytes = Buffer.concat([
			SOI,
			segment(0xe0, [1, 2, 3]),
			Buffer.from([0x12, 0x34, 0x00]),
			sof(0xc0, 640, 480),
			EOI,
		]);
		expect(size(bytes, 'jpeg')).toEqual({ width: 640, height: 480 });
	});

	it('skips an escaped 0xFF (FF 00) between segments', () => {
		const bytes = Buffer.concat([SOI, Buffer.from([0xff, 0x00]), sof(0xc0, 640, 480), EOI]);
		expect(size(bytes, 'jpeg')).toEqual({ width: 640, height: 480 });
	});

	it('calls a JPEG that ends right after a segment damaged', () => {
		expect(damaged(Buffer.concat([SOI, segment(0xe0, [1, 2, 3])]), 'jpeg')).toBe(
			`${JPEG_DAMAGED} (the file ends before the SOF frame header that gives its size).`,
		);
	});

	it('calls a JPEG that ends after a segment length, before its data, damaged', () => {
		expect(damaged(Buffer.concat([SOI, Buffer.from([0xff, 0xe0, 0x00, 0x10])]), 'jpeg')).toBe(
			`${JPEG_DAMAGED} (the file ends before the SOF frame header that gives its size).`,
		);
	});

	it('calls a segment length below 2 impossible', () => {
		const bytes = Buffer.concat([SOI, Buffer.from([0xff, 0xe0, 0x00, 0x00]), sof(0xc0, 640, 480), EOI]);
		expect(damaged(bytes, 'jpeg')).toBe(`${JPEG_DAMAGED} (a segment has an impossible length).`);
	});

	it('skips an empty segment (length 2)', () => {
		const bytes = Buffer.concat([SOI, Buffer.from([0xff, 0xe0, 0x00, 0x02]), sof(0xc0, 640, 480), EOI]);
		expect(size(bytes, 'jpeg')).toEqual({ width: 640, height: 480 });
	});

	it('reads the shortest frame header that holds the size (length 8)', () => {
		const bytes = Buffer.concat([SOI, segment(0xc0, [8, 0, 60, 0, 50, 0]), EOI]);
		expect(size(bytes, 'jpeg')).toEqual({ width: 50, height: 60 });
	});

	it('calls a frame header too short to hold the size damaged', () => {
		const bytes = Buffer.concat([SOI, segment(0xc0, [8, 0, 60, 0, 50]), EOI]);
		expect(damaged(bytes, 'jpeg')).toBe(
			`${JPEG_DAMAGED} (the file ends inside the SOF frame header).`,
		);
	});

	it('reads the size of a file that ends just after the frame size fields', () => {
		const bytes = Buffer.concat([SOI, sof(0xc0, 50, 60)]).subarray(0, 2 + 2 + 2 + 1 + 4);
		expect(size(bytes, 'jpeg')).toEqual({ width: 50, height: 60 });
	});

	it.each([
		[0, 60, '0 × 60'],
		[50, 0, '50 × 0'],
	])('calls a JPEG whose frame header says %i × %i px damaged', (width, height, text) => {
		const bytes = Buffer.concat([SOI, sof(0xc0, width, height), EOI]);
		expect(damaged(bytes, 'jpeg')).toBe(
			`${JPEG_DAMAGED} (the frame header gives a size of ${text} px).`,
		);
	});
});
