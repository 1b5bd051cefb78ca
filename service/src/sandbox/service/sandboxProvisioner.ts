import fs from 'node:fs';
import path from 'node:path';
import { generateApiKey, hashApiKey } from '../../auth/apiKeys';
import { systemPlatformScope, systemScope, type TenantScope } from '../../auth/tenantScope';
import type { AppContext } from '../../context';
import { randomSecret } from '../../shared/ids';
import type { Simulator } from '../simulator';
import { SANDBOX_META, SANDBOX_PREFIX, SANDBOX_TENANT, SANDBOX_TENANT_SETTING } from './sandboxIdentity';

/** What `npm run n8n` and people read from DATA_DIR/sandbox.json (mode 0600: it holds a tenant key and Meta secrets). */
export interface SandboxInfo {
	serviceUrl: string;
	tenantId: string;
	apiKey: string;
	phoneNumberId: string;
	displayPhoneNumber: string;
	wabaId: string;
	testUser: string;
	graphBaseUrl: string;
	controlUrl: string;
	meta: { appId: string; appSecret: string; verifyToken: string; wabaId: string; accessToken: string };
}

export function sandboxFile(ctx: AppContext): string {
	return path.join(ctx.config.dataDir, 'sandbox.json');
}

/**
 * Makes sure the sandbox tenant exists with a Meta app pointing at the in-process simulator and one Cloud number,
 * provisions the same identity in the simulator (whose state lives in memory), and keeps a working API key in
 * sandbox.json. Safe to run at every start: it reuses what exists.
 */
export async function provisionSandbox(ctx: AppContext, simulator: Simulator, localUrl: string): Promise<SandboxInfo> {
	const scope = await ensureTenant(ctx);
	const graphBaseUrl = `${localUrl}${SANDBOX_PREFIX}/graph`;

	let app = await ctx.repos.metaApps.getSecrets(scope, SANDBOX_META.appId);
	if (!app) {
		await ctx.repos.metaApps.create(scope, { appId: SANDBOX_META.appId, name: 'Sandbox app', appSecret: randomSecret(24), verifyToken: randomSecret(18), graphBaseUrl });
	} else if (app.graphBaseUrl !== graphBaseUrl) {
		// The port may differ from the last run.
		await ctx.repos.metaApps.update(scope, SANDBOX_META.appId, { graphBaseUrl });
	}
	app = (await ctx.repos.metaApps.getSecrets(scope, SANDBOX_META.appId))!;

	let number = await ctx.repos.cloudNumbers.credentials(scope, SANDBOX_META.phoneNumberId);
	if (!number) {
		await ctx.repos.cloudNumbers.create(scope, {
			phoneNumberId: SANDBOX_META.phoneNumberId,
			wabaId: SANDBOX_META.wabaId,
			metaAppRowId: app.id,
			metaAppId: SANDBOX_META.appId,
			displayPhoneNumber: SANDBOX_META.displayPhoneNumber,
			verifiedName: SANDBOX_META.verifiedName,
			accessToken: `EAASandbox${randomSecret(24)}`,
			throughputPerSecond: 80,
			isDefault: true,
		});
		number = (await ctx.repos.cloudNumbers.credentials(scope, SANDBOX_META.phoneNumberId))!;
	}
	if ((await ctx.repos.tenants.get(scope))?.defaultMode === null) await ctx.repos.tenants.update(scope, { default_mode: 'cloud' });

	simulator.provision({
		apps: [{ appId: SANDBOX_META.appId, appSecret: app.appSecret, verifyToken: app.verifyToken, callbackUrl: `${localUrl}/webhooks/meta/${SANDBOX_META.appId}` }],
		phoneNumbers: [
			{
				phoneNumberId: SANDBOX_META.phoneNumberId,
				wabaId: SANDBOX_META.wabaId,
				appId: SANDBOX_META.appId,
				displayPhoneNumber: SANDBOX_META.displayPhoneNumber,
				verifiedName: SANDBOX_META.verifiedName,
				accessToken: number.accessToken,
				throughputPerSecond: number.throughputPerSecond,
			},
		],
	});

	const info: SandboxInfo = {
		serviceUrl: ctx.publicUrl,
		tenantId: scope.tenantId,
		apiKey: await ensureApiKey(ctx, scope),
		phoneNumberId: SANDBOX_META.phoneNumberId,
		displayPhoneNumber: SANDBOX_META.displayPhoneNumber,
		wabaId: SANDBOX_META.wabaId,
		testUser: SANDBOX_META.testUser,
		graphBaseUrl,
		controlUrl: `${ctx.publicUrl}${SANDBOX_PREFIX}/control`,
		meta: { appId: SANDBOX_META.appId, appSecret: app.appSecret, verifyToken: app.verifyToken, wabaId: SANDBOX_META.wabaId, accessToken: number.accessToken },
	};
	writePrivateJson(sandboxFile(ctx), info);
	return info;
}

async function ensureTenant(ctx: AppContext): Promise<TenantScope> {
	const remembered = await ctx.repos.systemSettings.get(SANDBOX_TENANT_SETTING);
	if (remembered) {
		const scope = systemScope(remembered, 'sandbox');
		if (await ctx.repos.tenants.get(scope)) return scope;
	}
	let slug: string = SANDBOX_TENANT.slug;
	for (let n = 2; await ctx.repos.tenants.slugTaken(slug); n++) slug = `${SANDBOX_TENANT.slug}-${n}`;
	const tenant = await ctx.repos.tenants.create(systemPlatformScope('sandbox'), { name: SANDBOX_TENANT.name, slug });
	await ctx.repos.systemSettings.set(SANDBOX_TENANT_SETTING, tenant.id);
	return systemScope(tenant.id, 'sandbox');
}

/** Keys are stored as hashes, so the one in sandbox.json is reused while it still works; otherwise a new one is minted. */
async function ensureApiKey(ctx: AppContext, scope: TenantScope): Promise<string> {
	const previous = readJson(sandboxFile(ctx))?.apiKey;
	if (typeof previous === 'string') {
		const row = await ctx.repos.apiKeys.findByHash(hashApiKey(previous));
		if (row && row.tenant_id === scope.tenantId && !row.revoked_at) return previous;
	}
	const generated = generateApiKey();
	await ctx.repos.apiKeys.create({ tenant: scope }, { name: 'sandbox (sandbox.json)', prefix: generated.prefix, hash: generated.hash, scopes: ['read', 'send', 'admin'], createdBy: 'system:sandbox' });
	return generated.key;
}

function readJson(file: string): Record<string, unknown> | undefined {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
	} catch {
		return undefined;
	}
}

function writePrivateJson(file: string, value: unknown): void {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	const temporary = `${file}.${process.pid}.tmp`;
	fs.writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
	fs.renameSync(temporary, file);
	fs.chmodSync(file, 0o600);
}
