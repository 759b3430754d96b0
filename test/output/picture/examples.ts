/**
 * Real samples (test/samples/files) with the answers Baidu's stand-in recorded for them
 * (test/emulator/fixtures/baidu.json), as the router would hand them to the review picture:
 * a RecognisedDocument and the file as checked.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { checkFile, isInputProblem } from '../../../nodes/BaiduIocr/input/check';
import type { CheckedFile, RecognisedDocument } from '../../../nodes/BaiduIocr/model';

export const SAMPLES = join(__dirname, '..', '..', 'samples', 'files');
const FIXTURES = join(__dirname, '..', '..', 'emulator', 'fixtures', 'baidu.json');

interface Recording {
	sample: string;
	templateSign?: string;
	score?: number;
	isStructured?: boolean;
	ret: IDataObject[];
}

const MIME: Record<string, string> = {
	png: 'image/png',
	jpg: 'image/jpeg',
	bmp: 'image/bmp',
	pdf: 'application/pdf',
};

export function recording(sample: string): Recording {
	const fixtures = JSON.parse(readFileSync(FIXTURES, 'utf8')) as { recordings: Recording[] };
	const found = fixtures.recordings.find((r) => r.sample === sample);
	if (!found) throw new Error(`no recording for ${sample}`);
	return found;
}

/** The sample's bytes, checked as the node checks them. */
export function checkedSample(sample: string): CheckedFile {
	const bytes = readFileSync(join(SAMPLES, sample));
	const checked = checkFile(bytes, { fileName: sample });
	if (isInputProblem(checked)) throw new Error(`${sample}: ${checked.message}`);
	return checked;
}

/** The document the router would make from the recorded answer to the sample. */
export function recordedDocument(sample: string, ret?: IDataObject[]): RecognisedDocument {
	const answer = recording(sample);
	const extension = sample.slice(sample.lastIndexOf('.') + 1);
	return {
		source: { binaryProperty: 'data', fileName: sample, mimeType: MIME[extension] },
		warnings: [],
		data: {
			ret: ret ?? answer.ret,
			templateSign: answer.templateSign ?? null,
			scores: answer.score ?? 1,
			isStructured: answer.isStructured ?? true,
			logId: '1795554736106100997',
		},
	};
}

/** A document of these fields, from `scan.png` unless `source` says otherwise. */
export function documentOf(
	ret: unknown[],
	data: IDataObject = {},
	source = {},
): RecognisedDocument {
	return {
		source: { binaryProperty: 'data', fileName: 'scan.png', mimeType: 'image/png', ...source },
		warnings: [],
		data: {
			ret: ret as IDataObject[],
			templateSign: 'abc123',
			scores: 1,
			isStructured: true,
			...data,
		},
	};
}

/** One field as Baidu answers it (no name: a plain line). */
export function field(
	name: string | null,
	word: unknown,
	average?: number,
	location?: IDataObject,
) {
	return {
		...(name === null ? {} : { word_name: name }),
		word,
		...(average === undefined ? {} : { probability: { average, min: average, variance: 0 } }),
		location: location ?? { left: 10, top: 20, width: 100, height: 30 },
	};
}
