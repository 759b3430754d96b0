import type { INodeProperties } from 'n8n-workflow';

export const templateSignProperty: INodeProperties = {
	displayName: 'Template ID',
	name: 'templateSign',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 1c65a67f151df56ba4e29c4dddace5ee',
	description:
		'The templateSign of a published template, shown in the Baidu iOCR console under My Templates',
};

export const recognizeTemplateProperties: INodeProperties[] = [
	{ ...templateSignProperty, displayOptions: { show: { operation: ['recognizeTemplate'] } } },
];
