/**
 * The form as Baidu reads it: which file field and which template/classifier/detector
 * parameter wins, and the file checks (216101, 216100, 216200, 216201, 216202),
 * including the 4 MB limit measured on the encoded value to the exact character.
 */
import {
	start,
	agent,
	b64,
	bmp,
	call,
	encodedLength,
	FINANCE_CLASSIFIER,
	form,
	getToken,
	gif,
	jpeg,
	GENERAL_CLASSIFIER,
	pdf,
	png,
	recognise,
	recogniseUrl,
	TAXI,
	TRAIN,
	VAT,
	DELIVERY,
} from './testkit';
import type { Emulator } from './types';

let emulator: Emulator;
let token: string;
const image = b64(png(20, 20));

beforeAll(async () => {
	emulator = await start();
	token = await getToken(emulator);
});
afterAll(async () => {
	await emulator.close();
	await agent.close();
});

const code = async (params: Record<string, string>, edition: 'general' | 'finance' = 'general') =>
	(await recognise(emulator, token, params, edition)).json.error_code as number;

describe('which file', () => {
	it('answers 216101 without image, url or pdf_file', async () => {
		const reply = await recognise(emulator, token, { templateSign: TRAIN });
		expect(reply.json).toMatchObject({ error_code: 216101, error_msg: 'not enough param' });
	});

	it('uses image and ignores url when both are given', async () => {
		expect(await code({ image, url: 'http://example.com/x.png', templateSign: TRAIN })).toBe(0);
		const entry = emulator.recognitionRequests().at(-1);
		expect(entry?.fileField).toBe('image');
	});

	it('uses image over pdf_file', async () => {
		expect(await code({ pdf_file: b64(png(20, 20)), image, templateSign: TRAIN })).toBe(0);
		expect(emulator.recognitionRequests().at(-1)?.fileField).toBe('image');
	});

	it('reads pdf_file when it is the only file (general and finance)', async () => {
		expect(await code({ pdf_file: b64(pdf()), templateSign: TRAIN })).toBe(0);
		expect(await code({ pdf_file: b64(pdf()), templateSign: VAT }, 'finance')).toBe(0);
		expect(emulator.recognitionRequests().at(-1)?.fileField).toBe('pdf_file');
	});

	it('accepts jpg, png and bmp images', async () => {
		for (const bytes of [jpeg(30, 20), png(30, 20), bmp(30, 20)]) {
			expect(await code({ image: b64(bytes), templateSign: TRAIN })).toBe(0);
		}
	});
});

describe('which template', () => {
	it('answers 216101 on the general edition without templateSign or classifierId', async () => {
		expect(await code({ image })).toBe(216101);
		expect(await code({ image, templateSign: '' })).toBe(216101);
	});

	it('lets templateSign win over classifierId', async () => {
		const reply = await recognise(emulator, token, { image, templateSign: DELIVERY, classifierId: GENERAL_CLASSIFIER });
		expect(reply.json.data).toMatchObject({ templateSign: DELIVERY, scores: 1 });
	});

	it('answers 216100 for detectorId on the general edition', async () => {
		expect(await code({ image, templateSign: TRAIN, detectorId: '0' })).toBe(216100);
	});

	it('on finance: templateSign > classifierId; templateSign=mixed_receipt finds every receipt', async () => {
		const all = await recognise(emulator, token, { image, templateSign: VAT, detectorId: '0', classifierId: FINANCE_CLASSIFIER }, 'finance');
		expect(all.json.data.templateSign).toBe(VAT);
		expect(all.json.data.ret[0].word_name).toBeDefined();

		const mixed = await recognise(emulator, token, { image, templateSign: 'mixed_receipt', classifierId: FINANCE_CLASSIFIER }, 'finance');
		expect(mixed.json.error_code).toBe(0);
		expect(mixed.json.data.templateSign).toBe('mixed_receipt');
		expect(mixed.json.data.ret).toHaveLength(1);
		expect([VAT, TAXI]).toContain(mixed.json.data.ret[0].templateSign);
		expect(Array.isArray(mixed.json.data.ret[0].ret)).toBe(true);

		// detectorId is no selector: with a classifier the classifier answers.
		const classifier = await recognise(emulator, token, { image, detectorId: '0', classifierId: FINANCE_CLASSIFIER }, 'finance');
		expect([VAT, TAXI]).toContain(classifier.json.data.templateSign);
		expect(classifier.json.data.scores).toBeLessThan(1);
	});

	it('answers 282004 "modelId is not number" to detectorId alone, to nothing on finance and to a classifierId that is not a number', async () => {
		for (const [params, edition] of [
			[{ image, detectorId: '0' }, 'finance'],
			[{ image }, 'finance'],
			[{ image, classifierId: 'abc' }, 'finance'],
			[{ image, classifierId: `${FINANCE_CLASSIFIER}x` }, 'general'],
		] as const) {
			const reply = await recognise(emulator, token, params, edition);
			expect(reply.json).toMatchObject({ error_code: 282004, error_msg: 'invalid param, modelId is not number' });
		}
		expect(await code({ image })).toBe(216101);
	});

	it('reads templateSign from the query string too', async () => {
		const url = `${recogniseUrl(emulator, token)}&templateSign=${TRAIN}`;
		expect((await call(url, form({ image }))).json.error_code).toBe(0);
	});
});

describe('216200 empty', () => {
	it('answers 216200 for an empty image or pdf_file', async () => {
		expect(await code({ image: '', templateSign: TRAIN })).toBe(216200);
		expect(await code({ pdf_file: '', templateSign: TRAIN })).toBe(216200);
	});
});

describe('216201 format', () => {
	it('answers 216201 for a GIF (magic bytes, whatever the name)', async () => {
		expect(await code({ image: b64(gif(40, 40)), templateSign: TRAIN })).toBe(216201);
	});

	it('answers 216201 for a data: prefix', async () => {
		expect(await code({ image: `data:image/png;base64,${image}`, templateSign: TRAIN })).toBe(216201);
	});

	it('answers 216201 for a double-urlencoded image', async () => {
		const once = encodeURIComponent(image);
		expect(once).not.toBe(image); // the image has + or / or =, so double encoding shows
		expect(await code({ image: once, templateSign: TRAIN })).toBe(216201);
	});

	it('answers 216201 when + was not encoded (it arrives as a space)', async () => {
		let bytes = png(20, 20);
		for (let seed = 1; !b64(bytes).includes('+'); seed++) bytes = png(20, 20, seed);
		const body = `templateSign=${TRAIN}&image=${b64(bytes).replace(/\//g, '%2F').replace(/=/g, '%3D')}`;
		expect((await call(recogniseUrl(emulator, token), body)).json.error_code).toBe(216201);
		// the same image encoded properly passes
		expect(await code({ image: b64(bytes), templateSign: TRAIN })).toBe(0);
	});

	it('answers 216201 for an unreadable header', async () => {
		expect(await code({ image: b64(png(20, 20).subarray(0, 14)), templateSign: TRAIN })).toBe(216201);
	});

	it('answers 216201 for a PDF in image and an image in pdf_file', async () => {
		expect(await code({ image: b64(pdf()), templateSign: TRAIN })).toBe(216201);
		expect(await code({ pdf_file: image, templateSign: TRAIN })).toBe(216201);
	});

	it('answers 216201 for text that is not base64', async () => {
		expect(await code({ image: 'not an image at all', templateSign: TRAIN })).toBe(216201);
	});
});

describe('216202 size', () => {
	it('answers 216202 below 15 px or above 4096 px (PNG, BMP, JPEG headers)', async () => {
		expect(await code({ image: b64(png(14, 100)), templateSign: TRAIN })).toBe(216202);
		expect(await code({ image: b64(png(4097, 20)), templateSign: TRAIN })).toBe(216202);
		expect(await code({ image: b64(bmp(20, 14)), templateSign: TRAIN })).toBe(216202);
		expect(await code({ image: b64(jpeg(14, 30)), templateSign: TRAIN })).toBe(216202);
		expect(await code({ image: b64(png(15, 15)), templateSign: TRAIN })).toBe(0);
		expect(await code({ image: b64(png(4096, 15)), templateSign: TRAIN })).toBe(0);
	});

	/** A valid PNG padded with zero bytes so that its base64, urlencoded, is exactly `target` characters. */
	function imageWithEncodedLength(target: number): string {
		let head = png(20, 20);
		head = Buffer.concat([head, Buffer.alloc((3 - (head.length % 3)) % 3)]);
		const headLength = encodedLength(b64(head));
		const remaining = target - headLength;
		// zero triplets add 'AAAA' (4 chars); a final zero pair adds 'AAA%3D' (6 chars)
		const tailPair = remaining % 4 === 2;
		const triplets = tailPair ? (remaining - 6) / 4 : remaining / 4;
		const bytes = Buffer.concat([head, Buffer.alloc(triplets * 3 + (tailPair ? 2 : 0))]);
		const value = b64(bytes);
		expect(encodedLength(value)).toBe(target);
		return value;
	}

	it('accepts an image whose encoded value is exactly 4 MB', async () => {
		const value = imageWithEncodedLength(4 * 1024 * 1024);
		expect(await code({ image: value, templateSign: TRAIN })).toBe(0);
		expect(emulator.recognitionRequests().at(-1)?.encodedLength).toBe(4194304);
	});

	it('answers 216202 when the encoded value is just over 4 MB', async () => {
		const value = imageWithEncodedLength(4 * 1024 * 1024 + 2);
		expect(await code({ image: value, templateSign: TRAIN })).toBe(216202);
		expect(emulator.recognitionRequests().at(-1)?.encodedLength).toBe(4194306);
	});

	it('measures after urlencoding: 2 MB of base64 full of "+" is over the limit', async () => {
		let head = png(20, 20);
		head = Buffer.concat([head, Buffer.alloc((3 - (head.length % 3)) % 3)]);
		// each 0xFB 0xEF 0xBE triplet is '++++' in base64 and '%2B%2B%2B%2B' once encoded
		const pluses = Buffer.alloc(3 * 400 * 1024, Buffer.from([0xfb, 0xef, 0xbe]));
		const value = b64(Buffer.concat([head, pluses]));
		expect(value.length).toBeLessThan(1.7 * 1024 * 1024);
		expect(encodedLength(value)).toBeGreaterThan(4 * 1024 * 1024);
		expect(await code({ image: value, templateSign: TRAIN })).toBe(216202);
	});

	it('applies the same limit to pdf_file', async () => {
		const padded = Buffer.concat([pdf(), Buffer.alloc(3 * 1024 * 1024 + 3)]);
		expect(await code({ pdf_file: b64(padded), templateSign: TRAIN })).toBe(216202);
	});
});
