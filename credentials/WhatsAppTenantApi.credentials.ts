import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

export class WhatsAppTenantApi implements ICredentialType {
	name = 'whatsAppTenantApi';

	displayName = 'WhatsApp Tenant API';

	icon = { light: 'file:whatsapp.svg', dark: 'file:whatsapp.dark.svg' } as const;

	documentationUrl = 'https://github.com/whatsapp-multitenant/n8n-nodes-whatsapp-multitenant#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Service URL',
			name: 'serviceUrl',
			type: 'string',
			default: 'http://127.0.0.1:8080',
			placeholder: 'https://whatsapp.example.com',
			description: 'Base URL of the WhatsApp companion service',
			required: true,
		},
		{
			displayName: 'Tenant API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'A tenant API key (wak_…) with the read and send scopes, created by a tenant admin',
			required: true,
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } },
	};

	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.serviceUrl.replace(/\\/+$/, "")}}', url: '/v1/me', method: 'GET' },
	};
}
