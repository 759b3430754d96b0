/**
 * Source → Baidu iOCR in n8n-core's WorkflowExecute, like the harness's runBaidu (same engine,
 * same credential store), with two additions the resilience tests and the benchmarks need:
 * - the engine's cancelable run, so a test can stop the execution the way n8n's "Stop" button
 *   does (PCancelable.cancel → the execution's abort signal);
 * - hooks around the Baidu iOCR node's own execute(), so a benchmark learns exactly when the
 *   node starts and ends (the Source node that stores the input files runs before it).
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import type { MemoryCredentialsHelper } from '../harness/credentials';
import {
	NODE_TYPE,
	nodeTypes as harnessTypes,
	registerSource,
	Source,
	type SourceItem,
} from '../harness/nodeTypes';
import { baiduNode } from '../harness/run';

export interface NodeHooks {
	/** Called as the node's execute() begins, after its input items exist. */
	onStart?: () => void;
	/** Called as it returns or throws. */
	onEnd?: () => void;
}

export interface EngineResult {
	/** undefined when the run was cancelled and the engine gave nothing back */
	run?: IRun;
	/** the node's own execute(), in ms */
	nodeMs: number;
	/** the whole engine run (the Source node storing the files included), in ms */
	engineMs: number;
	/** the node's outputs */
	main: INodeExecutionData[][];
	error?: Error;
}

export interface StartedRun {
	/** Settles when the engine has finished, cancelled or not. */
	done: Promise<EngineResult>;
	cancel(): void;
}

function typesWith(hooks: NodeHooks): INodeTypes {
	// The harness's instance: importing BaiduIocr.node here would find BaiduIocr.node.json
	// under tsx (see harness/nodeTypes).
	const inner = harnessTypes.getByName(NODE_TYPE) as INodeType;
	const wrapped: INodeType = {
		description: inner.description,
		async execute(this: IExecuteFunctions) {
			hooks.onStart?.();
			try {
				return await (inner.execute as NonNullable<INodeType['execute']>).call(this);
			} finally {
				hooks.onEnd?.();
			}
		},
	};
	const registry: Record<string, INodeType> = {
		[NODE_TYPE]: wrapped,
		'test.source': new Source(),
	};
	const find = (type: string) => {
		const found = registry[type];
		if (!found) throw new Error(`unknown node type ${type}`);
		return found;
	};
	return { getByName: find, getByNameAndVersion: find, getKnownTypes: () => ({}) };
}

let executions = 0;

export function startBaiduRun(options: {
	items: SourceItem[];
	parameters: IDataObject;
	credentials: MemoryCredentialsHelper;
	nodeOverrides?: Partial<INode>;
	hooks?: NodeHooks;
}): StartedRun {
	let startedAt = 0;
	let endedAt = 0;
	const nodeTypes = typesWith({
		onStart: () => {
			startedAt = performance.now();
			options.hooks?.onStart?.();
		},
		onEnd: () => {
			endedAt = performance.now();
			options.hooks?.onEnd?.();
		},
	});
	const executionId = `engine-${++executions}`;
	const source: INode = {
		id: 'node-source',
		name: 'Source',
		type: 'test.source',
		typeVersion: 1,
		position: [0, 0],
		parameters: { key: registerSource(options.items) },
	};
	const baidu = baiduNode(options.parameters, options.nodeOverrides);
	const nodes = [source, baidu];
	const connections = { Source: { main: [[{ node: baidu.name, type: 'main' as const, index: 0 }]] } };
	const settings = { executionOrder: 'v1' as const };
	const workflow = new Workflow({
		id: 'wf-engine',
		name: 'Engine test',
		nodes,
		connections,
		active: false,
		nodeTypes,
		settings,
	});
	const workflowData = {
		id: 'wf-engine',
		name: 'Engine test',
		active: false,
		isArchived: false,
		nodes,
		connections,
		settings,
		createdAt: new Date(0),
		updatedAt: new Date(0),
	};
	const additionalData = {
		credentialsHelper: options.credentials,
		hooks: new ExecutionLifecycleHooks('manual', executionId, workflowData as never),
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		variables: {},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => undefined,
	} as unknown as IWorkflowExecuteAdditionalData;
	const engineStart = performance.now();
	const running = new WorkflowExecute(additionalData, 'manual').run({
		workflow,
		startNode: workflow.getNode(source.name) ?? undefined,
	});
	const done = (async (): Promise<EngineResult> => {
		let run: IRun | undefined;
		try {
			run = await running;
		} catch {
			run = undefined;
		}
		const engineMs = performance.now() - engineStart;
		const task = run?.data.resultData.runData[baidu.name]?.[0];
		return {
			run,
			nodeMs: endedAt - startedAt,
			engineMs,
			main: (task?.data?.main ?? []).map((items) => items ?? []),
			error: run?.data.resultData.error,
		};
	})();
	return { done, cancel: () => running.cancel() };
}
