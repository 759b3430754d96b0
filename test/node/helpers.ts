/**
 * Shared pieces of the node's engine tests: an emulator per test file, input items built
 * from the committed samples, node parameters per operation, the recorded answers the
 * emulator gives for each sample, and readers for the emulator's request log.
 */
import { createHash } from 'crypto';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { loadFixtures, type RequestLogEntry } from '../emulator';
import type { FixtureRecording, RetEntry } from '../emulator/types';
import type { SourceFile, SourceItem } from '../harness/nodeTypes';
import { readSample } from '../samples';

/** The ids of fixtures/baidu.json this folder relies on. */
export const TEMPLATE = {
	trainTicket: '1c65a67f151df56ba4e29c4dddace5ee',
	shopReceipt: '22e3182ebcc86d91ce0592363ea8dd6d',
	assetTag: 'ecabb4e313b5308d16df2c1b9581f84c',
	vatInvoice: '2b404fb9fb05aa69b2772de64f9030b1',
	financeReceipt: 'fdd70db3805927d57c9438200cc09495',
	unpublished: 'cc50df146b9336e3010cf7db419cd0c1',
	otherAccount: 'ba44021bbe5f5fb182244140393cfe2d',
} as const;

export const CLASSIFIER = { general: '1001', finance: '2001' } as const;

export const NOPERM_KEYS = { apiKey: 'noperm-api-key', secretKey: 'noperm-secret-key' };

/** Fast enough that the limiter never slows a test down. */
export const FAST = { requestsPerSecond: 200, concurrency: 4 };

const MIME: Record<string, string> = {
	png: 'image/png',
	jpg: 'image/jpeg',
	bmp: 'image/bmp',
	pdf: 'application/pdf',
	gif: 'image/gif',
	webp: 'image/webp',
	tiff: 'image/tiff',
	heic: 'image/heic',
	bin: 'application/octet-stream',
};

/** A sample as a file an item carries, with its own name and MIME type. */
export function sampleFile(name: string): SourceFile {
	const extension = name.split('.').pop() ?? '';
	return { bytes: readSample(name), fileName: name, mimeType: MIME[extension] };
}

/** An input item carrying samples (or ready-made files) under the given binary properties. */
export function itemWith(
	files: Record<string, string | SourceFile>,
	json: IDataObject = {},
): SourceItem {
	const binary: Record<string, SourceFile> = {};
	for (const [property, file] of Object.entries(files)) {
		binary[property] = typeof file === 'string' ? sampleFile(file) : file;
	}
	return { json, binary };
}

/** An input item carrying one sample as `data`. */
export function sampleItem(name: string, json: IDataObject = {}): SourceItem {
	return itemWith({ data: name }, json);
}

type Options = IDataObject;

export function templateParams(
	templateSign: string,
	extra: IDataObject = {},
	options: Options = {},
) {
	return {
		operation: 'recognizeTemplate',
		templateSign,
		inputType: 'binary',
		binaryPropertyName: 'data',
		output: 'field',
		...extra,
		options: { ...FAST, ...options },
	};
}

export function classifierParams(
	classifierId: string,
	extra: IDataObject = {},
	options: Options = {},
) {
	return {
		operation: 'recognizeClassifier',
		classifierId,
		inputType: 'binary',
		binaryPropertyName: 'data',
		output: 'field',
		...extra,
		options: { ...FAST, ...options },
	};
}

export function financeParams(
	mode: { templateSign: string } | { classifierId: string } | 'detector',
	extra: IDataObject = {},
	options: Options = {},
) {
	const selector =
		mode === 'detector'
			? { financeMode: 'detector' }
			: 'templateSign' in mode
				? { financeMode: 'template', templateSign: mode.templateSign }
				: { financeMode: 'classifier', classifierId: mode.classifierId };
	return {
		operation: 'recognizeFinance',
		...selector,
		inputType: 'binary',
		binaryPropertyName: 'data',
		output: 'field',
		...extra,
		options: { ...FAST, ...options },
	};
}

const fixtures = loadFixtures();

/** The recorded answer the emulator gives for a sample (fixtures/baidu.json). */
export function recording(sample: string): FixtureRecording {
	const found = fixtures.recordings.find((candidate) => candidate.sample === sample);
	if (!found) throw new Error(`no recording for ${sample}`);
	return found;
}

/** What field mode makes of one recorded entry: Baidu's words in the user's words. */
export function fieldOf(entry: RetEntry) {
	return {
		field: entry.word_name ?? null,
		value: entry.word,
		confidence: entry.probability ? { ...entry.probability } : null,
		location: entry.location ? { ...entry.location } : null,
	};
}

/** `field, value, confidence, location` of every field-mode item, without `document`. */
export function fieldsOf(items: INodeExecutionData[]) {
	return items.map(({ json }) => ({
		field: json.field,
		value: json.value,
		confidence: json.confidence,
		location: json.location,
	}));
}

export function documentOf(item: INodeExecutionData): IDataObject {
	return item.json.document as IDataObject;
}

/** The first 12 hex digits of a sample's sha256, as the emulator's log shows a file. */
export function shortHash(bytes: Buffer): string {
	return createHash('sha256').update(bytes).digest('hex').slice(0, 12);
}

const FILE_FIELDS = ['image', 'pdf_file', 'url'] as const;

/** Which of image / pdf_file / url a logged request carried. */
export function fileFieldsOf(entry: RequestLogEntry): string[] {
	return FILE_FIELDS.filter((field) => entry.params[field] !== undefined);
}

/** The selectors a logged request carried (templateSign, classifierId, detectorId). */
export function selectorsOf(entry: RequestLogEntry): Record<string, string> {
	const selectors: Record<string, string> = {};
	for (const name of ['templateSign', 'classifierId', 'detectorId']) {
		if (entry.params[name] !== undefined) selectors[name] = entry.params[name];
	}
	return selectors;
}

export { useEmulator } from '../harness/emulator';
