import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authRoutes } from '../auth/routes';
import { lazyChildLogger } from '../logging/lazyChildLogger';
import { cloudConfigRoutes } from '../channels/cloud/config/routes';
import type { AppContext } from '../context';
import { apiKeysRoutes } from '../tenants/routes/apiKeysRoutes';
import { configRoutes } from '../tenants/routes/configRoutes';
import { tenantsRoutes } from '../tenants/routes/tenantsRoutes';
import { usersRoutes } from '../tenants/routes/usersRoutes';
import { registerErrorHandling } from './errorHandler';
import { healthRoutes } from './healthRoutes';
import { registerOpenApi } from './openapi';

export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;

/** A concern's routes, registered with the shared context (Fastify plugin style: dependencies passed in). */
export type FeaturePlugin = (app: App, ctx: AppContext) => Promise<void>;

const SERVICE_VERSION = '0.1.0';

/** Default body limit; routes that take more (webhooks, media) raise it themselves. */
const BODY_LIMIT_BYTES = 1024 * 1024;

export async function buildApp(ctx: AppContext, features: readonly FeaturePlugin[] = []): Promise<App> {
	const app = Fastify({
		loggerInstance: ctx.logger as FastifyBaseLogger,
		logController: new LogController({ disableRequestLogging: true }),
		childLoggerFactory: lazyChildLogger,
		bodyLimit: BODY_LIMIT_BYTES,
		forceCloseConnections: 'idle',
		trustProxy: false,
		ajv: { customOptions: { allErrors: true, removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
	}).withTypeProvider<TypeBoxTypeProvider>();

	// Request logs cost a line per call at thousands of calls a second: successes go to debug, failures stay visible.
	app.addHook('onResponse', async (request, reply) => {
		const entry = { req: request, status: reply.statusCode, ms: Math.round(reply.elapsedTime) };
		if (reply.statusCode >= 500) request.log.error(entry, 'request failed');
		else if (reply.statusCode >= 400) request.log.info(entry, 'request rejected');
		else request.log.debug(entry, 'request completed');
	});

	registerErrorHandling(app);
	await registerOpenApi(app, SERVICE_VERSION);

	await app.register(healthRoutes, { ctx });
	await app.register(authRoutes, { ctx });
	await app.register(tenantsRoutes, { ctx });
	await app.register(usersRoutes, { ctx });
	await app.register(apiKeysRoutes, { ctx });
	await app.register(configRoutes, { ctx });
	await app.register(cloudConfigRoutes, { ctx });
	for (const feature of features) await feature(app, ctx);

	return app;
}
