import type { IBinaryData } from 'n8n-workflow';
import { binaryContent, parseMultipart, serviceError } from '../../../support/n8n';
import { business, useFakeService } from '../../fakeServiceSetup';

const { service, n8n } = useFakeService();

describe('Media', () => {
	test('upload sends the binary file (name and type overridable) and outputs the media id', async () => {
		service().on('POST', '/v1/media', { status: 201, json: { id: 'm-1', mimeType: 'image/jpeg', size: 5, sha256: 'abc', filename: 'renamed.jpg', from: '111' } });
		const run = await n8n().run([
			{ name: 'File', type: 'binaryFixture', parameters: { fileName: 'photo.png', mimeType: 'image/png', text: 'bytes' } },
			business({ resource: 'media', operation: 'upload', from: '111', binaryPropertyName: 'data', uploadOptions: { filename: 'renamed.jpg', mimeType: 'image/jpeg' } }),
		]);
		const parts = parseMultipart(service().calls('POST', '/v1/media')[0]);
		expect(parts.map((part) => part.name)).toEqual(['from', 'file']);
		expect(parts[1]).toMatchObject({ filename: 'renamed.jpg', contentType: 'image/jpeg' });
		expect(parts[1].content.toString()).toBe('bytes');
		expect(run.json('WhatsApp')).toEqual([{ id: 'm-1', mimeType: 'image/jpeg', size: 5, sha256: 'abc', filename: 'renamed.jpg', from: '111' }]);
	});

	test('upload without the binary field names the missing field', async () => {
		const run = await n8n().run([business({ resource: 'media', operation: 'upload', binaryPropertyName: 'photo' })]);
		expect(run.nodeError('WhatsApp')?.message).toMatch(/photo/);
		expect(service().requests).toHaveLength(0);
	});

	test('download returns the real bytes as binary with type and name, plus the metadata', async () => {
		const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]);
		service().on('GET', '/v1/media/:id/content', { body: bytes, headers: { 'content-type': 'image/jpeg', 'content-disposition': 'attachment; filename="m-9.jpeg"' } });
		const run = await n8n().run([business({ resource: 'media', operation: 'download', from: '111', mediaId: ' m-9 ', binaryPropertyName: 'picture' })]);
		expect(service().calls('GET', '/v1/media/m-9/content')[0].query).toEqual({ from: '111' });
		const [item] = run.items('WhatsApp');
		expect(item.json).toEqual({ id: 'm-9', mimeType: 'image/jpeg', size: 6, filename: 'm-9.jpeg' });
		expect(item.binary?.picture).toMatchObject({ mimeType: 'image/jpeg', fileName: 'm-9.jpeg' });
		expect(await binaryContent(item.binary?.picture as IBinaryData)).toEqual(bytes);
	});

	test('delete answers what was deleted; an unknown media is reported with the service’s words', async () => {
		service().on('DELETE', '/v1/media/:id', { status: 204 });
		const run = await n8n().run([business({ resource: 'media', operation: 'delete', mediaId: 'm-2' })]);
		expect(run.json('WhatsApp')).toEqual([{ deleted: true, id: 'm-2' }]);
		expect(service().calls('DELETE', '/v1/media/m-2')[0].query).toEqual({});
		service().reset();
		service().on('DELETE', '/v1/media/:id', serviceError(404, 'not_found', 'Media m-3 not found', { providerCode: 100 }));
		expect((await n8n().run([business({ resource: 'media', operation: 'delete', mediaId: 'm-3' })])).nodeError('WhatsApp')).toMatchObject({ message: 'Media m-3 not found', httpCode: '404' });
	});
});
