import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation, OutputMode, OutputOptions } from './model';

/** Minimum Confidence when only "Route Low Confidence to Second Output" is set. */
const DEFAULT_MIN_CONFIDENCE = 0.8;

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
