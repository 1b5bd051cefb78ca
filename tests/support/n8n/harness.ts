import './env';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ExecuteContext, HookContext, LoadOptionsContext, validateUrlSignature, WAITING_TOKEN_QUERY_PARAM, WebhookContext, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	INode,
	INodeExecutionData,
	INodeType,
	IRunExecutionData,
	IWebhookData,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
	Workflow,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, SEND_AND_WAIT_OPERATION } from 'n8n-workflow';
import { harnessAdditionalData, DEFAULT_N8N_BASE_URL } from './additionalData';
import { TestCredentialsHelper } from './credentials';
import { ensureBinaryData, hmacSignatureSecret } from './di';
import { RecordingResponse, webhookRequest, type WebhookRequest } from './expressLike';
import { PACKAGE_PREFIX } from './nodeTypes';
import { buildWorkflow, chain, fullType, manualStart, toNode, type NodeSpec } from './workflow';
import { WorkflowRun } from './workflowRun';

export interface HarnessOptions {
	/** Test credentials by credential type, e.g. { whatsAppTenantApi: { serviceUrl, apiKey } }. */
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** Listen on 127.0.0.1 so services can call webhooks and resume URLs (default true). */
	listen?: boolean;
}

export interface WebhookAnswer {
	status: number;
	body: unknown;
}

/** What the pretend n8n answered a delivery with, and the execution it started (if any). */
export interface Delivery {
	request: WebhookRequest;
	answer: WebhookAnswer;
	run?: WorkflowRun;
}

type Waiter<T> = { predicate: (value: T) => boolean; resolve: (value: T) => void };

/** Resolves when a matching value is (or was already) pushed; rejects after a timeout. */
class Stream<T> {
	readonly values: T[] = [];
	private waiters: Array<Waiter<T>> = [];

	push(value: T): void {
		this.values.push(value);
		for (const waiter of [...this.waiters]) {
			if (waiter.predicate(value)) {
				this.waiters = this.waiters.filter((candidate) => candidate !== waiter);
				waiter.resolve(value);
			}
		}
	}

	next(predicate: (value: T) => boolean = () => true, timeoutMs = 15_000, after = 0): Promise<T> {
		const existing = this.values.slice(after).find(predicate);
		if (existing) return Promise.resolve(existing);
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				this.waiters = this.waiters.filter((candidate) => candidate.resolve !== done);
				reject(new Error(`nothing arrived within ${timeoutMs} ms`));
			}, timeoutMs);
			const done = (value: T) => {
				clearTimeout(timer);
				resolve(value);
			};
			this.waiters.push({ predicate, resolve: done });
		});
	}
}

/** An activated trigger: its webhook URL, the deliveries it received and the executions they started. */
export interface ActiveTrigger {
	workflow: Workflow;
	node: INode;
	webhookUrl: string;
	mode: 'test' | 'production';
	deliveries: Delivery[];
	/** The next delivery (after the ones already seen when called, unless `fromStart`). */
	nextDelivery(options?: { timeoutMs?: number; fromStart?: boolean; predicate?: (delivery: Delivery) => boolean }): Promise<Delivery>;
	/** The next delivery that started an execution. */
	nextExecution(options?: { timeoutMs?: number; fromStart?: boolean }): Promise<WorkflowRun>;
	/** Runs the node's checkExists again, as n8n does on restart. */
	checkExists(): Promise<boolean>;
	deactivate(): Promise<void>;
	staticData(): IDataObject;
}

interface RegisteredTrigger {
	trigger: ActiveTrigger;
	deliveries: Stream<Delivery>;
	mode: WorkflowExecuteMode;
}

/**
 * A pretend n8n for our nodes, built on n8n-core's real execution engine and node contexts (MIT; n8n's own test
 * harness has another licence). It runs workflows (WorkflowExecute), activates triggers through their webhook
 * lifecycle, and listens on a local port like n8n's webhook endpoints: production and test trigger URLs, and
 * waiting-execution resume URLs whose signature it checks as n8n does.
 */
export class N8nHarness {
	readonly credentials: TestCredentialsHelper;
	private server: http.Server | undefined;
	private nextExecutionId = 1000;
	/** Random per harness: several harnesses against one service must not derive the same idempotency keys. */
	readonly workflowId = `wf-${randomBytes(6).toString('hex')}`;
	private readonly triggers = new Map<string, RegisteredTrigger>();
	private readonly waiting = new Map<string, WorkflowRun>();
	private readonly resumptions = new Stream<WorkflowRun>();
	readonly waitingDeliveries: Delivery[] = [];

	private constructor(
		options: HarnessOptions,
		readonly baseUrl: string,
	) {
		this.credentials = new TestCredentialsHelper(options.credentials);
	}

	static async start(options: HarnessOptions): Promise<N8nHarness> {
		await ensureBinaryData();
		if (options.listen === false) return new N8nHarness(options, DEFAULT_N8N_BASE_URL);
		const server = http.createServer();
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const harness = new N8nHarness(options, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
		harness.server = server;
		server.on('request', (request, response) => void harness.serve(request, response));
		return harness;
	}

	async close(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server?.close(() => resolve()));
	}

	private newExecutionId(): string {
		return String(this.nextExecutionId++);
	}

	private additionalData(executionId: string, mode: WorkflowExecuteMode, extra: { httpRequest?: unknown; httpResponse?: unknown } = {}) {
		return harnessAdditionalData({ credentials: this.credentials, executionId, mode, baseUrl: this.baseUrl, ...extra });
	}

	// ---- running workflows -------------------------------------------------------------------------------

	/**
	 * Runs Manual Trigger ("Start", emitting `items`) → the given nodes, chained, as a manual execution. Nodes of
	 * our package get the test credentials they declare unless `credentials` is given.
	 */
	async run(nodes: NodeSpec[], options: { items?: IDataObject[]; executionId?: string } = {}): Promise<WorkflowRun> {
		const specs = [manualStart(options.items), ...nodes.map((node) => (fullType(node.type).startsWith(PACKAGE_PREFIX) ? { credentials: ['whatsAppTenantApi'], ...node } : node))];
		const { workflow } = buildWorkflow({ id: this.workflowId, nodes: specs, connections: chain(specs.map((spec) => spec.name)) });
		const executionId = options.executionId ?? this.newExecutionId();
		const execute = new WorkflowExecute(this.additionalData(executionId, 'manual'), 'manual');
		const run = new WorkflowRun(workflow, await execute.run({ workflow, startNode: workflow.getNode('Start') as INode }), executionId);
		if (run.status === 'waiting') this.waiting.set(executionId, run);
		return run;
	}

	/** The run that took up a waiting execution again (after a resume URL was called or it timed out). */
	nextResumption(executionId: string, timeoutMs = 15_000): Promise<WorkflowRun> {
		return this.resumptions.next((run) => run.executionId === executionId, timeoutMs);
	}

	/** What n8n does when a waiting execution's time is up: the waiting node passes its input on, and the rest runs. */
	async resumeAfterTimeout(waiting: WorkflowRun): Promise<WorkflowRun> {
		const data = structuredClone(waiting.run.data) as IRunExecutionData;
		const execute = new WorkflowExecute(this.additionalData(waiting.executionId, 'manual'), 'manual', data);
		const run = new WorkflowRun(waiting.workflow, await execute.processRunExecutionData(waiting.workflow), waiting.executionId);
		this.settle(run);
		return run;
	}

	/** Delivers a request to a waiting execution's resume URL as if it came over HTTP (no signature check). */
	async callResumeUrl(waiting: WorkflowRun, request: WebhookRequest): Promise<Delivery> {
		return this.resumeWaiting(waiting, request);
	}

	private settle(run: WorkflowRun): void {
		if (run.status === 'waiting') this.waiting.set(run.executionId, run);
		else this.waiting.delete(run.executionId);
		this.resumptions.push(run);
	}

	private async resumeWaiting(waiting: WorkflowRun, request: WebhookRequest): Promise<Delivery> {
		const data = structuredClone(waiting.run.data) as IRunExecutionData;
		const entry = data.executionData?.nodeExecutionStack[0];
		const lastNode = data.resultData.lastNodeExecuted;
		if (!entry || !lastNode) throw new Error('The execution is not waiting on a node');
		// As n8n: the waiting node is disabled (it will pass the webhook's items on), its waiting run is dropped.
		entry.node.disabled = true;
		data.waitTill = undefined;
		data.resultData.runData[lastNode]?.pop();
		const node = waiting.workflow.getNode(lastNode) as INode;
		const nodeType = waiting.workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion) as INodeType;
		const description = (nodeType.description.webhooks ?? []).find((webhook) => webhook.restartWebhook === true && webhook.httpMethod === request.method);
		if (!description || !nodeType.webhook) return { request, answer: { status: 404, body: { error: 'no waiting webhook for this method' } } };
		const response = new RecordingResponse();
		const additionalData = this.additionalData(waiting.executionId, 'manual', { httpRequest: request, httpResponse: response });
		const context = new WebhookContext(waiting.workflow, node, additionalData, 'manual', this.webhookData(node, description, waiting.workflow, false), [], data);
		const result = await nodeType.webhook.call(context as unknown as IWebhookFunctions);
		const answer = answerOf(result, response);
		if (!result.workflowData) return { request, answer };
		entry.data.main = result.workflowData;
		const execute = new WorkflowExecute(additionalData, 'manual', data);
		const run = new WorkflowRun(waiting.workflow, await execute.processRunExecutionData(waiting.workflow), waiting.executionId);
		this.settle(run);
		return { request, answer, run };
	}

	// ---- triggers ----------------------------------------------------------------------------------------

	/**
	 * Activates a trigger node as n8n does (checkExists, then create if needed) in production or test mode,
	 * followed by `downstream` nodes. Deliveries to its URL run its webhook() and, when it emits items, the workflow.
	 */
	async activateTrigger(spec: NodeSpec, options: { test?: boolean; downstream?: NodeSpec[]; staticData?: IDataObject } = {}): Promise<ActiveTrigger> {
		const triggerSpec: NodeSpec = { credentials: ['whatsAppTenantApi'], webhookId: `hook-${this.nextExecutionId++}`, ...spec };
		const specs = [triggerSpec, ...(options.downstream ?? [])];
		const { workflow } = buildWorkflow({ id: `${this.workflowId}-${triggerSpec.webhookId}`, name: `Trigger ${triggerSpec.name}`, nodes: specs, staticData: options.staticData });
		const node = workflow.getNode(triggerSpec.name) as INode;
		const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion) as INodeType;
		const description = nodeType.description.webhooks?.find((webhook) => webhook.name === 'default');
		if (!description || !nodeType.webhookMethods?.default) throw new Error(`${spec.name} has no default webhook lifecycle`);
		const isTest = options.test === true;
		const mode: WorkflowExecuteMode = isTest ? 'manual' : 'trigger';
		const hooks = nodeType.webhookMethods.default;
		const hookContext = () => new HookContext(workflow, node, this.additionalData('activation', mode), mode, isTest ? 'manual' : 'activate', this.webhookData(node, description, workflow, isTest)) as unknown as IHookFunctions;
		if (!(await hooks.checkExists.call(hookContext()))) await hooks.create.call(hookContext());
		const webhookUrl = hookContext().getNodeWebhookUrl('default') as string;
		const deliveries = new Stream<Delivery>();
		const trigger: ActiveTrigger = {
			workflow,
			node,
			webhookUrl,
			mode: isTest ? 'test' : 'production',
			deliveries: deliveries.values,
			nextDelivery: ({ timeoutMs, fromStart, predicate } = {}) => deliveries.next(predicate, timeoutMs, fromStart ? 0 : deliveries.values.length),
			nextExecution: async ({ timeoutMs, fromStart } = {}) => (await deliveries.next((delivery) => delivery.run !== undefined, timeoutMs, fromStart ? 0 : deliveries.values.length)).run as WorkflowRun,
			checkExists: () => hooks.checkExists.call(hookContext()),
			deactivate: async () => {
				await hooks.delete.call(hookContext());
				this.triggers.delete(new URL(webhookUrl).pathname);
			},
			staticData: () => workflow.staticData,
		};
		this.triggers.set(new URL(webhookUrl).pathname, { trigger, deliveries, mode: isTest ? 'manual' : 'webhook' });
		return trigger;
	}

	/** Sends a request to an active trigger without HTTP (for tests that craft deliveries themselves). */
	async deliverToTrigger(trigger: ActiveTrigger, request: WebhookRequest): Promise<Delivery> {
		const registered = this.triggers.get(new URL(trigger.webhookUrl).pathname);
		if (!registered) throw new Error('The trigger is not active');
		return this.runTrigger(registered, request);
	}

	private async runTrigger(registered: RegisteredTrigger, request: WebhookRequest): Promise<Delivery> {
		const { trigger, mode } = registered;
		const nodeType = trigger.workflow.nodeTypes.getByNameAndVersion(trigger.node.type, trigger.node.typeVersion) as INodeType;
		const description = nodeType.description.webhooks?.find((webhook) => webhook.name === 'default') as IWebhookDescription;
		const response = new RecordingResponse();
		const executionId = this.newExecutionId();
		const additionalData = this.additionalData(executionId, mode, { httpRequest: request, httpResponse: response });
		const context = new WebhookContext(trigger.workflow, trigger.node, additionalData, mode, this.webhookData(trigger.node, description, trigger.workflow, trigger.mode === 'test'), [], null);
		const result = await (nodeType.webhook as (this: IWebhookFunctions) => Promise<IWebhookResponseData>).call(context as unknown as IWebhookFunctions);
		const delivery: Delivery = { request, answer: answerOf(result, response) };
		if (result.workflowData) {
			const data = createRunExecutionData({ executionData: { nodeExecutionStack: [{ node: trigger.node, data: { main: result.workflowData }, source: null }] } });
			const execute = new WorkflowExecute(additionalData, mode, data);
			delivery.run = new WorkflowRun(trigger.workflow, await execute.processRunExecutionData(trigger.workflow), executionId);
		}
		registered.deliveries.push(delivery);
		return delivery;
	}

	private webhookData(node: INode, description: IWebhookDescription, workflow: Workflow, isTest: boolean): IWebhookData {
		return { httpMethod: description.httpMethod as IWebhookData['httpMethod'], node: node.name, path: String(description.path), webhookDescription: description, workflowId: workflow.id, workflowExecuteAdditionalData: this.additionalData('webhook', 'webhook'), isTest, ...(node.webhookId ? { webhookId: node.webhookId } : {}) };
	}

	// ---- HTTP --------------------------------------------------------------------------------------------

	private async serve(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		const incoming = webhookRequest({ method: request.method, url: request.url ?? '/', headers: request.headers, body: Buffer.concat(chunks) });
		let answer: WebhookAnswer;
		try {
			answer = await this.route(incoming);
		} catch (error) {
			answer = { status: 500, body: { error: (error as Error).message } };
		}
		response.writeHead(answer.status, { 'content-type': 'application/json' });
		response.end(JSON.stringify(answer.body ?? {}));
	}

	private async route(request: WebhookRequest): Promise<WebhookAnswer> {
		const url = new URL(request.url, this.baseUrl);
		const registered = this.triggers.get(url.pathname);
		if (registered) return (await this.runTrigger(registered, request)).answer;
		const waitingMatch = /^\/webhook-waiting\/([^/]+)\/([^/?]+)$/.exec(url.pathname);
		if (waitingMatch) {
			const waiting = this.waiting.get(waitingMatch[1]);
			if (!waiting) return { status: 404, body: { error: `execution ${waitingMatch[1]} is not waiting` } };
			const node = waiting.workflow.getNode(waiting.run.data.resultData.lastNodeExecuted ?? '');
			const isSendAndWait = node?.id === decodeURIComponent(waitingMatch[2]) && node.parameters.operation === SEND_AND_WAIT_OPERATION;
			const signature = url.searchParams.get(WAITING_TOKEN_QUERY_PARAM);
			// n8n checks a send-and-wait resume URL's signature before anything else runs.
			if (isSendAndWait && (!signature || !validateUrlSignature(signature, url, hmacSignatureSecret()))) return { status: 401, body: { error: 'Invalid token' } };
			const delivery = await this.resumeWaiting(waiting, request);
			this.waitingDeliveries.push(delivery);
			return delivery.answer;
		}
		return { status: 404, body: { error: `nothing listens on ${url.pathname}` } };
	}

	// ---- node contexts for unit tests --------------------------------------------------------------------

	/** A real n8n execute context for one node of our package over the given input items. */
	executeContext(spec: NodeSpec, items: INodeExecutionData[] = [{ json: {} }], options: { executionId?: string; runIndex?: number } = {}): IExecuteFunctions {
		const { workflow } = buildWorkflow({ id: this.workflowId, nodes: [{ credentials: ['whatsAppTenantApi'], ...spec }] });
		const node = workflow.getNode(spec.name) as INode;
		const executionId = options.executionId ?? this.newExecutionId();
		const data = createRunExecutionData();
		const inputData = { main: [items] };
		const executeData = { node, data: inputData, source: { main: [{ previousNode: 'Start' }] } };
		return new ExecuteContext(workflow, node, this.additionalData(executionId, 'manual'), 'manual', data, options.runIndex ?? 0, items, inputData, executeData, []) as unknown as IExecuteFunctions;
	}

	/** A real load-options context (dropdowns, list search, resource mapper) for a node with these parameters. */
	loadOptionsContext(spec: NodeSpec): ILoadOptionsFunctions {
		const { workflow } = buildWorkflow({ nodes: [{ credentials: ['whatsAppTenantApi'], ...spec }] });
		const node = workflow.getNode(spec.name) as INode;
		// As the editor does: the form's current values, which getCurrentNodeParameter() reads.
		const additionalData = { ...this.additionalData('load-options', 'internal'), currentNodeParameters: node.parameters };
		return new LoadOptionsContext(workflow, node, additionalData, 'parameters') as unknown as ILoadOptionsFunctions;
	}

	/** The node as n8n would build it from a spec (ids, types, credentials filled in). */
	nodeOf(spec: NodeSpec): INode {
		return toNode({ credentials: ['whatsAppTenantApi'], ...spec }, 0);
	}
}

function answerOf(result: IWebhookResponseData, response: RecordingResponse): WebhookAnswer {
	if (result.noWebhookResponse) return { status: response.statusCode, body: response.body };
	if (result.webhookResponse !== undefined) return { status: 200, body: result.webhookResponse };
	return { status: 200, body: { message: 'Webhook call received' } };
}
