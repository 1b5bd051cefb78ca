import { systemScope } from '../../../service/src/auth/tenantScope';
import { productComposers } from '../../../service/src/composition';
import { testDialects } from '../../support/databases';
import { bearer, createTenantFixture, startTestService, TEST_PASSWORD, type TenantFixture, type TestService } from '../../support/testService';

/**
 * Every protected route, called by tenant A against tenant B, must answer 404 (or 403) and return nothing of B.
 * The table must cover every secured operation in the OpenAPI document: a new route that does not join it fails.
 */

interface World {
	a: TenantFixture;
	b: TenantFixture & { userId: string; keyId: string; appId: string; phoneNumberId: string; name: string; subscriptionId: string; deadLetterId: string; conversationId: string; messageId: string; webSession: string; webChat: string; webMessageId: string; webOwnId: string; webGroupId: string; webGroupInvite: string; webChannelId: string; sentMessageId: string; replyWaitId: string };
}

interface Probe {
	/** "METHOD /openapi/{path}" */
	route: string;
	/** URL aimed at B's resources (ids in the path), or a tenant-implicit URL probed with X-Tenant-Id: B. */
	url: (w: World) => string;
	body?: (w: World) => unknown;
	/** The route has no tenant id in its path: probe it with A's key and X-Tenant-Id naming B. */
	viaHeader?: boolean;
	/** Platform-only: tenant keys get 403 whatever they name. */
	platformOnly?: boolean;
}

export const PROBES: Probe[] = [
	{ route: 'GET /v1/me', url: () => '/v1/me', viaHeader: true },
	{ route: 'GET /v1/tenants', url: () => '/v1/tenants', viaHeader: true },
	{ route: 'POST /v1/tenants', url: () => '/v1/tenants', body: () => ({ name: 'x' }), platformOnly: true },
	{ route: 'GET /v1/tenants/{tenantId}', url: (w) => `/v1/tenants/${w.b.id}` },
	{ route: 'PATCH /v1/tenants/{tenantId}', url: (w) => `/v1/tenants/${w.b.id}`, body: () => ({ name: 'hijacked' }) },
	{ route: 'DELETE /v1/tenants/{tenantId}', url: (w) => `/v1/tenants/${w.b.id}`, platformOnly: true },
	{ route: 'GET /v1/tenants/{tenantId}/users', url: (w) => `/v1/tenants/${w.b.id}/users` },
	{ route: 'POST /v1/tenants/{tenantId}/users', url: (w) => `/v1/tenants/${w.b.id}/users`, body: () => ({ email: 'intruder@a.test', password: TEST_PASSWORD, role: 'tenant_admin' }) },
	{ route: 'PATCH /v1/tenants/{tenantId}/users/{userId}', url: (w) => `/v1/tenants/${w.b.id}/users/${w.b.userId}`, body: () => ({ role: 'member' }) },
	{ route: 'DELETE /v1/tenants/{tenantId}/users/{userId}', url: (w) => `/v1/tenants/${w.b.id}/users/${w.b.userId}` },
	{ route: 'GET /v1/tenants/{tenantId}/api-keys', url: (w) => `/v1/tenants/${w.b.id}/api-keys` },
	{ route: 'POST /v1/tenants/{tenantId}/api-keys', url: (w) => `/v1/tenants/${w.b.id}/api-keys`, body: () => ({ name: 'x', scopes: ['read'] }) },
	{ route: 'POST /v1/tenants/{tenantId}/api-keys/{keyId}/rotate', url: (w) => `/v1/tenants/${w.b.id}/api-keys/${w.b.keyId}/rotate` },
	{ route: 'DELETE /v1/tenants/{tenantId}/api-keys/{keyId}', url: (w) => `/v1/tenants/${w.b.id}/api-keys/${w.b.keyId}` },
	{ route: 'GET /v1/platform/api-keys', url: () => '/v1/platform/api-keys', platformOnly: true },
	{ route: 'POST /v1/platform/api-keys', url: () => '/v1/platform/api-keys', body: () => ({ name: 'x', scopes: ['read'] }), platformOnly: true },
	{ route: 'DELETE /v1/platform/api-keys/{keyId}', url: (w) => `/v1/platform/api-keys/${w.b.keyId}`, platformOnly: true },
	{ route: 'GET /v1/config', url: () => '/v1/config', viaHeader: true },
	{ route: 'PUT /v1/config/default-mode', url: () => '/v1/config/default-mode', body: () => ({ mode: 'cloud' }), viaHeader: true },
	{ route: 'GET /v1/meta-apps', url: () => '/v1/meta-apps', viaHeader: true },
	{ route: 'POST /v1/meta-apps', url: () => '/v1/meta-apps', body: () => ({ appId: '77', appSecret: 'intruder-secret' }), viaHeader: true },
	{ route: 'GET /v1/meta-apps/{appId}', url: (w) => `/v1/meta-apps/${w.b.appId}` },
	{ route: 'PATCH /v1/meta-apps/{appId}', url: (w) => `/v1/meta-apps/${w.b.appId}`, body: () => ({ appSecret: 'intruder-secret' }) },
	{ route: 'DELETE /v1/meta-apps/{appId}', url: (w) => `/v1/meta-apps/${w.b.appId}` },
	{ route: 'GET /v1/cloud/numbers', url: () => '/v1/cloud/numbers', viaHeader: true },
	{ route: 'POST /v1/cloud/numbers', url: () => '/v1/cloud/numbers', body: (w) => ({ phoneNumberId: '999', wabaId: '1', metaAppId: w.b.appId, accessToken: 'intruder-token' }), viaHeader: true },
	{ route: 'GET /v1/cloud/numbers/{phoneNumberId}', url: (w) => `/v1/cloud/numbers/${w.b.phoneNumberId}` },
	{ route: 'PATCH /v1/cloud/numbers/{phoneNumberId}', url: (w) => `/v1/cloud/numbers/${w.b.phoneNumberId}`, body: () => ({ throughputPerSecond: 1 }) },
	{ route: 'DELETE /v1/cloud/numbers/{phoneNumberId}', url: (w) => `/v1/cloud/numbers/${w.b.phoneNumberId}` },
	{ route: 'POST /v1/reply-waits', url: () => '/v1/reply-waits', body: (w) => ({ messageId: w.b.sentMessageId, targetUrl: 'https://intruder.example/resume', secret: 'intruder-secret-0123456789' }) },
	{ route: 'GET /v1/reply-waits/{replyWaitId}', url: (w) => `/v1/reply-waits/${w.b.replyWaitId}` },
	{ route: 'DELETE /v1/reply-waits/{replyWaitId}', url: (w) => `/v1/reply-waits/${w.b.replyWaitId}` },
	{ route: 'GET /v1/subscriptions', url: () => '/v1/subscriptions', viaHeader: true },
	{ route: 'POST /v1/subscriptions', url: () => '/v1/subscriptions', body: () => ({ targetUrl: 'https://intruder.example/hook', events: ['*'] }), viaHeader: true },
	{ route: 'GET /v1/subscriptions/{subscriptionId}', url: (w) => `/v1/subscriptions/${w.b.subscriptionId}` },
	{ route: 'PATCH /v1/subscriptions/{subscriptionId}', url: (w) => `/v1/subscriptions/${w.b.subscriptionId}`, body: () => ({ targetUrl: 'https://intruder.example/hook' }) },
	{ route: 'DELETE /v1/subscriptions/{subscriptionId}', url: (w) => `/v1/subscriptions/${w.b.subscriptionId}` },
	{ route: 'POST /v1/subscriptions/{subscriptionId}/rotate-secret', url: (w) => `/v1/subscriptions/${w.b.subscriptionId}/rotate-secret` },
	{ route: 'GET /v1/subscriptions/{subscriptionId}/delivery', url: (w) => `/v1/subscriptions/${w.b.subscriptionId}/delivery` },
	{ route: 'GET /v1/dead-letters', url: () => '/v1/dead-letters', viaHeader: true },
	{ route: 'POST /v1/dead-letters/replay', url: () => '/v1/dead-letters/replay', body: () => ({}), viaHeader: true },
	{ route: 'POST /v1/dead-letters/{deadLetterId}/replay', url: (w) => `/v1/dead-letters/${w.b.deadLetterId}/replay` },
	{ route: 'DELETE /v1/dead-letters/{deadLetterId}', url: (w) => `/v1/dead-letters/${w.b.deadLetterId}` },
	{ route: 'GET /v1/platform/dead-letters', url: () => '/v1/platform/dead-letters', platformOnly: true },
	{ route: 'POST /v1/platform/dead-letters/{deadLetterId}/replay', url: (w) => `/v1/platform/dead-letters/${w.b.deadLetterId}/replay`, platformOnly: true },
	{ route: 'GET /v1/platform/unrouted-webhooks', url: () => '/v1/platform/unrouted-webhooks', platformOnly: true },
	{ route: 'POST /v1/platform/unrouted-webhooks/{unroutedId}/replay', url: () => `/v1/platform/unrouted-webhooks/unr_${'0'.repeat(26)}/replay`, platformOnly: true },
	{ route: 'GET /v1/conversations', url: () => '/v1/conversations', viaHeader: true },
	{ route: 'GET /v1/conversations/{conversationId}/messages', url: (w) => `/v1/conversations/${w.b.conversationId}/messages` },
	{ route: 'GET /v1/messages', url: () => '/v1/messages?since=2000-01-01T00:00:00Z', viaHeader: true },
	{ route: 'GET /v1/messages/{messageId}', url: (w) => `/v1/messages/${w.b.messageId}` },
	{ route: 'POST /v1/messages', url: () => '/v1/messages', body: () => ({ channel: 'cloud', to: '15550009', type: 'text', text: { body: 'intruder' } }), viaHeader: true },
	{ route: 'POST /v1/messages/read', url: () => '/v1/messages/read', body: () => ({ channel: 'cloud', messageId: 'wamid.B-SECRET' }), viaHeader: true },
	{ route: 'POST /v1/media', url: () => '/v1/media', body: () => ({}), viaHeader: true },
	{ route: 'GET /v1/media/{mediaId}', url: (w) => `/v1/media/123?from=${w.b.phoneNumberId}` },
	{ route: 'GET /v1/media/{mediaId}/content', url: (w) => `/v1/media/123/content?from=${w.b.phoneNumberId}` },
	{ route: 'DELETE /v1/media/{mediaId}', url: (w) => `/v1/media/123?from=${w.b.phoneNumberId}` },
	{ route: 'GET /v1/templates', url: () => '/v1/templates', viaHeader: true },
	{ route: 'GET /v1/templates/{templateId}', url: (w) => `/v1/templates/123?from=${w.b.phoneNumberId}` },
	{ route: 'POST /v1/templates', url: () => '/v1/templates', body: () => ({ name: 'intruder', language: 'en', category: 'UTILITY', components: [{ type: 'BODY', text: 'Hi' }] }), viaHeader: true },
	{ route: 'PATCH /v1/templates/{templateId}', url: () => '/v1/templates/123', body: (w) => ({ from: w.b.phoneNumberId, category: 'MARKETING' }) },
	{ route: 'DELETE /v1/templates/{name}', url: (w) => `/v1/templates/hello_world?from=${w.b.phoneNumberId}` },
	{ route: 'POST /v1/cloud/numbers/{phoneNumberId}/test', url: (w) => `/v1/cloud/numbers/${w.b.phoneNumberId}/test` },
	{ route: 'GET /v1/cloud/wabas/{wabaId}/phone-numbers', url: () => '/v1/cloud/wabas/7770001/phone-numbers' },
	{ route: 'PUT /v1/cloud/connection', url: () => '/v1/cloud/connection', body: () => ({ appId: '5550001', appSecret: 'intruder-secret', wabaId: '7770001', accessToken: 'intruder-token' }), viaHeader: true },
	{ route: 'GET /v1/web/sessions', url: () => '/v1/web/sessions', viaHeader: true },
	{ route: 'POST /v1/web/sessions', url: () => '/v1/web/sessions', body: (w) => ({ name: w.b.webSession, start: false }), viaHeader: true },
	{ route: 'GET /v1/web/sessions/{name}', url: (w) => `/v1/web/sessions/${w.b.webSession}` },
	{ route: 'PATCH /v1/web/sessions/{name}', url: (w) => `/v1/web/sessions/${w.b.webSession}`, body: () => ({ settings: { deviceName: 'hijacked' } }) },
	{ route: 'DELETE /v1/web/sessions/{name}', url: (w) => `/v1/web/sessions/${w.b.webSession}` },
	...(['start', 'stop', 'restart', 'logout'] as const).map((action) => ({ route: `POST /v1/web/sessions/{name}/${action}`, url: (w: World) => `/v1/web/sessions/${w.b.webSession}/${action}` })),
	{ route: 'GET /v1/web/sessions/{name}/qr', url: (w) => `/v1/web/sessions/${w.b.webSession}/qr?format=raw` },
	{ route: 'POST /v1/web/sessions/{name}/pairing-code', url: (w) => `/v1/web/sessions/${w.b.webSession}/pairing-code`, body: () => ({ phoneNumber: '15550000000' }) },
	{ route: 'GET /v1/web/sessions/{name}/me', url: (w) => `/v1/web/sessions/${w.b.webSession}/me` },
	{ route: 'PATCH /v1/web/sessions/{name}/me', url: (w) => `/v1/web/sessions/${w.b.webSession}/me`, body: () => ({ about: 'hijacked' }) },
	{ route: 'GET /v1/web/sessions/{name}/chats', url: (w) => `/v1/web/sessions/${w.b.webSession}/chats` },
	{ route: 'PATCH /v1/web/sessions/{name}/chats/{chatId}', url: (w) => `/v1/web/sessions/${w.b.webSession}/chats/${w.b.webChat}`, body: () => ({ archived: true }) },
	{ route: 'GET /v1/web/sessions/{name}/chats/{chatId}/messages', url: (w) => `/v1/web/sessions/${w.b.webSession}/chats/${w.b.webChat}/messages` },
	{ route: 'POST /v1/web/sessions/{name}/chats/{chatId}/seen', url: (w) => `/v1/web/sessions/${w.b.webSession}/chats/${w.b.webChat}/seen` },
	{ route: 'POST /v1/web/sessions/{name}/chats/{chatId}/typing', url: (w) => `/v1/web/sessions/${w.b.webSession}/chats/${w.b.webChat}/typing`, body: () => ({ state: 'typing' }) },
	{ route: 'GET /v1/web/sessions/{name}/contacts/{contactId}', url: (w) => `/v1/web/sessions/${w.b.webSession}/contacts/15550004444` },
	{ route: 'GET /v1/web/sessions/{name}/contacts/{number}/check', url: (w) => `/v1/web/sessions/${w.b.webSession}/contacts/15550001234/check` },
	{ route: 'GET /v1/web/sessions/{name}/messages/{messageId}/media', url: (w) => `/v1/web/sessions/${w.b.webSession}/messages/${w.b.webMessageId}/media` },
	{ route: 'PATCH /v1/web/sessions/{name}/messages/{messageId}', url: (w) => `/v1/web/sessions/${w.b.webSession}/messages/${w.b.webMessageId}`, body: () => ({ text: 'hijacked' }) },
	{ route: 'POST /v1/web/sessions/{name}/messages/{messageId}/star', url: (w) => `/v1/web/sessions/${w.b.webSession}/messages/${w.b.webMessageId}/star`, body: () => ({ starred: true }) },
	{ route: 'POST /v1/web/sessions/{name}/messages/{messageId}/pin', url: (w) => `/v1/web/sessions/${w.b.webSession}/messages/${w.b.webMessageId}/pin`, body: () => ({ duration: '24h' }) },
	{ route: 'DELETE /v1/web/sessions/{name}/messages/{messageId}/pin', url: (w) => `/v1/web/sessions/${w.b.webSession}/messages/${w.b.webMessageId}/pin` },
	{ route: 'GET /v1/web/sessions/{name}/chats/{chatId}/pinned', url: (w) => `/v1/web/sessions/${w.b.webSession}/chats/${w.b.webChat}/pinned` },
	{ route: 'GET /v1/web/sessions/{name}/channels', url: (w) => `/v1/web/sessions/${w.b.webSession}/channels` },
	{ route: 'POST /v1/web/sessions/{name}/calls/{callId}/reject', url: (w) => `/v1/web/sessions/${w.b.webSession}/calls/A1B2C3D4E5F60718293A4B5C6D7E8F90/reject` },
	{ route: 'POST /v1/web/sessions/{name}/channels', url: (w) => `/v1/web/sessions/${w.b.webSession}/channels`, body: () => ({ name: 'Intruder news' }) },
	{ route: 'GET /v1/web/sessions/{name}/channels/lookup', url: (w) => `/v1/web/sessions/${w.b.webSession}/channels/lookup?invite=AAAAAAAAAAAAAAAAAAAAAA` },
	{ route: 'GET /v1/web/sessions/{name}/channels/{channelId}', url: (w) => `/v1/web/sessions/${w.b.webSession}/channels/${w.b.webChannelId}` },
	{ route: 'POST /v1/web/sessions/{name}/channels/{channelId}/follow', url: (w) => `/v1/web/sessions/${w.b.webSession}/channels/${w.b.webChannelId}/follow` },
	{ route: 'DELETE /v1/web/sessions/{name}/channels/{channelId}/follow', url: (w) => `/v1/web/sessions/${w.b.webSession}/channels/${w.b.webChannelId}/follow` },
	{ route: 'DELETE /v1/web/sessions/{name}/channels/{channelId}', url: (w) => `/v1/web/sessions/${w.b.webSession}/channels/${w.b.webChannelId}` },
	{ route: 'GET /v1/web/sessions/{name}/channels/search', url: (w) => `/v1/web/sessions/${w.b.webSession}/channels/search?q=news` },
	{ route: 'POST /v1/web/sessions/{name}/channels/{channelId}/admins/invites', url: (w) => `/v1/web/sessions/${w.b.webSession}/channels/${w.b.webChannelId}/admins/invites`, body: () => ({ user: '15550001234' }) },
	{ route: 'POST /v1/web/sessions/{name}/channels/{channelId}/admins/invites/accept', url: (w) => `/v1/web/sessions/${w.b.webSession}/channels/${w.b.webChannelId}/admins/invites/accept` },
	{ route: 'DELETE /v1/web/sessions/{name}/channels/{channelId}/admins/invites/{userId}', url: (w) => `/v1/web/sessions/${w.b.webSession}/channels/${w.b.webChannelId}/admins/invites/15550001234@c.us` },
	{ route: 'DELETE /v1/web/sessions/{name}/channels/{channelId}/admins/{userId}', url: (w) => `/v1/web/sessions/${w.b.webSession}/channels/${w.b.webChannelId}/admins/15550001234@c.us` },
	{ route: 'PUT /v1/web/sessions/{name}/channels/{channelId}/owner', url: (w) => `/v1/web/sessions/${w.b.webSession}/channels/${w.b.webChannelId}/owner`, body: () => ({ user: '15550001234' }) },
	{ route: 'POST /v1/web/sessions/{name}/messages/{messageId}/forward', url: (w) => `/v1/web/sessions/${w.b.webSession}/messages/${w.b.webMessageId}/forward`, body: () => ({ to: '15550001234' }) },
	{ route: 'DELETE /v1/web/sessions/{name}/messages/{messageId}', url: (w) => `/v1/web/sessions/${w.b.webSession}/messages/${w.b.webMessageId}?forEveryone=false` },
	{ route: 'GET /v1/cloud/numbers/{phoneNumberId}/profile', url: (w) => `/v1/cloud/numbers/${w.b.phoneNumberId}/profile` },
	{ route: 'PATCH /v1/cloud/numbers/{phoneNumberId}/profile', url: (w) => `/v1/cloud/numbers/${w.b.phoneNumberId}/profile`, body: () => ({ about: 'hijacked' }) },
	{ route: 'GET /v1/cloud/numbers/{phoneNumberId}/qr-codes', url: (w) => `/v1/cloud/numbers/${w.b.phoneNumberId}/qr-codes` },
	{ route: 'POST /v1/cloud/numbers/{phoneNumberId}/qr-codes', url: (w) => `/v1/cloud/numbers/${w.b.phoneNumberId}/qr-codes`, body: () => ({ message: 'hijacked' }) },
	{ route: 'PATCH /v1/cloud/numbers/{phoneNumberId}/qr-codes/{code}', url: (w) => `/v1/cloud/numbers/${w.b.phoneNumberId}/qr-codes/ANED2T5QRU7HG1`, body: () => ({ message: 'hijacked' }) },
	{ route: 'DELETE /v1/cloud/numbers/{phoneNumberId}/qr-codes/{code}', url: (w) => `/v1/cloud/numbers/${w.b.phoneNumberId}/qr-codes/ANED2T5QRU7HG1` },
	{ route: 'POST /v1/contacts/block', url: () => '/v1/contacts/block', body: (w) => ({ channel: 'cloud', from: w.b.phoneNumberId, users: ['15550009'] }) },
	{ route: 'POST /v1/contacts/unblock', url: () => '/v1/contacts/unblock', body: (w) => ({ channel: 'web', from: w.b.webSession, users: ['15550004444'] }) },
	{ route: 'GET /v1/contacts/blocked', url: (w) => `/v1/contacts/blocked?channel=web&from=${w.b.webSession}` },
	{ route: 'POST /v1/web/sessions/{name}/presence', url: (w) => `/v1/web/sessions/${w.b.webSession}/presence`, body: () => ({ state: 'available' }) },
	{ route: 'GET /v1/web/sessions/{name}/labels', url: (w) => `/v1/web/sessions/${w.b.webSession}/labels` },
	{ route: 'GET /v1/web/sessions/{name}/chats/{chatId}/labels', url: (w) => `/v1/web/sessions/${w.b.webSession}/chats/${w.b.webChat}/labels` },
	{ route: 'PUT /v1/web/sessions/{name}/chats/{chatId}/labels', url: (w) => `/v1/web/sessions/${w.b.webSession}/chats/${w.b.webChat}/labels`, body: () => ({ labelIds: ['1'] }) },
	{ route: 'GET /v1/web/sessions/{name}/groups', url: (w) => `/v1/web/sessions/${w.b.webSession}/groups` },
	{ route: 'POST /v1/web/sessions/{name}/groups', url: (w) => `/v1/web/sessions/${w.b.webSession}/groups`, body: () => ({ subject: 'hijacked', participants: ['15550001234'] }) },
	{ route: 'POST /v1/web/sessions/{name}/groups/join', url: (w) => `/v1/web/sessions/${w.b.webSession}/groups/join`, body: (w) => ({ invite: w.b.webGroupInvite }) },
	{ route: 'GET /v1/web/sessions/{name}/groups/{groupId}', url: (w) => `/v1/web/sessions/${w.b.webSession}/groups/${w.b.webGroupId}` },
	{ route: 'PATCH /v1/web/sessions/{name}/groups/{groupId}', url: (w) => `/v1/web/sessions/${w.b.webSession}/groups/${w.b.webGroupId}`, body: () => ({ subject: 'hijacked' }) },
	{ route: 'POST /v1/web/sessions/{name}/groups/{groupId}/participants', url: (w) => `/v1/web/sessions/${w.b.webSession}/groups/${w.b.webGroupId}/participants`, body: () => ({ action: 'add', participants: ['15550001234'] }) },
	{ route: 'PUT /v1/web/sessions/{name}/groups/{groupId}/picture', url: (w) => `/v1/web/sessions/${w.b.webSession}/groups/${w.b.webGroupId}/picture`, body: () => ({ base64: 'iVBORw0KGgo=', mimeType: 'image/png' }) },
	{ route: 'DELETE /v1/web/sessions/{name}/groups/{groupId}/picture', url: (w) => `/v1/web/sessions/${w.b.webSession}/groups/${w.b.webGroupId}/picture` },
	{ route: 'GET /v1/web/sessions/{name}/groups/{groupId}/requests', url: (w) => `/v1/web/sessions/${w.b.webSession}/groups/${w.b.webGroupId}/requests` },
	{ route: 'POST /v1/web/sessions/{name}/groups/{groupId}/requests', url: (w) => `/v1/web/sessions/${w.b.webSession}/groups/${w.b.webGroupId}/requests`, body: () => ({ action: 'approve' }) },
	{ route: 'GET /v1/web/sessions/{name}/groups/{groupId}/invite', url: (w) => `/v1/web/sessions/${w.b.webSession}/groups/${w.b.webGroupId}/invite` },
	{ route: 'POST /v1/web/sessions/{name}/groups/{groupId}/invite/revoke', url: (w) => `/v1/web/sessions/${w.b.webSession}/groups/${w.b.webGroupId}/invite/revoke` },
	{ route: 'POST /v1/web/sessions/{name}/groups/{groupId}/leave', url: (w) => `/v1/web/sessions/${w.b.webSession}/groups/${w.b.webGroupId}/leave` },
];

/** Routes anyone may call (they prove identity some other way, or expose nothing). */
const PUBLIC_ROUTES = new Set(['POST /v1/cloud/credential-check', 'GET /healthz', 'GET /readyz', 'POST /v1/auth/login', 'POST /v1/auth/bootstrap', 'GET /metrics', 'GET /webhooks/meta/{appId}', 'POST /webhooks/meta/{appId}']);

async function arrangeWorld(service: TestService): Promise<World> {
	const a = await createTenantFixture(service, 'Tenant A');
	const b = await createTenantFixture(service, 'Tenant Bee Secretive');
	const admin = bearer(b.adminKey);
	const user = await service.app.inject({ method: 'POST', url: `/v1/tenants/${b.id}/users`, headers: admin, payload: { email: 'b-user@b.test', password: TEST_PASSWORD, role: 'member' } });
	const keys = (await service.app.inject({ method: 'GET', url: `/v1/tenants/${b.id}/api-keys`, headers: admin })).json().data;
	await service.app.inject({ method: 'POST', url: '/v1/meta-apps', headers: admin, payload: { appId: '5550001', appSecret: 'b-app-secret-value' } });
	await service.app.inject({ method: 'POST', url: '/v1/cloud/numbers', headers: admin, payload: { phoneNumberId: '6660001', wabaId: '7770001', metaAppId: '5550001', accessToken: 'b-access-token-value' } });
	const subscription = await service.app.inject({ method: 'POST', url: '/v1/subscriptions', headers: admin, payload: { targetUrl: 'http://127.0.0.1:9/b-only', events: ['*'] } });
	const subscriptionId = subscription.json().id as string;
	const scope = systemScope(b.id, 'test');
	await service.ctx.ledger.recordInbound([{ kind: 'message', scope, message: { id: 'wamid.B-SECRET', channel: 'cloud', direction: 'inbound', account: { channel: 'cloud', id: '6660001' }, chatId: '15550009', from: '15550009', to: '6660001', timestamp: new Date().toISOString(), type: 'text', text: { body: 'b private text' } } }]);
	const message = await service.ctx.storage.db.selectFrom('messages').select(['id', 'conversation_id']).where('provider_id', '=', 'wamid.B-SECRET').executeTakeFirstOrThrow();
	// A linked WhatsApp Web session of B's (fake driver), with a received message.
	const platform = bearer(await service.platformKey());
	await service.app.inject({ method: 'POST', url: '/v1/web/sessions', headers: admin, payload: { name: 'b-web' } });
	const web = await linkWebSession(service, platform, b.id, 'b-web');
	const webChat = '15550004444@c.us';
	const inbound = await service.app.inject({ method: 'POST', url: `/sandbox/web/${b.id}/b-web/inbound`, headers: platform, payload: { type: 'image', from: webChat, caption: 'b web secret text', media: { mimetype: 'image/png', data: 'iVBORw0KGgo=' } } });
	// A group of B's session, with its invite link.
	const group = await service.app.inject({ method: 'POST', url: '/v1/web/sessions/b-web/groups', headers: admin, payload: { subject: 'b secret group', participants: [webChat] } });
	if (group.statusCode !== 201) throw new Error(`arranging B's group failed: ${group.body}`);
	const webGroupId = group.json().group.id as string;
	const webGroupInvite = (await service.app.inject({ method: 'GET', url: `/v1/web/sessions/b-web/groups/${webGroupId}/invite`, headers: admin })).json().url as string;
	// A channel B owns, with an admin invite pending.
	const channel = await service.app.inject({ method: 'POST', url: '/v1/web/sessions/b-web/channels', headers: admin, payload: { name: 'b secret channel' } });
	if (channel.statusCode !== 201) throw new Error(`arranging B's channel failed: ${channel.body}`);
	const webChannelId = channel.json().id as string;
	await service.app.inject({ method: 'POST', url: `/v1/web/sessions/b-web/channels/${webChannelId}/admins/invites`, headers: admin, payload: { user: '15550001234' } });
	// A question B sent, and a reply wait on it (n8n's send-and-wait).
	const question = await service.ctx.ledger.recordOutboundPending(scope, { account: { channel: 'cloud', id: '6660001' }, message: { to: '15550009', type: 'text', text: { body: 'b question?' } } });
	await service.ctx.ledger.markDispatched(scope, question.id, { providerMessageId: 'wamid.B-QUESTION', recipient: '15550009', status: 'accepted' });
	const wait = await service.app.inject({ method: 'POST', url: '/v1/reply-waits', headers: admin, payload: { messageId: question.id, targetUrl: 'http://127.0.0.1:9/b-resume', secret: 'b-reply-wait-secret-0123' } });
	if (wait.statusCode !== 201) throw new Error(`arranging B's reply wait failed: ${wait.body}`);
	// A dead letter of B's, as the worker would leave it.
	const now = new Date().toISOString();
	await service.ctx.storage.db.insertInto('events').values({ id: 'evt_01jb0000000000000000000000', tenant_id: b.id, type: 'message.received', channel: 'cloud', ordering_key: 'k', body: '{}', occurred_at: now, created_at: now }).execute();
	await service.ctx.storage.db.insertInto('dead_letters').values({ id: 'dlq_01jb0000000000000000000000', tenant_id: b.id, event_id: 'evt_01jb0000000000000000000000', subscription_id: subscriptionId, ordering_key: 'k', attempts: 3, last_error: 'HTTP 500', last_status: 500, queued_at: now, failed_at: now }).execute();
	return {
		a,
		b: { ...b, name: 'Tenant Bee Secretive', userId: user.json().id, keyId: keys[0].id, appId: '5550001', phoneNumberId: '6660001', subscriptionId, deadLetterId: 'dlq_01jb0000000000000000000000', conversationId: message.conversation_id, messageId: message.id, webSession: 'b-web', webChat, webMessageId: inbound.json().id, webOwnId: web, webGroupId, webGroupInvite, webChannelId, sentMessageId: question.id, replyWaitId: wait.json().id },
	};
}

/** Scans the fake session's QR through the Web sandbox and answers its own WhatsApp id once WORKING. */
async function linkWebSession(service: TestService, platform: Record<string, string>, tenantId: string, name: string): Promise<string> {
	const headers = { ...platform, 'x-tenant-id': tenantId };
	for (let tries = 0; tries < 200; tries += 1) {
		const session = (await service.app.inject({ method: 'GET', url: `/v1/web/sessions/${name}`, headers })).json();
		if (session.status === 'WORKING') return session.me.id as string;
		if (session.status === 'SCAN_QR') await service.app.inject({ method: 'POST', url: `/sandbox/web/${tenantId}/${name}/scan`, headers: platform });
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	throw new Error(`web session ${name} never linked`);
}

describe.each(testDialects())('cross-tenant probe on %s', (dialect) => {
	let service: TestService;
	let world: World;
	beforeAll(async () => {
		service = await startTestService(dialect, { composers: productComposers(), env: { EVENT_DELIVERY_ENABLED: 'false', WEB_DRIVER: 'fake' } });
		world = await arrangeWorld(service);
	});
	afterAll(() => service.stop());

	test('the probe table covers every secured route in the OpenAPI document', async () => {
		const doc = (await service.app.inject({ method: 'GET', url: '/openapi.json' })).json();
		const documented: string[] = [];
		for (const [path, operations] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
			for (const method of Object.keys(operations)) documented.push(`${method.toUpperCase()} ${path}`);
		}
		const probed = new Set(PROBES.map((p) => p.route));
		const missing = documented.filter((route) => !probed.has(route) && !PUBLIC_ROUTES.has(route));
		expect(missing).toEqual([]);
	});

	test.each(PROBES.map((probe) => [probe.route, probe] as const))('%s answers 404/403 to another tenant and leaks nothing', async (_route, probe) => {
		const headers = { ...bearer(world.a.adminKey), ...(probe.viaHeader ? { 'x-tenant-id': world.b.id } : {}) };
		const body = probe.body?.(world);
		const response = await service.app.inject({ method: probe.route.split(' ')[0] as 'GET', url: probe.url(world), headers, ...(body !== undefined ? { payload: body as object } : {}) });
		expect(probe.platformOnly ? [403] : [404]).toContain(response.statusCode);
		for (const secret of [world.b.name, world.b.userId, world.b.keyId, 'b-app-secret-value', 'b-access-token-value', 'b-user@b.test', world.b.adminKey, 'b private text', 'http://127.0.0.1:9/b-only', 'b web secret text', world.b.webOwnId, 'b question?', 'http://127.0.0.1:9/b-resume', 'b-reply-wait-secret-0123', 'b secret group', world.b.webGroupInvite, 'b secret channel']) {
			expect(response.body).not.toContain(secret);
		}
	});

	test("B's data is unchanged after the probes", async () => {
		const admin = bearer(world.b.adminKey);
		const tenant = (await service.app.inject({ method: 'GET', url: `/v1/tenants/${world.b.id}`, headers: admin })).json();
		expect(tenant.name).toBe(world.b.name);
		const users = (await service.app.inject({ method: 'GET', url: `/v1/tenants/${world.b.id}/users`, headers: admin })).json().data;
		expect(users.map((u: { email: string; role: string }) => [u.email, u.role])).toEqual([['b-user@b.test', 'member']]);
		const numbers = (await service.app.inject({ method: 'GET', url: '/v1/cloud/numbers', headers: admin })).json().data;
		expect(numbers.map((n: { phoneNumberId: string; throughputPerSecond: number }) => [n.phoneNumberId, n.throughputPerSecond])).toEqual([['6660001', 80]]);
		const keys = (await service.app.inject({ method: 'GET', url: `/v1/tenants/${world.b.id}/api-keys`, headers: admin })).json().data;
		expect(keys.every((k: { revokedAt: string | null }) => k.revokedAt === null)).toBe(true);
		expect((await service.app.inject({ method: 'GET', url: '/v1/meta-apps', headers: bearer(world.a.adminKey) })).json().data).toEqual([]);
		const subscription = (await service.app.inject({ method: 'GET', url: `/v1/subscriptions/${world.b.subscriptionId}`, headers: admin })).json();
		expect(subscription.targetUrl).toBe('http://127.0.0.1:9/b-only');
		expect((await service.app.inject({ method: 'GET', url: '/v1/dead-letters', headers: admin })).json().data.map((d: { id: string }) => d.id)).toEqual([world.b.deadLetterId]);
		expect((await service.app.inject({ method: 'GET', url: '/v1/subscriptions', headers: bearer(world.a.adminKey) })).json().data).toEqual([]);
		const web = (await service.app.inject({ method: 'GET', url: `/v1/web/sessions/${world.b.webSession}`, headers: admin })).json();
		expect(web).toMatchObject({ status: 'WORKING', settings: {}, me: { id: world.b.webOwnId } });
		expect((await service.app.inject({ method: 'GET', url: '/v1/web/sessions', headers: bearer(world.a.adminKey) })).json().data).toEqual([]);
		const group = (await service.app.inject({ method: 'GET', url: `/v1/web/sessions/${world.b.webSession}/groups/${world.b.webGroupId}`, headers: admin })).json();
		expect(group).toMatchObject({ subject: 'b secret group', size: 2 });
		expect((await service.app.inject({ method: 'GET', url: `/v1/web/sessions/${world.b.webSession}/groups/${world.b.webGroupId}/invite`, headers: admin })).json().url).toBe(world.b.webGroupInvite);
		const channel = `/v1/web/sessions/${world.b.webSession}/channels/${world.b.webChannelId}`;
		expect((await service.app.inject({ method: 'GET', url: channel, headers: admin })).json()).toMatchObject({ name: 'b secret channel', role: 'owner' });
		// The invite is still pending: B can withdraw it.
		expect((await service.app.inject({ method: 'DELETE', url: `${channel}/admins/invites/15550001234`, headers: admin })).statusCode).toBe(200);
	});
});
