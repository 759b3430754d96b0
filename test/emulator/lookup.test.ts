/**
 * Template and classifier lookup (282004, 216110, 272004) and what the answer holds:
 * recorded answers by sha256, 272000/272001/272002, classifier scores, isStructured
 * false, detector receipts, dataExtra, and log_id in its three styles.
 */
import {
	start,
	agent,
	b64,
	DELIVERY,
	FINANCE_CLASSIFIER,
	fixturesWith,
	GENERAL_CLASSIFIER,
	getToken,
	OTHER,
	OTHER_APP_TEMPLATE,
	png,
	recognise,
	sha,
	TAXI,
	TRAIN,
	UNPUBLISHED,
	VAT,
} from './testkit';
import type { Emulator, FixtureRecording, RetEntry } from './types';

const sample = (seed: number) => png(24, 24, seed);
const files = {
	train: sample(1),
	nothing: sample(2),
	fails: sample(3),
	unstructured: sample(4),
	receipts: sample(5),
	vat: sample(6),
	plainUnstructured: sample(7),
	unrecorded: sample(99),
};
const trainRet: RetEntry[] = [
	{
		probability: { average: 0.998, min: 0.99, variance: 0.000002 },
		location: { height: 88, left: 1202, top: 437, width: 267 },
		word_name: '终点站',
		word: '天津',
	},
	{ word_name: '检票口', word: '', location: { left: -4, top: -8, width: 120, height: 40 } },
];
const vatRet: RetEntry[] = [{ word_name: 'InvoiceCode', word: '1100182130', location: { left: 1, top: 2, width: 3, height: 4 } }];
const taxiRet: RetEntry[] = [{ word_name: 'Fare', word: '23.00', location: { left: 5, top: 6, width: 7, height: 8 } }];
const lines = [
	{ word: 'Meeting notes', location: { left: 10, top: 10, width: 200, height: 30 } },
	{ word: '1. budget', location: { left: 10, top: 50, width: 120, height: 30 } },
];

const recordings: FixtureRecording[] = [
	{
		sample: 'train.png',
		sha256: sha(files.train),
		templateSign: TRAIN,
		score: 0.93,
		isStructured: true,
		ret: trainRet,
		dataExtra: { templateName: 'Train ticket', angle: 0 },
		logIdStyle: 'string',
	},
	{ sample: 'nothing.png', sha256: sha(files.nothing), templateSign: null, isStructured: true, ret: [] },
	{
		sample: 'fails.png',
		sha256: sha(files.fails),
		templateSign: DELIVERY,
		isStructured: true,
		ret: [{ word_name: 'Customer', word: 'ACME' }],
		structureFailsAfterClassify: true,
	},
	{
		sample: 'unstructured.png',
		sha256: sha(files.unstructured),
		templateSign: TRAIN,
		isStructured: false,
		ret: [],
		lines,
		logIdStyle: 'number',
	},
	{
		sample: 'receipts.png',
		sha256: sha(files.receipts),
		templateSign: null,
		isStructured: true,
		ret: [],
		receipts: [
			{ templateSign: VAT, ret: vatRet },
			{ templateSign: TAXI, ret: taxiRet },
		],
	},
	{ sample: 'vat.png', sha256: sha(files.vat), templateSign: VAT, isStructured: true, ret: vatRet },
	{
		sample: 'plain.png',
		sha256: sha(files.plainUnstructured),
		templateSign: null,
		isStructured: false,
		ret: [{ word_name: 'x', word: 'a line', location: { left: 0, top: 0, width: 1, height: 1 } }],
	},
];

let emulator: Emulator;
let token: string;

beforeAll(async () => {
	emulator = await start({ fixtures: fixturesWith(recordings) });
	token = await getToken(emulator);
});
afterAll(async () => {
	await emulator.close();
	await agent.close();
});

const general = (file: Buffer, params: Record<string, string>) =>
	recognise(emulator, token, { image: b64(file), ...params });
const finance = (file: Buffer, params: Record<string, string>) =>
	recognise(emulator, token, { image: b64(file), ...params }, 'finance');

describe('template lookup', () => {
	it('answers 282004 for an unknown templateSign', async () => {
		const reply = await general(files.unrecorded, { templateSign: '0123456789abcdef0123456789abcdef' });
		expect(reply.json).toMatchObject({
			error_code: 282004,
			error_msg: "invalid parameter, appId doesn't own this template nor not launch",
		});
	});

	it('answers 282004 for an unpublished template', async () => {
		expect((await general(files.unrecorded, { templateSign: UNPUBLISHED })).json.error_code).toBe(282004);
	});

	it('answers 282004 for a template of the other edition, both ways', async () => {
		expect((await general(files.unrecorded, { templateSign: VAT })).json.error_code).toBe(282004);
		expect((await finance(files.unrecorded, { templateSign: TRAIN })).json.error_code).toBe(282004);
	});

	it('answers 216110 for another account\'s template', async () => {
		const reply = await general(files.unrecorded, { templateSign: OTHER_APP_TEMPLATE });
		expect(reply.json).toMatchObject({ error_code: 216110, error_msg: 'appid not exist' });
		// and that account itself may use it
		const otherToken = await getToken(emulator, OTHER);
		const own = await recognise(emulator, otherToken, { image: b64(files.unrecorded), templateSign: OTHER_APP_TEMPLATE });
		expect(own.json.error_code).toBe(0);
	});

	it('answers 272004 for an unknown classifier, another edition\'s, or another account\'s', async () => {
		expect((await general(files.unrecorded, { classifierId: '999' })).json).toMatchObject({
			error_code: 272004,
			error_msg: 'classifier does not exist',
		});
		expect((await general(files.unrecorded, { classifierId: FINANCE_CLASSIFIER })).json.error_code).toBe(272004);
		const otherToken = await getToken(emulator, OTHER);
		const reply = await recognise(emulator, otherToken, { image: b64(files.unrecorded), classifierId: GENERAL_CLASSIFIER });
		expect(reply.json.error_code).toBe(272004);
	});
});

describe('recorded answers', () => {
	it('answer the recording of the requested template, with dataExtra merged into data', async () => {
		const reply = await general(files.train, { templateSign: TRAIN });
		expect(reply.json.error_code).toBe(0);
		expect(reply.json.error_msg).toBe('');
		expect(reply.json.data).toMatchObject({
			ret: trainRet,
			templateSign: TRAIN,
			scores: 1,
			isStructured: true,
			templateName: 'Train ticket',
			angle: 0,
		});
		expect(reply.json.data.logId).toMatch(/^\d+$/);
	});

	it('answer 272000 when the recording belongs to another template', async () => {
		const reply = await general(files.train, { templateSign: DELIVERY });
		expect(reply.json).toMatchObject({ error_code: 272000, error_msg: 'structure failed' });
	});

	it('answer 272000 (template) and 272001 (classifier) for a sample matching no template', async () => {
		expect((await general(files.nothing, { templateSign: TRAIN })).json.error_code).toBe(272000);
		const reply = await general(files.nothing, { classifierId: GENERAL_CLASSIFIER });
		expect(reply.json).toMatchObject({ error_code: 272001, error_msg: 'classify failed' });
	});

	it('classifier: answers the recorded template with its score (0.97 without one)', async () => {
		const reply = await general(files.train, { classifierId: GENERAL_CLASSIFIER });
		expect(reply.json.data).toMatchObject({ templateSign: TRAIN, scores: 0.93, ret: trainRet });
		const vat = await finance(files.vat, { classifierId: FINANCE_CLASSIFIER });
		expect(vat.json.data).toMatchObject({ templateSign: VAT, scores: 0.97, ret: vatRet });
	});

	it('classifier: 272001 when the recorded template is not in the classifier', async () => {
		// VAT is a finance template, not in the general classifier
		expect((await general(files.vat, { classifierId: GENERAL_CLASSIFIER })).json.error_code).toBe(272001);
	});

	it('classifier: 272002 when structuring fails after classifying; the template itself still works', async () => {
		const reply = await general(files.fails, { classifierId: GENERAL_CLASSIFIER });
		expect(reply.json).toMatchObject({ error_code: 272002, error_msg: 'structure failed' });
		expect((await general(files.fails, { templateSign: DELIVERY })).json.error_code).toBe(0);
	});

	it('isStructured false: ret holds the plain lines without word_name', async () => {
		const reply = await general(files.unstructured, { templateSign: TRAIN });
		expect(reply.json.error_code).toBe(0);
		expect(reply.json.data).toMatchObject({ isStructured: false, templateSign: TRAIN, ret: lines });
		for (const line of reply.json.data.ret) expect(line).not.toHaveProperty('word_name');
	});

	it('isStructured false without a template: any template answers the lines, word_name stripped', async () => {
		const reply = await general(files.plainUnstructured, { templateSign: DELIVERY });
		expect(reply.json.data.isStructured).toBe(false);
		expect(reply.json.data.ret).toEqual([{ word: 'a line', location: { left: 0, top: 0, width: 1, height: 1 } }]);
	});

	it('mixed receipts (finance, templateSign=mixed_receipt): one entry per recorded receipt with its own templateSign and ret', async () => {
		const reply = await finance(files.receipts, { templateSign: 'mixed_receipt' });
		expect(reply.json.error_code).toBe(0);
		expect(reply.json.data.templateSign).toBe('mixed_receipt');
		expect(reply.json.data.ret).toEqual([
			{ templateSign: VAT, ret: vatRet },
			{ templateSign: TAXI, ret: taxiRet },
		]);
	});

	it('a receipt\'s template on its own answers that receipt', async () => {
		const reply = await finance(files.receipts, { templateSign: TAXI });
		expect(reply.json.data).toMatchObject({ templateSign: TAXI, ret: taxiRet });
	});

	it('mixed receipts on a single-template recording answer one receipt; on a blank one 272003', async () => {
		const single = await finance(files.vat, { templateSign: 'mixed_receipt' });
		expect(single.json.data.ret).toEqual([{ templateSign: VAT, ret: vatRet }]);
		expect((await finance(files.nothing, { templateSign: 'mixed_receipt' })).json.error_code).toBe(272003);
	});
});

describe('unrecorded files', () => {
	it('template: derived fields from the template, the same on every call', async () => {
		const first = await general(files.unrecorded, { templateSign: TRAIN });
		const second = await general(files.unrecorded, { templateSign: TRAIN });
		expect(first.json.data.templateSign).toBe(TRAIN);
		expect(first.json.data.scores).toBe(1);
		expect(first.json.data.ret.map((entry: RetEntry) => entry.word_name)).toEqual([
			'出发站',
			'终点站',
			'日期',
			'票价',
			'乘客',
			'票号',
		]);
		expect(second.json.data.ret).toEqual(first.json.data.ret);
		const other = await general(png(24, 24, 100), { templateSign: TRAIN });
		expect(other.json.data.ret).not.toEqual(first.json.data.ret);
	});

	it('classifier: picks one of its templates by the file hash, with a score under 1', async () => {
		const chosen = new Set<string>();
		for (let seed = 200; seed < 212; seed++) {
			const reply = await general(png(24, 24, seed), { classifierId: GENERAL_CLASSIFIER });
			expect(reply.json.error_code).toBe(0);
			expect(reply.json.data.scores).toBeGreaterThan(0.8);
			expect(reply.json.data.scores).toBeLessThan(1);
			chosen.add(reply.json.data.templateSign);
		}
		expect([...chosen].sort()).toEqual([TRAIN, DELIVERY].sort());
	});

	it('mixed receipts: one receipt from a finance template of the app', async () => {
		const reply = await finance(files.unrecorded, { templateSign: 'mixed_receipt' });
		expect(reply.json.data.ret).toHaveLength(1);
		expect([VAT, TAXI]).toContain(reply.json.data.ret[0].templateSign);
		expect(reply.json.data.ret[0].ret.length).toBeGreaterThan(0);
	});
});

describe('log_id', () => {
	it('bignumber (default): a 19-digit integer above 2^53 in the raw JSON text', async () => {
		const reply = await general(files.unrecorded, { templateSign: TRAIN });
		const match = /"log_id":(\d+)\}$/.exec(reply.text);
		expect(match?.[1]).toHaveLength(19);
		expect(BigInt(match?.[1] ?? '0') > 2n ** 53n).toBe(true);
		// beyond what a double holds exactly: what clients must parse without losing digits
		expect(Number.isSafeInteger(reply.json.log_id)).toBe(false);
	});

	it('a recording\'s own style wins: string and number', async () => {
		const asString = await general(files.train, { templateSign: TRAIN });
		expect(asString.text).toMatch(/"log_id":"\d{19}"\}$/);
		const asNumber = await general(files.unstructured, { templateSign: TRAIN });
		expect(asNumber.text).toMatch(/"log_id":\d{15}\}$/);
		expect(Number.isSafeInteger(asNumber.json.log_id)).toBe(true);
	});

	it('the logIdStyle option sets the default for answers and errors', async () => {
		const stringy = await start({ logIdStyle: 'string' });
		try {
			const stringToken = await getToken(stringy);
			const ok = await recognise(stringy, stringToken, { image: b64(files.unrecorded), templateSign: TRAIN });
			expect(typeof ok.json.log_id).toBe('string');
			const error = await recognise(stringy, null, { image: b64(files.unrecorded), templateSign: TRAIN });
			expect(error.text).toMatch(/^\{"error_code":100,"error_msg":"Invalid parameter","log_id":"\d{19}"\}$/);
		} finally {
			await stringy.close();
		}
	});

	it('differs between answers', async () => {
		const a = await general(files.unrecorded, { templateSign: TRAIN });
		const b = await general(files.unrecorded, { templateSign: TRAIN });
		expect(/"log_id":(\d+)/.exec(a.text)?.[1]).not.toBe(/"log_id":(\d+)/.exec(b.text)?.[1]);
	});
});
