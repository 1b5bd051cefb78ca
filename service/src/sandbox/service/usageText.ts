import type { SandboxInfo } from './sandboxProvisioner';

/** What a newcomer reads at start: where the key is and the two calls that show the whole loop. */
export function usageText(info: SandboxInfo, file: string): string {
	const key = `$(node -p "require('${file}').apiKey")`;
	return [
		`Sandbox mode: Cloud API simulator at ${info.serviceUrl}/sandbox; tenant "sandbox" with number ${info.displayPhoneNumber} (phone_number_id ${info.phoneNumberId}).`,
		`Its API key and Meta credentials are in ${file} (used by npm run n8n).`,
		`1) A user writes to the sandbox number (opens the 24 h window):`,
		`   curl -X POST ${info.controlUrl}/inbound -H 'content-type: application/json' -d '{"phoneNumberId":"${info.phoneNumberId}","from":"${info.testUser}","type":"text","text":{"body":"hi"}}'`,
		`2) Answer them through the service:`,
		`   curl -X POST ${info.serviceUrl}/v1/messages -H "authorization: Bearer ${key}" -H 'content-type: application/json' -d '{"to":"${info.testUser}","type":"text","text":{"body":"Hello from the sandbox"}}'`,
		`Control API (inbound, faults, template approval, stats): ${info.controlUrl} (platform admins; in development also callers on this machine).`,
	].join('\n');
}
