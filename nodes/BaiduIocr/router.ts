import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { checkFile, checkUrl } from './input/check';
import { FileReader, ReusableBuffer } from './input/reader';
import { selectBinaryProperties } from './input/selection';
import type {
	Answer,
	CheckedFile,
	DocumentRef,
	InputProblem,
	Operation,
	OutputMode,
	OutputOptions,
	Payload,
	RecognisedDocument,
	RecognitionTarget,
} from './model';
import { splitReceipts, toOutputEntries, toRecognisedDocument } from './output';
import { BaiduClient, CREDENTIAL_TYPE, type RecognitionFailure } from './transport/client';
import { recognitionBody } from './transport/form';
import { RequestLimiter } from './transport/limiter';

const DEFAULT_MIN_CONFIDENCE = 0.8;

/** One document of one item on its way through the node. */
interface Job {
	ref: DocumentRef;
	target?: RecognitionTarget;
	url?: string;
	/** A problem found before sending: the document is never sent. */
	problem?: InputProblem;
	warnings: string[];
	answer?: Answer;
	failure?: RecognitionFailure;
	/** The document was never sent because the run stopped first. */
	skipped?: boolean;
}

interface Settings {
	operation: Operation;
	inputType: 'binary' | 'url';
	outputOptions: OutputOptions;
	routeLowConfidence: boolean;
	requestsPerSecond: number;
	concurrency: number;
	maxRetries: number;
	timeoutMs: number;
}

function readSettings(fn: IExecuteFunctions): Settings {
	const options = fn.getNodeParameter('options', 0, {}) as IDataObject;
	const routeLowConfidence = options.routeLowConfidence === true;
	let minConfidence = typeof options.minConfidence === 'number' ? options.minConfidence : undefined;
	if (routeLowConfidence && minConfidence === undefined) minConfidence = DEFAULT_MIN_CONFIDENCE;
	const positive = (value: unknown, fallback: number) =>
		typeof value === 'number' && value > 0 ? value : fallback;
	return {
		operation: fn.getNodeParameter('operation', 0) as Operation,
		inputType: fn.getNodeParameter('inputType', 0, 'binary') as 'binary' | 'url',
		outputOptions: {
			mode: fn.getNodeParameter('output', 0, 'field') as OutputMode,
			minConfidence,
			includeInputFields: options.includeInputFields === true,
		},
		routeLowConfidence,
		requestsPerSecond: positive(options.requestsPerSecond, 2),
		concurrency: Math.max(1, Math.floor(positive(options.concurrency, 2))),
		maxRetries: Math.max(
			0,
			Math.floor(typeof options.maxRetries === 'number' ? options.maxRetries : 3),
		),
		timeoutMs: positive(options.timeout, 30) * 1000,
	};
}

function emptyId(label: string, itemIndex: number): InputProblem {
	return {
		message: `The ${label} is empty`,
		description: `Enter the ${label} from the Baidu iOCR console. If it comes from an expression, check that the expression gives a value for item ${itemIndex}.`,
	};
}

/** Which endpoint and selector this item's documents go to; IDs are trimmed. */
function readTarget(
	fn: IExecuteFunctions,
	operation: Operation,
	itemIndex: number,
): RecognitionTarget | InputProblem {
	const id = (name: string) => String(fn.getNodeParameter(name, itemIndex, '') ?? '').trim();
	const edition = operation === 'recognizeFinance' ? 'finance' : 'general';
	let by = operation === 'recognizeClassifier' ? 'classifier' : 'template';
	if (operation === 'recognizeFinance')
		by = fn.getNodeParameter('financeMode', itemIndex, 'template') as string;
	if (by === 'detector') return { edition, detectorId: '0' };
	if (by === 'classifier') {
		const classifierId = id('classifierId');
		return classifierId ? { edition, classifierId } : emptyId('Classifier ID', itemIndex);
	}
	const templateSign = id('templateSign');
	return templateSign ? { edition, templateSign } : emptyId('Template ID', itemIndex);
}

/** What the user reads in front of every message about a document. */
function label(ref: DocumentRef): string {
	const { source } = ref;
	if (source.url !== undefined) return `Item ${ref.itemIndex}, URL`;
	const file = source.fileName ? `file '${source.fileName}'` : 'file';
	return `Item ${ref.itemIndex}, ${file} (${source.binaryProperty})`;
}

/** Item → documents: which binary properties (or the URL) this item asks to recognise. */
function planItem(
	fn: IExecuteFunctions,
	settings: Settings,
	item: INodeExecutionData,
	itemIndex: number,
): Job[] {
	const read = readTarget(fn, settings.operation, itemIndex);
	const target = 'edition' in read ? read : undefined;
	const targetProblem = 'edition' in read ? undefined : read;

	if (settings.inputType === 'url') {
		const ref: DocumentRef = { itemIndex, documentIndex: 0, source: { url: '' } };
		const checked = checkUrl(String(fn.getNodeParameter('url', itemIndex, '') ?? ''));
		if ('url' in checked) ref.source.url = checked.url;
		return [
			{
				ref,
				target,
				url: 'url' in checked ? checked.url : undefined,
				problem: targetProblem ?? ('message' in checked ? checked : undefined),
				warnings: [],
			},
		];
	}

	const selectionMode = fn.getNodeParameter('binarySelection', itemIndex, 'named') as
		| 'named'
		| 'all';
	const names =
		selectionMode === 'named'
			? String(fn.getNodeParameter('binaryPropertyName', itemIndex, 'data'))
			: '';
	const available = Object.keys(item.binary ?? {});
	const selection = selectBinaryProperties(available, { mode: selectionMode, names });
	if ('problem' in selection) {
		return [
			{
				ref: { itemIndex, documentIndex: 0, source: { binaryProperty: names || '*' } },
				problem: selection.problem,
				warnings: [],
			},
		];
	}
	return selection.properties.map((binaryProperty, documentIndex) => {
		const binary = item.binary?.[binaryProperty];
		return {
			ref: {
				itemIndex,
				documentIndex,
				source: { binaryProperty, fileName: binary?.fileName, mimeType: binary?.mimeType },
			},
			target,
			problem: targetProblem,
			warnings: [],
		};
	});
}

/** The checked file's bytes live in `file`'s memory until its next read. */
async function readAndCheck(
	fn: IExecuteFunctions,
	job: Job,
	file: FileReader,
): Promise<CheckedFile | InputProblem> {
	const property = job.ref.source.binaryProperty ?? 'data';
	const bytes = await file.read(fn, job.ref.itemIndex, property);
	return checkFile(bytes, job.ref.source);
}

function isProblem(value: CheckedFile | InputProblem): value is InputProblem {
	return 'message' in value && !('bytes' in value);
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

/** The json of an error item: only `error` and `details`, so n8n's error output picks it up. */
function errorJson(
	job: Job,
	message: string,
	description: string,
	extra: IDataObject = {},
): IDataObject {
	return {
		error: `${label(job.ref)}: ${message}`,
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
 * before anything is sent, sends within the plan's rate, and puts results (or error items)
 * back in input order with pairedItem.
 */
export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const settings = readSettings(this);
	const continueOnFail = this.continueOnFail();

	// 1. Plan: item → documents.
	const jobs: Job[] = [];
	items.forEach((item, itemIndex) => jobs.push(...planItem(this, settings, item, itemIndex)));

	// 2. Check every file before anything is sent: a bad file costs no quota, and without
	//    "continue on fail" the run stops here, before the first request. Each file is read
	//    into the same memory and dropped; it is read again when its turn to be sent comes.
	const file = new FileReader();
	for (const job of jobs) {
		if (job.problem || job.url !== undefined) {
			if (job.problem && !continueOnFail) throw problemError(this, job, job.problem);
			continue;
		}
		const checked = await readAndCheck(this, job, file);
		if (isProblem(checked)) {
			job.problem = checked;
			if (!continueOnFail) throw problemError(this, job, checked);
			continue;
		}
		job.warnings = checked.warnings;
	}

	// 3. Send, within the plan's rate, at most `concurrency` bodies alive at once.
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const baseUrl = String(credentials.baseUrl || 'https://aip.baidubce.com');
	const limiter = new RequestLimiter({
		requestsPerSecond: settings.requestsPerSecond,
		concurrency: settings.concurrency,
	});
	const client = new BaiduClient(this, {
		baseUrl,
		timeoutMs: settings.timeoutMs,
		maxRetries: settings.maxRetries,
		limiter,
		tokenStored: typeof credentials.accessToken === 'string' && credentials.accessToken !== '',
	});
	let stop: { job: Job; failure: RecognitionFailure } | undefined;
	const idleBodies: ReusableBuffer[] = [];
	const signal = this.getExecutionCancelSignal();

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
			const checked = await readAndCheck(this, job, file);
			return isProblem(checked)
				? checked
				: recognitionBody(target, payloadOf(job, checked), memory);
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
				} catch {
					// The limiter only rejects when the execution is cancelled.
					job.skipped = true;
				}
			}),
	);

	if (stop && !continueOnFail) throw failureError(this, stop.job, stop.failure);

	// 4. Output, in input order: item, then document, then field.
	const main: INodeExecutionData[] = [];
	const review: INodeExecutionData[] = [];
	for (const job of jobs) {
		const pairedItem = { item: job.ref.itemIndex };
		if (job.problem) {
			main.push({ json: errorJson(job, job.problem.message, job.problem.description), pairedItem });
			continue;
		}
		if (job.failure || job.skipped || !job.answer) {
			const failure = job.failure ??
				stop?.failure ?? {
					message: 'Not sent',
					description: 'The execution stopped before this document was sent.',
				};
			const notSent = job.failure ? {} : { notSent: true };
			main.push({
				json: errorJson(job, failure.message, failure.description, {
					...notSent,
					...(job.failure?.code !== undefined ? { baiduErrorCode: job.failure.code } : {}),
					...(job.failure?.logId !== undefined ? { logId: job.failure.logId } : {}),
				}),
				pairedItem,
			});
			continue;
		}
		const documents: RecognisedDocument[] =
			job.target?.detectorId !== undefined && settings.outputOptions.mode !== 'raw'
				? splitReceipts(job.answer, job.ref.source, job.warnings)
				: [toRecognisedDocument(job.answer, job.ref.source, job.warnings)];
		const inputJson = items[job.ref.itemIndex].json;
		for (const document of documents) {
			for (const entry of toOutputEntries(document, settings.outputOptions, inputJson)) {
				const target = settings.routeLowConfidence && entry.needsReview ? review : main;
				target.push({ json: entry.json, pairedItem });
			}
		}
	}
	return settings.routeLowConfidence ? [main, review] : [main];
}
