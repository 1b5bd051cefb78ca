import type { FastifyInstance } from 'fastify';
import { controlErrors } from '../controlError';
import { FAULT_KINDS, FAULT_SCOPES, type FaultSpec } from '../state/faults';
import type { ControlDeps } from './controlPlugin';
import { objectBody, optionalBoolean, optionalEnum, optionalNumber, optionalString, optionalStringArray } from './input';

/** Injecting and clearing faults (see state/faults.ts for what each kind does). */
export function registerFaultRoutes(fastify: FastifyInstance, deps: ControlDeps): void {
	const { sim } = deps;

	fastify.post('/faults', async (request, reply) => {
		const body = objectBody(request.body);
		const kind = optionalEnum(body, 'kind', FAULT_KINDS);
		if (!kind) throw controlErrors.badRequest(`kind must be one of ${FAULT_KINDS.join(', ')}`, { field: 'kind' });
		const spec: FaultSpec = {
			kind,
			probability: optionalNumber(body, 'probability', undefined, { min: 0, max: 1 }),
			count: optionalNumber(body, 'count', undefined, { min: 1 }),
			scope: optionalEnum(body, 'scope', FAULT_SCOPES),
			phoneNumberId: optionalString(body, 'phoneNumberId'),
			recipients: optionalStringArray(body, 'recipients'),
			status: optionalNumber(body, 'status', undefined, { min: 400, max: 599 }),
			code: optionalNumber(body, 'code', undefined, { min: 1 }),
			hangMs: optionalNumber(body, 'hangMs', undefined, { min: 0 }),
			processed: optionalBoolean(body, 'processed'),
			ms: optionalNumber(body, 'ms', undefined, { min: 0 }),
			jitterMs: optionalNumber(body, 'jitterMs', undefined, { min: 0 }),
		};
		if (kind === 'latency' && spec.ms === undefined) throw controlErrors.badRequest('latency faults need ms', { field: 'ms' });
		if (kind === 'undeliverable' && !spec.recipients) throw controlErrors.badRequest('undeliverable faults need recipients', { field: 'recipients' });
		return reply.code(201).send(sim.faults.add(spec));
	});

	fastify.get('/faults', async () => ({ data: sim.faults.list() }));

	fastify.delete('/faults', async (_request, reply) => {
		sim.faults.clear();
		return reply.code(204).send();
	});

	fastify.delete<{ Params: { id: string } }>('/faults/:id', async (request, reply) => {
		if (!sim.faults.remove(request.params.id)) throw controlErrors.notFound('fault', request.params.id);
		return reply.code(204).send();
	});
}
