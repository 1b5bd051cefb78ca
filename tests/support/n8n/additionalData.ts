import './env';
import { ExecutionLifecycleHooks } from 'n8n-core';
import type { IWorkflowBase, IWorkflowExecuteAdditionalData, WorkflowExecuteMode } from 'n8n-workflow';
import type { TestCredentialsHelper } from './credentials';

/** Where the pretend n8n instance lives; webhook and resume URLs are built from it like n8n builds them. */
export const DEFAULT_N8N_BASE_URL = 'http://n8n.harness.invalid';

export interface AdditionalDataOptions {
	credentials: TestCredentialsHelper;
	executionId?: string;
	mode?: WorkflowExecuteMode;
	workflowData?: IWorkflowBase;
	/** The base URL of a running webhook receiver, when n8n must be reachable (triggers, send-and-wait). */
	baseUrl?: string;
	httpRequest?: unknown;
	httpResponse?: unknown;
}

function unsupported(name: string): () => never {
	return () => {
		throw new Error(`${name} is not available in the test harness`);
	};
}

/** What n8n passes to every node context: credentials, URLs and the execution's id and hooks. */
export function harnessAdditionalData(options: AdditionalDataOptions): IWorkflowExecuteAdditionalData {
	const baseUrl = options.baseUrl ?? DEFAULT_N8N_BASE_URL;
	const executionId = options.executionId ?? '1';
	const workflowData = options.workflowData ?? { id: 'wf', name: 'harness', nodes: [], connections: {}, active: false, activeVersionId: null, isArchived: false, createdAt: new Date(), updatedAt: new Date() };
	return {
		credentialsHelper: options.credentials,
		hooks: new ExecutionLifecycleHooks(options.mode ?? 'manual', executionId, workflowData),
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${baseUrl}/rest`,
		instanceBaseUrl: baseUrl,
		formBaseUrl: `${baseUrl}/form`,
		formTestBaseUrl: `${baseUrl}/form-test`,
		formWaitingBaseUrl: `${baseUrl}/form-waiting`,
		webhookBaseUrl: `${baseUrl}/webhook`,
		webhookTestBaseUrl: `${baseUrl}/webhook-test`,
		webhookWaitingBaseUrl: `${baseUrl}/webhook-waiting`,
		mcpBaseUrl: `${baseUrl}/mcp`,
		mcpTestBaseUrl: `${baseUrl}/mcp-test`,
		variables: {},
		logAiEvent: () => undefined,
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		executeWorkflow: unsupported('executeWorkflow'),
		startRunnerTask: unsupported('startRunnerTask'),
		...(options.httpRequest ? { httpRequest: options.httpRequest } : {}),
		...(options.httpResponse ? { httpResponse: options.httpResponse } : {}),
	} as unknown as IWorkflowExecuteAdditionalData;
}
