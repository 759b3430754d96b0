import type { INodeProperties } from 'n8n-workflow';

export const outputProperties: INodeProperties[] = [
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'One Item per Field',
				value: 'field',
				description:
					'Field, value, confidence and position of every recognized field: for filters, Switch and review steps',
			},
			{
				name: 'One Item per Document',
				value: 'document',
				description:
					'All fields of a document as one flat object with their confidences: ready for a spreadsheet row',
			},
			{
				name: 'Raw Response',
				value: 'raw',
				description: 'Baidu’s data exactly as received',
			},
		],
		default: 'field',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Concurrency',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 50 },
				default: 2,
				description:
					'How many requests may be in flight at once. Without this option: as many as Requests per Second (at most 10), enough to reach that rate when Baidu answers within a second. Each one holds its file (up to 4 MB) in memory.',
			},
			{
				displayName: 'Include Input Fields',
				name: 'includeInputFields',
				type: 'boolean',
				default: false,
				description:
					'Whether to copy the input item’s fields (e.g. an email’s subject and sender) into every output item',
			},
			{
				displayName: 'Max Retries',
				name: 'maxRetries',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 10 },
				default: 3,
				description:
					'How often a document is retried after a temporary failure (network, timeout, Baidu busy). Rate-limit answers are waited out and do not count.',
			},
			{
				displayName: 'Minimum Confidence',
				name: 'minConfidence',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
				default: 0.8,
				description:
					'Fields whose average confidence is below this get needsReview: true, and so does their document',
			},
			{
				displayName: 'Requests per Second',
				name: 'requestsPerSecond',
				type: 'number',
				typeOptions: { minValue: 0.1, maxValue: 1000, numberPrecision: 1 },
				default: 2,
				description:
					'At most this many requests per second for this node. The plan’s limit is set in the credential (Requests per Second (Plan QPS)) and shared by every workflow using it; a higher value here is capped to it. Without this option: the plan’s rate.',
			},
			{
				displayName: 'Route to Review Output',
				name: 'routeLowConfidence',
				type: 'boolean',
				default: false,
				description:
					'Whether to send items that need review (below Minimum Confidence, 0.8 if not set) to a second output, Review, e.g. for an approval step. Confident items go to the first output.',
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 600 },
				default: 30,
				description: 'How long to wait for one answer from Baidu before retrying',
			},
		],
	},
];
