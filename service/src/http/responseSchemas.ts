import { Type } from 'typebox';
import { Nullable } from './schemas';

/** Response shapes shared by several route plugins. Responses are serialized through these, so unknown fields never leak. */

export const TenantSchema = Type.Object({
	id: Type.String(),
	name: Type.String(),
	slug: Type.String(),
	status: Type.Union([Type.Literal('active'), Type.Literal('suspended')]),
	defaultMode: Nullable(Type.Union([Type.Literal('cloud'), Type.Literal('web')])),
	createdAt: Type.String(),
	updatedAt: Type.String(),
});

export const RoleSchema = Type.Union([Type.Literal('platform_admin'), Type.Literal('tenant_admin'), Type.Literal('member')]);

export const UserSchema = Type.Object({
	id: Type.String(),
	tenantId: Nullable(Type.String()),
	email: Type.String(),
	name: Nullable(Type.String()),
	role: RoleSchema,
	disabled: Type.Boolean(),
	lastLoginAt: Nullable(Type.String()),
	createdAt: Type.String(),
	updatedAt: Type.String(),
});

export const ScopeSchema = Type.Union([Type.Literal('read'), Type.Literal('send'), Type.Literal('admin')]);

export const ApiKeySchema = Type.Object({
	id: Type.String(),
	tenantId: Nullable(Type.String()),
	name: Type.String(),
	prefix: Type.String(),
	scopes: Type.Array(ScopeSchema),
	createdAt: Type.String(),
	lastUsedAt: Nullable(Type.String()),
	expiresAt: Nullable(Type.String()),
	revokedAt: Nullable(Type.String()),
});

export const CreatedApiKeySchema = Type.Object({
	apiKey: ApiKeySchema,
	key: Type.String({ description: 'The key itself. Shown only in this response; store it now.' }),
});
