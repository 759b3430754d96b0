import type { INodeProperties } from 'n8n-workflow';

export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Recognize with Template',
			value: 'recognizeTemplate',
			description: 'Read a document with the template you set up in the iOCR console',
			action: 'Recognize a document with a template',
		},
		{
			name: 'Recognize with Classifier',
			value: 'recognizeClassifier',
			description: 'Let a classifier pick the matching template, then read the document',
			action: 'Recognize a document with a classifier',
		},
		{
			name: 'Recognize Finance Document',
			value: 'recognizeFinance',
			description:
				'Read invoices and receipts with the finance edition: by template, by classifier, or find several receipts on one sheet',
			action: 'Recognize a finance document',
		},
	],
	default: 'recognizeTemplate',
};
