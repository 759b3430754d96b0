import type { INodeProperties } from 'n8n-workflow';

/** Which pages of a PDF are sent: Baidu iOCR reads only page 1, so the node cuts each page out. */
export const pdfProperties: INodeProperties[] = [
	{
		displayName: 'PDF Pages',
		name: 'pdfPages',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { inputType: ['binary'] } },
		options: [
			{
				name: 'All Pages',
				value: 'all',
				description:
					'Every page is cut out and recognised on its own (Baidu iOCR reads only page 1 of a PDF)',
			},
			{
				name: 'First Page Only',
				value: 'first',
				description: 'The file is sent as it is and Baidu iOCR reads its page 1',
			},
			{
				name: 'Page Range',
				value: 'range',
				description: 'The pages listed below, e.g. 1-3, 5',
			},
		],
		default: 'all',
		description:
			'Which pages of a PDF file to recognise. Baidu iOCR reads only page 1 of a PDF, so each page is cut out and sent on its own: one request and one document per page.',
	},
	{
		displayName: 'Page Range',
		name: 'pdfPageRange',
		type: 'string',
		default: '1',
		required: true,
		displayOptions: { show: { inputType: ['binary'], pdfPages: ['range'] } },
		placeholder: 'e.g. 1-3, 5, -1',
		description:
			'Pages and ranges separated by commas, counted from 1. Negative numbers count from the end: -1 is the last page, 2--1 is page 2 to the last.',
	},
	{
		displayName: 'Max Pages per File',
		name: 'maxPdfPages',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		displayOptions: { show: { inputType: ['binary'], pdfPages: ['all', 'range'] } },
		description:
			'At most this many pages of one PDF are sent (each page is a billed request); the pages beyond are not sent and the output says so',
	},
	{
		displayName: 'Combine Pages',
		name: 'combinePages',
		type: 'boolean',
		default: false,
		displayOptions: {
			show: { inputType: ['binary'], pdfPages: ['all', 'range'], output: ['document'] },
		},
		description:
			'Whether to give one item per PDF file (a spreadsheet row) instead of one per page: fields of all pages, a field found on several pages becomes a list, and "pages" says which page each value came from',
	},
];
