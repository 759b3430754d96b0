import type { INodeProperties } from 'n8n-workflow';

import { classifierIdProperty } from './recognizeClassifier';
import { templateSignProperty } from './recognizeTemplate';

export const recognizeFinanceProperties: INodeProperties[] = [
	{
		displayName: 'Recognize By',
		name: 'financeMode',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { operation: ['recognizeFinance'] } },
		options: [
			{
				name: 'Template',
				value: 'template',
				description: 'Use one finance template',
			},
			{
				name: 'Classifier',
				value: 'classifier',
				description: 'Let a finance classifier pick the template',
			},
			{
				name: 'Mixed Receipts on One Sheet',
				value: 'detector',
				description:
					'Find every receipt on the page and read each with its own template (one document per receipt)',
			},
		],
		default: 'template',
	},
	{
		...templateSignProperty,
		displayOptions: { show: { operation: ['recognizeFinance'], financeMode: ['template'] } },
	},
	{
		...classifierIdProperty,
		displayOptions: { show: { operation: ['recognizeFinance'], financeMode: ['classifier'] } },
	},
];
