import type { FastifyRequest } from 'fastify';
import type { Simulator } from '../simulator';
import type { SimPhoneNumber, SimWaba } from '../state/registry';
import { requestToken } from './context';
import { graphErrors } from './errors';

/**
 * Resolving path ids to objects the caller's token may use. An unknown id and a forbidden one get the same
 * answer (100, "does not exist, cannot be loaded due to missing permissions..."), as on Meta.
 */
export function phoneNumberFor(sim: Simulator, request: FastifyRequest, id: string): SimPhoneNumber {
	const number = sim.registry.phoneNumbers.get(id);
	if (!number || !sim.registry.canUsePhoneNumber(requestToken(request), number)) throw graphErrors.unsupportedRequest(request.method, id);
	return number;
}

export function wabaFor(sim: Simulator, request: FastifyRequest, id: string): SimWaba {
	const waba = sim.registry.wabas.get(id);
	if (!waba || !sim.registry.canUseWaba(requestToken(request), id)) throw graphErrors.unsupportedRequest(request.method, id);
	return waba;
}
