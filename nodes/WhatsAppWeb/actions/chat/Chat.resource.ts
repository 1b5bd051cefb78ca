import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import * as getMessages from './getMessages.operation';
import * as getNewMessages from './getNewMessages.operation';
import * as getPinned from './getPinned.operation';
import * as list from './list.operation';
import * as markSeen from './markSeen.operation';
import * as rejectCall from './rejectCall.operation';
import * as setPresence from './setPresence.operation';
import * as setTyping from './setTyping.operation';
import * as update from './update.operation';

export const operations: Record<string, Operation> = { list, getMessages, getNewMessages, getPinned, markSeen, rejectCall, setTyping, setPresence, update };

export const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['chat'] } },
	options: [
		{ name: 'Get Many', value: 'list', action: 'Get many chats', description: 'Chats, most recent first' },
		{ name: 'Get Messages', value: 'getMessages', action: 'Get messages of a chat', description: "A chat's newest messages" },
		{ name: 'Get New Messages', value: 'getNewMessages', action: 'Get new messages of every chat', description: 'Messages of all chats the service stored after a message or a time, oldest first: catch up after downtime, or poll' },
		{ name: 'Get Pinned Messages', value: 'getPinned', action: 'Get pinned messages of a chat', description: 'The messages pinned at the top of a chat' },
		{ name: 'Mark as Seen', value: 'markSeen', action: 'Mark a chat as seen', description: 'Blue ticks for its messages' },
		{ name: 'Reject Call', value: 'rejectCall', action: 'Reject a call', description: 'Decline a ringing call (from a Call Received event)' },
		{ name: 'Set Presence', value: 'setPresence', action: 'Set the account presence', description: 'Online or offline, for everyone' },
		{ name: 'Show Typing', value: 'setTyping', action: 'Show typing in a chat', description: 'Typing…, recording audio…, or clear it' },
		{ name: 'Update', value: 'update', action: 'Update a chat', description: 'Archive, pin, mute or mark unread, or undo each' },
	],
	default: 'list',
};
