import type { TenantScope } from '../../auth/tenantScope';
import type { Repositories } from '../../context';
import { AppError } from '../../shared/errors';
import type { CloudAccounts } from './cloudAccounts';
import { graphErrorToAppError } from './graph/errorMapping';
import type { GraphClient } from './graph/graphClient';
import { GraphCallError } from './graph/metaError';
import { getPhoneNumber } from './graph/phoneNumbersApi';

export interface ConnectionTestResult {
	ok: boolean;
	displayPhoneNumber: string | null;
	verifiedName: string | null;
	qualityRating: string | null;
	throughput: { level: string | null; perSecond: number } | null;
	error?: { code: string; message: string; providerCode?: unknown; hint?: string };
}

/** "Test connection": reads the number's profile with its stored token, and remembers the outcome (health reads it). */
export class ConnectionTester {
	constructor(
		private readonly repos: Pick<Repositories, 'cloudNumbers'>,
		private readonly accounts: CloudAccounts,
		private readonly graph: GraphClient,
	) {}

	async test(scope: TenantScope, phoneNumberId: string): Promise<ConnectionTestResult> {
		const sender = await this.accounts.sender(scope, phoneNumberId);
		try {
			const profile = await getPhoneNumber(this.graph, sender.target, phoneNumberId);
			const result: ConnectionTestResult = {
				ok: true,
				displayPhoneNumber: profile.display_phone_number ?? sender.displayPhoneNumber,
				verifiedName: profile.verified_name ?? null,
				qualityRating: profile.quality_rating ?? null,
				throughput: { level: profile.throughput?.level ?? null, perSecond: sender.throughputPerSecond },
			};
			await this.repos.cloudNumbers.recordTest(scope, phoneNumberId, { ok: true, displayPhoneNumber: result.displayPhoneNumber ?? undefined, verifiedName: result.verifiedName ?? undefined });
			return result;
		} catch (error) {
			if (!(error instanceof GraphCallError)) throw error;
			const mapped: AppError = graphErrorToAppError(error);
			await this.repos.cloudNumbers.recordTest(scope, phoneNumberId, { ok: false, error: mapped.message });
			if (error.code === 190) this.accounts.forget(scope, phoneNumberId);
			return {
				ok: false,
				displayPhoneNumber: sender.displayPhoneNumber,
				verifiedName: null,
				qualityRating: null,
				throughput: null,
				error: { code: mapped.code, message: mapped.message, providerCode: mapped.details.providerCode, hint: mapped.details.hint as string | undefined },
			};
		}
	}
}
