import { Type } from 'typebox';
import { INBOUND_TYPES, STATUS_VALUES } from '../../channels/messages';
import { Nullable } from '../../http/schemas';
import { EVENT_TYPES } from '../envelope';

const EventTypeName = Type.Union([...EVENT_TYPES.map((type) => Type.Literal(type)), Type.Literal('*')], { description: 'An event type, or * for all' });
const ChannelName = Type.Union([Type.Literal('cloud'), Type.Literal('web')]);

export const TargetUrl = Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2048, description: 'Where events are POSTed (http or https), e.g. an n8n webhook URL' });

const filterFields = {
	events: Type.Array(EventTypeName, { minItems: 1, maxItems: 32, uniqueItems: true, description: 'Event types to receive; ["*"] for all' }),
	channel: Type.Optional(Nullable(ChannelName)),
	accounts: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { maxItems: 500, uniqueItems: true, description: 'Only these phone_number_ids (Cloud) or session names (Web); empty for all' })),
	messageTypes: Type.Optional(Type.Array(Type.Union(INBOUND_TYPES.map((type) => Type.Literal(type))), { uniqueItems: true, description: 'Only messages of these types; empty for all' })),
	statuses: Type.Optional(Type.Array(Type.Union(STATUS_VALUES.map((status) => Type.Literal(status))), { uniqueItems: true, description: 'Only these delivery statuses (message.status); empty for all' })),
	description: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
	active: Type.Optional(Type.Boolean({ description: 'Paused subscriptions receive nothing new; their queued deliveries wait' })),
};

export const CreateSubscriptionBody = Type.Object({ targetUrl: TargetUrl, ...filterFields }, { additionalProperties: false });

export const UpdateSubscriptionBody = Type.Object({ targetUrl: Type.Optional(TargetUrl), ...filterFields, events: Type.Optional(filterFields.events) }, { additionalProperties: false, minProperties: 1 });

export const SubscriptionSchema = Type.Object({
	id: Type.String(),
	targetUrl: Type.String(),
	description: Nullable(Type.String()),
	events: Type.Array(Type.String()),
	channel: Nullable(ChannelName),
	accounts: Type.Array(Type.String()),
	messageTypes: Type.Array(Type.String()),
	statuses: Type.Array(Type.String()),
	active: Type.Boolean(),
	createdAt: Type.String(),
	updatedAt: Type.String(),
});

export const DeliveryHealthSchema = Type.Object(
	{
		pending: Type.Integer({ description: 'Deliveries not done yet: queued, in flight, or waiting to be retried' }),
		retrying: Type.Integer({ description: 'Of those, the ones that failed at least once' }),
		oldestPendingAt: Nullable(Type.String({ description: 'When the oldest pending delivery was queued: how far behind the listener is' })),
		nextRetryAt: Nullable(Type.String({ description: 'The earliest moment a failed delivery is tried again' })),
		lastFailure: Nullable(
			Type.Object({
				eventId: Type.String(),
				attempts: Type.Integer(),
				status: Nullable(Type.Integer({ description: "The listener's HTTP status, or null when it could not be reached" })),
				error: Nullable(Type.String()),
				failedAt: Nullable(Type.String({ description: 'When that attempt failed (null for a retried delivery that last failed before the service recorded it)' })),
				deadLettered: Type.Boolean({ description: 'The delivery was given up on and waits in /v1/dead-letters' }),
			}, { description: 'The most recent failed attempt, of a delivery still being retried or of one given up on: why the listener fails' }),
		),
		deadLetters: Type.Integer({ description: 'Deliveries given up on (list and replay them under /v1/dead-letters)' }),
		healthy: Type.Boolean({ description: 'Nothing failing and nothing given up on' }),
	},
	{ description: "Where the subscription's deliveries stand" },
);

export const SubscriptionWithDeliverySchema = Type.Object({ ...SubscriptionSchema.properties, delivery: Type.Optional(DeliveryHealthSchema) });

export const SubscriptionWithSecretSchema = Type.Object({
	...SubscriptionSchema.properties,
	secret: Type.String({ description: 'Signing secret for X-Signature-256. Shown only in this response; store it now.' }),
});

export const DeadLetterSchema = Type.Object({
	id: Type.String(),
	tenantId: Type.String(),
	eventId: Type.String(),
	eventType: Type.String(),
	subscriptionId: Type.String(),
	attempts: Type.Integer(),
	lastError: Nullable(Type.String()),
	lastStatus: Nullable(Type.Integer()),
	queuedAt: Type.String(),
	failedAt: Type.String(),
});

export const DeadLetterQuery = Type.Object(
	{
		subscriptionId: Type.Optional(Type.String({ pattern: '^sub_[0-9a-z]{26}$' })),
		limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
		after: Type.Optional(Type.String({ pattern: '^dlq_[0-9a-z]{26}$', description: 'Cursor: the last id of the previous page' })),
	},
	{ additionalProperties: false },
);
