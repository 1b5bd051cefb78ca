import type { Clock } from '../clock';
import { controlErrors } from '../controlError';
import { graphErrors } from '../graph/errors';

/**
 * Who exists in the simulated Meta world: apps (with the webhook callback and secret), WhatsApp Business
 * Accounts, phone numbers and the access tokens that may act on them. Everything here is provisioned
 * through the control API; the Graph routes only read it.
 */
export interface SimApp {
	appId: string;
	appSecret: string;
	callbackUrl?: string;
	verifyToken?: string;
	/** Graph version the webhooks are "subscribed" with; decides whether statuses carry `conversation`. */
	webhookVersion?: string;
}

export interface SimWaba {
	wabaId: string;
	name: string;
	appId?: string;
	currency: string;
	timezoneId: string;
	messageTemplateNamespace: string;
}

export type QualityRating = 'GREEN' | 'YELLOW' | 'RED' | 'UNKNOWN';

export interface SimPhoneNumber {
	phoneNumberId: string;
	wabaId: string;
	appId: string;
	displayPhoneNumber: string;
	verifiedName: string;
	qualityRating: QualityRating;
	throughputPerSecond: number;
	createdAt: number;
}

export interface SimToken {
	token: string;
	phoneNumberIds: Set<string>;
	wabaIds: Set<string>;
	/** Simulated-clock milliseconds; absent means it never expires. */
	expiresAt?: number;
}

export interface AppInput {
	appId: string;
	appSecret: string;
	callbackUrl?: string;
	verifyToken?: string;
	webhookVersion?: string;
}

export interface WabaInput {
	wabaId: string;
	name?: string;
	appId?: string;
	currency?: string;
	timezoneId?: string;
}

export interface PhoneNumberInput {
	phoneNumberId: string;
	wabaId: string;
	appId: string;
	displayPhoneNumber: string;
	verifiedName: string;
	accessToken?: string;
	accessTokens?: string[];
	throughputPerSecond?: number;
	qualityRating?: QualityRating;
}

export interface TokenInput {
	token: string;
	phoneNumberIds?: string[];
	wabaIds?: string[];
	expiresAt?: number;
}

export const DEFAULT_THROUGHPUT_PER_SECOND = 80;

export class Registry {
	readonly apps = new Map<string, SimApp>();
	readonly wabas = new Map<string, SimWaba>();
	readonly phoneNumbers = new Map<string, SimPhoneNumber>();
	readonly tokens = new Map<string, SimToken>();

	constructor(
		private readonly clock: Clock,
		private readonly defaultThroughput: () => number = () => DEFAULT_THROUGHPUT_PER_SECOND,
	) {}

	upsertApp(input: AppInput): SimApp {
		const previous = this.apps.get(input.appId);
		const app: SimApp = { ...previous, ...(stripUndefined(input) as AppInput) };
		this.apps.set(app.appId, app);
		return app;
	}

	setCallback(appId: string, callbackUrl: string | undefined, verifyToken?: string): SimApp {
		const app = this.requireApp(appId);
		app.callbackUrl = callbackUrl;
		if (verifyToken !== undefined) app.verifyToken = verifyToken;
		return app;
	}

	upsertWaba(input: WabaInput): { waba: SimWaba; created: boolean } {
		if (input.appId !== undefined) this.requireApp(input.appId);
		const previous = this.wabas.get(input.wabaId);
		const waba: SimWaba = {
			wabaId: input.wabaId,
			name: input.name ?? previous?.name ?? `Sandbox WABA ${input.wabaId}`,
			appId: input.appId ?? previous?.appId,
			currency: input.currency ?? previous?.currency ?? 'USD',
			timezoneId: input.timezoneId ?? previous?.timezoneId ?? '1',
			messageTemplateNamespace: previous?.messageTemplateNamespace ?? `sandbox_${input.wabaId}`,
		};
		this.wabas.set(waba.wabaId, waba);
		return { waba, created: previous === undefined };
	}

	upsertPhoneNumber(input: PhoneNumberInput): SimPhoneNumber {
		this.requireApp(input.appId);
		this.requireWaba(input.wabaId);
		const previous = this.phoneNumbers.get(input.phoneNumberId);
		const number: SimPhoneNumber = {
			phoneNumberId: input.phoneNumberId,
			wabaId: input.wabaId,
			appId: input.appId,
			displayPhoneNumber: input.displayPhoneNumber,
			verifiedName: input.verifiedName,
			qualityRating: input.qualityRating ?? previous?.qualityRating ?? 'GREEN',
			throughputPerSecond: input.throughputPerSecond ?? previous?.throughputPerSecond ?? this.defaultThroughput(),
			createdAt: previous?.createdAt ?? this.clock.now(),
		};
		this.phoneNumbers.set(number.phoneNumberId, number);
		const tokens = [...(input.accessTokens ?? []), ...(input.accessToken ? [input.accessToken] : [])];
		for (const token of tokens) this.addToken({ token, phoneNumberIds: [number.phoneNumberId] });
		return number;
	}

	/** Adding a token that exists widens its scope instead of replacing it (one system-user token, many numbers). */
	addToken(input: TokenInput): SimToken {
		const existing = this.tokens.get(input.token);
		const token: SimToken = existing ?? { token: input.token, phoneNumberIds: new Set(), wabaIds: new Set() };
		for (const id of input.phoneNumberIds ?? []) token.phoneNumberIds.add(id);
		for (const id of input.wabaIds ?? []) token.wabaIds.add(id);
		if (input.expiresAt !== undefined) token.expiresAt = input.expiresAt;
		else if (existing === undefined) token.expiresAt = undefined;
		this.tokens.set(token.token, token);
		return token;
	}

	expireToken(tokenValue: string): SimToken {
		const token = this.tokens.get(tokenValue);
		if (!token) throw controlErrors.notFound('token', mask(tokenValue));
		token.expiresAt = this.clock.now() - 1;
		return token;
	}

	removeToken(tokenValue: string): boolean {
		return this.tokens.delete(tokenValue);
	}

	/** Graph-side lookup: unknown and expired tokens are both error 190, as Meta answers. */
	authenticate(tokenValue: string | undefined): SimToken {
		if (!tokenValue) throw graphErrors.missingToken();
		const token = this.tokens.get(tokenValue);
		if (!token) throw graphErrors.invalidToken();
		if (token.expiresAt !== undefined && token.expiresAt <= this.clock.now()) throw graphErrors.expiredToken(token.expiresAt);
		return token;
	}

	canUsePhoneNumber(token: SimToken, number: SimPhoneNumber): boolean {
		return token.phoneNumberIds.has(number.phoneNumberId) || token.wabaIds.has(number.wabaId);
	}

	canUseWaba(token: SimToken, wabaId: string): boolean {
		if (token.wabaIds.has(wabaId)) return true;
		for (const id of token.phoneNumberIds) {
			if (this.phoneNumbers.get(id)?.wabaId === wabaId) return true;
		}
		return false;
	}

	numbersOfWaba(wabaId: string): SimPhoneNumber[] {
		return [...this.phoneNumbers.values()].filter((number) => number.wabaId === wabaId);
	}

	/** Apps that receive a WABA-level webhook (template updates): the WABA's own app, else its numbers' apps. */
	appsOfWaba(wabaId: string): SimApp[] {
		const ids = new Set<string>();
		const waba = this.wabas.get(wabaId);
		if (waba?.appId) ids.add(waba.appId);
		else for (const number of this.numbersOfWaba(wabaId)) ids.add(number.appId);
		return [...ids].map((id) => this.apps.get(id)).filter((app): app is SimApp => app !== undefined);
	}

	requireApp(appId: string): SimApp {
		const app = this.apps.get(appId);
		if (!app) throw controlErrors.notFound('app', appId);
		return app;
	}

	requireWaba(wabaId: string): SimWaba {
		const waba = this.wabas.get(wabaId);
		if (!waba) throw controlErrors.notFound('waba', wabaId);
		return waba;
	}

	requirePhoneNumber(phoneNumberId: string): SimPhoneNumber {
		const number = this.phoneNumbers.get(phoneNumberId);
		if (!number) throw controlErrors.notFound('phoneNumber', phoneNumberId);
		return number;
	}

	clear(): void {
		this.apps.clear();
		this.wabas.clear();
		this.phoneNumbers.clear();
		this.tokens.clear();
	}
}

/** Tokens are secrets even in a sandbox; errors and listings show only their ends. */
export function mask(token: string): string {
	return token.length <= 8 ? '***' : `${token.slice(0, 4)}…${token.slice(-4)}`;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
