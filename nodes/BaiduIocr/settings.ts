import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FieldType, FieldTypeRule, Operation, OutputMode, OutputOptions } from './model';
import type { PictureFormat } from './output';
import { compileDatePattern } from './output/values';

/** Minimum Confidence when only "Route to Review Output" is set. */
const DEFAULT_MIN_CONFIDENCE = 0.8;

/**
 * Without the Concurrency option, as many requests in flight as Requests per Second, so that
 * the plan's rate is reached whenever Baidu answers within a second (iOCR takes 0.3-1 s), but
 * no more than this: each request in flight holds its body (up to 4 MB) in memory.
 */
const MAX_AUTO_CONCURRENCY = 10;

/** The credential's Requests per Second (Plan QPS) when it is not set: Baidu's free tier. */
export const DEFAULT_PLAN_QPS = 2;

/** The node's parameters that hold for the whole execution (read from item 0). */
export interface Settings {
	operation: Operation;
	inputType: 'binary' | 'url';
	outputOptions: OutputOptions;
	routeLowConfidence: boolean;
	/** Attach Review Picture: each document's items carry its picture as binary `review`. */
	attachReviewPicture: boolean;
	/** Review Picture Format: PNG (default) or SVG. */
	reviewPictureFormat: PictureFormat;
	/** The node's Requests per Second option; undefined: the plan's rate. */
	requestsPerSecond: number | undefined;
	/** The node's Concurrency option; undefined: from the rate. */
	concurrency: number | undefined;
	maxRetries: number;
	timeoutMs: number;
}

export function readSettings(fn: IExecuteFunctions): Settings {
	const options = fn.getNodeParameter('options', 0, {}) as IDataObject;
	const routeLowConfidence = options.routeLowConfidence === true;
	let minConfidence = typeof options.minConfidence === 'number' ? options.minConfidence : undefined;
	if (routeLowConfidence && minConfidence === undefined) minConfidence = DEFAULT_MIN_CONFIDENCE;
	const positive = (value: unknown, fallback: number) =>
		typeof value === 'number' && value > 0 ? value : fallback;
	const optional = (value: unknown) => (typeof value === 'number' && value > 0 ? value : undefined);
	return {
		operation: fn.getNodeParameter('operation', 0) as Operation,
		inputType: fn.getNodeParameter('inputType', 0, 'binary') as 'binary' | 'url',
		outputOptions: {
			mode: fn.getNodeParameter('output', 0, 'field') as OutputMode,
			minConfidence,
			includeInputFields: options.includeInputFields === true,
			fieldTypes: readFieldTypes(fn, options.fieldTypes),
		},
		routeLowConfidence,
		attachReviewPicture: options.attachReviewPicture === true,
		reviewPictureFormat: options.reviewPictureFormat === 'svg' ? 'svg' : 'png',
		requestsPerSecond: optional(options.requestsPerSecond),
		concurrency: optional(options.concurrency),
		maxRetries: Math.max(
			0,
			Math.floor(typeof options.maxRetries === 'number' ? options.maxRetries : 3),
		),
		timeoutMs: positive(options.timeout, 30) * 1000,
	};
}

const FIELD_TYPES: readonly FieldType[] = ['number', 'amount', 'date', 'dateTime', 'text'];

/** Date Format's choice as a pattern: none for Automatic (year first), the Date Pattern for Custom. */
function datePatternOf(entry: IDataObject): string | undefined {
	switch (entry.dateFormat) {
		case 'dayFirst':
			return 'DD/MM/YYYY';
		case 'monthFirst':
			return 'MM/DD/YYYY';
		case 'custom':
			return typeof entry.datePattern === 'string' ? entry.datePattern.trim() : '';
		default:
			return undefined;
	}
}

/**
 * The Field Types option (`{ rules: [{ field, type, dateFormat?, datePattern? }] }`) → rules in
 * the user's order. A rule without a field name, of an unknown type or with a Date Pattern that
 * cannot be read stops the execution before anything is sent, naming the rule.
 */
function readFieldTypes(fn: IExecuteFunctions, value: unknown): FieldTypeRule[] | undefined {
	const list = (value as IDataObject | undefined)?.rules;
	if (!Array.isArray(list) || list.length === 0) return undefined;
	return (list as IDataObject[]).map((entry, index) => {
		const fail = (message: string, description: string) =>
			new NodeOperationError(fn.getNode(), `Field Types, rule ${index + 1}: ${message}`, {
				description,
			});
		const field = typeof entry.field === 'string' ? entry.field.trim() : '';
		if (field === '') {
			throw fail(
				'no field name',
				'Enter the field’s name as set in the Baidu template (e.g. 金额), or a pattern such as *金额*, or remove the rule.',
			);
		}
		const type = (entry.type ?? 'amount') as FieldType;
		if (!FIELD_TYPES.includes(type)) {
			throw fail(`unknown type '${String(type)}'`, `Choose one of ${FIELD_TYPES.join(', ')}.`);
		}
		const rule: FieldTypeRule = { field, type };
		if (type !== 'date' && type !== 'dateTime') return rule;
		const datePattern = datePatternOf(entry);
		if (datePattern === undefined) return rule;
		const compiled = compileDatePattern(datePattern);
		if (datePattern === '' || typeof compiled === 'string') {
			throw fail(
				datePattern === ''
					? 'the Date Pattern is empty'
					: `the Date Pattern '${datePattern}' cannot be used: ${String(compiled)}`,
				'Write the pattern with YYYY, MM and DD (and HH, mm, ss for a time), e.g. DD.MM.YYYY or YYYY年MM月DD日, or choose another Date Format.',
			);
		}
		rule.datePattern = datePattern;
		return rule;
	});
}

/**
 * The plan's rate, set in the credential (the plan belongs to the Baidu application): every
 * execution using the credential in this process shares it.
 */
export function planQpsOf(credentials: ICredentialDataDecryptedObject): number {
	const value = credentials.planQps;
	return typeof value === 'number' && value > 0 ? value : DEFAULT_PLAN_QPS;
}

/**
 * The execution's rate and requests in flight: the node's Requests per Second may only ask for
 * less than the plan (a higher one is capped, without an error, so workflows saved before the
 * credential had the field keep running); without it, the plan's rate.
 */
export function sendingRate(
	settings: Settings,
	planRps: number,
): { requestsPerSecond: number; concurrency: number } {
	const requestsPerSecond = Math.min(settings.requestsPerSecond ?? planRps, planRps);
	const auto = Math.min(MAX_AUTO_CONCURRENCY, Math.ceil(requestsPerSecond));
	return {
		requestsPerSecond,
		concurrency: Math.max(1, Math.floor(settings.concurrency ?? auto)),
	};
}
