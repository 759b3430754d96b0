import { ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestRequest,
	INode,
	INodeType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { createEmptyRunExecutionData, Workflow } from 'n8n-workflow';

import { BaiduIocrApi } from '../../credentials/BaiduIocrApi.credentials';
import type { MemoryCredentialsHelper } from './credentials';
import { Collect } from './nodeTypes';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/**
 * Tests a credential the way n8n's "Test" button does (CredentialsTester.runRequestTest in
 * n8n 2.41): a temporary NoOp node whose one property routes the credential's test request,
 * run through n8n-core's own ExecuteContext and RoutingNode (which trigger preAuthentication),
 * then the test's `responseSuccessBody` rules on the answer.
 */
export async function testCredential(
	credentialsHelper: MemoryCredentialsHelper,
	credential: { id: string; name: string; data: ICredentialDataDecryptedObject },
): Promise<CredentialTestResult> {
	const type = new BaiduIocrApi();
	const testRequest = type.test as ICredentialTestRequest;
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		parameters: { temp: '' },
		credentials: { [type.name]: { id: credential.id, name: credential.name } },
	};
	const base = new Collect();
	const nodeType: INodeType = {
		description: {
			...base.description,
			name: 'n8n-nodes-base.noOp',
			credentials: [{ name: type.name, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
		},
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => nodeType,
			getByNameAndVersion: () => nodeType,
			getKnownTypes: () => ({}),
		},
	});
	const decrypted: ICredentialsDecrypted = {
		id: credential.id,
		name: credential.name,
		type: type.name,
		data: credential.data,
	};
	const additionalData = {
		credentialsHelper: new Proxy(credentialsHelper, {
			get(target, prop) {
				if (prop === 'getDecrypted') return async () => decrypted.data ?? {};
				const value = Reflect.get(target, prop) as unknown;
				return typeof value === 'function'
					? (value as (...a: unknown[]) => unknown).bind(target)
					: value;
			},
		}),
		currentNodeParameters: node.parameters,
		variables: {},
		restApiUrl: '',
		instanceBaseUrl: '',
	} as unknown as IWorkflowExecuteAdditionalData;
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createEmptyRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	let response: Awaited<ReturnType<RoutingNode['runNode']>>;
	try {
		response = await new RoutingNode(context, nodeType, decrypted).runNode();
	} catch (error) {
		return { status: 'Error', message: String((error as Error).message) };
	}
	const body = response?.[0]?.[0]?.json ?? {};
	for (const rule of testRequest.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const { key, value, message } = rule.properties;
			if ((body as Record<string, unknown>)[key] === value) return { status: 'Error', message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}
