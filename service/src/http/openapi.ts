import swagger from '@fastify/swagger';
import type { App } from './app';

/** The OpenAPI document is generated from the route schemas, so it cannot disagree with what is validated. */
export async function registerOpenApi(app: App, version: string): Promise<void> {
	await app.register(swagger, {
		openapi: {
			openapi: '3.1.0',
			info: {
				title: 'WhatsApp for n8n, multi-tenant: companion service',
				version,
				description: 'Tenants, Cloud API and WhatsApp Web channels, webhooks and durable event delivery. Errors are always {error:{code,message,details}}.',
			},
			components: {
				securitySchemes: {
					bearer: { type: 'http', scheme: 'bearer', description: 'A login JWT or an API key (wak_…)' },
					apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
				},
			},
		},
	});
	app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
