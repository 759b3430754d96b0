/**
 * One recognition call after the gate (token, permission, QPS, quota) let it through:
 * which file and which template/classifier/detector the form names, Baidu's file
 * checks, the template lookup, and the answer (recorded, or derived from the file's hash).
 */
import { openPdf } from '../../nodes/BaiduIocr/input/pdf/index';
import { checkImage, checkPdf, decodeFieldOnce } from './image';
import { sha256 } from './fixtures';
import type { FormField } from './form';
import type {
	Edition,
	FixtureApp,
	FixtureClassifier,
	FixtureRecording,
	FixtureTemplate,
	Fixtures,
	LogIdStyle,
	Probability,
	RetEntry,
} from './types';
import { fetchUrl, isLoopbackHost, type UrlFetchResult } from './urlfetch';

/** Baidu's limit on a file value as it travels: after base64 AND urlencoding. */
export const MAX_ENCODED_LENGTH = 4 * 1024 * 1024;
export const MAX_URL_BYTES = 1024;

export type FileField = 'image' | 'pdf_file' | 'url';

export interface SelectedFile {
	field: FileField;
	form: FormField;
}

/** image wins; then pdf_file; url only when neither is present. */
export function selectFile(form: Map<string, FormField>): SelectedFile | null {
	for (const field of ['image', 'pdf_file', 'url'] as const) {
		const value = form.get(field);
		if (value) return { field, form: value };
	}
	return null;
}

export type Outcome =
	/** `errorMsg`: Baidu's text when it is not the code's usual one (errors.ts). */
	| { kind: 'error'; errorCode: number; reason?: string; errorMsg?: string }
	| { kind: 'success'; data: Record<string, unknown>; logIdStyle?: LogIdStyle };

const fail = (errorCode: number, reason?: string): Outcome => ({ kind: 'error', errorCode, reason });

/**
 * The template ID Baidu's finance edition answers with mixed-receipt detection: every receipt
 * on the sheet, each with its own templateSign and ret (see docs/baidu-api-notes.md).
 */
export const MIXED_RECEIPT = 'mixed_receipt';

/** Baidu's answer when the selector it needs is missing or not a number. */
export const NOT_A_NUMBER_MESSAGE = 'invalid param, modelId is not number';
const notANumber = (reason: string): Outcome => ({
	kind: 'error',
	errorCode: 282004,
	reason,
	errorMsg: NOT_A_NUMBER_MESSAGE,
});

export interface RecogniseRequest {
	edition: Edition;
	app: FixtureApp;
	/** non-file parameters: query merged with the form (form wins) */
	params: Record<string, string>;
	file: SelectedFile | null;
	/** the data.logId digits */
	logId: string;
}

export interface RecogniseContext {
	fixtures: Fixtures;
	recordingsByHash: Map<string, FixtureRecording[]>;
	urlFetchTimeoutMs: number;
	signal: AbortSignal;
	/** overridable in tests; defaults to fetchUrl */
	fetch?: (target: URL, timeoutMs: number, maxBytes: number, signal: AbortSignal) => Promise<UrlFetchResult>;
}

type Mode =
	| { kind: 'template'; templateSign: string }
	| { kind: 'classifier'; classifierId: string }
	| { kind: 'detector' };

/**
 * The selector, as Baidu picks it (templateSign > classifierId). Mixed receipts on the finance
 * edition are `templateSign=mixed_receipt`; `detectorId` is not a selector Baidu's finance
 * endpoint honours today: alone it gets 282004 "modelId is not number", as a finance request
 * without a template and with a classifier ID that is missing or not a number does.
 */
function pickMode(edition: Edition, params: Record<string, string>): Mode | Outcome {
	const templateSign = params.templateSign ?? '';
	const classifierId = params.classifierId ?? '';
	if (edition === 'general') {
		if (params.detectorId !== undefined) return fail(216100, 'detectorId is for the finance edition only');
		if (templateSign !== '') return { kind: 'template', templateSign };
		if (classifierId === '') return fail(216101, 'templateSign or classifierId is required');
	} else {
		if (templateSign === MIXED_RECEIPT) return { kind: 'detector' };
		if (templateSign !== '') return { kind: 'template', templateSign };
		if (classifierId === '') return notANumber('no templateSign, and no classifierId');
	}
	if (!/^\d+$/.test(classifierId)) return notANumber('classifierId is not a number');
	return { kind: 'classifier', classifierId };
}

function isOutcome(value: Mode | Outcome | Buffer): value is Outcome {
	return !Buffer.isBuffer(value) && (value.kind === 'error' || value.kind === 'success');
}

async function fileBytes(file: SelectedFile, ctx: RecogniseContext): Promise<Buffer | Outcome> {
	const { field, form } = file;
	if (field === 'url') {
		const text = form.value;
		if (text === '') return fail(282111, 'empty url');
		if (Buffer.byteLength(text, 'utf8') > MAX_URL_BYTES) return fail(282114, 'url longer than 1024 bytes');
		let target: URL;
		try {
			target = new URL(text);
		} catch {
			return fail(282111, 'malformed url');
		}
		if (target.protocol !== 'http:' && target.protocol !== 'https:') return fail(282111, 'not http(s)');
		if (!isLoopbackHost(target.hostname)) return fail(282110, 'the emulator only fetches loopback hosts');
		const fetcher = ctx.fetch ?? fetchUrl;
		const result = await fetcher(target, ctx.urlFetchTimeoutMs, MAX_ENCODED_LENGTH, ctx.signal);
		if (result.kind === 'timeout') return fail(282112, 'download timed out');
		if (result.kind === 'error') return fail(282110, result.message);
		if (result.kind === 'status') return fail(282113, `HTTP ${result.status}`);
		if (result.kind === 'tooLarge') return fail(216202, 'downloaded file over 4 MB');
		if (result.bytes.length === 0) return fail(216200, 'empty download');
		const verdict = checkImage(result.bytes);
		if (!verdict.ok) return fail(verdict.errorCode, verdict.reason);
		return result.bytes;
	}
	if (form.value === '') return fail(216200, `empty ${field}`);
	if (form.rawLength > MAX_ENCODED_LENGTH) return fail(216202, `encoded ${field} is ${form.rawLength} > 4 MB`);
	const bytes = decodeFieldOnce(form);
	if (!bytes || bytes.length === 0) return fail(216201, 'invalid base64');
	const verdict = field === 'pdf_file' ? checkPdf(bytes) : checkImage(bytes);
	if (!verdict.ok) return fail(verdict.errorCode, verdict.reason);
	return bytes;
}

const sameId = (a: string | number, b: string | number) => String(a) === String(b);

function findTemplate(ctx: RecogniseContext, sign: string): FixtureTemplate | undefined {
	return ctx.fixtures.templates.find((template) => template.templateSign === sign);
}

// ---------- deterministic answers for files without a recording ----------

const CITIES = ['北京', '上海', '天津', '广州', '深圳', '杭州', '南京', '成都', '武汉', '西安', '重庆', '苏州'];
const SURNAMES = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳'];
const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

function seedBytes(...parts: string[]): Buffer {
	return Buffer.from(sha256(parts.join('\u0000')), 'hex');
}

function derivedWord(kind: string, seed: Buffer): string {
	switch (kind) {
		case 'date': {
			const year = 2019 + (seed[0] % 7);
			const month = 1 + (seed[1] % 12);
			const day = 1 + (seed[2] % 28);
			return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
		}
		case 'amount':
			return (seed.readUInt32BE(0) % 1000000 / 100 + 1).toFixed(2);
		case 'code':
			return Array.from(seed.subarray(0, 12), (b) => CODE_CHARS[b % CODE_CHARS.length]).join('');
		case 'name':
			return SURNAMES[seed[0] % SURNAMES.length] + GIVEN[seed[1] % GIVEN.length] + (seed[2] % 2 ? GIVEN[seed[3] % GIVEN.length] : '');
		default:
			return CITIES[seed[0] % CITIES.length] + (seed[1] % 3 === 0 ? CITIES[seed[2] % CITIES.length] : '');
	}
}

const round = (value: number, digits = 6) => Number(value.toFixed(digits));

function derivedProbability(seed: Buffer): Probability {
	const average = 0.9 + (seed[20] / 255) * 0.099;
	const min = average - (seed[21] / 255) * 0.08;
	const variance = ((seed[22] / 255) * 0.0005) + 0.000001;
	return { average: round(average), min: round(Math.max(min, 0.5)), variance: round(variance, 8) };
}

export function derivedRet(template: FixtureTemplate, fileHash: string): RetEntry[] {
	return template.fields.map((field) => {
		const seed = seedBytes(fileHash, template.templateSign, field.word_name);
		return {
			probability: derivedProbability(seed),
			location: { ...field.location },
			word_name: field.word_name,
			word: derivedWord(field.kind, seed),
		};
	});
}

function hashNumber(fileHash: string): number {
	return parseInt(fileHash.slice(0, 8), 16);
}

// ---------- the answer ----------

function plainLines(recording: FixtureRecording): unknown[] {
	if (recording.lines) return recording.lines;
	return recording.ret.map((entry) => Object.fromEntries(Object.entries(entry).filter(([key]) => key !== 'word_name')));
}

function answer(
	request: RecogniseRequest,
	body: Record<string, unknown>,
	recording?: FixtureRecording,
): Outcome {
	const data: Record<string, unknown> = {
		...body,
		logId: request.logId,
		...(recording?.dataExtra ?? {}),
	};
	return { kind: 'success', data, logIdStyle: recording?.logIdStyle };
}

function recordedAnswer(
	request: RecogniseRequest,
	recording: FixtureRecording,
	templateSign: string,
	scores: number,
	ret: RetEntry[] = recording.ret,
): Outcome {
	return answer(
		request,
		recording.isStructured
			? { ret, templateSign, scores, isStructured: true }
			: { ret: plainLines(recording), templateSign, scores, isStructured: false },
		recording,
	);
}

function recordingFor(recording: FixtureRecording, sign: string): RetEntry[] | undefined {
	if (recording.templateSign === sign) return recording.ret;
	return recording.receipts?.find((receipt) => receipt.templateSign === sign)?.ret;
}

function byTemplate(
	request: RecogniseRequest,
	template: FixtureTemplate,
	fileHash: string,
	recordings: FixtureRecording[] | undefined,
): Outcome {
	const sign = template.templateSign;
	if (!recordings) {
		return answer(request, { ret: derivedRet(template, fileHash), templateSign: sign, scores: 1, isStructured: true });
	}
	for (const recording of recordings) {
		const ret = recordingFor(recording, sign);
		if (ret) return recordedAnswer(request, recording, sign, 1, ret);
	}
	// A recording that failed to structure whatever the template says so again.
	const unstructured = recordings.find((recording) => !recording.isStructured && recording.templateSign === null);
	if (unstructured) return recordedAnswer(request, unstructured, sign, 1);
	return fail(272000, 'the file does not match the template');
}

function byClassifier(
	request: RecogniseRequest,
	ctx: RecogniseContext,
	classifier: FixtureClassifier,
	fileHash: string,
	recordings: FixtureRecording[] | undefined,
): Outcome {
	if (!recordings) {
		const candidates = classifier.templates
			.map((sign) => findTemplate(ctx, sign))
			.filter((template): template is FixtureTemplate => template !== undefined);
		if (candidates.length === 0) return fail(272001, 'the classifier has no templates');
		const template = candidates[hashNumber(fileHash) % candidates.length];
		const seed = seedBytes(fileHash, String(classifier.classifierId));
		return answer(request, {
			ret: derivedRet(template, fileHash),
			templateSign: template.templateSign,
			scores: round(0.85 + (seed[0] / 255) * 0.14, 4),
			isStructured: true,
		});
	}
	const recording = recordings.find(
		(candidate) => candidate.templateSign !== null && classifier.templates.includes(candidate.templateSign),
	);
	if (!recording || recording.templateSign === null) return fail(272001, 'no template of the classifier fits');
	if (recording.structureFailsAfterClassify) return fail(272002, 'classified, but the template did not match');
	return recordedAnswer(request, recording, recording.templateSign, recording.score ?? 0.97);
}

function byDetector(
	request: RecogniseRequest,
	ctx: RecogniseContext,
	fileHash: string,
	recordings: FixtureRecording[] | undefined,
): Outcome {
	if (!recordings) {
		const finance = ctx.fixtures.templates.filter(
			(template) => template.edition === 'finance' && template.published && sameId(template.appId, request.app.appId),
		);
		if (finance.length === 0) return fail(272003, 'no finance template to detect');
		const template = finance[hashNumber(fileHash) % finance.length];
		return answer(request, {
			ret: [{ templateSign: template.templateSign, ret: derivedRet(template, fileHash) }],
			templateSign: MIXED_RECEIPT,
			scores: 1,
			isStructured: true,
		});
	}
	const withReceipts = recordings.find((recording) => recording.receipts && recording.receipts.length > 0);
	if (withReceipts?.receipts) {
		return answer(
			request,
			{
				ret: withReceipts.receipts.map((receipt) => ({ ...receipt })),
				templateSign: MIXED_RECEIPT,
				scores: 1,
				isStructured: true,
			},
			withReceipts,
		);
	}
	const single = recordings.find((recording) => recording.templateSign !== null);
	if (single?.templateSign) {
		return answer(
			request,
			{
				ret: [{ templateSign: single.templateSign, ret: single.ret }],
				templateSign: MIXED_RECEIPT,
				scores: 1,
				isStructured: true,
			},
			single,
		);
	}
	return fail(272003, 'no receipt detected');
}

/** Page 1 of a multi-page PDF as a PDF of its own (cut by the node's splitter); else the bytes. */
function firstPage(bytes: Buffer): Buffer {
	try {
		const pdf = openPdf(bytes);
		return pdf.pageCount > 1 ? Buffer.from(pdf.cutPage(0)) : bytes;
	} catch {
		return bytes;
	}
}

/** Everything after the gate: parameters, file checks, lookup, answer. */
export async function recognise(request: RecogniseRequest, ctx: RecogniseContext): Promise<Outcome> {
	if (!request.file) return fail(216101, 'one of image, url or pdf_file is required');
	const mode = pickMode(request.edition, request.params);
	if (isOutcome(mode)) return mode;

	const bytes = await fileBytes(request.file, ctx);
	if (isOutcome(bytes)) return bytes;
	let fileHash = sha256(bytes);
	let recordings = ctx.recordingsByHash.get(fileHash);
	// Baidu reads only page 1 of a multi-page PDF: without a recording of the whole file, the
	// answer is the one page 1 sent alone gets.
	if (!recordings && request.file.field === 'pdf_file') {
		fileHash = sha256(firstPage(bytes));
		recordings = ctx.recordingsByHash.get(fileHash);
	}

	if (mode.kind === 'template') {
		const template = findTemplate(ctx, mode.templateSign);
		if (!template) return fail(282004, 'unknown templateSign');
		if (!sameId(template.appId, request.app.appId)) return fail(216110, "another account's template");
		if (!template.published) return fail(282004, 'template not published');
		if (template.edition !== request.edition) return fail(282004, `a ${template.edition} edition template`);
		return byTemplate(request, template, fileHash, recordings);
	}
	if (mode.kind === 'classifier') {
		const classifier = ctx.fixtures.classifiers.find(
			(candidate) =>
				String(candidate.classifierId) === mode.classifierId &&
				sameId(candidate.appId, request.app.appId) &&
				candidate.edition === request.edition,
		);
		if (!classifier) return fail(272004, 'unknown classifierId');
		return byClassifier(request, ctx, classifier, fileHash, recordings);
	}
	return byDetector(request, ctx, fileHash, recordings);
}

/** sha256 → recordings, from the sample hashes and any inline sha256. */
export function indexRecordings(fixtures: Fixtures): Map<string, FixtureRecording[]> {
	const index = new Map<string, FixtureRecording[]>();
	for (const recording of fixtures.recordings) {
		const hash = recording.sha256 ?? fixtures.sampleHashes?.[recording.sample];
		if (!hash) continue;
		const list = index.get(hash) ?? [];
		list.push(recording);
		index.set(hash, list);
	}
	return index;
}
