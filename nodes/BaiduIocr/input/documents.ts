import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { DocumentRef, InputProblem, Operation, RecognitionTarget } from '../model';
import { checkUrl } from './check';
import { selectBinaryProperties } from './selection';

/** One document an item asks to recognise, before its file is read. */
export interface PlannedDocument {
	ref: DocumentRef;
	target?: RecognitionTarget;
	url?: string;
	/** A problem found before sending: the document is never sent. */
	problem?: InputProblem;
}

function emptyId(label: string, itemIndex: number): InputProblem {
	return {
		message: `The ${label} is empty`,
		description: `Enter the ${label} from the Baidu iOCR console. If it comes from an expression, check that the expression gives a value for item ${itemIndex}.`,
	};
}

/** Which endpoint and selector this item's documents go to; IDs are trimmed. */
function readTarget(
	fn: IExecuteFunctions,
	operation: Operation,
	itemIndex: number,
): RecognitionTarget | InputProblem {
	const id = (name: string) => String(fn.getNodeParameter(name, itemIndex, '') ?? '').trim();
	const edition = operation === 'recognizeFinance' ? 'finance' : 'general';
	let by = operation === 'recognizeClassifier' ? 'classifier' : 'template';
	if (operation === 'recognizeFinance')
		by = fn.getNodeParameter('financeMode', itemIndex, 'template') as string;
	if (by === 'detector') return { edition, detectorId: '0' };
	if (by === 'classifier') {
		const classifierId = id('classifierId');
		return classifierId ? { edition, classifierId } : emptyId('Classifier ID', itemIndex);
	}
	const templateSign = id('templateSign');
	return templateSign ? { edition, templateSign } : emptyId('Template ID', itemIndex);
}

/** Item → documents: which binary properties (or the URL) this item asks to recognise. */
export function documentsOf(
	fn: IExecuteFunctions,
	operation: Operation,
	inputType: 'binary' | 'url',
	item: INodeExecutionData,
	itemIndex: number,
): PlannedDocument[] {
	const read = readTarget(fn, operation, itemIndex);
	const target = 'edition' in read ? read : undefined;
	const targetProblem = 'edition' in read ? undefined : read;

	if (inputType === 'url') {
		const ref: DocumentRef = { itemIndex, documentIndex: 0, source: { url: '' } };
		const checked = checkUrl(String(fn.getNodeParameter('url', itemIndex, '') ?? ''));
		if ('url' in checked) ref.source.url = checked.url;
		return [
			{
				ref,
				target,
				url: 'url' in checked ? checked.url : undefined,
				problem: targetProblem ?? ('message' in checked ? checked : undefined),
			},
		];
	}

	const selectionMode = fn.getNodeParameter('binarySelection', itemIndex, 'named') as
		| 'named'
		| 'all';
	const names =
		selectionMode === 'named'
			? String(fn.getNodeParameter('binaryPropertyName', itemIndex, 'data'))
			: '';
	const available = Object.keys(item.binary ?? {});
	const selection = selectBinaryProperties(available, { mode: selectionMode, names });
	if ('problem' in selection) {
		return [
			{
				ref: { itemIndex, documentIndex: 0, source: { binaryProperty: names || '*' } },
				problem: selection.problem,
			},
		];
	}
	return selection.properties.map((binaryProperty, documentIndex) => {
		const binary = item.binary?.[binaryProperty];
		return {
			ref: {
				itemIndex,
				documentIndex,
				source: { binaryProperty, fileName: binary?.fileName, mimeType: binary?.mimeType },
			},
			target,
			problem: targetProblem,
		};
	});
}
