import type { IDataObject } from 'n8n-workflow';
import { FakeService, N8nHarness, type FakeAnswer, type NodeSpec, type RecordedRequest } from '../support/n8n';

export const API_KEY = 'wak_unit_test_key';

/** A fake service and a harness whose credential points at it, fresh routes for every test. */
export function useFakeService(): { service: () => FakeService; n8n: () => N8nHarness } {
	let service: FakeService;
	let n8n: N8nHarness;
	beforeAll(async () => {
		service = await FakeService.start();
		n8n = await N8nHarness.start({ credentials: { whatsAppTenantApi: { serviceUrl: `${service.url}/`, apiKey: API_KEY } } });
	});
	afterAll(async () => {
		await n8n.close();
		await service.close();
	});
	afterEach(() => service.reset());
	return { service: () => service, n8n: () => n8n };
}

let sent = 0;

/** Answers POST /v1/messages like the service does for an accepted message. */
export function acceptMessages(request: RecordedRequest): FakeAnswer {
	const body = request.body as IDataObject;
	sent += 1;
	return {
		status: 201,
		json: { id: `msg_${String(sent).padStart(26, '0')}`, providerMessageId: `wamid.unit${sent}`, channel: 'cloud', from: (body.from as string) ?? '106540352242922', to: body.to, type: body.type, status: 'accepted', conversationId: 'cnv_1', createdAt: '2026-01-01T00:00:00.000Z', replayed: false },
	};
}

/** A Business node of the given operation. */
export function business(parameters: IDataObject, name = 'WhatsApp'): NodeSpec {
	return { name, type: 'whatsAppBusiness', parameters: parameters as NodeSpec['parameters'] };
}
