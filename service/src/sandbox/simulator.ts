import { SimulatorClock } from './clock';
import { type ConfigPatch, DEFAULT_CONFIG, mergeConfig, type SimulatorConfig } from './config';
import { controlErrors } from './controlError';
import { graphErrors } from './graph/errors';
import { RateLimits } from './limits/rateLimits';
import { StatusScheduler } from './sending/statusScheduler';
import { FaultInjector } from './state/faults';
import { MediaStore } from './state/mediaStore';
import { MessageLog } from './state/messageLog';
import { type AppInput, type PhoneNumberInput, Registry, type SimPhoneNumber, type TokenInput, type WabaInput } from './state/registry';
import { Blocklists } from './state/blocklists';
import { BusinessProfiles } from './state/businessProfiles';
import { WabaSubscriptions } from './state/wabaSubscriptions';
import { MessageQrCodes } from './state/messageQrCodes';
import { ServiceWindows } from './state/serviceWindows';
import { SimulatorStats } from './state/stats';
import { EDITABLE_TEMPLATE_STATUSES, MAX_TEMPLATES_PER_WABA, type NewTemplate, type TemplateRecord, type TemplateStatus, TemplateStore } from './state/templateStore';
import type { TemplateDefinition } from './validation/templateDefinition';
import { WebhookEmitter } from './webhooks/emitter';
import { type TemplateEvent, templateStatusEnvelope } from './webhooks/payloads';

/**
 * The whole simulated Meta world in memory: provisioning, stores, limits, faults and the webhook machinery.
 * The Fastify plugin (Graph and control routes) and in-process tests share one instance.
 */
export interface SimulatorOptions {
	/** Defaults to real time; pass `manualClock()` for tests that move time by hand. */
	clock?: SimulatorClock;
	/** Source of randomness for probabilities (faults, skipped `delivered`); inject for determinism. */
	random?: () => number;
	config?: ConfigPatch;
	/** How many sent and received messages to remember (oldest are forgotten). */
	maxMessageLog?: number;
	/** How many webhook deliveries the control API can list. */
	webhookLogSize?: number;
}

export interface ProvisionBundle {
	apps?: AppInput[];
	wabas?: WabaInput[];
	phoneNumbers?: PhoneNumberInput[];
	tokens?: TokenInput[];
	templates?: Array<NewTemplate>;
}

export interface ResetOptions {
	/** Keep apps, WABAs, numbers, tokens, templates and media; clear traffic, limits, faults and stats. */
	keepProvisioning?: boolean;
}

/** Template webhook events and the status each one leaves the template in (undefined: unchanged). */
const STATUS_AFTER_EVENT: Record<TemplateEvent, TemplateStatus | undefined> = {
	APPROVED: 'APPROVED',
	REJECTED: 'REJECTED',
	PENDING: 'PENDING',
	PAUSED: 'PAUSED',
	DISABLED: 'DISABLED',
	IN_APPEAL: 'IN_APPEAL',
	PENDING_DELETION: 'PENDING_DELETION',
	DELETED: 'DELETED',
	ARCHIVED: 'ARCHIVED',
	UNARCHIVED: 'APPROVED',
	REINSTATED: 'APPROVED',
	LIMIT_EXCEEDED: 'LIMIT_EXCEEDED',
	FLAGGED: undefined,
	LOCKED: undefined,
};

/** Meta's edit allowance for an approved template (contract A.4): one a day, 10 in 30 days. */
const APPROVED_EDITS_PER_WINDOW = 10;
const APPROVED_EDIT_WINDOW_MS = 30 * 24 * 3600 * 1000;

export class Simulator {
	readonly clock: SimulatorClock;
	readonly random: () => number;
	private currentConfig: SimulatorConfig;
	readonly registry: Registry;
	readonly media: MediaStore;
	readonly templates: TemplateStore;
	readonly messages: MessageLog;
	readonly windows = new ServiceWindows();
	readonly blocklists = new Blocklists();
	readonly profiles = new BusinessProfiles();
	readonly subscriptions = new WabaSubscriptions();
	readonly qrCodes = new MessageQrCodes();
	readonly stats = new SimulatorStats();
	readonly faults: FaultInjector;
	readonly limits: RateLimits;
	readonly webhooks: WebhookEmitter;
	readonly statuses: StatusScheduler;
	private readonly templateTimers = new Set<NodeJS.Timeout>();

	constructor(options: SimulatorOptions = {}) {
		this.clock = options.clock ?? new SimulatorClock();
		this.random = options.random ?? Math.random;
		this.currentConfig = mergeConfig(DEFAULT_CONFIG, options.config);
		this.registry = new Registry(this.clock, () => this.currentConfig.defaultThroughputPerSecond);
		this.media = new MediaStore(this.clock);
		this.templates = new TemplateStore(this.clock);
		this.messages = new MessageLog(options.maxMessageLog ?? 100_000);
		this.faults = new FaultInjector(this.random);
		this.limits = new RateLimits(this.clock, () => this.currentConfig.pairRateLimit);
		this.webhooks = new WebhookEmitter(
			(appId) => {
				const app = this.registry.apps.get(appId);
				return app?.callbackUrl ? { url: app.callbackUrl, appSecret: app.appSecret } : undefined;
			},
			() => this.currentConfig.webhookDelivery,
			options.webhookLogSize ?? 1000,
		);
		this.statuses = new StatusScheduler({
			config: () => this.currentConfig.statusWebhooks,
			random: this.random,
			clock: this.clock,
			registry: this.registry,
			faults: this.faults,
			emitter: this.webhooks,
			stats: this.stats,
		});
	}

	get config(): Readonly<SimulatorConfig> {
		return this.currentConfig;
	}

	configure(patch: ConfigPatch): SimulatorConfig {
		this.currentConfig = mergeConfig(this.currentConfig, patch);
		return this.currentConfig;
	}

	provisionApp(input: AppInput) {
		return this.registry.upsertApp(input);
	}

	provisionWaba(input: WabaInput) {
		const { waba, created } = this.registry.upsertWaba(input);
		if (created && this.currentConfig.seedHelloWorldTemplate) this.templates.create(helloWorld(waba.wabaId));
		return waba;
	}

	/** Creates the number's WABA on the fly when it is unknown, so one call is enough for a quick setup. */
	provisionPhoneNumber(input: PhoneNumberInput): SimPhoneNumber {
		if (!this.registry.wabas.has(input.wabaId)) this.provisionWaba({ wabaId: input.wabaId, appId: input.appId });
		return this.registry.upsertPhoneNumber(input);
	}

	addToken(input: TokenInput) {
		return this.registry.addToken(input);
	}

	/** Everything at once, in dependency order. */
	provision(bundle: ProvisionBundle): void {
		for (const app of bundle.apps ?? []) this.provisionApp(app);
		for (const waba of bundle.wabas ?? []) this.provisionWaba(waba);
		for (const number of bundle.phoneNumbers ?? []) this.provisionPhoneNumber(number);
		for (const token of bundle.tokens ?? []) this.addToken(token);
		for (const template of bundle.templates ?? []) this.upsertTemplate(template);
	}

	/** Control-API provisioning of a template in any status, bypassing review (and its name rules). */
	upsertTemplate(input: NewTemplate): TemplateRecord {
		this.registry.requireWaba(input.wabaId);
		return this.templates.upsert({ ...input, status: input.status ?? 'APPROVED' });
	}

	/** The Graph create path: Meta's duplicate, reuse and count rules, then review. */
	createTemplate(wabaId: string, definition: TemplateDefinition): TemplateRecord {
		if (this.templates.find(wabaId, definition.name, definition.language)) {
			throw graphErrors.templateCreation(2388024, 'Content in this language already exists', `A template named ${definition.name} already exists in ${definition.language}.`);
		}
		if (this.templates.isNameLocked(wabaId, definition.name)) {
			throw graphErrors.templateCreation(2388023, 'Message template is being deleted', `The name ${definition.name} was used by an approved template deleted less than 30 days ago.`);
		}
		if (this.templates.countByWaba(wabaId) >= MAX_TEMPLATES_PER_WABA) {
			throw graphErrors.templateCreation(2388019, 'Message template limit reached', `A WhatsApp Business Account can have at most ${MAX_TEMPLATES_PER_WABA} message templates.`);
		}
		const record = this.templates.create({ wabaId, ...definition, status: 'PENDING' });
		this.scheduleReview(record);
		return record;
	}

	/**
	 * The Graph edit path: only approved, rejected or paused templates may change, an approved one at most
	 * once a day; the edited template goes back to review.
	 */
	editTemplate(templateId: string, definition: TemplateDefinition): TemplateRecord {
		const template = this.templates.get(templateId);
		if (!template) throw graphErrors.unsupportedRequest('post', templateId);
		if (!EDITABLE_TEMPLATE_STATUSES.includes(template.status)) {
			throw graphErrors.templateCreation(undefined, 'Template cannot be edited', `Only ${EDITABLE_TEMPLATE_STATUSES.join(', ')} templates can be edited; this one is ${template.status}.`);
		}
		const now = this.clock.now();
		if (template.status === 'APPROVED') {
			const edits = (template.approvedEditsAt ?? []).filter((at) => now - at < APPROVED_EDIT_WINDOW_MS);
			if (edits.some((at) => now - at < 24 * 3600 * 1000)) throw graphErrors.templateCreation(undefined, 'Edit limit reached', 'An approved template can be edited once every 24 hours.');
			if (edits.length >= APPROVED_EDITS_PER_WINDOW) throw graphErrors.templateCreation(undefined, 'Edit limit reached', `An approved template can be edited ${APPROVED_EDITS_PER_WINDOW} times in 30 days.`);
			template.approvedEditsAt = [...edits, now];
		}
		if (definition.category !== template.category) template.previousCategory = template.category;
		template.category = definition.category;
		template.parameterFormat = definition.parameterFormat;
		template.components = definition.components;
		this.templates.setStatus(template.id, 'PENDING');
		this.scheduleReview(template);
		return template;
	}

	private scheduleReview(record: TemplateRecord): void {
		const autoApproveMs = this.currentConfig.templateAutoApproveMs;
		if (autoApproveMs === null) return;
		const timer = setTimeout(() => {
			this.templateTimers.delete(timer);
			if (this.templates.get(record.id)?.status === 'PENDING') this.changeTemplateStatus(record.id, 'APPROVED');
		}, autoApproveMs);
		this.templateTimers.add(timer);
	}

	/** Applies a review outcome and tells the WABA's apps with a `message_template_status_update` webhook. */
	changeTemplateStatus(templateId: string, event: TemplateEvent, reason?: string): TemplateRecord {
		const template = this.templates.get(templateId);
		if (!template) throw controlErrors.notFound('template', templateId);
		const status = STATUS_AFTER_EVENT[event];
		if (status) this.templates.setStatus(templateId, status, reason);
		this.notifyTemplateEvent(template, event, reason);
		return template;
	}

	/** Deletes by name (all languages) or one language by id; approved ones are announced as pending deletion. */
	deleteTemplates(wabaId: string, name: string, hsmId?: string): TemplateRecord[] {
		const deleted = this.templates.deleteByName(wabaId, name, hsmId);
		for (const template of deleted) if (template.status === 'APPROVED') this.notifyTemplateEvent(template, 'PENDING_DELETION');
		return deleted;
	}

	private notifyTemplateEvent(template: TemplateRecord, event: TemplateEvent, reason?: string): void {
		// Meta sends `reason: null` when a template is scheduled for deletion.
		const webhookReason = event === 'PENDING_DELETION' ? null : (reason ?? 'NONE');
		const body = templateStatusEnvelope(template, event, webhookReason, this.clock.nowSeconds());
		for (const app of this.registry.appsOfWaba(template.wabaId)) this.webhooks.enqueue({ appId: app.appId, kind: 'template_status', body });
	}

	advanceClock(ms: number): number {
		return this.clock.advance(ms);
	}

	/** Resolves when every planned status webhook has been handed over and every delivery has settled. */
	async settle(): Promise<void> {
		do {
			await this.statuses.idle();
			await this.webhooks.idle();
		} while (this.statuses.pending() > 0);
	}

	reset(options: ResetOptions = {}): void {
		this.statuses.close();
		this.messages.clear();
		this.windows.clear();
		this.blocklists.clear();
		this.limits.clear();
		this.faults.clear();
		this.stats.reset();
		this.webhooks.resetStats();
		if (!options.keepProvisioning) {
			this.registry.clear();
			this.templates.clear();
			this.profiles.clear();
			this.subscriptions.clear();
			this.qrCodes.clear();
			this.media.clear();
		}
	}

	close(): void {
		this.statuses.close();
		this.webhooks.close();
		for (const timer of this.templateTimers) clearTimeout(timer);
		this.templateTimers.clear();
	}
}

/** New WABAs come with an approved sample template, as on Meta; its wording here is our own. */
function helloWorld(wabaId: string): NewTemplate {
	return {
		wabaId,
		name: 'hello_world',
		language: 'en_US',
		category: 'UTILITY',
		status: 'APPROVED',
		components: [
			{ type: 'HEADER', format: 'TEXT', text: 'Hello World' },
			{ type: 'BODY', text: 'Welcome to the WhatsApp sandbox. This sample template shows that your setup can send approved templates.' },
			{ type: 'FOOTER', text: 'WhatsApp sandbox sample' },
		],
	};
}
