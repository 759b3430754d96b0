import type { INodeProperties } from 'n8n-workflow';

import { inputProperties } from './input';
import { operationProperty } from './operation';
import { outputProperties } from './output';
import { pdfProperties } from './pdf';
import { recognizeClassifierProperties } from './recognizeClassifier';
import { recognizeFinanceProperties } from './recognizeFinance';
import { recognizeTemplateProperties } from './recognizeTemplate';

/** Everything the user sees in the node's panel, in the order they see it. */
export const nodeProperties: INodeProperties[] = [
	operationProperty,
	...recognizeTemplateProperties,
	...recognizeClassifierProperties,
	...recognizeFinanceProperties,
	...inputProperties,
	...pdfProperties,
	...outputProperties,
];
