/**
 * The emulator on the repository's own fixtures (fixtures/baidu.json) and sample files
 * (test/samples/files/), as the node's tests, the demo and the benchmarks use it:
 * every recording is found by the sample's sha256 and answered as recorded.
 */
import { readFileSync } from 'fs';
import * as path from 'path';

import { DEFAULT_SAMPLES_DIR, loadFixtures } from './fixtures';
import { startEmulator } from './server';
import { agent, b64, getToken, NOPERM, recognise } from './testkit';
import type { Emulator, FixtureRecording, Fixtures } from './types';

const fixtures: Fixtures = loadFixtures();
const file = (name: string) => readFileSync(path.join(DEFAULT_SAMPLES_DIR, name));
const recording = (sample: string): FixtureRecording => {
	const found = fixtures.recordings.find((candidate) => candidate.sample === sample);
	if (!found) throw new Error(`no recording for ${sample}`);
	return found;
};
const templateBy = (name: string) => {
	const found = fixtures.templates.find((template) => template.name === name);
	if (!found) throw new Error(`no template named ${name}`);
	return found.templateSign;
};
const editionOf = (sign: string) => fixtures.templates.find((template) => template.templateSign === sign)?.edition ?? 'general';
const fileParam = (sample: string) => (sample.endsWith('.pdf') ? 'pdf_file' : 'image');

let emulator: Emulator;
let token: string;

beforeAll(async () => {
	emulator = await startEmulator({ quiet: true }); // default fixtures: fixtures/baidu.json
	token = await getToken(emulator);
});
afterAll(async () => {
	await emulator.close();
	await agent.close();
});

describe('the repository fixtures', () => {
	it('find a sample file for every recording', () => {
		expect(fixtures.missingSamples).toEqual([]);
		for (const rec of fixtures.recordings) expect(fixtures.sampleHashes?.[rec.sample]).toMatch(/^[0-9a-f]{64}$/);
	});

	it('are what startEmulator() uses by default (the demo keys work)', async () => {
		expect(emulator.tokenExchanges).toBe(1);
		expect(token).toMatch(/-10001$/);
	});

	const structured = fixtures.recordings.filter((rec) => rec.templateSign !== null && rec.isStructured);
	it.each(structured.map((rec) => [rec.sample, rec] as const))('%s answers its recording with its template', async (sample, rec) => {
		const sign = rec.templateSign as string;
		const reply = await recognise(emulator, token, { [fileParam(sample)]: b64(file(sample)), templateSign: sign }, editionOf(sign));
		expect(reply.json.error_code).toBe(0);
		expect(reply.json.data).toEqual({
			ret: rec.ret,
			templateSign: sign,
			scores: 1,
			isStructured: true,
			logId: expect.stringMatching(/^\d+$/),
			...(rec.dataExtra ?? {}),
		});
		const style = rec.logIdStyle ?? 'bignumber';
		const pattern = { bignumber: /"log_id":\d{19}\}$/, string: /"log_id":"\d{19}"\}$/, number: /"log_id":\d{15}\}$/ }[style];
		expect(reply.text).toMatch(pattern);
	});

	it('the classifier picks the recorded template with the recorded score', async () => {
		const rec = recording('receipt.bmp');
		const classifier = fixtures.classifiers.find(
			(candidate) => candidate.edition === 'general' && candidate.templates.includes(rec.templateSign as string),
		);
		const reply = await recognise(emulator, token, { image: b64(file('receipt.bmp')), classifierId: String(classifier?.classifierId) });
		expect(reply.json.data).toMatchObject({ templateSign: rec.templateSign, scores: rec.score ?? 0.97, ret: rec.ret });
	});

	it('receipts-mixed.jpg on finance with templateSign=mixed_receipt answers one entry per receipt', async () => {
		const rec = recording('receipts-mixed.jpg');
		const reply = await recognise(emulator, token, { image: b64(file('receipts-mixed.jpg')), templateSign: 'mixed_receipt' }, 'finance');
		expect(reply.json.error_code).toBe(0);
		expect(reply.json.data.ret).toEqual(rec.receipts);
		expect(reply.json.data.ret.length).toBeGreaterThanOrEqual(2);
	});

	it('unmatched.png answers 272000 with a template and 272001 with a classifier', async () => {
		const image = b64(file('unmatched.png'));
		expect((await recognise(emulator, token, { image, templateSign: templateBy('Train ticket') })).json.error_code).toBe(272000);
		const classifierId = String(fixtures.classifiers.find((c) => c.edition === 'general')?.classifierId);
		expect((await recognise(emulator, token, { image, classifierId })).json.error_code).toBe(272001);
	});

	it('unstructured.png answers isStructured false with its plain lines', async () => {
		const rec = recording('unstructured.png');
		const reply = await recognise(emulator, token, { image: b64(file('unstructured.png')), templateSign: templateBy('Train ticket') });
		expect(reply.json.data.isStructured).toBe(false);
		expect(reply.json.data.ret).toEqual(rec.lines);
	});

	it('the unpublished and the other account\'s templates answer 282004 and 216110', async () => {
		const image = b64(file('train-ticket.png'));
		const unpublished = fixtures.templates.find((t) => !t.published)?.templateSign as string;
		const foreign = fixtures.templates.find((t) => String(t.appId) !== '10001')?.templateSign as string;
		expect((await recognise(emulator, token, { image, templateSign: unpublished })).json.error_code).toBe(282004);
		expect((await recognise(emulator, token, { image, templateSign: foreign })).json.error_code).toBe(216110);
	});

	it('the noperm app answers 6', async () => {
		const nopermToken = await getToken(emulator, NOPERM);
		const reply = await recognise(emulator, nopermToken, { image: b64(file('train-ticket.png')), templateSign: templateBy('Train ticket') });
		expect(reply.json.error_code).toBe(6);
	});

	it.each([
		['tiny.png', 216202],
		['huge.png', 216202],
		['sample.gif', 216201],
		['sample.webp', 216201],
		['sample.tiff', 216201],
		['sample.heic', 216201],
		['corrupt.png', 216201],
		['empty.bin', 216200],
	])('%s answers %i', async (sample, code) => {
		const reply = await recognise(emulator, token, { image: b64(file(sample)), templateSign: templateBy('Train ticket') });
		expect(reply.json.error_code).toBe(code);
	});

	it('invoice-multipage.pdf is read (page 1) through pdf_file', async () => {
		const rec = recording('invoice-multipage.pdf');
		const reply = await recognise(
			emulator,
			token,
			{ pdf_file: b64(file('invoice-multipage.pdf')), templateSign: rec.templateSign as string },
			'finance',
		);
		expect(reply.json.data.ret).toEqual(rec.ret);
	});
});
