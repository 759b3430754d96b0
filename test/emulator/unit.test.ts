/**
 * The emulator's pure parts: raw form parsing, base64 and header reading, the fault
 * picker, the derived answers and the fixture loader.
 */
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

import { FaultEngine } from './faults';
import { builtinFixtures, loadFixtures, validateFixturesFile } from './fixtures';
import { decodeComponent, formToMap, parseForm } from './form';
import { checkImage, checkPdf, decodeStrictBase64, detectType, pixelSize } from './image';
import { derivedRet, indexRecordings, selectFile } from './recognise';
import { TokenStore } from './tokens';
import { bmp, gif, jpeg, pdf, png, sha } from './testkit';

describe('form parsing', () => {
	it('decodes once and keeps the raw (still encoded) length of each value', () => {
		const body = Buffer.from('a=1&image=ab%2Bcd%2F%3D%3D&note=hello+world&empty=&flag');
		const fields = parseForm(body);
		expect(fields.map((f) => f.name)).toEqual(['a', 'image', 'note', 'empty', 'flag']);
		const map = formToMap(fields);
		expect(map.get('image')).toEqual({ name: 'image', value: 'ab+cd/==', rawLength: 'ab%2Bcd%2F%3D%3D'.length });
		expect(map.get('note')?.value).toBe('hello world');
		expect(map.get('empty')).toEqual({ name: 'empty', value: '', rawLength: 0 });
		expect(map.get('flag')?.value).toBe('');
	});

	it('decodes a double-encoded value only once, leaving %2B in it', () => {
		expect(decodeComponent(Buffer.from('ab%252Bcd'))).toBe('ab%2Bcd');
	});

	it('turns a raw "+" into a space, as every form reader does', () => {
		expect(decodeComponent(Buffer.from('ab+cd'))).toBe('ab cd');
	});

	it('decodes UTF-8 percent sequences and keeps broken ones literally', () => {
		expect(decodeComponent(Buffer.from('%E5%A4%A9%E6%B4%A5'))).toBe('天津');
		expect(decodeComponent(Buffer.from('50%zz%4'))).toBe('50%zz%4');
	});

	it('keeps the first of repeated names', () => {
		expect(formToMap(parseForm(Buffer.from('x=1&x=2'))).get('x')?.value).toBe('1');
	});

	it('picks image over pdf_file over url', () => {
		const pick = (body: string) => selectFile(formToMap(parseForm(Buffer.from(body))))?.field;
		expect(pick('url=u&image=i&pdf_file=p')).toBe('image');
		expect(pick('url=u&pdf_file=p')).toBe('pdf_file');
		expect(pick('url=u')).toBe('url');
		expect(pick('templateSign=t')).toBeUndefined();
	});
});

describe('base64', () => {
	it('accepts standard base64 with and without padding', () => {
		expect(decodeStrictBase64('aGVsbG8=')?.toString()).toBe('hello');
		expect(decodeStrictBase64('aGVsbG8')?.toString()).toBe('hello');
	});
	it.each([
		['data: prefix', 'data:image/png;base64,aGVsbG8='],
		['double urlencoding', 'aGV%2BsbG8='],
		['spaces from an unencoded +', 'aGV sbG8='],
		['url-safe alphabet', 'aGV-sbG8_'],
		['bad padding', 'aGVsbG8=='],
		['impossible length', 'aGVsb'],
		['empty', ''],
	])('rejects %s', (_name, text) => {
		expect(decodeStrictBase64(text)).toBeNull();
	});
});

describe('image headers', () => {
	it('reads type and pixel size of PNG, JPEG and BMP', () => {
		expect(detectType(png(31, 17))).toBe('png');
		expect(pixelSize(png(31, 17))).toEqual({ width: 31, height: 17 });
		expect(detectType(jpeg(40, 25))).toBe('jpg');
		expect(pixelSize(jpeg(40, 25))).toEqual({ width: 40, height: 25 });
		expect(detectType(bmp(33, -21))).toBe('bmp');
		expect(pixelSize(bmp(33, -21))).toEqual({ width: 33, height: 21 });
	});

	it('knows other formats by their magic bytes and refuses them', () => {
		expect(detectType(gif(20, 20))).toBe('gif');
		expect(detectType(pdf())).toBe('pdf');
		expect(detectType(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('webp');
		expect(detectType(Buffer.from('II*\0abcd'))).toBe('tiff');
		expect(detectType(Buffer.from('hello world'))).toBe('unknown');
		expect(checkImage(gif(20, 20))).toMatchObject({ ok: false, errorCode: 216201 });
		expect(checkImage(pdf())).toMatchObject({ ok: false, errorCode: 216201 });
	});

	it('applies 15 px minimum and 4096 px maximum', () => {
		expect(checkImage(png(15, 4096))).toMatchObject({ ok: true });
		expect(checkImage(png(14, 100))).toMatchObject({ ok: false, errorCode: 216202 });
		expect(checkImage(bmp(4097, 20))).toMatchObject({ ok: false, errorCode: 216202 });
		expect(checkImage(jpeg(20, 14))).toMatchObject({ ok: false, errorCode: 216202 });
	});

	it('calls an unreadable header a format error', () => {
		const truncated = png(20, 20).subarray(0, 12);
		expect(checkImage(truncated)).toMatchObject({ ok: false, errorCode: 216201 });
		expect(checkImage(Buffer.from([0xff, 0xd8, 0xff, 0xd9]))).toMatchObject({ ok: false, errorCode: 216201 });
	});

	it('wants a PDF in pdf_file', () => {
		expect(checkPdf(pdf())).toMatchObject({ ok: true });
		expect(checkPdf(png(20, 20))).toMatchObject({ ok: false, errorCode: 216201 });
	});
});

describe('fault picker', () => {
	it('picks listed request numbers of its endpoint only', () => {
		const engine = new FaultEngine();
		engine.add({ kind: 'http500', requests: [2, 4] });
		expect([1, 2, 3, 4, 5].map((n) => engine.pick('recognise', n))).toEqual([null, 'http500', null, 'http500', null]);
		expect(engine.pick('token', 2)).toBeNull();
	});

	it('picks an inclusive range and honours times', () => {
		const engine = new FaultEngine();
		engine.add({ kind: 'reset', endpoint: 'token', from: 2, to: 5, times: 2 });
		expect([1, 2, 3, 4, 5].map((n) => engine.pick('token', n))).toEqual([null, 'reset', 'reset', null, null]);
	});

	it('a rule without selectors picks every request', () => {
		const engine = new FaultEngine();
		engine.add({ kind: { errorCode: 18 } });
		expect(engine.pick('recognise', 7)).toEqual({ errorCode: 18 });
	});

	it('draws probabilities from a seed, so runs repeat', () => {
		const run = (seed: number) => {
			const engine = new FaultEngine();
			engine.add({ kind: 'http503', probability: 0.3, seed });
			return Array.from({ length: 200 }, (_, i) => engine.pick('recognise', i + 1) !== null);
		};
		const first = run(7);
		expect(run(7)).toEqual(first);
		expect(run(8)).not.toEqual(first);
		const share = first.filter(Boolean).length / first.length;
		expect(share).toBeGreaterThan(0.2);
		expect(share).toBeLessThan(0.4);
	});

	it('refuses a probability outside 0..1', () => {
		expect(() => new FaultEngine().add({ kind: 'hang', probability: 1.5 })).toThrow();
	});
});

describe('derived answers', () => {
	const template = builtinFixtures().templates[0];

	it('are the same for the same file and differ between files', () => {
		const a = derivedRet(template, 'a'.repeat(64));
		expect(derivedRet(template, 'a'.repeat(64))).toEqual(a);
		expect(derivedRet(template, 'b'.repeat(64))).not.toEqual(a);
	});

	it('have one entry per template field, with its location and a plausible probability', () => {
		const ret = derivedRet(template, sha(png(20, 20)));
		expect(ret.map((entry) => entry.word_name)).toEqual(template.fields.map((field) => field.word_name));
		for (const [i, entry] of ret.entries()) {
			expect(entry.location).toEqual(template.fields[i].location);
			expect(entry.word.length).toBeGreaterThan(0);
			expect(entry.probability?.average).toBeGreaterThanOrEqual(0.9);
			expect(entry.probability?.average).toBeLessThanOrEqual(0.999);
			expect(entry.probability?.min).toBeLessThanOrEqual(entry.probability?.average ?? 0);
		}
		const byName = Object.fromEntries(ret.map((entry) => [entry.word_name, entry.word]));
		expect(byName['日期']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(byName['票价']).toMatch(/^\d+\.\d{2}$/);
		expect(byName['票号']).toMatch(/^[0-9A-Z]{12}$/);
	});
});

describe('tokens', () => {
	it('issues a fresh token per exchange and tracks states', () => {
		const store = new TokenStore(builtinFixtures().apps);
		const ok = { grant_type: 'client_credentials', client_id: 'demo-api-key', client_secret: 'demo-secret-key' };
		const a = store.exchange(ok).token;
		const b = store.exchange(ok).token;
		expect(a).toMatch(/^24\.[0-9a-f]{32}\.2592000\.\d+\.1-10001$/);
		expect(b).not.toBe(a);
		expect(store.exchanges).toBe(2);
		expect(store.lookup(a).status).toBe('valid');
		store.expireAll();
		expect(store.lookup(a).status).toBe('expired');
		const c = store.exchange(ok).token;
		expect(store.lookup(c).status).toBe('valid');
		store.revokeAll();
		expect(store.lookup(a).status).toBe('revoked');
		expect(store.lookup('nope').status).toBe('unknown');
		expect(store.lookup(undefined).status).toBe('missing');
	});
});

describe('fixture loading', () => {
	it('hashes the sample files named by recordings and lists missing ones', () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'iocr-fixtures-'));
		const sample = png(20, 20, 3);
		writeFileSync(path.join(dir, 'a.png'), sample);
		const file = path.join(dir, 'baidu.json');
		const data = {
			...builtinFixtures(),
			recordings: [
				{ sample: 'a.png', templateSign: null, isStructured: true, ret: [] },
				{ sample: 'gone.png', templateSign: null, isStructured: true, ret: [] },
			],
		};
		writeFileSync(file, JSON.stringify(data));
		const fixtures = loadFixtures(file, dir);
		expect(fixtures.sampleHashes).toEqual({ 'a.png': sha(sample) });
		expect(fixtures.missingSamples).toEqual(['gone.png']);
		expect([...indexRecordings(fixtures).keys()]).toEqual([sha(sample)]);
	});

	it('fails loudly on a file without apps', () => {
		expect(() => validateFixturesFile({ templates: [] }, 'x.json')).toThrow(/apps/);
	});
});
