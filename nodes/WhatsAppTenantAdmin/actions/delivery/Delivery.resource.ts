import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import * as listDeadLetters from './listDeadLetters.operation';
import * as listSubscriptions from './listSubscriptions.operation';
import * as listUnrouted from './listUnrouted.operation';
import * as replayDeadLetter from './replayDeadLetter.operation';
import * as replayTenantDeadLetters from './replayTenantDeadLetters.operation';
import * as replayUnrouted from './replayUnrouted.operation';

export const operations: Record<string, Operation> = { listUnrouted, replayUnrouted, listDeadLetters, listSubscriptions, replayDeadLetter, replayTenantDeadLetters };

export const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['delivery'] } },
	options: [
		{ name: 'Get Many Dead Letters', value: 'listDeadLetters', action: 'Get many dead letters', description: 'Event deliveries the service gave up on' },
		{ name: 'Get Many Subscriptions', value: 'listSubscriptions', action: 'Get many subscriptions with their delivery status', description: "A tenant's triggers and where their deliveries stand: pending, retrying, last failure, dead letters" },
		{ name: 'Get Many Unrouted Webhooks', value: 'listUnrouted', action: 'Get many unrouted webhooks', description: 'Meta webhooks no tenant owned' },
		{ name: 'Replay All Dead Letters of a Tenant', value: 'replayTenantDeadLetters', action: 'Replay all dead letters of a tenant' },
		{ name: 'Replay Dead Letter', value: 'replayDeadLetter', action: 'Replay a dead letter' },
		{ name: 'Replay Unrouted Webhook', value: 'replayUnrouted', action: 'Replay an unrouted webhook', description: 'Route it again after registering its number' },
	],
	default: 'listDeadLetters',
};
