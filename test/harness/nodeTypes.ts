import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { join } from 'node:path';

// `BaiduIocr.node` has a `BaiduIocr.node.json` (the codex) beside it, which Node's resolver
// would pick for the extension-less path under tsx: name the TypeScript file explicitly.
const { BaiduIocr } = require(
	join(__dirname, '..', '..', 'nodes', 'BaiduIocr', 'BaiduIocr.node.ts'),
) as typeof import('../../nodes/BaiduIocr/BaiduIocr.node');

/** A file an input item carries, before n8n stores it as binary data. */
export interface SourceFile {
	bytes: Buffer;
	fileName?: string;
	mimeType?: string;
}

export interface SourceItem {
	json: IDataObject;
	binary?: Record<string, SourceFile>;
}

const sources = new Map<string, SourceItem[]>();
let sourceCounter = 0;

/** Registers the items a Source node emits; returns the key to put in its parameters. */
export function registerSource(items: SourceItem[]): string {
	const key = `source-${++sourceCounter}`;
	sources.set(key, items);
	return key;
}

/**
 * The start node of test workflows: emits registered items and stores their files through
 * n8n's own `prepareBinaryData`, as a Read Files or an email trigger node would.
 */
export class Source implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Source',
		name: 'test.source',
		group: ['input'],
		version: 1,
		description: 'Emits registered test items',
		defaults: { name: 'Source' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Key', name: 'key', type: 'string', default: '' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const key = this.getNodeParameter('key', 0) as string;
		const items = sources.get(key) ?? [];
		const out: INodeExecutionData[] = [];
		for (const item of items) {
			const entry: INodeExecutionData = { json: { ...item.json } };
			if (item.binary) {
				entry.binary = {};
				for (const [name, file] of Object.entries(item.binary)) {
					entry.binary[name] = await this.helpers.prepareBinaryData(
						file.bytes,
						file.fileName,
						file.mimeType,
					);
				}
			}
			out.push(entry);
		}
		return [out];
	}
}

/** A pass-through node to see what reaches the next step (e.g. an approval step). */
export class Collect implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Collect',
		name: 'test.collect',
		group: ['transform'],
		version: 1,
		description: 'Passes items through',
		defaults: { name: 'Collect' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

export const NODE_TYPE = 'n8n-nodes-baidu-iocr.baiduIocr';

const registry: Record<string, INodeType | IVersionedNodeType> = {
	[NODE_TYPE]: new BaiduIocr(),
	'test.source': new Source(),
	'test.collect': new Collect(),
};

export const nodeTypes: INodeTypes = {
	getByName: (type) => {
		const found = registry[type];
		if (!found) throw new Error(`unknown node type ${type}`);
		return found;
	},
	getByNameAndVersion: (type) => {
		const found = registry[type];
		if (!found) throw new Error(`unknown node type ${type}`);
		return found as INodeType;
	},
	getKnownTypes: () => ({}),
};
