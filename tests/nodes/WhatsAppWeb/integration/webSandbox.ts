import type { SandboxWorld } from '../../../support/n8n/sandboxWorld';

export interface InboundSpec {
	type?: 'chat' | 'image' | 'video' | 'audio' | 'ptt' | 'document' | 'sticker' | 'location' | 'vcard' | 'poll_creation';
	from: string;
	author?: string;
	/** Typed on the phone itself. */
	fromMe?: boolean;
	body?: string;
	caption?: string;
	media?: { mimetype: string; data: string; filename?: string };
	quotedMessageId?: string;
}

/**
 * The phone behind a Web session of the sandbox tenant, played through the service's Web sandbox control API
 * (/sandbox/web/…) over HTTP with a platform key: what a person does on the phone, without WhatsApp.
 */
export function sandboxPhone(world: SandboxWorld, session: string) {
	const call = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
		const response = await fetch(`${world.service.url}/sandbox/web/${world.sandbox.tenantId}/${session}${route}`, {
			method,
			headers: { authorization: `Bearer ${await world.service.platformKey()}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
			...(body !== undefined ? { body: JSON.stringify(body) } : {}),
		});
		if (!response.ok) throw new Error(`web sandbox ${method} ${route}: ${response.status} ${await response.text()}`);
		return (await response.json()) as T;
	};
	return {
		state: () => call<{ status: string; running: boolean; qr: string | null; pairingCode: string | null; ownId: string | null }>('GET', ''),
		/** Scans the QR code on offer, or types the pairing code. */
		link: () => call<{ linked: boolean }>('POST', '/scan'),
		receive: (spec: InboundSpec) => call<{ id: string; chatId: string; type: string }>('POST', '/inbound', spec),
		ack: (messageId: string, status: 'sent' | 'delivered' | 'read' | 'played' | 'failed') => call('POST', '/ack', { messageId, status }),
		revoke: (messageId: string) => call<{ id: string }>('POST', '/revoke', { messageId }),
		edit: (messageId: string, body: string) => call<{ id: string }>('POST', '/edit', { messageId, body }),
		logoutFromPhone: () => call('POST', '/logout-from-phone'),
	};
}

/** Polls until the check passes (the service and its sessions move on their own). */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check().catch(() => undefined);
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
}
