import { Type } from 'typebox';
import { Nullable } from '../../../http/schemas';
import { GROUP_LIMITS } from '../driver';
import { SessionName } from './schemas';

/** Request and response shapes of the group routes. */

/** Bulk adds get accounts flagged by WhatsApp: one request changes at most this many people. */
export const MAX_PARTICIPANTS_PER_REQUEST = 256;

export const GroupId = Type.String({ pattern: '^[0-9]{5,40}(-[0-9]{5,20})?@g\\.us$', description: 'Group chat id, <id>@g.us' });
export const GroupParams = Type.Object({ name: SessionName, groupId: GroupId });

const Participant = Type.String({ minLength: 1, maxLength: 64, description: 'Phone number with country code, or a user id (…@c.us, …@lid)' });
const Participants = (minItems: number) => Type.Array(Participant, { minItems, maxItems: MAX_PARTICIPANTS_PER_REQUEST });
const Subject = Type.String({ minLength: 1, maxLength: GROUP_LIMITS.subject, description: `The group's name, up to ${GROUP_LIMITS.subject} characters` });

export const CreateGroupBody = Type.Object(
	{
		subject: Subject,
		participants: Type.Optional(Participants(0)),
	},
	{ additionalProperties: false },
);

export const UpdateGroupBody = Type.Object(
	{
		subject: Type.Optional(Subject),
		description: Type.Optional(Type.String({ maxLength: GROUP_LIMITS.description, description: 'An empty string clears it' })),
		messagesAdminsOnly: Type.Optional(Type.Boolean({ description: 'Only admins may send messages' })),
		infoAdminsOnly: Type.Optional(Type.Boolean({ description: 'Only admins may change the subject, description and picture' })),
	},
	{ additionalProperties: false, minProperties: 1 },
);

export const ParticipantsBody = Type.Object(
	{
		action: Type.Union([Type.Literal('add'), Type.Literal('remove'), Type.Literal('promote'), Type.Literal('demote')], { description: 'promote/demote make participants admins or take it back' }),
		participants: Participants(1),
	},
	{ additionalProperties: false },
);

export const JoinBody = Type.Object({ invite: Type.String({ minLength: 1, maxLength: 200, description: 'An invite code or link (https://chat.whatsapp.com/<code>)' }) }, { additionalProperties: false });

export const GroupSchema = Type.Object({
	id: Type.String(),
	subject: Type.String(),
	description: Nullable(Type.String()),
	owner: Nullable(Type.String()),
	createdAt: Nullable(Type.String()),
	size: Type.Integer(),
	participants: Type.Array(Type.Object({ id: Type.String(), isAdmin: Type.Boolean(), isSuperAdmin: Type.Boolean() })),
	messagesAdminsOnly: Type.Boolean(),
	infoAdminsOnly: Type.Boolean(),
});

export const ParticipantOutcomeSchema = Type.Object({
	id: Type.String(),
	ok: Type.Boolean(),
	code: Type.Integer({ description: "WhatsApp's code: 200 done, 403 invitation only, 404 not on WhatsApp or not a member, 408 left recently, 409 already a member, 419 group full" }),
	message: Type.String(),
	invited: Type.Boolean({ description: 'A private invitation was sent instead (people who only accept invitations)' }),
});

export const ParticipantOutcomes = Type.Object({ data: Type.Array(ParticipantOutcomeSchema) });
export const CreatedGroup = Type.Object({ group: GroupSchema, participants: Type.Array(ParticipantOutcomeSchema) });
export const InviteSchema = Type.Object({ groupId: Type.String(), code: Type.String(), url: Type.String() });
export const Joined = Type.Object({ groupId: Type.String() });

export const JoinRequestsAnswer = Type.Object(
	{
		action: Type.Union([Type.Literal('approve'), Type.Literal('reject')]),
		requesters: Type.Optional(Type.Array(Participant, { minItems: 1, maxItems: MAX_PARTICIPANTS_PER_REQUEST, description: 'Whose requests; every pending one when absent' })),
	},
	{ additionalProperties: false },
);

export const JoinRequests = Type.Object({
	data: Type.Array(Type.Object({ requester: Type.String(), addedBy: Nullable(Type.String()), requestedAt: Nullable(Type.String()), method: Type.String({ description: 'InviteLink, NonAdminAdd or LinkedGroupJoin' }) })),
});

export const JoinRequestOutcomes = Type.Object({ data: Type.Array(Type.Object({ requester: Type.String(), ok: Type.Boolean(), message: Type.String() })) });
