import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Meta's side of a tenant's Cloud API setup. The Tenant Admin node pushes it to the companion service, which
 * keeps it encrypted; the test asks the service to check the token against Meta (or the sandbox).
 */
export class WhatsAppBusinessCloudApi implements ICredentialType {
	name = 'whatsAppBusinessCloudApi';

	displayName = 'WhatsApp Business Cloud (Meta) API';

	icon = { light: 'file:whatsapp.svg', dark: 'file:whatsapp.dark.svg' } as const;

	documentationUrl = 'https://github.com/whatsapp-multitenant/n8n-nodes-whatsapp-multitenant#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'System-user (or business) access token with whatsapp_business_messaging and whatsapp_business_management',
			required: true,
		},
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			description: 'Meta app ID (App dashboard → Settings → Basic)',
			required: true,
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Meta app secret; the service checks webhook signatures with it',
			required: true,
		},
		{
			displayName: 'WhatsApp Business Account ID',
			name: 'wabaId',
			type: 'string',
			default: '',
			description: 'WABA ID (WhatsApp Manager → Account tools → Phone numbers)',
			required: true,
		},
		{
			displayName: 'Verify Token',
			name: 'verifyToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: "Token you type in the Meta app's webhook settings; leave empty to let the service generate one",
		},
		{
			displayName: 'Companion Service URL',
			name: 'serviceUrl',
			type: 'string',
			default: 'http://127.0.0.1:8080',
			description: 'The service that checks this credential against Meta and receives its webhooks',
			required: true,
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.serviceUrl.replace(/\\/+$/, "")}}',
			url: '/v1/cloud/credential-check',
			method: 'POST',
			body: { accessToken: '={{$credentials.accessToken}}', wabaId: '={{$credentials.wabaId}}', appId: '={{$credentials.appId}}' },
		},
	};
}
