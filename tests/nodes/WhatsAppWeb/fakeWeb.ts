import type { IDataObject } from 'n8n-workflow';
import type { FakeAnswer, NodeSpec, RecordedRequest } from '../../support/n8n';

export const CHAT = '12025550108@c.us';
export const GROUP = '120363025246125486@g.us';
export const INBOUND_ID = `false_${CHAT}_3EB0C767D26A1D8F4B`;
export const GROUP_MESSAGE_ID = `false_${GROUP}_3EB0AAAA11112222_15550001111@c.us`;

/** A session as GET /v1/web/sessions/:name answers it. */
export function webSession(overrides: IDataObject = {}): IDataObject {
	return {
		name: 'sales',
		status: 'WORKING',
		reason: null,
		statusChangedAt: '2026-11-27T10:00:00.000Z',
		isDefault: false,
		desiredState: 'running',
		loginMethod: 'qr',
		pairingPhoneNumber: null,
		me: { id: '15550001111@c.us', pushName: 'Sales' },
		qr: null,
		settings: {},
		worker: null,
		createdAt: '2026-11-27T09:00:00.000Z',
		updatedAt: '2026-11-27T10:00:00.000Z',
		...overrides,
	};
}

let sent = 0;

/** Answers POST /v1/messages like the service does for a message WhatsApp Web took. */
export function acceptWebMessages(request: RecordedRequest): FakeAnswer {
	const body = request.body as IDataObject;
	sent += 1;
	return {
		status: 201,
		json: { id: `msg_${String(sent).padStart(26, '0')}`, providerMessageId: `true_${String(body.to)}_OUT${sent}`, channel: 'web', from: (body.from as string) ?? 'sales', to: body.to, type: body.type, status: 'sent', conversationId: 'cnv_1', createdAt: '2026-11-27T10:00:00.000Z', replayed: false },
	};
}

/** A WhatsApp Web node of the given operation. */
export function web(parameters: IDataObject, name = 'WhatsApp Web'): NodeSpec {
	return { name, type: 'whatsAppWeb', parameters: parameters as NodeSpec['parameters'] };
}

/** The resource locator value for a session typed by name. */
export const sessionNamed = (value: string) => ({ __rl: true, mode: 'name', value });
