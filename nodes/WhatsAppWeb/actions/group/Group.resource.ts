import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import * as answerJoinRequests from './answerJoinRequests.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as inviteLink from './inviteLink.operation';
import * as join from './join.operation';
import * as joinRequests from './joinRequests.operation';
import * as leave from './leave.operation';
import * as list from './list.operation';
import * as setPicture from './setPicture.operation';
import * as update from './update.operation';
import * as updateParticipants from './updateParticipants.operation';

export const operations: Record<string, Operation> = { create, get, list, update, updateParticipants, inviteLink, join, leave, joinRequests, answerJoinRequests, setPicture };

export const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['group'] } },
	options: [
		{ name: 'Answer Join Requests', value: 'answerJoinRequests', action: 'Answer requests to join a group', description: 'Approve or reject them, all or some (admins only)' },
		{ name: 'Create', value: 'create', action: 'Create a group', description: 'With this account as its admin' },
		{ name: 'Get', value: 'get', action: 'Get a group', description: 'Subject, description, settings and participants' },
		{ name: 'Get Invite Link', value: 'inviteLink', action: 'Get the invite link of a group', description: 'Or reset it (admins only)' },
		{ name: 'Get Join Requests', value: 'joinRequests', action: 'Get the requests to join a group', description: 'Pending requests, for groups that approve new members' },
		{ name: 'Get Many', value: 'list', action: 'Get many groups', description: 'The groups this account is in' },
		{ name: 'Join', value: 'join', action: 'Join a group by invite link' },
		{ name: 'Leave', value: 'leave', action: 'Leave a group' },
		{ name: 'Set Picture', value: 'setPicture', action: 'Set the picture of a group', description: 'From a binary JPEG or PNG, or remove it' },
		{ name: 'Update', value: 'update', action: 'Update a group', description: 'Subject, description, and who may send or edit its info' },
		{ name: 'Update Participants', value: 'updateParticipants', action: 'Update the participants of a group', description: 'Add, remove, promote or demote (admins only); each participant gets their own result' },
	],
	default: 'create',
};
