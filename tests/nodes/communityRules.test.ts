import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { WhatsAppBusiness } from '../../nodes/WhatsAppBusiness/WhatsAppBusiness.node';
import { WhatsAppBusinessTrigger } from '../../nodes/WhatsAppBusinessTrigger/WhatsAppBusinessTrigger.node';
import { PACKAGE_PREFIX } from '../support/n8n';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; dependencies?: Record<string, string>; n8n: { nodes: string[] } };

describe('community package rules', () => {
	test('n8n’s offline community scanner passes on the source and on the packed tarball, which ships what n8n needs', async () => {
		const { stdout } = await promisify(execFile)(process.execPath, [path.join(root, 'scripts/scan-package.mjs')], { cwd: root, maxBuffer: 10 * 1024 * 1024 }).catch((error: { stdout?: string; stderr?: string }) => {
			throw new Error(`scan failed:\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
		});
		expect(stdout).toContain('PASS scanner (source)');
		expect(stdout).toContain('PASS scanner (tarball)');
		expect(stdout).toContain('PASS shipped files');
	}, 180_000);

	test('no runtime dependencies; both nodes registered, each with a codex naming its installed type', () => {
		expect(manifest.dependencies ?? {}).toEqual({});
		for (const node of [new WhatsAppBusiness(), new WhatsAppBusinessTrigger()]) {
			const folder = node.description.name.charAt(0).toUpperCase() + node.description.name.slice(1);
			expect(manifest.n8n.nodes).toContain(`dist/nodes/${folder}/${folder}.node.js`);
			const codex = JSON.parse(fs.readFileSync(path.join(root, 'nodes', folder, `${folder}.node.json`), 'utf8')) as { node: string; categories: string[] };
			expect(codex).toMatchObject({ node: `${PACKAGE_PREFIX}.${node.description.name}`, categories: ['Communication'] });
			expect(manifest.name).toBe(PACKAGE_PREFIX);
		}
	});

	test('the action node is usable as an AI tool and resumable by a webhook; the trigger is neither a tool nor input-taking', () => {
		const action = new WhatsAppBusiness().description;
		expect(action).toMatchObject({ usableAsTool: true, subtitle: expect.any(String), webhooks: [expect.objectContaining({ restartWebhook: true, httpMethod: 'POST', path: '={{ $nodeId }}' })] });
		const trigger = new WhatsAppBusinessTrigger().description;
		expect(trigger.usableAsTool).toBeUndefined();
		expect(trigger.inputs).toEqual([]);
		expect(trigger.group).toEqual(['trigger']);
	});

	test('every option list and field is in English and every operation has an action label', () => {
		const texts: string[] = [];
		const walk = (value: unknown) => {
			if (typeof value === 'string') texts.push(value);
			else if (Array.isArray(value)) value.forEach(walk);
			else if (value && typeof value === 'object') for (const [key, inner] of Object.entries(value)) if (['displayName', 'description', 'name', 'action', 'placeholder', 'hint'].includes(key) || typeof inner === 'object') walk(inner);
		};
		walk(new WhatsAppBusiness().description.properties);
		walk(new WhatsAppBusinessTrigger().description.properties);
		// Letters outside Latin-1 would mean text in another language slipped in (typographic quotes and arrows are fine).
		expect(texts.filter((text) => /[\u0400-\u04ff\u0600-\u06ff\u3040-\u30ff\u4e00-\u9fff]/.test(text))).toEqual([]);
		const operations = new WhatsAppBusiness().description.properties.filter((property) => property.name === 'operation');
		for (const operation of operations) for (const option of operation.options as Array<{ action?: string }>) expect(option.action).toEqual(expect.any(String));
	});
});
