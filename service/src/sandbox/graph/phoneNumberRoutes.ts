import type { FastifyInstance } from 'fastify';
import { wabaFor } from './access';
import { projectFields, requestedFields } from './fields';
import type { GraphDeps } from './graphPlugin';
import { PHONE_NUMBER_LIST_DEFAULT_FIELDS, phoneNumberNode } from './nodes';
import { pageLinks, paginate, readPageRequest } from './paging';

/** `GET /:version/:waba-id/phone_numbers`. Single numbers are served by the generic node route. */
export function registerPhoneNumberRoutes(fastify: FastifyInstance, deps: GraphDeps): void {
	const { sim } = deps;
	fastify.get<{ Params: { version: string; id: string }; Querystring: Record<string, unknown> }>('/:version/:id/phone_numbers', async (request) => {
		const waba = wabaFor(sim, request, request.params.id);
		const fields = requestedFields(request.query);
		const numbers = sim.registry.numbersOfWaba(waba.wabaId);
		const link = pageLinks(`${deps.urls.base(request)}/graph/${request.params.version}/${waba.wabaId}/phone_numbers`, request.query);
		const page = paginate(numbers, (number) => number.phoneNumberId, readPageRequest(request.query), link);
		return { ...page, data: page.data.map((number) => projectFields(phoneNumberNode(sim, number), fields, PHONE_NUMBER_LIST_DEFAULT_FIELDS, 'WhatsAppBusinessPhoneNumber')) };
	});
}
