import type { INodeProperties } from 'n8n-workflow';
import { SEND_AND_WAIT_OPERATION } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import * as markRead from './markRead.operation';
import * as react from './react.operation';
import * as reply from './reply.operation';
import * as send from './send.operation';
import * as sendTemplate from './sendTemplate.operation';

/** Operations the per-item router runs; send-and-wait is run by the node itself (one question per execution). */
export const operations: Record<string, Operation> = { send, sendTemplate, reply, react, markRead };

export const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['message'] } },
	options: [
		{ name: 'Mark as Read', value: 'markRead', action: 'Mark a message as read', description: 'Mark a received message as read, optionally showing "typing…"' },
		{ name: 'React', value: 'react', action: 'React to a message', description: 'Add or remove an emoji reaction' },
		{ name: 'Reply', value: 'reply', action: 'Reply to a message', description: 'Send a message that quotes a received one' },
		{ name: 'Send', value: 'send', action: 'Send a message', description: 'Text, media, location, contacts, interactive or custom JSON' },
		{ name: 'Send and Wait for Response', value: SEND_AND_WAIT_OPERATION, action: 'Send message and wait for response', description: 'Ask a question and continue when the user answers in WhatsApp' },
		{ name: 'Send Template', value: 'sendTemplate', action: 'Send a template', description: 'Send an approved template, also outside the 24-hour window' },
	],
	default: 'send',
};
