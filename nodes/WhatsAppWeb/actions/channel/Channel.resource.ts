import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import * as acceptAdminInvite from './acceptAdminInvite.operation';
import * as create from './create.operation';
import * as deleteChannel from './delete.operation';
import * as demoteAdmin from './demoteAdmin.operation';
import * as follow from './follow.operation';
import * as get from './get.operation';
import * as inviteAdmin from './inviteAdmin.operation';
import * as list from './list.operation';
import * as revokeAdminInvite from './revokeAdminInvite.operation';
import * as search from './search.operation';
import * as transferOwnership from './transferOwnership.operation';

export const operations: Record<string, Operation> = { create, get, list, search, follow, delete: deleteChannel, inviteAdmin, revokeAdminInvite, acceptAdminInvite, demoteAdmin, transferOwnership };

export const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['channel'] } },
	options: [
		{ name: 'Accept Admin Invite', value: 'acceptAdminInvite', action: 'Accept a channel admin invite', description: 'Become an admin of a channel whose owner invited this account' },
		{ name: 'Create', value: 'create', action: 'Create a channel', description: 'A channel this account owns; post to it with Message › Send to its ID' },
		{ name: 'Delete', value: 'delete', action: 'Delete a channel', description: 'A channel this account owns' },
		{ name: 'Demote Admin', value: 'demoteAdmin', action: 'Demote a channel admin', description: 'Make an admin a follower again (or step down yourself)' },
		{ name: 'Follow', value: 'follow', action: 'Follow a channel', description: 'Or unfollow it' },
		{ name: 'Get', value: 'get', action: 'Get a channel', description: 'By ID, or any public channel by its invite link' },
		{ name: 'Get Many', value: 'list', action: 'Get many channels', description: 'The channels this account owns, administers or follows' },
		{ name: 'Invite Admin', value: 'inviteAdmin', action: 'Invite a channel admin', description: 'Ask a person to help run a channel this account owns' },
		{ name: 'Revoke Admin Invite', value: 'revokeAdminInvite', action: 'Revoke a channel admin invite', description: 'Withdraw an invite not accepted yet' },
		{ name: 'Search', value: 'search', action: 'Search channels', description: "Find public channels in WhatsApp's directory" },
		{ name: 'Transfer Ownership', value: 'transferOwnership', action: 'Transfer a channel', description: 'Hand a channel this account owns to one of its admins' },
	],
	default: 'list',
};
