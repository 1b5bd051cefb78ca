// Test harness for running a real n8n with our community package.
// See scripts/n8n/README.md for usage.
export { ensureN8nInstalled, cacheRoot, installDir, n8nBin } from './install.mjs';
export { installPackageTarball, npmPack, nodesDir } from './package.mjs';
export { n8nEnv, encryptionKeyFor, freePort, majorOf } from './env.mjs';
export { startN8n, rest, api, ensureOwnerSession, mintApiKey, DEFAULT_OWNER } from './server.mjs';
export {
	cliContext,
	runCli,
	importCredentials,
	importWorkflow,
	executeWorkflow,
	parseExecuteOutput,
	nodeOutput,
	publishWorkflow,
	unpublishWorkflow,
	listExecutions,
	getExecution,
	waitForExecution,
	postWebhook,
	newId,
} from './workflows.mjs';
export { tryIt, DEFAULT_VERSION } from './try.mjs';
