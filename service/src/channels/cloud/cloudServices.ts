import type { AppContext } from '../../context';
import type { CloudAccounts } from './cloudAccounts';
import type { ConnectionTester } from './connectionTester';
import type { GraphClient } from './graph/graphClient';
import type { RetryPolicy } from './retryPolicy';

/** What the Cloud routes share with the channel: one Graph client, one account cache, one retry schedule. */
export interface CloudServices {
	ctx: AppContext;
	accounts: CloudAccounts;
	graph: GraphClient;
	retry: RetryPolicy;
	tester: ConnectionTester;
	/**
	 * Where the unauthenticated credential check may call for a given token: the configured Graph, or the
	 * in-process sandbox when it knows the token (sandbox mode only).
	 */
	credentialCheckBase(accessToken: string): { baseUrl: string; version: string };
}
