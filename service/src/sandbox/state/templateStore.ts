import type { Clock } from '../clock';
import { newNumericId } from '../ids';

/**
 * Message templates per WABA, in creation order (which is also the paging order of the list endpoint).
 * Components are kept in Meta's definition shape (`HEADER`/`BODY`/`FOOTER`/`BUTTONS`) so GET returns them
 * as they were created.
 */
export type TemplateCategory = 'AUTHENTICATION' | 'MARKETING' | 'UTILITY';
export const TEMPLATE_CATEGORIES: readonly TemplateCategory[] = ['AUTHENTICATION', 'MARKETING', 'UTILITY'];

export type TemplateStatus =
	| 'APPROVED'
	| 'PENDING'
	| 'REJECTED'
	| 'PAUSED'
	| 'DISABLED'
	| 'IN_APPEAL'
	| 'PENDING_DELETION'
	| 'DELETED'
	| 'ARCHIVED'
	| 'LIMIT_EXCEEDED';
export const TEMPLATE_STATUSES: readonly TemplateStatus[] = [
	'APPROVED',
	'PENDING',
	'REJECTED',
	'PAUSED',
	'DISABLED',
	'IN_APPEAL',
	'PENDING_DELETION',
	'DELETED',
	'ARCHIVED',
	'LIMIT_EXCEEDED',
];

/** Meta edits only templates in these statuses (contract A.4). */
export const EDITABLE_TEMPLATE_STATUSES: readonly TemplateStatus[] = ['APPROVED', 'REJECTED', 'PAUSED'];

export type ParameterFormat = 'POSITIONAL' | 'NAMED';

export interface TemplateButtonDef {
	type: string;
	text?: string;
	url?: string;
	phone_number?: string;
	otp_type?: string;
	example?: unknown;
	[key: string]: unknown;
}

export interface TemplateComponentDef {
	type: 'HEADER' | 'BODY' | 'FOOTER' | 'BUTTONS';
	format?: string;
	text?: string;
	example?: unknown;
	buttons?: TemplateButtonDef[];
	[key: string]: unknown;
}

export interface TemplateRecord {
	id: string;
	wabaId: string;
	name: string;
	language: string;
	category: TemplateCategory;
	status: TemplateStatus;
	parameterFormat: ParameterFormat;
	components: TemplateComponentDef[];
	rejectedReason?: string;
	previousCategory?: string;
	createdAt: number;
	updatedAt: number;
	/** When each edit of the template while it was approved was made: Meta counts them per day and per 30 days. */
	approvedEditsAt?: number[];
}

export interface NewTemplate {
	id?: string;
	wabaId: string;
	name: string;
	language: string;
	category: TemplateCategory;
	status?: TemplateStatus;
	parameterFormat?: ParameterFormat;
	components: TemplateComponentDef[];
}

/** A WABA holds at most this many templates (Meta error 2388019 beyond it). */
export const MAX_TEMPLATES_PER_WABA = 250;
/** An approved template's name cannot be reused for 30 days after deletion. */
export const DELETED_NAME_LOCK_MS = 30 * 24 * 3600 * 1000;

export class TemplateStore {
	private readonly records = new Map<string, TemplateRecord>();
	private readonly deletedApprovedNames = new Map<string, number>();

	constructor(private readonly clock: Clock) {}

	create(input: NewTemplate): TemplateRecord {
		const now = this.clock.now();
		const id = input.id ?? newNumericId(this.records);
		const record: TemplateRecord = {
			id,
			wabaId: input.wabaId,
			name: input.name,
			language: input.language,
			category: input.category,
			status: input.status ?? 'PENDING',
			parameterFormat: input.parameterFormat ?? 'POSITIONAL',
			components: input.components,
			createdAt: now,
			updatedAt: now,
		};
		this.records.set(id, record);
		return record;
	}

	/** Replaces the template with the same name and language (control-API provisioning), else creates it. */
	upsert(input: NewTemplate): TemplateRecord {
		const existing = this.find(input.wabaId, input.name, input.language);
		if (existing) this.records.delete(existing.id);
		return this.create({ ...input, id: input.id ?? existing?.id });
	}

	get(id: string): TemplateRecord | undefined {
		return this.records.get(id);
	}

	find(wabaId: string, name: string, language: string): TemplateRecord | undefined {
		for (const record of this.records.values()) {
			if (record.wabaId === wabaId && record.name === name && record.language === language) return record;
		}
		return undefined;
	}

	listByWaba(wabaId: string): TemplateRecord[] {
		return [...this.records.values()].filter((record) => record.wabaId === wabaId);
	}

	countByWaba(wabaId: string): number {
		let count = 0;
		for (const record of this.records.values()) if (record.wabaId === wabaId) count++;
		return count;
	}

	/** Deletes every language of `name`, or only the one with `hsmId`; returns what was deleted. */
	deleteByName(wabaId: string, name: string, hsmId?: string): TemplateRecord[] {
		const deleted: TemplateRecord[] = [];
		for (const record of this.listByWaba(wabaId)) {
			if (record.name !== name || (hsmId !== undefined && record.id !== hsmId)) continue;
			this.records.delete(record.id);
			if (record.status === 'APPROVED') this.deletedApprovedNames.set(`${wabaId}:${name}`, this.clock.now());
			deleted.push(record);
		}
		return deleted;
	}

	isNameLocked(wabaId: string, name: string): boolean {
		const deletedAt = this.deletedApprovedNames.get(`${wabaId}:${name}`);
		return deletedAt !== undefined && this.clock.now() - deletedAt < DELETED_NAME_LOCK_MS;
	}

	setStatus(id: string, status: TemplateStatus, reason?: string): TemplateRecord | undefined {
		const record = this.records.get(id);
		if (!record) return undefined;
		record.status = status;
		record.rejectedReason = status === 'REJECTED' ? (reason ?? 'NONE') : undefined;
		record.updatedAt = this.clock.now();
		return record;
	}

	clear(): void {
		this.records.clear();
		this.deletedApprovedNames.clear();
	}
}

/** Distinct variable names in a template text, in order: `{{1}}` gives "1", `{{first_name}}` gives "first_name". */
export function templateVariables(text: string | undefined): string[] {
	if (!text) return [];
	const names: string[] = [];
	for (const match of text.matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)) {
		const name = match[1]!;
		if (!names.includes(name)) names.push(name);
	}
	return names;
}
