import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { nodeProperties } from './description';
import { route } from './router';

export class BaiduIocr implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Baidu iOCR',
		name: 'baiduIocr',
		icon: { light: 'file:baiduIocr.svg', dark: 'file:baiduIocr.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ {"recognizeTemplate": "Recognize with Template", "recognizeClassifier": "Recognize with Classifier", "recognizeFinance": "Recognize Finance Document"}[$parameter["operation"]] }}',
		description:
			'Read fields from invoices, tickets, receipts and forms with Baidu iOCR custom templates and classifiers',
		defaults: { name: 'Baidu iOCR' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{ $parameter.options && $parameter.options.routeLowConfidence ? [{ "type": "${NodeConnectionTypes.Main}", "displayName": "Confident" }, { "type": "${NodeConnectionTypes.Main}", "displayName": "Review" }] : ["${NodeConnectionTypes.Main}"] }}`,
		credentials: [{ name: 'baiduIocrApi', required: true }],
		properties: nodeProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this);
	}
}
