import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialsExpressionResolveValues,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	Workflow,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ICredentialsHelper, isExpression } from 'n8n-workflow';
import { WhatsAppBusinessCloudApi } from '../../../credentials/WhatsAppBusinessCloudApi.credentials';
import { WhatsAppServiceAdminApi } from '../../../credentials/WhatsAppServiceAdminApi.credentials';
import { WhatsAppTenantApi } from '../../../credentials/WhatsAppTenantApi.credentials';

export const PACKAGE_CREDENTIAL_TYPES: ICredentialType[] = [new WhatsAppTenantApi(), new WhatsAppServiceAdminApi(), new WhatsAppBusinessCloudApi()];

/**
 * Credentials as n8n would hand them to our nodes: plain data per credential type, and the credential type's own
 * `authenticate` block applied to each request (expressions like `=Bearer {{$credentials.apiKey}}` resolved by the
 * workflow's expression engine), so tests exercise the real credential definitions.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	/** Every request the node authenticated, in order (url and headers after authentication). */
	readonly authenticated: Array<{ type: string; url: string; headers: Record<string, unknown> }> = [];

	constructor(
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
		private readonly types: ICredentialType[] = PACKAGE_CREDENTIAL_TYPES,
	) {
		super();
	}

	private typeOf(name: string): ICredentialType {
		const type = this.types.find((candidate) => candidate.name === name);
		if (!type) throw new Error(`Unknown credential type ${name}`);
		return type;
	}

	getParentTypes(name: string): string[] {
		return this.typeOf(name).extends ?? [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, typeName: string, requestOptions: IHttpRequestOptions | IRequestOptionsSimplified, workflow?: Workflow, node?: INode): Promise<IHttpRequestOptions> {
		const options = requestOptions as IHttpRequestOptions;
		const authenticate = this.typeOf(typeName).authenticate;
		if (typeof authenticate === 'function') return authenticate(credentials, options);
		if (authenticate?.type === 'generic') {
			if (!workflow || !node) throw new Error('Generic credential authentication needs the workflow and node');
			const resolve = (value: string) => (isExpression(value) ? String(workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '') ?? '') : value);
			for (const [target, entries] of Object.entries(authenticate.properties)) {
				const bucket = ((options as unknown as Record<string, Record<string, unknown>>)[target] ??= {});
				for (const [key, value] of Object.entries(entries as Record<string, string>)) bucket[resolve(key)] = resolve(value);
			}
		}
		this.authenticated.push({ type: typeName, url: `${options.baseURL ?? ''}${options.url}`, headers: { ...(options.headers ?? {}) } });
		return options;
	}

	async preAuthentication(_helpers: IHttpRequestHelper, _credentials: ICredentialDataDecryptedObject, _typeName: string, _node: INode, _credentialsExpired: boolean): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(_nodeCredentials: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		throw new Error(`getCredentials(${type}) is not used by the harness; nodes get decrypted data`);
	}

	async getDecrypted(_additionalData: IWorkflowExecuteAdditionalData, _nodeCredentials: INodeCredentialsDetails, type: string, _mode: WorkflowExecuteMode, _executeData?: unknown, _raw?: boolean, _expressionResolveValues?: ICredentialsExpressionResolveValues): Promise<ICredentialDataDecryptedObject> {
		const data = this.data[type];
		if (!data) throw new Error(`No test credentials of type ${type}`);
		return { ...data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.typeOf(type).properties;
	}
}
