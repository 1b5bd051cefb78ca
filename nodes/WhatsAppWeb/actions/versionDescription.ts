import type { INodeProperties } from 'n8n-workflow';
import { operationProperties } from '../../shared/router';
import { operationFields, operationsByResource } from './operations';

/** Resource, each resource's operation picker, and every operation's fields shown only for it. */
export const versionProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Channel', value: 'channel' },
			{ name: 'Chat', value: 'chat' },
			{ name: 'Contact', value: 'contact' },
			{ name: 'Group', value: 'group' },
			{ name: 'Label', value: 'label' },
			{ name: 'Message', value: 'message' },
			{ name: 'Session', value: 'session' },
		],
		default: 'message',
	},
	{
		displayName: 'Session operations need a tenant API key with the Admin scope; sending, chats, groups and channels need Read and Send.',
		name: 'sessionScopeNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['session'] } },
	},
	...operationFields,
	...operationProperties(operationsByResource),
];
