import { META_PAIR_RATE_LIMIT, type PairRateLimitConfig } from './limits/rateLimits';
import { DEFAULT_THROUGHPUT_PER_SECOND } from './state/registry';
import { SERVICE_WINDOW_MS } from './state/serviceWindows';
import type { WebhookDeliveryConfig } from './webhooks/emitter';

/**
 * Behaviour switches of the simulator. Defaults follow Meta's documented numbers; tests shrink the delays,
 * benchmarks raise throughput. The control API can change them at run time (`PATCH /control/config`).
 */
export interface StatusWebhookConfig {
	/** Emit sent/delivered/read webhooks after accepted sends. */
	enabled: boolean;
	/** Real-time delays after the send was accepted. */
	sentDelayMs: number;
	deliveredDelayMs: number;
	readDelayMs: number;
	/** Chance that the user reads the message (a `read` webhook follows). */
	readProbability: number;
	/** Chance that `delivered` is skipped when `read` follows at once, as Meta does. */
	skipDeliveredProbability: number;
}

export interface SimulatorConfig {
	statusWebhooks: StatusWebhookConfig;
	webhookDelivery: WebhookDeliveryConfig;
	/** `false` disables the pair limit entirely. */
	pairRateLimit: PairRateLimitConfig | false;
	/** Free-form messages outside the 24 h window fail with 131047 (asynchronously). */
	enforceServiceWindow: boolean;
	serviceWindowMs: number;
	/** Throughput given to numbers provisioned without one. */
	defaultThroughputPerSecond: number;
	/** Approve new templates automatically after this many ms; `null` leaves them PENDING until the control API decides. */
	templateAutoApproveMs: number | null;
	/** Accepted Graph versions, by major number. */
	apiVersions: { min: number; max: number };
	/** Give each new WABA Meta's approved `hello_world` template. */
	seedHelloWorldTemplate: boolean;
}

export const DEFAULT_CONFIG: SimulatorConfig = {
	statusWebhooks: {
		enabled: true,
		sentDelayMs: 50,
		deliveredDelayMs: 300,
		readDelayMs: 1500,
		readProbability: 1,
		skipDeliveredProbability: 0,
	},
	webhookDelivery: {
		// Meta retries "immediately, then with decreasing frequency" for up to 7 days; this is a shortened version.
		retryDelaysMs: [1_000, 5_000, 30_000, 120_000, 600_000, 3_600_000],
		maxConcurrency: 32,
		timeoutMs: 10_000,
		maxQueue: 200_000,
	},
	pairRateLimit: META_PAIR_RATE_LIMIT,
	enforceServiceWindow: true,
	serviceWindowMs: SERVICE_WINDOW_MS,
	defaultThroughputPerSecond: DEFAULT_THROUGHPUT_PER_SECOND,
	templateAutoApproveMs: null,
	apiVersions: { min: 13, max: 26 },
	seedHelloWorldTemplate: true,
};

export interface ConfigPatch {
	statusWebhooks?: Partial<StatusWebhookConfig>;
	webhookDelivery?: Partial<WebhookDeliveryConfig>;
	pairRateLimit?: Partial<PairRateLimitConfig> | false;
	enforceServiceWindow?: boolean;
	serviceWindowMs?: number;
	defaultThroughputPerSecond?: number;
	templateAutoApproveMs?: number | null;
	apiVersions?: Partial<SimulatorConfig['apiVersions']>;
	seedHelloWorldTemplate?: boolean;
}

/** Merges a partial configuration one level deep (nested objects are merged, arrays replaced). */
export function mergeConfig(base: SimulatorConfig, patch: ConfigPatch | undefined): SimulatorConfig {
	const merged: SimulatorConfig = structuredClone(base);
	if (!patch) return merged;
	const target = merged as unknown as Record<string, unknown>;
	for (const [key, value] of Object.entries(patch)) {
		if (value === undefined) continue;
		// A re-enabled pair limit starts from Meta's numbers, not from `false`.
		const current = key === 'pairRateLimit' && target[key] === false ? META_PAIR_RATE_LIMIT : target[key];
		if (isPlainObject(value) && isPlainObject(current)) target[key] = { ...current, ...value };
		else target[key] = value;
	}
	return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
