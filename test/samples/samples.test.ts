import { createHash } from 'crypto';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { renderSamples } from './draw';
import type { Box, RenderedSample } from './draw';
import { FONT_CHARACTERS, GLYPH_HEIGHT, GLYPH_WIDTH, glyphRows } from './font';
import { readManifest, readSample, SAMPLES_DIR } from './index';
import type { ManifestEntry } from './index';

// ---------------------------------------------------------------------------------------
// Reading sizes from the files' own headers (independent of draw.ts)

interface Dims {
	width: number;
	height: number;
	pages?: number;
}

function pngDims(b: Buffer): Dims {
	expect(b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
	expect(b.toString('latin1', 12, 16)).toBe('IHDR');
	return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

function jpegDims(b: Buffer): Dims {
	expect(b[0] === 0xff && b[1] === 0xd8).toBe(true);
	let at = 2;
	while (at + 4 <= b.length) {
		if (b[at] !== 0xff) throw new Error(`JPEG: no marker at ${at}`);
		const marker = b[at + 1];
		const length = b.readUInt16BE(at + 2);
		const isSof = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
		if (isSof) return { height: b.readUInt16BE(at + 5), width: b.readUInt16BE(at + 7) };
		at += 2 + length;
	}
	throw new Error('JPEG: no SOF marker');
}

function bmpDims(b: Buffer): Dims {
	expect(b.toString('latin1', 0, 2)).toBe('BM');
	expect(b.readUInt32LE(2)).toBe(b.length);
	expect(b.readUInt16LE(28)).toBe(24);
	expect(b.readUInt32LE(30)).toBe(0);
	return { width: b.readInt32LE(18), height: Math.abs(b.readInt32LE(22)) };
}

function gifDims(b: Buffer): Dims {
	expect(b.toString('latin1', 0, 6)).toBe('GIF89a');
	expect(b[b.length - 1]).toBe(0x3b);
	return { width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
}

function webpDims(b: Buffer): Dims {
	expect(b.toString('latin1', 0, 4)).toBe('RIFF');
	expect(b.readUInt32LE(4)).toBe(b.length - 8);
	expect(b.toString('latin1', 8, 16)).toBe('WEBPVP8L');
	expect(b[20]).toBe(0x2f);
	const bits = b.readUInt32LE(21);
	return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
}

function tiffDims(b: Buffer): Dims {
	expect(b.toString('latin1', 0, 2)).toBe('II');
	expect(b.readUInt16LE(2)).toBe(42);
	const ifd = b.readUInt32LE(4);
	const count = b.readUInt16LE(ifd);
	const tags = new Map<number, number>();
	for (let i = 0; i < count; i++) {
		const at = ifd + 2 + i * 12;
		const type = b.readUInt16LE(at + 2);
		tags.set(b.readUInt16LE(at), type === 3 ? b.readUInt16LE(at + 8) : b.readUInt32LE(at + 8));
	}
	const strip = tags.get(273) ?? 0;
	const stripBytes = tags.get(279) ?? 0;
	expect(strip + stripBytes).toBe(b.length);
	return { width: tags.get(256) ?? 0, height: tags.get(257) ?? 0 };
}

/** Walks ISO-BMFF boxes: ftyp must say heic, meta/iprp/ipco/ispe holds the size. */
function heicDims(b: Buffer): Dims {
	expect(b.toString('latin1', 4, 12)).toBe('ftypheic');
	const find = (start: number, end: number, path: string[]): number => {
		let at = start;
		while (at + 8 <= end) {
			const size = b.readUInt32BE(at);
			const type = b.toString('latin1', at + 4, at + 8);
			if (size < 8 || at + size > end) throw new Error(`HEIC: bad box ${type} at ${at}`);
			if (type === path[0]) {
				const body = at + 8 + (['meta', 'ispe'].includes(type) ? 4 : 0);
				return path.length === 1 ? body : find(body, at + size, path.slice(1));
			}
			at += size;
		}
		throw new Error(`HEIC: no ${path[0]} box`);
	};
	const ispe = find(0, b.length, ['meta', 'iprp', 'ipco', 'ispe']);
	return { width: b.readUInt32BE(ispe), height: b.readUInt32BE(ispe + 4) };
}

function pdfDims(b: Buffer): Dims {
	const text = b.toString('latin1');
	expect(text.startsWith('%PDF-')).toBe(true);
	expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
	const pages = (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
	const box = /\/MediaBox\s*\[\s*0\s+0\s+(\d+)\s+(\d+)\s*\]/.exec(text);
	if (!box) throw new Error('PDF: no MediaBox');
	return { width: Number(box[1]), height: Number(box[2]), pages };
}

function dimsOf(entry: ManifestEntry, b: Buffer): Dims | undefined {
	switch (entry.kind) {
		case 'png':
			return pngDims(b);
		case 'jpeg':
			return jpegDims(b);
		case 'bmp':
			return bmpDims(b);
		case 'gif':
			return gifDims(b);
		case 'webp':
			return webpDims(b);
		case 'tiff':
			return tiffDims(b);
		case 'heic':
			return heicDims(b);
		case 'pdf':
			return pdfDims(b);
		default:
			return undefined;
	}
}

// ---------------------------------------------------------------------------------------
// The fixture file the emulator reads

interface Location {
	left: number;
	top: number;
	width: number;
	height: number;
}

interface RetEntry {
	word_name?: string;
	word: string;
	location?: Location;
	probability?: { average: number; min: number; variance: number };
}

interface Fixture {
	apps: Array<{ appId: string; apiKey: string; secretKey: string; iocr: boolean }>;
	templates: Array<{
		templateSign: string;
		name: string;
		edition: 'general' | 'finance';
		appId: string;
		published: boolean;
		fields: Array<{ word_name: string; kind: string; location: Location }>;
	}>;
	classifiers: Array<{ classifierId: string; name: string; edition: string; appId: string; templates: string[] }>;
	recordings: Array<{
		sample: string;
		templateSign: string | null;
		score?: number;
		isStructured: boolean;
		ret: RetEntry[];
		lines?: RetEntry[];
		receipts?: Array<{ templateSign: string; ret: RetEntry[] }>;
		dataExtra?: Record<string, unknown>;
		logIdStyle?: 'string' | 'bignumber' | 'number';
		structureFailsAfterClassify?: boolean;
	}>;
}

const FIXTURE_PATH = join(__dirname, '..', 'emulator', 'fixtures', 'baidu.json');
const fixture = JSON.parse(readFileSync(FIXTURE_PATH, 'utf8')) as Fixture;
const manifest = readManifest();
const TRAIN_TICKET_SIGN = '1c65a67f151df56ba4e29c4dddace5ee';

function overlap(a: Box, b: Location): number {
	const w = Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left);
	const h = Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top);
	if (w <= 0 || h <= 0) return 0;
	return (w * h) / (a.width * a.height);
}

// ---------------------------------------------------------------------------------------

let rendered: RenderedSample[];

// Drawing everything takes a few seconds of CPU; allow for a busy machine.
beforeAll(async () => {
	rendered = await renderSamples();
}, 180_000);

describe('font', () => {
	it('has seven rows of five cells for every glyph', () => {
		for (const ch of FONT_CHARACTERS) {
			const rows = glyphRows(ch);
			expect(rows).toHaveLength(GLYPH_HEIGHT);
			for (const row of rows ?? []) expect(row).toMatch(new RegExp(`^[#.]{${GLYPH_WIDTH}}$`));
		}
	});

	it('covers A-Z and 0-9', () => {
		for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') expect(FONT_CHARACTERS).toContain(ch);
	});
});

describe('sample files', () => {
	it('redraws every committed file byte for byte', () => {
		const committed = readdirSync(SAMPLES_DIR).sort();
		expect(rendered.map((s) => s.file).sort()).toEqual(committed);
		for (const s of rendered) {
			const onDisk = readSample(s.file);
			if (!onDisk.equals(s.bytes)) {
				throw new Error(`${s.file} differs from what draw.ts draws: run npm run samples`);
			}
		}
	});

	it('lists every file in the manifest, in drawing order', () => {
		expect(manifest.map((m) => m.file)).toEqual(rendered.map((s) => s.file));
	});

	it.each(manifest.map((m) => [m.file, m] as const))('%s matches its manifest entry', (_file, entry) => {
		const bytes = readSample(entry.file);
		expect(createHash('sha256').update(bytes).digest('hex')).toBe(entry.sha256);
		const dims = dimsOf(entry, bytes);
		if (dims) {
			expect({ width: entry.width, height: entry.height }).toEqual({ width: dims.width, height: dims.height });
		} else {
			expect(entry.width).toBeUndefined();
			expect(entry.height).toBeUndefined();
		}
		if (entry.kind === 'pdf') expect(entry.pages).toBe(dims?.pages);
		else expect(entry.pages).toBeUndefined();
		expect(entry.description.length).toBeGreaterThan(10);
	});

	it('keeps files small', () => {
		let total = 0;
		for (const m of manifest) {
			const size = readSample(m.file).length;
			total += size;
			expect({ file: m.file, small: size < 200 * 1024 }).toEqual({ file: m.file, small: true });
		}
		expect(total).toBeLessThan(1.5 * 1024 * 1024);
	});

	it('keeps images within Baidu pixel limits except the two made to break them', () => {
		for (const m of manifest) {
			if (m.width === undefined || m.height === undefined) continue;
			const short = Math.min(m.width, m.height);
			const long = Math.max(m.width, m.height);
			const ok = short >= 15 && long <= 4096;
			expect({ file: m.file, ok }).toEqual({ file: m.file, ok: !['tiny.png', 'huge.png'].includes(m.file) });
		}
	});

	it('has the broken files it promises', () => {
		const corrupt = readSample('corrupt.png');
		expect(corrupt.subarray(0, 8).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');
		expect(corrupt.toString('latin1', 12, 16)).toBe('IHDR');
		expect(corrupt.length).toBeLessThan(8 + 8 + 13 + 4);
		expect(readSample('empty.bin').length).toBe(0);
		expect(pdfDims(readSample('invoice-multipage.pdf')).pages).toBe(3);
		expect(pdfDims(readSample('invoice.pdf')).pages).toBe(1);
	});
});

describe('emulator fixture (test/emulator/fixtures/baidu.json)', () => {
	const templates = new Map(fixture.templates.map((t) => [t.templateSign, t]));
	const files = new Set(manifest.map((m) => m.file));

	it('has the demo, no-permission and other-account apps', () => {
		expect(fixture.apps.map((a) => [a.appId, a.apiKey, a.iocr])).toEqual([
			['10001', 'demo-api-key', true],
			['10002', 'noperm-api-key', false],
			['10003', 'other-api-key', true],
		]);
	});

	it('has well-formed, unique template signs with fields', () => {
		expect(templates.size).toBe(fixture.templates.length);
		for (const t of fixture.templates) {
			expect(t.templateSign).toMatch(/^[0-9a-f]{32}$/);
			expect(fixture.apps.map((a) => a.appId)).toContain(t.appId);
			expect(t.fields.length).toBeGreaterThan(0);
			expect(new Set(t.fields.map((f) => f.word_name)).size).toBe(t.fields.length);
			for (const f of t.fields) expect(['text', 'date', 'amount', 'code', 'name']).toContain(f.kind);
		}
		const train = templates.get(TRAIN_TICKET_SIGN);
		expect(train?.fields.map((f) => f.word_name)).toEqual(
			expect.arrayContaining(['始发站', '终点站', '车次', '日期', '座位', '票价', '姓名']),
		);
		expect(fixture.templates.some((t) => !t.published)).toBe(true);
		expect(fixture.templates.some((t) => t.appId === '10003')).toBe(true);
		const finance = fixture.templates.filter((t) => t.edition === 'finance');
		expect(finance.flatMap((t) => t.fields.map((f) => f.word_name))).toEqual(
			expect.arrayContaining(['发票代码', '发票号码', '开票日期', '购买方名称', '金额', '税额', '价税合计']),
		);
	});

	it('has classifiers over known templates of their own edition and app', () => {
		const editions = new Set<string>();
		for (const c of fixture.classifiers) {
			expect(c.classifierId).toMatch(/^\d+$/);
			editions.add(c.edition);
			for (const sign of c.templates) {
				const t = templates.get(sign);
				expect(t).toBeDefined();
				expect(t?.edition).toBe(c.edition);
				expect(t?.appId).toBe(c.appId);
			}
		}
		expect([...editions].sort()).toEqual(['finance', 'general']);
	});

	it('records every recognisable sample', () => {
		const recognisable = manifest.filter(
			(m) => ['png', 'jpeg', 'bmp', 'pdf'].includes(m.kind) && !['tiny.png', 'huge.png'].includes(m.file),
		);
		const recorded = new Set(fixture.recordings.map((r) => r.sample));
		for (const m of recognisable) expect({ file: m.file, recorded: recorded.has(m.file) }).toEqual({ file: m.file, recorded: true });
	});

	it.each(fixture.recordings.map((r) => [r.sample, r] as const))(
		'recording of %s names an existing sample, a known template and its fields',
		(_sample, r) => {
			expect(files.has(r.sample)).toBe(true);
			const check = (sign: string | null, ret: RetEntry[]) => {
				if (sign === null) {
					expect(ret.every((e) => e.word_name === undefined)).toBe(true);
					return;
				}
				const t = templates.get(sign);
				if (!t) throw new Error(`${r.sample}: unknown templateSign ${sign}`);
				expect(ret.map((e) => e.word_name)).toEqual(t.fields.map((f) => f.word_name));
			};
			check(r.templateSign, r.ret);
			for (const receipt of r.receipts ?? []) check(receipt.templateSign, receipt.ret);
			if (r.lines) expect(r.isStructured).toBe(false);
		},
	);

	it('records only what is drawn on the sample, where it is drawn', () => {
		for (const r of fixture.recordings) {
			const texts = rendered.find((s) => s.file === r.sample)?.texts ?? [];
			const entries = [...r.ret, ...(r.lines ?? []), ...(r.receipts ?? []).flatMap((x) => x.ret)];
			for (const e of entries) {
				if (e.word === '') continue;
				const drawn = texts.filter((t) => t.text === e.word);
				const where = e.location;
				const hit = where !== undefined && drawn.some((t) => overlap(t.box, where) > 0.9);
				expect({ sample: r.sample, word: e.word, hit }).toEqual({ sample: r.sample, word: e.word, hit: true });
			}
		}
	});

	it('has the quirks of real answers the node must survive', () => {
		const rec = (sample: string) => fixture.recordings.filter((r) => r.sample === sample);
		for (const ticket of ['train-ticket.png', 'train-ticket.jpg']) {
			const [r] = rec(ticket);
			expect(r.templateSign).toBe(TRAIN_TICKET_SIGN);
			expect(r.ret.some((e) => e.word === '' && e.probability === undefined)).toBe(true);
			expect(r.ret.some((e) => e.location && Object.values(e.location).some((v) => v < 0))).toBe(true);
		}
		const styles = fixture.recordings.map((r) => r.logIdStyle);
		expect(styles).toEqual(expect.arrayContaining(['bignumber', 'string']));
		expect(fixture.recordings.some((r) => r.dataExtra && Object.keys(r.dataExtra).length >= 2)).toBe(true);

		const [blurry] = rec('receipt-blurry.png');
		expect(blurry.ret.filter((e) => (e.probability?.average ?? 1) < 0.6).length).toBeGreaterThan(0);

		const [mixed] = rec('receipts-mixed.jpg');
		expect(mixed.receipts).toHaveLength(2);
		for (const receipt of mixed.receipts ?? []) {
			expect(templates.get(receipt.templateSign)?.edition).toBe('finance');
		}

		expect(rec('unmatched.png')[0].templateSign).toBeNull();
		const [notes] = rec('unstructured.png');
		expect(notes.isStructured).toBe(false);
		expect(notes.lines?.length).toBeGreaterThan(0);

		const invoice = rec('invoice.jpg')[0];
		for (const pdf of ['invoice.pdf', 'invoice-multipage.pdf']) {
			const [r] = rec(pdf);
			expect(r.templateSign).toBe(invoice.templateSign);
			expect(r.ret.map((e) => [e.word_name, e.word])).toEqual(invoice.ret.map((e) => [e.word_name, e.word]));
		}
	});

	it('keeps probabilities consistent', () => {
		for (const r of fixture.recordings) {
			const entries = [...r.ret, ...(r.lines ?? []), ...(r.receipts ?? []).flatMap((x) => x.ret)];
			for (const e of entries) {
				if (!e.probability) continue;
				const { average, min, variance } = e.probability;
				expect(min).toBeLessThanOrEqual(average);
				expect(average).toBeLessThanOrEqual(1);
				expect(min).toBeGreaterThanOrEqual(0);
				expect(variance).toBeGreaterThanOrEqual(0);
			}
		}
	});
});
