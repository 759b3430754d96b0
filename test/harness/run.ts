import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	IRun,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import type { MemoryCredentialsHelper } from './credentials';
import { NODE_TYPE, nodeTypes, registerSource, type SourceItem } from './nodeTypes';

export const CREDENTIAL_ID = 'cred-baidu';
export const CREDENTIAL_NAME = 'Baidu iOCR account';

let executionCounter = 0;

export interface RunResult {
	run: IRun;
	/** Items the named node put on one of its outputs (first run of the node). */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
	/** The error the workflow stopped with, if any. */
	error?: IRun['data']['resultData']['error'];
	/** The run as n8n would store it: searched for secrets by the tests. */
	serialized: string;
}

function additionalDataFor(
	credentialsHelper: MemoryCredentialsHelper,
	workflowData: IWorkflowBase,
	executionId: string,
): IWorkflowExecuteAdditionalData {
	const unused = async () => {
		throw new Error('not available in the test harness');
	};
	return {
		credentialsHelper,
		hooks: new ExecutionLifecycleHooks('manual', executionId, workflowData),
		executionId,
		executeWorkflow: unused,
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: unused,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		formBaseUrl: 'http://localhost:5678/form',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		formTestBaseUrl: 'http://localhost:5678/form-test',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		mcpBaseUrl: 'http://localhost:5678/mcp',
		mcpTestBaseUrl: 'http://localhost:5678/mcp-test',
		variables: {},
		logAiEvent: () => undefined,
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** Runs a workflow in n8n-core's real engine (WorkflowExecute), in this process. */
export async function runWorkflow(options: {
	nodes: INode[];
	connections: IConnections;
	credentials: MemoryCredentialsHelper;
	startNode?: string;
}): Promise<RunResult> {
	const executionId = `exec-${++executionCounter}`;
	const workflowData: IWorkflowBase = {
		id: 'wf-test',
		name: 'Test workflow',
		active: false,
		isArchived: false,
		nodes: options.nodes,
		connections: options.connections,
		settings: { executionOrder: 'v1' },
		createdAt: new Date(0),
		updatedAt: new Date(0),
	} as IWorkflowBase;
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes: options.nodes,
		connections: options.connections,
		active: false,
		nodeTypes,
		settings: workflowData.settings,
	});
	const additionalData = additionalDataFor(options.credentials, workflowData, executionId);
	const execute = new WorkflowExecute(additionalData, 'manual');
	const startNode = workflow.getNode(options.startNode ?? options.nodes[0].name) ?? undefined;
	const run = await execute.run({ workflow, startNode });
	const runData = run.data.resultData.runData;
	return {
		run,
		error: run.data.resultData.error,
		output(nodeName, outputIndex = 0) {
			const task = runData[nodeName]?.[0];
			return task?.data?.main?.[outputIndex] ?? [];
		},
		serialized: JSON.stringify(run),
	};
}

/** The parameters of a Baidu iOCR node, with the credential attached. */
export function baiduNode(parameters: IDataObject, overrides: Partial<INode> = {}): INode {
	return {
		id: 'node-baidu',
		name: 'Baidu iOCR',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [200, 0],
		parameters: parameters as INode['parameters'],
		credentials: { baiduIocrApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } },
		...overrides,
	};
}

/** Source → Baidu iOCR (→ Collect on each output), the shape most tests use. */
export async function runBaidu(options: {
	items: SourceItem[];
	parameters: IDataObject;
	credentials: MemoryCredentialsHelper;
	nodeOverrides?: Partial<INode>;
	outputs?: number;
}): Promise<RunResult & { main: INodeExecutionData[][] }> {
	const key = registerSource(options.items);
	const source: INode = {
		id: 'node-source',
		name: 'Source',
		type: 'test.source',
		typeVersion: 1,
		position: [0, 0],
		parameters: { key },
	};
	const baidu = baiduNode(options.parameters, options.nodeOverrides);
	const result = await runWorkflow({
		nodes: [source, baidu],
		connections: { Source: { main: [[{ node: baidu.name, type: 'main', index: 0 }]] } },
		credentials: options.credentials,
	});
	const task = result.run.data.resultData.runData[baidu.name]?.[0];
	const main = (task?.data?.main ?? []).map((items) => items ?? []);
	return { ...result, main };
}
