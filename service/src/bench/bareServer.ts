import Fastify from 'fastify';

/**
 * The yardstick: a Fastify server that reads the body as bytes and answers 200, doing nothing durable.
 * The webhook benchmark runs it beside the real service under the same load.
 */
async function main(): Promise<void> {
	const app = Fastify({ logger: false, bodyLimit: 3 * 1024 * 1024 });
	app.removeAllContentTypeParsers();
	app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
	app.post('/webhooks/meta/:appId', async () => ({ ok: true }));
	const url = await app.listen({ host: '127.0.0.1', port: 0 });
	console.log(JSON.stringify({ msg: 'bare server listening', url }));
}

void main();
