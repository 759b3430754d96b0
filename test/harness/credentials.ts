import { getAdditionalKeys } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialsExpressionResolveValues,
	ICredentialType,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	INodeType,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	getCredentialOwnRequestAllowedDomains,
	ICredentialsHelper,
	isExpression,
	NodeHelpers,
	UserError,
	Workflow,
} from 'n8n-workflow';

export interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

/**
 * n8n's credentials helper, kept in memory: what n8n's CLI does with its database (read the
 * stored data, apply property defaults, run the credential type's preAuthentication when the
 * expirable field is empty or expired and persist the result, apply generic authentication).
 * Only the storage is a Map (decrypted data instead of an encrypted database row).
 *
 * Why it matches n8n 2.41, method by method, compared with the published n8n 2.41.1
 * (`n8n/dist/credentials-helper.js`, class CredentialsHelper; source
 * packages/cli/src/credentials-helper.ts) and its caller in n8n-core 2.41.1
 * (`httpRequestWithAuthentication` in execution-engine/.../request-helpers/authentication.js):
 *
 * authenticate(credentials, typeName, requestOptions, workflow, node)
 *   n8n: a function `authenticate` is called with (credentials, requestOptions) and its result
 *   returned; an object one needs workflow and node (else UnexpectedError), sets `headers ??= {}`,
 *   and for type 'generic' resolves each key and value of each outer key (qs, headers, body,
 *   auth) with `resolveValue`: not an expression → as is; else
 *   `workflow.expression.getSimpleParameterValue(node, v, 'internal', {$credentials}, undefined, '')`,
 *   '' when falsy, else `.toString()`; `requestOptions[outer] ??= {}`, then assigned.
 *   Here: the same steps in the same order (`resolveValue` below is n8n's, falsy → '').
 *   Baidu's credential: qs.access_token = '={{$credentials.accessToken}}'.
 *
 * preAuthentication(helpers, credentials, typeName, node, credentialsExpired)
 *   n8n: no hidden `expirable` property → undefined. isTestingCredentials = node.parameters.temp
 *   === '' and node.type 'n8n-nodes-base.noOp' (the Test button's temporary node). If the type
 *   has a preAuthentication function and (the expirable field === '' or credentialsExpired or
 *   testing): output = preAuthentication.call(restrictToCredentialDomains(helpers, credentials),
 *   credentials), where the `this` offers ONLY `helpers.httpRequest` (with the credential's own
 *   allowed domains, none for this credential). output[expirable] undefined → undefined. Then,
 *   only if `node.credentials` exists: the STORED data (getCredentials(...).getData(), not the
 *   credentials passed in, which may be resolved or, for the node's renewal, carry an emptied
 *   token) gets every output key, except keys whose stored value is an expression (the expirable
 *   one is always written); updateCredentials writes it; returns Object.assign(credentials,
 *   output). Otherwise undefined.
 *   Here: the same conditions, the same restricted `this`, the same merge into the stored data,
 *   one entry in `writes` per database update.
 *   n8n-core calls it before every request with credentialsExpired=false (so only an empty token
 *   triggers it), and again with true only on HTTP 401 (or preAuthenticationRetryStatusCode).
 *   Baidu answers a dead token with HTTP 200 + error 110/111, so the node passes
 *   `credentialsDecrypted` with an emptied token instead: n8n-core then uses that data as is
 *   (it does not call getDecrypted) and this method exchanges and persists. That caller is
 *   n8n-core's own code in every engine test here; only this class is ours.
 *
 * runPreAuthentication: OAuth2 only in n8n-core (requestOAuth2); same code, unused here.
 *
 * getParentTypes: n8n asks CredentialTypes, which answers the `extends` chain; this credential
 *   extends nothing, so [] in both (no OAuth path).
 *
 * getCredentials(nodeCredential, type): n8n loads the row (missing id → CredentialMissingIdError,
 *   unknown → CredentialNotFoundError, usageScope other than 'project' refused) and returns a
 *   Credentials whose getData() decrypts the stored object. Here: the stored object (unknown id
 *   → an error), getData() a copy.
 *
 * getDecrypted(additionalData, nodeCredentials, type, mode, executeData, raw, resolveValues)
 *   n8n: decrypt; dynamic (per-user) credential resolution, skipped for a credential that is not
 *   `isResolvable` (a plain imported or UI-created one is not); raw → that data; external-secrets
 *   provider keys (licensed feature) noted; applyDefaultsAndOverwrites: drop OAUTH_PINNED_FIELDS
 *   (OAuth names, none here), apply CredentialsOverwrites (none configured), then
 *   NodeHelpers.getNodeParameters(properties, data, true, false, null, null) (defaults filled in,
 *   the notice's '' included, keys no property declares dropped), then expressions resolved:
 *   with resolve values through the run's workflow.expression.getParameterValue(...), else in a
 *   mock workflow through getComplexParameterValue(...), with getAdditionalKeys(additionalData,
 *   mode, null, { isCredential: true }).
 *   Here: the same defaults (the same getNodeParameters call) and the same expression
 *   resolution; no dynamic credentials, overwrites, external secrets or encryption, none of which
 *   this package's credential or its tests use.
 *
 * updateCredentials: n8n encrypts `data` and updates the row; here the Map, plus `writes`.
 * updateCredentialsOauthTokenData: OAuth only. isCredentialUsableByNode: n8n says false only for
 *   a type with restrictToSupportedNodes, which this one does not set. getCredentialsProperties:
 *   the type's own properties in both (no `extends`, not oAuth1Api/oAuth2Api).
 *
 * Pinned by test/credentials/parity.test.ts (what is written back, the Test button's exchange
 * with a stored token, expression-valued keys) and token.test.ts / renewalRace.test.ts.
 */
/** n8n's `resolveValue`: an expression through the workflow's expression engine, '' when falsy. */
function resolveValue(
	value: string,
	credentials: ICredentialDataDecryptedObject,
	workflow: Workflow,
	node: INode,
): string {
	if (!isExpression(value)) return value;
	const resolved = workflow.expression.getSimpleParameterValue(
		node,
		value,
		'internal',
		{ $credentials: credentials },
		undefined,
		'',
	);
	if (!resolved) return '';
	return resolved.toString();
}

/** n8n's `restrictToCredentialDomains`: preAuthentication's `this` offers only httpRequest. */
function restrictToCredentialDomains(
	helpers: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): IHttpRequestHelper {
	return {
		helpers: {
			httpRequest: async (requestOptions: IHttpRequestOptions): Promise<unknown> => {
				const allowedDomains = getCredentialOwnRequestAllowedDomains(credentials);
				if (allowedDomains === undefined) return await helpers.helpers.httpRequest(requestOptions);
				if (requestOptions.allowedDomains !== undefined) {
					throw new UserError(
						'This credential restricts requests to specific domains, which cannot be combined with the domains its authentication step asks for.',
					);
				}
				return await helpers.helpers.httpRequest({ ...requestOptions, allowedDomains });
			},
		},
	};
}

/** n8n's mock node and node types for resolving credential expressions outside a run. */
const MOCK_NODE: INode = {
	id: 'mock',
	name: '',
	typeVersion: 1,
	type: 'mock',
	position: [0, 0],
	parameters: {},
};
const MOCK_NODE_TYPE: INodeType = {
	description: {
		displayName: 'Mock',
		name: 'mock',
		group: [],
		version: 1,
		description: '',
		defaults: {},
		inputs: [],
		outputs: [],
		properties: [],
	},
};
const MOCK_NODE_TYPES = {
	getByName: () => MOCK_NODE_TYPE,
	getByNameAndVersion: () => MOCK_NODE_TYPE,
	getKnownTypes: () => ({}),
};

export class MemoryCredentialsHelper extends ICredentialsHelper {
	private readonly store = new Map<string, StoredCredential>();

	/** Every write n8n would make to the credentials table (token renewals). */
	readonly writes: Array<{ id: string; data: ICredentialDataDecryptedObject }> = [];

	constructor(private readonly types: Record<string, ICredentialType>) {
		super();
	}

	add(credential: StoredCredential): this {
		this.store.set(credential.id, { ...credential, data: { ...credential.data } });
		return this;
	}

	/** The stored data of a credential, as n8n's database would hold it (decrypted). */
	stored(id: string): ICredentialDataDecryptedObject {
		const credential = this.store.get(id);
		if (!credential) throw new Error(`no credential ${id}`);
		return { ...credential.data };
	}

	setStored(id: string, data: ICredentialDataDecryptedObject): void {
		const credential = this.store.get(id);
		if (!credential) throw new Error(`no credential ${id}`);
		credential.data = { ...data };
	}

	private type(name: string): ICredentialType {
		const type = this.types[name];
		if (!type) throw new Error(`unknown credential type ${name}`);
		return type;
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incoming: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incoming as IHttpRequestOptions &
			Record<string, Record<string, unknown>>;
		const { authenticate } = this.type(typeName);
		if (!authenticate) return requestOptions;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (!workflow || !node)
			throw new Error('Workflow and node are required for declarative credential authentication');
		requestOptions.headers ??= {};
		if (authenticate.type === 'generic') {
			for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(outerValue as Record<string, string>)) {
					const keyResolved = resolveValue(key, credentials, workflow, node);
					const valueResolved = resolveValue(value, credentials, workflow, node);
					requestOptions[outerKey] ??= {};
					requestOptions[outerKey][keyResolved] = valueResolved;
				}
			}
		}
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		const expirable = type.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		const isTestingCredentials =
			node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (credentials[expirable.name] !== '' && !credentialsExpired && !isTestingCredentials)
			return undefined;
		const output = (await type.preAuthentication.call(
			restrictToCredentialDomains(helpers, credentials),
			credentials,
		)) as ICredentialDataDecryptedObject;
		if (output[expirable.name] === undefined) return undefined;
		if (!node.credentials) return undefined;
		const nodeCredentials = node.credentials[type.name];
		const stored = await (await this.getCredentials(nodeCredentials, type.name)).getData();
		const toPersist = { ...stored };
		for (const [key, value] of Object.entries(output)) {
			if (key === expirable.name || !isExpression(stored[key])) toPersist[key] = value;
		}
		await this.updateCredentials(nodeCredentials, type.name, toPersist);
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		return (
			((await type.preAuthentication.call(
				restrictToCredentialDomains(helpers, credentials),
				credentials,
			)) as ICredentialDataDecryptedObject) ?? undefined
		);
	}

	async getCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentials> {
		const data = this.stored(nodeCredentials.id ?? '');
		return {
			id: nodeCredentials.id ?? '',
			name: nodeCredentials.name,
			type,
			getData: async () => ({ ...data }),
		} as unknown as ICredentials;
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.stored(nodeCredentials.id ?? '');
		if (raw === true) return stored;
		let data = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			stored as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });
		if (expressionResolveValues) {
			const { workflow, runExecutionData, runIndex, itemIndex, node, connectionInputData } =
				expressionResolveValues;
			try {
				data = workflow.expression.getParameterValue(
					data as INodeParameters,
					runExecutionData,
					runIndex,
					itemIndex,
					node.name,
					connectionInputData,
					mode,
					additionalKeys,
					executeData,
					false,
					data,
				) as ICredentialDataDecryptedObject;
			} catch (error) {
				(error as Error).message += ' [Error resolving credentials]';
				throw error;
			}
		} else {
			const workflow = new Workflow({
				nodes: [MOCK_NODE],
				connections: {},
				active: false,
				nodeTypes: MOCK_NODE_TYPES,
			});
			const acquired = await workflow.expression.acquireIsolate();
			try {
				data = workflow.expression.getComplexParameterValue(
					MOCK_NODE,
					data as INodeParameters,
					mode,
					additionalKeys,
					undefined,
					undefined,
					data,
				) as ICredentialDataDecryptedObject;
			} finally {
				if (acquired) await workflow.expression.releaseIsolate();
			}
		}
		return data;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const id = nodeCredentials.id ?? '';
		this.setStored(id, data);
		this.writes.push({ id, data: { ...data } });
	}

	async updateCredentialsOauthTokenData(): Promise<void> {
		throw new Error('OAuth is not used by this package');
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.type(type).properties;
	}
}
