import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation, OutputMode, OutputOptions } from './model';

/** Minimum Confidence when only "Route to Review Output" is set. */
const DEFAULT_MIN_CONFIDENCE = 0.8;

/**
 * Without the Concurrency option, as many requests in flight as Requests per Second, so that
 * the plan's rate is reached whenever Baidu answers within a second (iOCR takes 0.3-1 s), but
 * no more than this: each request in flight holds its body (up to 4 MB) in memory.
 */
const MAX_AUTO_CONCURRENCY = 10;

/** The node's parameters that hold for the whole execution (read from item 0). */
export interface Settings {
	operation: Operation;
	inputType: 'binary' | 'url';
	outputOptions: OutputOptions;
	routeLowConfidence: boolean;
	requestsPerSecond: number;
	concurrency: number;
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
	const requestsPerSecond = positive(options.requestsPerSecond, 2);
	const autoConcurrency = Math.min(MAX_AUTO_CONCURRENCY, Math.ceil(requestsPerSecond));
	return {
		operation: fn.getNodeParameter('operation', 0) as Operation,
		inputType: fn.getNodeParameter('inputType', 0, 'binary') as 'binary' | 'url',
		outputOptions: {
			mode: fn.getNodeParameter('output', 0, 'field') as OutputMode,
			minConfidence,
			includeInputFields: options.includeInputFields === true,
		},
		routeLowConfidence,
		requestsPerSecond,
		concurrency: Math.max(1, Math.floor(positive(options.concurrency, autoConcurrency))),
		maxRetries: Math.max(
			0,
			Math.floor(typeof options.maxRetries === 'number' ? options.maxRetries : 3),
		),
		timeoutMs: positive(options.timeout, 30) * 1000,
	};
}
