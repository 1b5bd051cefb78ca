import type { FastifyError, FastifyInstance } from 'fastify';
import { ControlError } from '../controlError';
import { GraphError } from '../graph/errors';
import type { SandboxUrls } from '../graph/graphPlugin';
import type { Simulator } from '../simulator';
import { registerAdminRoutes } from './adminRoutes';
import { registerFaultRoutes } from './faultRoutes';
import { registerProvisionRoutes } from './provisionRoutes';
import { registerTemplateControlRoutes } from './templateControlRoutes';
import { registerTrafficRoutes } from './trafficRoutes';

/**
 * The control API (`/control/...`): provisioning, simulated users, faults, template review, inspection.
 * It is ours, not Meta's, so its errors use the product's `{error:{code,message,details}}` shape.
 */
export interface ControlDeps {
	sim: Simulator;
	urls: SandboxUrls;
}

export async function controlPlugin(fastify: FastifyInstance, deps: ControlDeps): Promise<void> {
	fastify.setErrorHandler((error: FastifyError | ControlError | GraphError, request, reply) => {
		if (error instanceof ControlError) return reply.code(error.statusCode).send(error.toBody());
		if (error instanceof GraphError) {
			// Graph-side checks reused here (template definitions) keep Meta's wording in `details`.
			return reply.code(400).send({ error: { code: 'invalid_parameter', message: error.message, details: { graphCode: error.code, details: error.details } } });
		}
		if (error.statusCode !== undefined && error.statusCode < 500) {
			return reply.code(error.statusCode).send({ error: { code: 'bad_request', message: error.message } });
		}
		request.log.error({ err: error }, 'sandbox control route failed');
		return reply.code(500).send({ error: { code: 'internal', message: 'The simulator failed to handle this request.' } });
	});
	fastify.setNotFoundHandler((request, reply) =>
		reply.code(404).send({ error: { code: 'not_found', message: `No control route ${request.method} ${request.url.split('?')[0]}` } }),
	);

	registerProvisionRoutes(fastify, deps);
	registerTemplateControlRoutes(fastify, deps);
	registerTrafficRoutes(fastify, deps);
	registerFaultRoutes(fastify, deps);
	registerAdminRoutes(fastify, deps);
}
