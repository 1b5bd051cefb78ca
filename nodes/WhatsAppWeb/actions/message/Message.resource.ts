import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import * as deleteMessage from './delete.operation';
import * as downloadMedia from './downloadMedia.operation';
import * as edit from './edit.operation';
import * as forward from './forward.operation';
import * as postStatus from './postStatus.operation';
import * as react from './react.operation';
import * as reply from './reply.operation';
import * as sendContact from './sendContact.operation';
import * as sendLocation from './sendLocation.operation';
import * as sendMedia from './sendMedia.operation';
import * as sendPoll from './sendPoll.operation';
import * as sendText from './sendText.operation';
import * as star from './star.operation';
import * as pin from './pin.operation';

export const operations: Record<string, Operation> = { sendText, sendMedia, sendLocation, sendContact, sendPoll, postStatus, reply, react, star, pin, edit, forward, delete: deleteMessage, downloadMedia };

export const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['message'] } },
	options: [
		{ name: 'Delete', value: 'delete', action: 'Delete a message', description: 'For everyone (messages this session sent) or only on this device' },
		{ name: 'Download Media', value: 'downloadMedia', action: 'Download the media of a message', description: 'Get the file of a message as binary data' },
		{ name: 'Edit', value: 'edit', action: 'Edit a sent message', description: 'Change the text or caption of a message this session sent, within 15 minutes' },
		{ name: 'Forward', value: 'forward', action: 'Forward a message', description: 'Send a copy to another chat, marked as forwarded' },
		{ name: 'Pin', value: 'pin', action: 'Pin a message', description: 'At the top of its chat for 24 hours, 7 or 30 days, or unpin it' },
		{ name: 'Post Status', value: 'postStatus', action: 'Post a status', description: 'Text, an image, a video or audio your contacts see for 24 hours' },
		{ name: 'React', value: 'react', action: 'React to a message', description: 'Add or remove an emoji reaction' },
		{ name: 'Reply', value: 'reply', action: 'Reply to a message', description: 'Send text, media, a location, a contact or a poll that quotes a message' },
		{ name: 'Send Contact', value: 'sendContact', action: 'Send a contact card' },
		{ name: 'Send Location', value: 'sendLocation', action: 'Send a location' },
		{ name: 'Send Media', value: 'sendMedia', action: 'Send media', description: 'Image, video, audio, voice note, document or sticker' },
		{ name: 'Send Poll', value: 'sendPoll', action: 'Send a poll' },
		{ name: 'Send Text', value: 'sendText', action: 'Send a text message', description: 'Text with mentions and link preview' },
		{ name: 'Star', value: 'star', action: 'Star a message', description: 'Or unstar it' },
	],
	default: 'sendText',
};
