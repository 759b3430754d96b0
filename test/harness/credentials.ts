import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper, isExpression } from 'n8n-workflow';

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
 * It follows n8n 2.41's CredentialsHelper step by step, so the node meets the same behaviour
 * as in a real n8n; only the storage is a Map.
 */
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
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (authenticate?.type === 'generic') {
			if (!workflow || !node)
				throw new Error('workflow and node are required for generic authentication');
			requestOptions.headers ??= {};
			for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(outerValue as Record<string, string>)) {
					const resolve = (v: string) =>
						isExpression(v)
							? String(
									workflow.expression.getSimpleParameterValue(
										node,
										v,
										'internal',
										{ $credentials: credentials },
										undefined,
										'',
									) ?? '',
								)
							: v;
					requestOptions[outerKey] ??= {};
					requestOptions[outerKey][resolve(key)] = resolve(value);
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
			helpers,
			credentials,
		)) as ICredentialDataDecryptedObject;
		if (output[expirable.name] === undefined) return undefined;
		const nodeCredentials = node.credentials?.[type.name];
		if (nodeCredentials?.id) {
			const stored = this.stored(nodeCredentials.id);
			const toPersist = { ...stored };
			for (const [key, value] of Object.entries(output)) {
				if (key === expirable.name || !isExpression(stored[key])) toPersist[key] = value;
			}
			await this.updateCredentials(nodeCredentials, type.name, toPersist);
		}
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
				helpers,
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
			getData: () => ({ ...data }),
		} as unknown as ICredentials;
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.stored(nodeCredentials.id ?? '');
		const withDefaults: ICredentialDataDecryptedObject = {};
		for (const property of this.getCredentialsProperties(type)) {
			if (property.type === 'notice') continue;
			withDefaults[property.name] = (stored[property.name] ??
				property.default) as ICredentialDataDecryptedObject[string];
		}
		return { ...withDefaults, ...stored };
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
