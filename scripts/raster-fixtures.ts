/**
 * Makes the decoder fixtures of the PNG review picture ONCE, with a real reference
 * implementation: ImageMagick (its libjpeg-turbo and libpng) encodes a synthetic test image as
 * JPEG, PNG and BMP variants and decodes every file to raw pixels, which the tests compare the
 * node's own decoders with. The results are committed in test/output/picture/raster/fixtures/;
 * the tests never run ImageMagick (CI does not have it).
 *
 *   apt-get install imagemagick libjpeg-turbo-progs   # the real `convert`, and `jpegtran`
 *   npx tsx scripts/raster-fixtures.ts
 *   npx tsx scripts/raster-fixtures.ts --libjpeg   # only cjpeg's fixtures (libjpeg-turbo-progs)
 *
 * Writes fixtures/manifest.json (every file, its size, its reference and what it tests) and
 * fixtures/samples.json (the repository's sample images: size and pixels at a grid of points).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { crc32 } from 'node:zlib';

const REPO = resolve(__dirname, '..');
const OUT = join(REPO, 'test', 'output', 'picture', 'raster', 'fixtures');
const SAMPLES = join(REPO, 'test', 'samples', 'files');

interface Fixture {
	file: string;
	/** Raw RGB (`.rgb`) or RGBA (`.rgba`, for files with transparency) of the file; see reference(). */
	reference?: string;
	width: number;
	height: number;
	/** What it exercises, for the test's name. */
	about: string;
	/** JPEG: libjpeg's decoding with its float IDCT, which the node's must equal exactly. */
	exact?: string;
	/** The decoder must refuse it, with this in its reason. */
	refused?: string;
}

function convert(...args: string[]): Buffer {
	return execFileSync('convert', args, { maxBuffer: 1 << 28 });
}

function requireImageMagick(): void {
	let version = '';
	try {
		version = convert('-version').toString();
	} catch {
		// no convert at all
	}
	if (!version.startsWith('Version: ImageMagick')) {
		console.error('This script needs the real ImageMagick: apt-get install imagemagick');
		process.exit(1);
	}
	console.log(version.split('\n')[0]);
}

/**
 * The test image: gradients (every level of each channel), saturated blocks with sharp edges
 * (where chroma subsampling shows), a diagonal line, a fine checkerboard, and an alpha that
 * ramps across, with one opaque and one clear block. Written as PAM, which ImageMagick reads.
 */
function testImage(width: number, height: number): Buffer {
	const pixels = Buffer.alloc(width * height * 4);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			let r = Math.round((x * 255) / (width - 1));
			let g = Math.round((y * 255) / (height - 1));
			let b = Math.round(128 + 100 * Math.sin((x + 2 * y) / 5));
			let a = Math.round((x * 255) / (width - 1));
			if (x >= width / 4 && x < width / 2 && y < height / 3) [r, g, b, a] = [220, 20, 30, 255];
			if (x >= width / 2 && x < (3 * width) / 4 && y >= height / 2) [r, g, b, a] = [10, 60, 200, 0];
			if (x < width / 5 && y >= (2 * height) / 3)
				[r, g, b] = (x + y) % 2 ? [0, 0, 0] : [255, 255, 255];
			if (Math.abs(x - y) < 1) [r, g, b] = [20, 160, 40];
			pixels.set([r, g, b, a], (y * width + x) * 4);
		}
	}
	const header = `P7\nWIDTH ${width}\nHEIGHT ${height}\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n`;
	return Buffer.concat([Buffer.from(header, 'latin1'), pixels]);
}

/**
 * The reference pixels of `file` in OUT, decoded by ImageMagick, as a fixture: 8-bit RGB or
 * RGBA (`.rgb`, `.rgba`), or the samples as they are, big-endian, for a 16-bit PNG (`.rgb16`,
 * `.rgba16`: how 16 bits become 8 is the decoder's rounding, which the test applies).
 */
function reference(fixtures: Fixture[], file: string, about: string, alpha = false): void {
	const format = alpha ? 'rgba' : 'rgb';
	const depth = file.endsWith('-16.png') ? 16 : 8;
	const name = `${file}.${format}${depth === 16 ? '16' : ''}`;
	writeFileSync(
		join(OUT, name),
		convert(join(OUT, file), '-endian', 'MSB', '-depth', String(depth), `${format}:-`),
	);
	const [width, height] = convert(join(OUT, file), '-format', '%w %h', 'info:')
		.toString()
		.split(' ')
		.map(Number);
	fixtures.push({ file, reference: name, width, height, about });
}

const JPEGS: Array<[file: string, source: 'main' | 'odd', options: string[], about: string]> = [
	['baseline-420.jpg', 'main', ['-sampling-factor', '2x2', '-quality', '90'], 'baseline 4:2:0'],
	['baseline-444.jpg', 'main', ['-sampling-factor', '1x1', '-quality', '90'], 'baseline 4:4:4'],
	['baseline-422.jpg', 'main', ['-sampling-factor', '2x1', '-quality', '90'], 'baseline 4:2:2'],
	['baseline-440.jpg', 'main', ['-sampling-factor', '1x2', '-quality', '90'], 'baseline 4:4:0'],
	['grey.jpg', 'main', ['-colorspace', 'Gray', '-quality', '90'], 'greyscale (one component)'],
	[
		'progressive-420.jpg',
		'main',
		['-sampling-factor', '2x2', '-interlace', 'JPEG'],
		'progressive 4:2:0',
	],
	[
		'progressive-444.jpg',
		'main',
		['-sampling-factor', '1x1', '-interlace', 'JPEG'],
		'progressive 4:4:4',
	],
	[
		'progressive-grey.jpg',
		'main',
		['-colorspace', 'Gray', '-interlace', 'JPEG'],
		'progressive greyscale',
	],
	['restart-420.jpg', 'main', ['-sampling-factor', '2x2'], 'restart interval of 2 MCUs'],
	['odd-420.jpg', 'odd', ['-sampling-factor', '2x2', '-quality', '85'], '37 x 23, baseline 4:2:0'],
	['odd-444.jpg', 'odd', ['-sampling-factor', '1x1', '-quality', '85'], '37 x 23, baseline 4:4:4'],
	[
		'odd-progressive-422-restart.jpg',
		'odd',
		['-sampling-factor', '2x1', '-interlace', 'JPEG'],
		'37 x 23, progressive 4:2:2 with a restart after every MCU',
	],
	['odd-grey.jpg', 'odd', ['-colorspace', 'Gray'], '37 x 23, greyscale'],
];

const PNG_TYPE = (type: number, depth = 8) => [
	'-define',
	`png:color-type=${type}`,
	'-define',
	`png:bit-depth=${depth}`,
];
const OPAQUE = ['-alpha', 'off'];
const GREY = ['-colorspace', 'Gray'];

const PNGS: Array<
	[file: string, source: 'main' | 'odd', options: string[], about: string, alpha: boolean]
> = [
	['grey-8.png', 'main', [...GREY, ...OPAQUE, ...PNG_TYPE(0)], 'colour type 0, 8 bits', false],
	[
		'grey-4.png',
		'main',
		[...GREY, ...OPAQUE, '-depth', '4', ...PNG_TYPE(0, 4)],
		'colour type 0, 4 bits',
		false,
	],
	[
		'grey-1.png',
		'main',
		[...GREY, ...OPAQUE, '-threshold', '50%', '-depth', '1', ...PNG_TYPE(0, 1)],
		'colour type 0, 1 bit',
		false,
	],
	[
		'grey-16.png',
		'main',
		[...GREY, ...OPAQUE, '-depth', '16', ...PNG_TYPE(0, 16)],
		'colour type 0, 16 bits',
		false,
	],
	['rgb-8.png', 'main', [...OPAQUE, ...PNG_TYPE(2)], 'colour type 2, 8 bits', false],
	[
		'rgb-16.png',
		'main',
		[...OPAQUE, '-depth', '16', ...PNG_TYPE(2, 16)],
		'colour type 2, 16 bits',
		false,
	],
	[
		'palette-trns.png',
		'main',
		['-channel', 'A', '-threshold', '50%', '+channel', '-colors', '40', 'PNG8:'],
		'colour type 3 with tRNS',
		true,
	],
	[
		'palette-4.png',
		'main',
		[...OPAQUE, '-colors', '12', '-depth', '4', ...PNG_TYPE(3, 4)],
		'colour type 3, 4 bits',
		false,
	],
	['grey-alpha.png', 'main', [...GREY, ...PNG_TYPE(4)], 'colour type 4 (grey and alpha)', true],
	['rgba-8.png', 'main', PNG_TYPE(6), 'colour type 6 (RGBA), 8 bits', true],
	['rgba-16.png', 'main', ['-depth', '16', ...PNG_TYPE(6, 16)], 'colour type 6, 16 bits', true],
	[
		'rgba-adam7.png',
		'odd',
		['-interlace', 'PNG', ...PNG_TYPE(6)],
		'37 x 23, RGBA, Adam7 interlaced',
		true,
	],
	[
		'rgb-adam7.png',
		'odd',
		[...OPAQUE, '-interlace', 'PNG', ...PNG_TYPE(2)],
		'37 x 23, RGB, Adam7 interlaced',
		false,
	],
];

const BMPS: Array<
	[file: string, source: 'main' | 'odd', options: string[], about: string, alpha: boolean]
> = [
	['rgb-24.bmp', 'odd', [...OPAQUE, 'BMP3:'], '24-bit, bottom-up, rows padded to 4 bytes', false],
	['rgba-32.bmp', 'odd', ['BMP:'], '32-bit bit fields with alpha (V5 header)', true],
	[
		'palette-8.bmp',
		'odd',
		[...OPAQUE, '-colors', '200', '-type', 'Palette', '-compress', 'none', 'BMP3:'],
		'8-bit palette',
		false,
	],
	[
		'palette-4.bmp',
		'odd',
		[...OPAQUE, '-colors', '12', '-type', 'Palette', '-compress', 'none', 'BMP3:'],
		'4-bit palette',
		false,
	],
	[
		'rgb-16.bmp',
		'odd',
		[...OPAQUE, '-define', 'bmp:subtype=RGB565', 'BMP:'],
		'16-bit RGB565 bit fields',
		false,
	],
];

/** Puts the format prefix (`PNG8:`, `BMP3:`) of the options in front of the file's path. */
function withPrefix(options: string[], file: string): [string[], string] {
	const prefix = options.find((option) => /^[A-Z0-9]+:$/.test(option)) ?? '';
	return [options.filter((option) => option !== prefix), `${prefix}${join(OUT, file)}`];
}

/**
 * Restart intervals, which ImageMagick 6's `-define jpeg:restart-interval` does not write (its
 * files had no DRI and no RST marker): jpegtran rewrites the file with them, losslessly, so the
 * same coefficients decode to the same pixels. Interval in MCUs; fails unless markers are there.
 */
const RESTARTS: Record<string, { interval: number; progressive: boolean }> = {
	'restart-420.jpg': { interval: 2, progressive: false },
	'odd-progressive-422-restart.jpg': { interval: 1, progressive: true },
};

function addRestarts(file: string): void {
	const { interval, progressive } = RESTARTS[file];
	const path = join(OUT, file);
	const args = [
		'-restart',
		`${interval}B`,
		'-copy',
		'none',
		...(progressive ? ['-progressive'] : []),
	];
	const rewritten = execFileSync('jpegtran', [...args, path]);
	const markers = [...rewritten.keys()].filter(
		(i) => rewritten[i] === 0xff && rewritten[i + 1] >= 0xd0 && rewritten[i + 1] <= 0xd7,
	);
	if (markers.length === 0) throw new Error(`jpegtran wrote no restart marker into ${file}`);
	writeFileSync(path, rewritten);
}

function makeAll(fixtures: Fixture[], sources: Record<'main' | 'odd', string>): void {
	for (const [file, source, options, about] of JPEGS) {
		convert(sources[source], ...options, join(OUT, file));
		if (RESTARTS[file]) addRestarts(file);
		reference(fixtures, file, about);
	}
	for (const [file, source, options, about, alpha] of [...PNGS, ...BMPS]) {
		const [rest, target] = withPrefix(options, file);
		convert(sources[source], ...rest, target);
		reference(fixtures, file, about, alpha);
	}
	convert(sources.main, '-colorspace', 'CMYK', join(OUT, 'cmyk.jpg'));
	fixtures.push({ file: 'cmyk.jpg', width: 48, height: 32, about: 'CMYK', refused: 'CMYK' });
}

/**
 * BMP variants ImageMagick does not write, made from its 24-bit file: the same rows stored
 * top-down (negative height), and as 32-bit BGRX without bit fields. ImageMagick then decodes
 * them for their references, like every other file.
 */
function craftBmps(fixtures: Fixture[]): void {
	const bmp = readFileSync(join(OUT, 'rgb-24.bmp'));
	const offset = bmp.readUInt32LE(10);
	const width = bmp.readInt32LE(18);
	const height = bmp.readInt32LE(22);
	const stride = Math.ceil((width * 3) / 4) * 4;
	const rowOf = (y: number) => bmp.subarray(offset + y * stride, offset + (y + 1) * stride);

	const topDown = Buffer.from(bmp);
	topDown.writeInt32LE(-height, 22);
	for (let y = 0; y < height; y++) rowOf(height - 1 - y).copy(topDown, offset + y * stride);
	writeFileSync(join(OUT, 'rgb-24-top-down.bmp'), topDown);
	reference(fixtures, 'rgb-24-top-down.bmp', '24-bit, top-down (negative height)');

	const header = Buffer.from(bmp.subarray(0, 54));
	const pixels = Buffer.alloc(width * 4 * height);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) rowOf(y).copy(pixels, (y * width + x) * 4, 3 * x, 3 * x + 3);
	}
	header.writeUInt32LE(54, 10);
	header.writeUInt32LE(54 + pixels.length, 2);
	header.writeUInt32LE(40, 14);
	header.writeUInt16LE(32, 28);
	header.writeUInt32LE(0, 30);
	header.writeUInt32LE(pixels.length, 34);
	header.writeUInt32LE(0, 46);
	writeFileSync(join(OUT, 'rgbx-32.bmp'), Buffer.concat([header, pixels]));
	reference(fixtures, 'rgbx-32.bmp', '32-bit BGRX without bit fields');
}

/**
 * PNGs with one transparent colour (tRNS in colour types 0 and 2), which ImageMagick does not
 * write: its own files with the chunk put in after IHDR. The grey level 255 and the red block's
 * RGB are in the image.
 */
function craftTransparentColour(fixtures: Fixture[]): void {
	const cases: Array<[from: string, file: string, trns: number[], about: string]> = [
		['grey-8.png', 'grey-trns.png', [0, 255], 'colour type 0 with tRNS (grey level 255 clear)'],
		[
			'rgb-8.png',
			'rgb-trns.png',
			[0, 220, 0, 20, 0, 30],
			'colour type 2 with tRNS (one RGB clear)',
		],
	];
	for (const [from, file, trns, about] of cases) {
		const png = readFileSync(join(OUT, from));
		const body = Buffer.concat([Buffer.from('tRNS', 'latin1'), Buffer.from(trns)]);
		const chunk = Buffer.alloc(body.length + 8);
		chunk.writeUInt32BE(trns.length, 0);
		body.copy(chunk, 4);
		chunk.writeUInt32BE(crc32(body), 4 + body.length);
		const afterHeader = 8 + 25;
		writeFileSync(
			join(OUT, file),
			Buffer.concat([png.subarray(0, afterHeader), chunk, png.subarray(afterHeader)]),
		);
		reference(fixtures, file, about, true);
	}
}

/** The repository's sample images: their size and the pixels at a 9 x 7 grid of points. */
function samplePoints(): unknown[] {
	const files = ['train-ticket.jpg', 'invoice.jpg', 'receipts-mixed.jpg', 'train-ticket.png'];
	return [...files, 'receipt-blurry.png', 'asset-tag.png', 'receipt.bmp'].map((file) => {
		const path = join(SAMPLES, file);
		const [width, height] = convert(path, '-format', '%w %h', 'info:')
			.toString()
			.split(' ')
			.map(Number);
		const rgb = convert(path, '-depth', '8', 'rgb:-');
		const points: Array<[number, number, number, number, number]> = [];
		for (let j = 0; j < 7; j++) {
			for (let i = 0; i < 9; i++) {
				const x = Math.floor(((i + 0.5) * width) / 9);
				const y = Math.floor(((j + 0.5) * height) / 7);
				const at = (y * width + x) * 3;
				points.push([x, y, rgb[at], rgb[at + 1], rgb[at + 2]]);
			}
		}
		return { file, width, height, points };
	});
}

/** A PPM (binary RGB) of `rgb`'s pixels from (left, top), `stride` pixels a row. */
function ppm(rgb: Buffer, stride: number, box: [number, number, number, number]): Buffer {
	const [left, top, width, height] = box;
	return Buffer.concat([
		Buffer.from(`P6\n${width} ${height}\n255\n`, 'latin1'),
		...Array.from({ length: height }, (_, y) =>
			rgb.subarray(((top + y) * stride + left) * 3, ((top + y) * stride + left + width) * 3),
		),
	]);
}

/** A PNM's samples, after its three header lines, and its size. */
function pnmPixels(pnm: Buffer): { samples: Buffer; width: number; height: number } {
	let at = 0;
	for (let line = 0; line < 3; line++) at = pnm.indexOf(0x0a, at) + 1;
	const [width, height] = pnm.toString('latin1').split('\n')[1].split(' ').map(Number);
	return { samples: pnm.subarray(at), width, height };
}

/**
 * JPEGs ImageMagick does not write, made by libjpeg's own cjpeg and referenced by its djpeg:
 * - samplings where the decoder replicates samples instead of filtering them: 4:1:1 (four
 *   pixels across per chroma sample), 4:2:0 and 4:2:2 on images too narrow for libjpeg's
 *   "fancy" filter (two chroma samples across or fewer), a luma four times taller, and a
 *   chroma four times narrower and two times shorter;
 * - components whose own factors are above 1 while another's are larger still (4 x 1 luma
 *   with 2 x 1 chroma, 1 x 4 with 1 x 2, a 2 x 2 component beside a 4 x 1 one), where a
 *   factor and a ratio differ;
 * - a progressive file large enough for end-of-band runs over many blocks and refinements
 *   that reach a band's last coefficient: a 160 x 120 crop of the train ticket photo.
 */
const LIBJPEG_CASES: Array<[file: string, box: string, options: string[], about: string]> = [
	[
		'baseline-411.jpg',
		'fixture 0 0 48 32',
		['-sample', '4x1'],
		'baseline 4:1:1 (chroma replicated across)',
	],
	[
		'tiny-420.jpg',
		'fixture 0 10 4 3',
		['-sample', '2x2'],
		'4 x 3, baseline 4:2:0 (too narrow to filter)',
	],
	[
		'narrow-422.jpg',
		'fixture 20 4 4 5',
		['-sample', '2x1'],
		'4 x 5, baseline 4:2:2 (too narrow to filter)',
	],
	[
		'sampled-41-21.jpg',
		'fixture 0 0 48 32',
		['-sample', '4x1,2x1,2x1'],
		'luma 4 x 1, chroma 2 x 1',
	],
	[
		'sampled-14-12.jpg',
		'fixture 0 0 48 32',
		['-sample', '1x4,1x2,1x2'],
		'luma 1 x 4, chroma 1 x 2',
	],
	[
		'sampled-14.jpg',
		'fixture 0 0 48 32',
		['-sample', '1x4'],
		'luma 1 x 4 (chroma replicated down)',
	],
	[
		'sampled-42.jpg',
		'fixture 0 0 48 32',
		['-sample', '4x2'],
		'luma 4 x 2, chroma 1 x 1 (replicated)',
	],
	[
		'narrow-22-41.jpg',
		'fixture 10 0 4 32',
		['-sample', '2x2,4x1,1x1'],
		'4 x 32, Y 2 x 2 beside Cb 4 x 1',
	],
	[
		'progressive-photo.jpg',
		'photo 300 200 160 120',
		['-progressive', '-quality', '75'],
		'progressive photo crop, 160 x 120',
	],
];

function craftWithLibjpeg(fixtures: Fixture[]): void {
	const sources = {
		fixture: { rgb: readFileSync(join(OUT, 'rgb-8.png.rgb')), stride: 48 },
		photo: (() => {
			const photo = pnmPixels(
				execFileSync('djpeg', ['-pnm', join(SAMPLES, 'train-ticket.jpg')], {
					maxBuffer: 1 << 24,
				}),
			);
			return { rgb: photo.samples, stride: photo.width };
		})(),
	};
	for (const [file, box, options, about] of LIBJPEG_CASES) {
		const [name, ...numbers] = box.split(' ');
		const { rgb, stride } = sources[name as keyof typeof sources];
		const source = ppm(rgb, stride, numbers.map(Number) as [number, number, number, number]);
		const jpeg = execFileSync(
			'cjpeg',
			[...options, ...(options.includes('-quality') ? [] : ['-quality', '90'])],
			{ input: source },
		);
		writeFileSync(join(OUT, file), jpeg);
		const { samples, width, height } = pnmPixels(execFileSync('djpeg', ['-pnm'], { input: jpeg }));
		writeFileSync(join(OUT, `${file}.rgb`), samples);
		fixtures.push({ file, reference: `${file}.rgb`, width, height, about });
	}
}

/**
 * A second, exact reference for every JPEG: libjpeg's own decoder with its floating-point IDCT
 * (`djpeg -dct float`), the transform the node's decoder uses, so that the two agree to the
 * last bit and the test needs no tolerance (ImageMagick's references use the integer IDCT and
 * differ by up to 3). Greyscale comes out as PGM and is widened to RGB.
 */
function addExactJpegReferences(fixtures: Fixture[]): void {
	for (const fixture of fixtures.filter((f) => f.file.endsWith('.jpg') && f.reference)) {
		const decoded = execFileSync('djpeg', ['-dct', 'float', '-pnm', join(OUT, fixture.file)]);
		const { samples } = pnmPixels(decoded);
		const grey = decoded.toString('latin1', 0, 2) === 'P5';
		const rgb = grey ? Buffer.from([...samples].flatMap((v) => [v, v, v])) : samples;
		fixture.exact = `${fixture.file}.float.rgb`;
		writeFileSync(join(OUT, fixture.exact), rgb);
	}
}

/**
 * `--libjpeg`: only the fixtures libjpeg's tools write (craftWithLibjpeg) and the exact
 * references, the rest of the manifest kept; needs libjpeg-turbo-progs, not ImageMagick.
 */
function libjpegOnly(): void {
	const manifest = join(OUT, 'manifest.json');
	const crafted = new Set(LIBJPEG_CASES.map(([file]) => file));
	const fixtures = (JSON.parse(readFileSync(manifest, 'utf8')) as Fixture[]).filter(
		(fixture) => !crafted.has(fixture.file),
	);
	craftWithLibjpeg(fixtures);
	addExactJpegReferences(fixtures);
	writeFileSync(manifest, `${JSON.stringify(fixtures, null, '\t')}\n`);
	console.log(`${fixtures.length} fixtures in ${OUT}`);
}

function main(): void {
	if (process.argv.includes('--libjpeg')) return libjpegOnly();
	requireImageMagick();
	rmSync(OUT, { recursive: true, force: true });
	mkdirSync(OUT, { recursive: true });
	const work = join(OUT, 'source');
	mkdirSync(work);
	const sources = { main: join(work, 'main.pam'), odd: join(work, 'odd.pam') };
	writeFileSync(sources.main, testImage(48, 32));
	writeFileSync(sources.odd, testImage(37, 23));
	const fixtures: Fixture[] = [];
	makeAll(fixtures, sources);
	craftBmps(fixtures);
	craftTransparentColour(fixtures);
	craftWithLibjpeg(fixtures);
	addExactJpegReferences(fixtures);
	rmSync(work, { recursive: true, force: true });
	writeFileSync(join(OUT, 'manifest.json'), `${JSON.stringify(fixtures, null, '\t')}\n`);
	writeFileSync(join(OUT, 'samples.json'), `${JSON.stringify(samplePoints())}\n`);
	console.log(`${fixtures.length} fixtures in ${OUT}`);
}

main();
