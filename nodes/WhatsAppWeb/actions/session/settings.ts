import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { WebSessionSettings } from '../../../shared/transport/api/webSessions';

/** Per-session settings (applied at the next start), offered among a collection's options. */
export const sessionSettingsOptions: INodeProperties[] = [
	{ displayName: 'Browser Name', name: 'browserName', type: 'string', default: '', description: 'The browser name shown among the linked devices' },
	{ displayName: 'Device Name', name: 'deviceName', type: 'string', default: '', placeholder: 'n8n sales', description: 'The linked-device name shown on the phone' },
	{ displayName: 'Ignore Groups', name: 'ignoreGroups', type: 'boolean', default: false, description: 'Whether to neither record nor emit group messages' },
	{ displayName: 'Reject Calls', name: 'rejectCalls', type: 'boolean', default: false, description: 'Whether to decline every incoming call at once (WhatsApp Web cannot take calls); the trigger still gets Call Received' },
	{ displayName: 'Reject Call Message', name: 'rejectCallMessage', type: 'string', typeOptions: { rows: 2 }, default: '', placeholder: 'We cannot take calls here, please write to us', description: 'Sent to a declined caller in their chat (with Reject Calls on; not for group calls)' },
	{ displayName: 'Proxy Server', name: 'proxyServer', type: 'string', default: '', placeholder: 'http://proxy:3128', description: "Egress proxy for this session's browser (no credentials in the URL)" },
	{ displayName: 'Take Over on Conflict', name: 'takeoverOnConflict', type: 'boolean', default: false, description: 'Whether to take the session back when WhatsApp Web is opened elsewhere, instead of stopping' },
];

/** The settings among a collection's values, without the ones left empty. */
export function settingsOf(values: IDataObject): WebSessionSettings {
	const settings: WebSessionSettings = {};
	for (const key of ['deviceName', 'browserName', 'proxyServer', 'rejectCallMessage'] as const) {
		const text = String(values[key] ?? '').trim();
		if (text) settings[key] = text;
	}
	for (const key of ['takeoverOnConflict', 'ignoreGroups', 'rejectCalls'] as const) if (typeof values[key] === 'boolean') settings[key] = values[key];
	return settings;
}
