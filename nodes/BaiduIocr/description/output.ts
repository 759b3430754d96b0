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
				displayName: 'Attach Review Picture',
				name: 'attachReviewPicture',
				type: 'boolean',
				default: false,
				description:
					'Whether to give each document’s items a picture of the page (binary property "review", PNG or SVG: see Review Picture Format) with every recognized field’s box, colored by confidence against Minimum Confidence and numbered as the items’ pictureNumber, for the person who checks the result. Combine Pages attaches one per page: review_p1, review_p2, and so on.',
			},
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
				displayName: 'Field Types',
				name: 'fieldTypes',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true, sortable: true },
				placeholder: 'Add Rule',
				default: {},
				description:
					'Read chosen fields as numbers, amounts or dates instead of text, e.g. for a spreadsheet. The first rule whose field name matches applies; fields without a rule stay text. A value that cannot be read as its type stays text and needs review. Not used by Raw Response.',
				options: [
					{
						displayName: 'Rule',
						name: 'rules',
						values: [
							{
								displayName: 'Date Format',
								name: 'dateFormat',
								type: 'options',
								displayOptions: { show: { type: ['date', 'dateTime'] } },
								options: [
									{
										name: 'Automatic (Year First)',
										value: 'auto',
										description:
											'2017-06-09, 2017/6/9, 2017.06.09, 2017年6月9日, 20170609; dates with the year last are not read',
									},
									{
										name: 'Custom Pattern',
										value: 'custom',
										description: 'Describe the layout with YYYY, MM, DD (and HH, mm, ss)',
									},
									{
										name: 'Day First (DD/MM/YYYY)',
										value: 'dayFirst',
										description:
											'06/09/2017 is 6 September 2017; year-first dates are read as well',
									},
									{
										name: 'Month First (MM/DD/YYYY)',
										value: 'monthFirst',
										description: '06/09/2017 is June 9, 2017; year-first dates are read as well',
									},
								],
								default: 'auto',
								description: 'How to read dates whose year comes last',
							},
							{
								displayName: 'Date Pattern',
								name: 'datePattern',
								type: 'string',
								displayOptions: { show: { type: ['date', 'dateTime'], dateFormat: ['custom'] } },
								default: '',
								placeholder: 'e.g. DD.MM.YYYY',
								description:
									'YYYY, MM, DD, HH, mm, ss stand for the numbers; /, - and . for any of the three; anything else for itself. Year-first dates are read as well.',
							},
							{
								displayName: 'Field Name',
								name: 'field',
								type: 'string',
								default: '',
								placeholder: 'e.g. *金额*',
								description:
									'The field’s name as set in the Baidu template, or a pattern where * stands for any characters',
							},
							{
								displayName: 'Type',
								name: 'type',
								type: 'options',
								options: [
									{
										name: 'Amount',
										value: 'amount',
										description:
											'Money in yuan as a number: ¥1,130.00, 54.50元, RMB 20, 壹仟贰佰叁拾肆元伍角陆分',
									},
									{
										name: 'Date',
										value: 'date',
										description: 'An ISO date: 2017年06月09日 → 2017-06-09',
									},
									{
										name: 'Date and Time',
										value: 'dateTime',
										description:
											'An ISO date and time, without a time zone: 2017-06-09 21:07 → 2017-06-09T21:07',
									},
									{
										name: 'Number',
										value: 'number',
										description: 'A number: 1,234.5, －3, 12% (→ 0.12), 一千二百',
									},
									{
										name: 'Text',
										value: 'text',
										description:
											'Keep as read, e.g. to keep one field out of a wider pattern in a later rule',
									},
								],
								default: 'amount',
							},
						],
					},
				],
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
				displayName: 'Review Picture Format',
				name: 'reviewPictureFormat',
				type: 'options',
				displayOptions: { show: { attachReviewPicture: [true] } },
				options: [
					{
						name: 'PNG',
						value: 'png',
						description:
							'Opens in n8n’s binary viewer and in every mail client; boxes are numbered as the items’ pictureNumber',
					},
					{
						name: 'SVG',
						value: 'svg',
						description:
							'Labels with field names, values and confidences; opens in a browser, Download in n8n',
					},
				],
				default: 'png',
				description: 'The file type of the review picture (Attach Review Picture)',
			},
			{
				displayName: 'Route to Review Output',
				name: 'routeLowConfidence',
				type: 'boolean',
				default: false,
				description:
					'Whether to send items that need review (below Minimum Confidence, 0.8 if not set, or with a value that does not read as its Field Type) to a second output, Review, e.g. for an approval step. Confident items go to the first output.',
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
