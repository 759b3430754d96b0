import type { INodeProperties } from 'n8n-workflow';

export const classifierIdProperty: INodeProperties = {
	displayName: 'Classifier ID',
	name: 'classifierId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 1',
	description:
		'The ID of a trained classifier, shown in the Baidu iOCR console under Classifiers. The output names the template it chose and its score.',
};

export const recognizeClassifierProperties: INodeProperties[] = [
	{ ...classifierIdProperty, displayOptions: { show: { operation: ['recognizeClassifier'] } } },
];
