import type { IDataObject } from 'n8n-workflow';
import { business, useFakeService } from '../../fakeServiceSetup';

const { service, n8n } = useFakeService();

const NUMBER = '106540352242922';
const qr = (overrides: IDataObject = {}): IDataObject => ({ code: 'ANED2T5QRU7HG1', message: 'Show me the deals', link: 'https://wa.me/message/ANED2T5QRU7HG1', imageUrl: null, ...overrides });

describe('QR Code › Create, Get Many, Update and Delete', () => {
	test("create on the tenant's default number asks for an image; update and delete name the code", async () => {
		service().on('GET', '/v1/cloud/numbers', { json: { data: [{ id: 'cln_1', phoneNumberId: NUMBER, wabaId: '1', displayPhoneNumber: null, verifiedName: null, isDefault: true }] } });
		service().on('POST', '/v1/cloud/numbers/:id/qr-codes', (request) => ({ status: 201, json: qr({ message: (request.body as IDataObject).message, imageUrl: 'https://img.example/qr.png' }) }));
		service().on('PATCH', '/v1/cloud/numbers/:id/qr-codes/:code', (request) => ({ json: qr({ message: (request.body as IDataObject).message }) }));
		service().on('DELETE', '/v1/cloud/numbers/:id/qr-codes/:code', { status: 204 });
		const created = await n8n().run([business({ resource: 'qrCode', operation: 'create', message: ' Show me the deals ', image: 'png' })]);
		expect(service().calls('POST', /qr-codes$/)[0]).toMatchObject({ path: `/v1/cloud/numbers/${NUMBER}/qr-codes`, body: { message: 'Show me the deals', image: 'png' } });
		expect(created.json('WhatsApp')).toEqual([{ phoneNumberId: NUMBER, ...qr({ imageUrl: 'https://img.example/qr.png' }) }]);
		await n8n().run([business({ resource: 'qrCode', operation: 'update', from: NUMBER, code: 'ANED2T5QRU7HG1', message: 'New deals' })]);
		const deleted = await n8n().run([business({ resource: 'qrCode', operation: 'delete', from: NUMBER, code: 'ANED2T5QRU7HG1' })]);
		expect(deleted.json('WhatsApp')).toEqual([{ phoneNumberId: NUMBER, code: 'ANED2T5QRU7HG1', deleted: true }]);
		expect(service().requests.filter((request) => request.path.includes('qr-codes')).map((request) => [request.method, request.path, request.body])).toEqual([
			['POST', `/v1/cloud/numbers/${NUMBER}/qr-codes`, { message: 'Show me the deals', image: 'png' }],
			['PATCH', `/v1/cloud/numbers/${NUMBER}/qr-codes/ANED2T5QRU7HG1`, { message: 'New deals' }],
			['DELETE', `/v1/cloud/numbers/${NUMBER}/qr-codes/ANED2T5QRU7HG1`, undefined],
		]);
	});

	test('get many outputs one item per code; a message over 140 characters or a bad code fails naming the field first', async () => {
		service().on('GET', '/v1/cloud/numbers/:id/qr-codes', { json: { data: [qr(), qr({ code: 'WOMVT6TJ2BP7A1' })] } });
		const listed = await n8n().run([business({ resource: 'qrCode', operation: 'list', from: NUMBER, image: 'none' })]);
		expect(listed.json('WhatsApp').map((item) => item.code)).toEqual(['ANED2T5QRU7HG1', 'WOMVT6TJ2BP7A1']);
		expect(service().requests[0].query).toEqual({});
		const long = await n8n().run([business({ resource: 'qrCode', operation: 'create', from: NUMBER, message: 'x'.repeat(141), image: 'none' })]);
		expect(long.nodeError('WhatsApp')?.message).toBe('Message: 1 to 140 characters (got 141)');
		const bad = await n8n().run([business({ resource: 'qrCode', operation: 'delete', from: NUMBER, code: 'not a code!' })]);
		expect(bad.nodeError('WhatsApp')?.message).toBe('QR Code: "not a code!" is not a QR code');
		expect(service().requests).toHaveLength(1);
	});
});
