import type { INodePropertyOptions } from 'n8n-workflow';

/** What a tenant key may do. The nodes need Read and Send; triggers use Send to subscribe. */
export const scopeOptions: INodePropertyOptions[] = [
	{ name: 'Admin', value: 'admin', description: 'Manage numbers, sessions, keys and the default mode' },
	{ name: 'Read', value: 'read', description: 'Read history, sessions and configuration' },
	{ name: 'Send', value: 'send', description: 'Send messages; triggers need it to subscribe to events' },
];
