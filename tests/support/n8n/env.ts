import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * n8n-core keeps instance settings (encryption key, URL-signing secret) and binary data under N8N_USER_FOLDER.
 * Tests get a throwaway folder, set before n8n-core is first used: import this module before anything from it.
 */
if (!process.env.N8N_USER_FOLDER?.includes('wa-n8n-harness-')) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-n8n-harness-'));
}
process.env.N8N_ENCRYPTION_KEY ??= randomBytes(24).toString('hex');
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
// n8n-core logs every node error to the console; the tests assert on the errors themselves.
process.env.N8N_LOG_LEVEL ??= 'silent';

export const harnessUserFolder = process.env.N8N_USER_FOLDER;
