import type {
	IBinaryData,
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { errorOutputKeepsDetails } from './engine';
import { isInputProblem } from './input/check';
import {
	documentsOf,
	pageLabel,
	pdfPageDocuments,
	readAndCheckDocument,
	type PlannedDocument,
} from './input/documents';
import { FileReader, ReusableBuffer } from './input/reader';
import type {
	Answer,
	CheckedFile,
	DocumentRef,
	InputProblem,
	OutputEntry,
	Payload,
	RecognisedDocument,
	RecognitionTarget,
} from './model';
import {
	documentPicture,
	numberDocumentEntry,
	numberFieldEntries,
	splitReceipts,
	toCombinedEntry,
	toOutputEntries,
	toRecognisedDocument,
} from './output';
import { BaiduClient, CREDENTIAL_TYPE, type RecognitionFailure } from './transport/client';
import { recognitionBody } from './transport/form';
import { applicationKey, applicationLimiters } from './transport/registry';
import { tokenFingerprint } from './transport/token';
import { planQpsOf, readSettings, sendingRate, type Settings } from './settings';

/** One document of one item on its way through the node. */
interface Job extends PlannedDocument {
	warnings: string[];
	answer?: Answer;
	failure?: RecognitionFailure;
	/** The document was never sent because the run stopped first. */
	skipped?: boolean;
}

/** What the user reads in front of every message about a document. */
function label(ref: DocumentRef): string {
	const { source } = ref;
	if (source.url !== undefined) return `Item ${ref.itemIndex}, URL`;
	const file = source.fileName ? `file '${source.fileName}'` : 'file';
	return `Item ${ref.itemIndex}, ${file} (${source.binaryProperty})${pageLabel(source)}`;
}

/** The checked file's bytes live in `file`'s memory until its next read. */
async function readAndCheck(
	fn: IExecuteFunctions,
	job: Job,
	file: FileReader,
): Promise<CheckedFile | InputProblem> {
	return await readAndCheckDocument(fn, job, file);
}

function payloadOf(job: Job, checked?: CheckedFile): Payload {
	if (job.url !== undefined) return { field: 'url', url: job.url };
	if (!checked) throw new Error('checked file missing');
	const { bytes, encodedLength } = checked;
	return { field: checked.kind === 'pdf' ? 'pdf_file' : 'image', bytes, encodedLength };
}

function problemError(fn: IExecuteFunctions, job: Job, problem: InputProblem): NodeOperationError {
	return new NodeOperationError(fn.getNode(), `${label(job.ref)}: ${problem.message}`, {
		itemIndex: job.ref.itemIndex,
		description: problem.description,
	});
}

function failureError(fn: IExecuteFunctions, job: Job, failure: RecognitionFailure): NodeApiError {
	const body: JsonObject = { message: failure.message };
	if (failure.code !== undefined) body.error_code = failure.code;
	if (failure.logId !== undefined) body.log_id = failure.logId;
	return new NodeApiError(fn.getNode(), body, {
		message: `${label(job.ref)}: ${failure.message}`,
		description: failure.description,
		httpCode: failure.httpCode ?? (failure.code !== undefined ? String(failure.code) : undefined),
		itemIndex: job.ref.itemIndex,
		failure: failure.failure,
	});
}

/**
 * The json of an error item: `error` and `details`, which n8n's error output picks up. An
 * older n8n (before 2.36) takes only `{ error, message }` there, so when the node sends its
 * errors to the error output on one, the advice and the Baidu code and log id go in `message`.
 */
function errorJson(
	job: Job,
	message: string,
	description: string,
	extra: IDataObject = {},
	shortForm = false,
): IDataObject {
	const error = `${label(job.ref)}: ${message}`;
	if (shortForm) {
		const ids = [
			extra.baiduErrorCode !== undefined ? `Baidu error ${String(extra.baiduErrorCode)}` : '',
			extra.logId !== undefined ? `log id ${String(extra.logId)}` : '',
		].filter((id) => id !== '');
		return { error, message: ids.length > 0 ? `${description} (${ids.join(', ')})` : description };
	}
	return {
		error,
		details: {
			description,
			itemIndex: job.ref.itemIndex,
			source: { ...job.ref.source } as IDataObject,
			...extra,
		},
	};
}

/**
 * The one place that knows items: reads settings, plans documents per item, checks every file
 * (before anything is sent, unless the node continues on fail), sends within the plan's rate,
 * and puts results (or error items) back in input order with pairedItem.
 */
export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const settings = readSettings(this);
	const continueOnFail = this.continueOnFail();

	// 1. Plan: item → documents (a PDF → one document per selected page).
	const jobs: Job[] = [];
	const { operation, inputType } = settings;
	const file = new FileReader();
	for (const [itemIndex, item] of items.entries()) {
		const planned = documentsOf(this, operation, inputType, item, itemIndex);
		for (const document of await pdfPageDocuments(this, planned, item, itemIndex, file)) {
			jobs.push({ ...document, warnings: [] });
		}
	}

	// 2. Without "continue on fail", check every file before anything is sent: a bad file stops
	//    the run here, before the first request, so it costs no quota. With it, a bad file is
	//    an error item whenever it is found and the good ones are sent either way, so each file
	//    is checked when its turn comes and read once. Files are read into the same memory and
	//    dropped; each is read again (and checked again) when it is sent.
	if (!continueOnFail) {
		for (const job of jobs) {
			if (job.problem) throw problemError(this, job, job.problem);
			if (job.url !== undefined) continue;
			const checked = await readAndCheck(this, job, file);
			if (isInputProblem(checked)) throw problemError(this, job, checked);
		}
	}

	// 3. Send, within the plan's rate, at most `concurrency` bodies alive at once.
	const stop = await sendAll(this, jobs, settings, file, continueOnFail);
	if (stop && !continueOnFail) throw failureError(this, stop.job, stop.failure);

	// 4. Output, in input order: item, then document, then field.
	return await emit(this, jobs, settings, stop, file);
}

/** What stopped the sending: the quota, or (without continue on fail) a document that failed. */
interface Stop {
	job: Job;
	failure: RecognitionFailure;
}

/**
 * Phase 3: every job that passed the checks is read, encoded and sent, within the plan's rate
 * (the application's limiter, shared with the other executions using it), with at most
 * `concurrency` bodies alive at once. Fills in each job's answer, failure or skip.
 */
async function sendAll(
	fn: IExecuteFunctions,
	jobs: Job[],
	settings: Settings,
	file: FileReader,
	continueOnFail: boolean,
): Promise<Stop | undefined> {
	const credentials = await fn.getCredentials(CREDENTIAL_TYPE);
	const baseUrl = String(credentials.baseUrl || 'https://aip.baidubce.com');
	// One limiter per Baidu application in this process, shared with every execution using it.
	const application = applicationKey(String(credentials.apiKey ?? ''), baseUrl);
	const limiter = applicationLimiters.open({
		application,
		planRps: planQpsOf(credentials),
		...sendingRate(settings, planQpsOf(credentials)),
	});
	const client = new BaiduClient(fn, {
		baseUrl,
		timeoutMs: settings.timeoutMs,
		maxRetries: settings.maxRetries,
		limiter,
		token: applicationLimiters.tokenOf(application),
		storedToken: tokenFingerprint(credentials.accessToken),
	});
	let stop: Stop | undefined;
	const idleBodies: ReusableBuffer[] = [];
	const signal = fn.getExecutionCancelSignal();

	// One file in memory at a time: a slot reads it, checks it and encodes it into its body
	// under this lock, then lets go. Reading and encoding take milliseconds; a slot holds its
	// body (up to 4 MB) for the whole request.
	let fileTurn: Promise<void> = Promise.resolve();
	const bodyOf = async (job: Job, memory: ReusableBuffer): Promise<Buffer | InputProblem> => {
		const target = job.target as RecognitionTarget;
		if (job.url !== undefined) return recognitionBody(target, payloadOf(job));
		const previous = fileTurn;
		let done!: () => void;
		fileTurn = new Promise<void>((resolve) => (done = resolve));
		try {
			await previous;
			const checked = await readAndCheck(fn, job, file);
			if (isInputProblem(checked)) return checked;
			job.warnings = checked.warnings;
			return recognitionBody(target, payloadOf(job, checked), (size) =>
				memory.room(size).subarray(0, size),
			);
		} finally {
			done();
		}
	};

	const sendJob = async (job: Job, memory: ReusableBuffer) => {
		if (stop) {
			job.skipped = true;
			return;
		}
		const body = await bodyOf(job, memory);
		if (!Buffer.isBuffer(body)) {
			job.problem = body;
			return;
		}
		const outcome = await client.recognise(job.target as RecognitionTarget, body);
		if (outcome.ok) {
			job.answer = outcome.answer;
			return;
		}
		if (stop && outcome.failure.attempts === 0) {
			// The run stopped while this document waited for its turn: it was never sent.
			job.skipped = true;
			return;
		}
		job.failure = outcome.failure;
		if (!stop && (outcome.failure.stopRun || !continueOnFail)) {
			stop = { job, failure: outcome.failure };
			// Retries and documents waiting for the limiter send nothing more either.
			client.halt(outcome.failure);
		}
	};

	try {
		await Promise.all(
			jobs
				.filter((job) => !job.problem)
				.map(async (job) => {
					try {
						await limiter.withSlot(async () => {
							// At most `concurrency` slots run at once, so at most that many bodies exist.
							const memory = idleBodies.pop() ?? new ReusableBuffer();
							try {
								await sendJob(job, memory);
							} finally {
								idleBodies.push(memory);
							}
						}, signal);
					} catch (error) {
						// The limiter rejects when the execution is cancelled; anything else is a bug, and
						// a bug must not pass for a document that was not sent.
						if (!signal?.aborted) throw new NodeOperationError(fn.getNode(), error as Error);
						job.skipped = true;
					}
				}),
		);
	} finally {
		// Gives the execution's place back at once (also when it was cancelled).
		limiter.close();
	}

	return stop;
}

/** The json of a job's error item: a problem found in its file, a failure, or not sent. */
function errorItemJson(job: Job, stop: Stop | undefined, shortErrors: boolean): IDataObject {
	if (job.problem) {
		return errorJson(job, job.problem.message, job.problem.description, {}, shortErrors);
	}
	const failure = job.failure ??
		stop?.failure ?? {
			message: 'Not sent',
			description: 'The execution stopped before this document was sent.',
		};
	return errorJson(
		job,
		failure.message,
		failure.description,
		{
			...(job.failure ? {} : { notSent: true }),
			...(job.failure?.code !== undefined ? { baiduErrorCode: job.failure.code } : {}),
			...(job.failure?.logId !== undefined ? { logId: job.failure.logId } : {}),
		},
		shortErrors,
	);
}

/**
 * Phase 4: results and error items in input order (item, then document, then field), each with
 * pairedItem, on the Confident or Review output; with Attach Review Picture, each document's
 * picture as the binary property `review` of its items.
 */
async function emit(
	fn: IExecuteFunctions,
	jobs: Job[],
	settings: Settings,
	stop: Stop | undefined,
	file: FileReader,
): Promise<INodeExecutionData[][]> {
	const items = fn.getInputData();
	const { inputType, outputOptions } = settings;
	const shortErrors = fn.getNode().onError === 'continueErrorOutput' && !errorOutputKeepsDetails();
	const main: INodeExecutionData[] = [];
	const review: INodeExecutionData[] = [];
	const push = (
		json: IDataObject,
		needsReview: boolean,
		itemIndex: number,
		binary?: IBinaryKeyData,
	) =>
		(settings.routeLowConfidence && needsReview ? review : main).push({
			json,
			...(binary ? { binary } : {}),
			pairedItem: { item: itemIndex },
		});
	const pictures = async (job: Job, documents: RecognisedDocument[]) =>
		settings.attachReviewPicture ? await reviewPictures(fn, job, documents, file, settings) : [];
	// Combine Pages: the recognised pages of one PDF file become one item, after its pages' errors.
	const combinePages =
		outputOptions.mode === 'document' &&
		inputType === 'binary' &&
		fn.getNodeParameter('combinePages', 0, false) === true;
	let combined:
		| { key: string; itemIndex: number; pages: RecognisedDocument[]; binary: IBinaryKeyData }
		| undefined;
	const flushFile = () => {
		if (combined && combined.pages.length > 0) {
			const inputJson = items[combined.itemIndex].json;
			const entry = toCombinedEntry(combined.pages, outputOptions, inputJson);
			if (settings.attachReviewPicture) {
				numberDocumentEntry(combined.pages, entry, outputOptions, inputJson, true);
			}
			const hasPictures = Object.keys(combined.binary).length > 0;
			push(
				entry.json,
				entry.needsReview,
				combined.itemIndex,
				hasPictures ? combined.binary : undefined,
			);
		}
		combined = undefined;
	};
	for (const job of jobs) {
		const pairedItem = { item: job.ref.itemIndex };
		const fileKey =
			combinePages && job.ref.source.page !== undefined && job.target?.detectorId === undefined
				? `${job.ref.itemIndex}/${job.ref.source.binaryProperty}`
				: undefined;
		if (combined && combined.key !== fileKey) flushFile();
		if (job.problem || job.failure || job.skipped || !job.answer) {
			main.push({ json: errorItemJson(job, stop, shortErrors), pairedItem });
			continue;
		}
		if (fileKey) {
			combined ??= { key: fileKey, itemIndex: job.ref.itemIndex, pages: [], binary: {} };
			const page = toRecognisedDocument(job.answer, job.ref.source, job.warnings);
			combined.pages.push(page);
			const [picture] = await pictures(job, [page]);
			if (picture) combined.binary[`review_p${job.ref.source.page}`] = picture;
			continue;
		}
		const documents: RecognisedDocument[] =
			job.target?.detectorId !== undefined && outputOptions.mode !== 'raw'
				? splitReceipts(job.answer, job.ref.source, job.warnings)
				: [toRecognisedDocument(job.answer, job.ref.source, job.warnings)];
		const documentPictures = await pictures(job, documents);
		const inputJson = items[job.ref.itemIndex].json;
		for (const [index, document] of documents.entries()) {
			const picture = documentPictures[index];
			const entries = toOutputEntries(document, outputOptions, inputJson);
			if (settings.attachReviewPicture) numberEntries(document, entries, settings, inputJson);
			for (const entry of entries) {
				push(
					entry.json,
					entry.needsReview,
					job.ref.itemIndex,
					picture ? { review: picture } : undefined,
				);
			}
		}
	}
	flushFile();
	return settings.routeLowConfidence ? [main, review] : [main];
}

/** Attach Review Picture: the items carry the numbers the picture gives the fields' boxes. */
function numberEntries(
	document: RecognisedDocument,
	entries: OutputEntry[],
	settings: Settings,
	inputJson: IDataObject,
): void {
	const { outputOptions } = settings;
	if (outputOptions.mode === 'field') numberFieldEntries(document, entries);
	else if (outputOptions.mode === 'document') {
		numberDocumentEntry([document], entries[0], outputOptions, inputJson);
	}
}

/**
 * The review pictures of a job's documents (several for receipts found on one sheet). The file
 * is read and checked again, into the reader's memory, only to embed the page in the picture;
 * a URL's page is drawn from the boxes alone.
 */
async function reviewPictures(
	fn: IExecuteFunctions,
	job: Job,
	documents: RecognisedDocument[],
	file: FileReader,
	settings: Settings,
): Promise<IBinaryData[]> {
	const checked = job.url === undefined ? await readAndCheck(fn, job, file) : undefined;
	const page = checked && !isInputProblem(checked) ? checked : undefined;
	const pictures: IBinaryData[] = [];
	for (const document of documents) {
		const picture = documentPicture(
			document,
			page,
			settings.outputOptions,
			settings.reviewPictureFormat,
		);
		pictures.push(
			await fn.helpers.prepareBinaryData(
				Buffer.from(picture.bytes.buffer, picture.bytes.byteOffset, picture.bytes.byteLength),
				picture.fileName,
				picture.mimeType,
			),
		);
	}
	return pictures;
}
