import {
	concat,
	indexOfAscii,
	startsWith,
	u16le,
	u32le,
} from '../../nodes/BaiduIocr/input/bytes';

// The readers behind file-type sniffing (TIFF, ICO, BMP headers are little-endian) and the
// PNG reader: a wrong offset or sign here names a file wrongly or reads a picture wrongly.
describe('byte readers', () => {
	const b = Uint8Array.from([0xaa, 0x01, 0x02, 0x03, 0x84, 0xbb]);

	it('reads little-endian numbers at an offset', () => {
		expect(u16le(b, 1)).toBe(0x0201);
		expect(u32le(b, 1)).toBe(0x84030201);
		expect(u32le(Uint8Array.from([0xff, 0xff, 0xff, 0xff]), 0)).toBe(0xffffffff);
	});

	it('finds a signature only where all of it fits', () => {
		const sig = [0x03, 0x84, 0xbb];
		expect(startsWith(b, sig, 3)).toBe(true);
		expect(startsWith(b, sig, 4)).toBe(false);
		expect(startsWith(b, [0xbb, 0xbb], 5)).toBe(false);
		// Nothing lies beyond the end, not even an empty signature.
		expect(startsWith(b, [], b.length)).toBe(true);
		expect(startsWith(b, [], b.length + 1)).toBe(false);
	});

	it('searches text only inside [from, to), up to its very end', () => {
		const text = Uint8Array.from(Buffer.from('xref trailer%%EOF', 'latin1'));
		expect(indexOfAscii(text, '%%EOF')).toBe(12);
		expect(indexOfAscii(text, 'trailer', 0, 12)).toBe(5);
		expect(indexOfAscii(text, 'trailer', 0, 11)).toBe(-1);
		expect(indexOfAscii(text, 'xref', 1)).toBe(-1);
	});

	it('compares the first character too', () => {
		const text = Uint8Array.from(Buffer.from('Xref xref', 'latin1'));
		expect(indexOfAscii(text, 'xref')).toBe(5);
		expect(indexOfAscii(text, 'yref')).toBe(-1);
	});

	it('joins parts in order into one array', () => {
		const joined = concat([Uint8Array.from([1, 2]), new Uint8Array(0), Uint8Array.from([3])]);
		expect([...joined]).toEqual([1, 2, 3]);
		expect(concat([])).toHaveLength(0);
	});
});
