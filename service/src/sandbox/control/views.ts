import type { MediaRecord } from '../state/mediaStore';
import type { SentMessageRecord } from '../state/messageLog';
import { mask, type SimApp, type SimPhoneNumber, type SimToken } from '../state/registry';
import type { DeliveryRecord } from '../webhooks/emitter';

/**
 * How state appears in control-API answers: secrets masked, Sets as arrays, times as ISO strings beside
 * the raw milliseconds.
 */
export function appView(app: SimApp): Record<string, unknown> {
	return {
		appId: app.appId,
		appSecret: mask(app.appSecret),
		callbackUrl: app.callbackUrl ?? null,
		verifyToken: app.verifyToken !== undefined ? mask(app.verifyToken) : null,
		webhookVersion: app.webhookVersion ?? null,
	};
}

export function phoneNumberView(number: SimPhoneNumber): Record<string, unknown> {
	return { ...number, createdAt: new Date(number.createdAt).toISOString() };
}

export function tokenView(token: SimToken): Record<string, unknown> {
	return {
		token: mask(token.token),
		phoneNumberIds: [...token.phoneNumberIds],
		wabaIds: [...token.wabaIds],
		expiresAt: token.expiresAt !== undefined ? new Date(token.expiresAt).toISOString() : null,
	};
}

export function mediaNodeForControl(record: MediaRecord): Record<string, unknown> {
	return {
		id: record.id,
		phoneNumberId: record.phoneNumberId,
		mimeType: record.mimeType,
		sha256: record.sha256,
		fileSize: record.fileSize,
		filename: record.filename ?? null,
		origin: record.origin,
		expiresAt: new Date(record.expiresAt).toISOString(),
	};
}

export function sentMessageView(record: SentMessageRecord): Record<string, unknown> {
	return {
		...record,
		acceptedAtIso: new Date(record.acceptedAt).toISOString(),
	};
}

export function deliveryView(record: DeliveryRecord): Record<string, unknown> {
	let body: unknown = record.body;
	try {
		body = JSON.parse(record.body);
	} catch {
		// Bodies are always JSON we produced; keep the raw text if that ever changes.
	}
	return { ...record, body };
}
