import type { Simulator } from '../simulator';
import type { SimPhoneNumber, SimWaba } from '../state/registry';
import type { TemplateRecord } from '../state/templateStore';

/**
 * How stored objects look as Graph nodes. Keys present with `undefined` are fields the node has but that
 * are empty, so `fields=` may name them without error.
 */
export const TEMPLATE_DEFAULT_FIELDS = ['name', 'parameter_format', 'components', 'language', 'status', 'category'] as const;

export function templateNode(template: TemplateRecord): Record<string, unknown> {
	return {
		name: template.name,
		parameter_format: template.parameterFormat,
		components: template.components,
		language: template.language,
		status: template.status,
		category: template.category,
		previous_category: template.previousCategory,
		rejected_reason: template.rejectedReason,
		sub_category: undefined,
		quality_score: { score: 'UNKNOWN', date: Math.floor(template.updatedAt / 1000) },
		id: template.id,
	};
}

export const PHONE_NUMBER_DEFAULT_FIELDS = ['display_phone_number', 'verified_name', 'quality_rating'] as const;
export const PHONE_NUMBER_LIST_DEFAULT_FIELDS = [
	'verified_name',
	'code_verification_status',
	'display_phone_number',
	'quality_rating',
	'platform_type',
	'throughput',
	'last_onboarded_time',
	'webhook_configuration',
] as const;

export function phoneNumberNode(sim: Simulator, number: SimPhoneNumber): Record<string, unknown> {
	const app = sim.registry.apps.get(number.appId);
	return {
		id: number.phoneNumberId,
		display_phone_number: number.displayPhoneNumber,
		verified_name: number.verifiedName,
		quality_rating: number.qualityRating,
		code_verification_status: 'VERIFIED',
		name_status: 'APPROVED',
		platform_type: 'CLOUD_API',
		host_platform: 'CLOUD_API',
		status: 'CONNECTED',
		account_mode: 'LIVE',
		// Meta's levels: STANDARD is the default 80 mps, HIGH the upgraded 1,000 mps.
		throughput: { level: number.throughputPerSecond > 80 ? 'HIGH' : 'STANDARD' },
		messaging_limit_tier: 'TIER_UNLIMITED',
		whatsapp_business_manager_messaging_limit: 'TIER_UNLIMITED',
		is_official_business_account: false,
		is_pin_enabled: false,
		last_onboarded_time: new Date(number.createdAt).toISOString().replace(/\.\d{3}Z$/, '+0000'),
		webhook_configuration: app?.callbackUrl ? { application: app.callbackUrl } : {},
		country_code: undefined,
		country_dial_code: undefined,
		username: undefined,
	};
}

export const WABA_DEFAULT_FIELDS = ['name', 'timezone_id', 'message_template_namespace'] as const;

export function wabaNode(waba: SimWaba): Record<string, unknown> {
	return {
		id: waba.wabaId,
		name: waba.name,
		currency: waba.currency,
		timezone_id: waba.timezoneId,
		message_template_namespace: waba.messageTemplateNamespace,
		account_review_status: 'APPROVED',
		business_verification_status: 'verified',
		ownership_type: 'SELF',
	};
}
