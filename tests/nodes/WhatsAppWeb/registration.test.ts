import fs from 'node:fs';
import path from 'node:path';
import type { INodeType } from 'n8n-workflow';
import { WhatsAppTenantAdmin } from '../../../nodes/WhatsAppTenantAdmin/WhatsAppTenantAdmin.node';
import { WhatsAppWeb } from '../../../nodes/WhatsAppWeb/WhatsAppWeb.node';
import { WhatsAppWebTrigger } from '../../../nodes/WhatsAppWebTrigger/WhatsAppWebTrigger.node';
import { PACKAGE_PREFIX } from '../../support/n8n';

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };

/** The Web node, its trigger and the Tenant Admin node, as n8n loads them from the package. */
describe.each<[string, INodeType]>([
	['WhatsAppWeb', new WhatsAppWeb()],
	['WhatsAppWebTrigger', new WhatsAppWebTrigger()],
	['WhatsAppTenantAdmin', new WhatsAppTenantAdmin()],
])('%s is a complete community node', (folder, node) => {
	const { description } = node;

	test('registered in package.json, with a codex naming its installed type', () => {
		expect(manifest.n8n.nodes).toContain(`dist/nodes/${folder}/${folder}.node.js`);
		const codex = JSON.parse(fs.readFileSync(path.join(root, 'nodes', folder, `${folder}.node.json`), 'utf8')) as { node: string; categories: string[] };
		expect(codex.node).toBe(`${PACKAGE_PREFIX}.${description.name}`);
		expect(codex.categories).toContain('Communication');
	});

	test("the codex's documentation link points at a README section", () => {
		const codex = JSON.parse(fs.readFileSync(path.join(root, 'nodes', folder, `${folder}.node.json`), 'utf8')) as { resources: { primaryDocumentation: Array<{ url: string }> } };
		const anchor = codex.resources.primaryDocumentation[0].url.split('#')[1];
		const headings = fs
			.readFileSync(path.join(root, 'README.md'), 'utf8')
			.split('\n')
			.filter((line) => line.startsWith('## '))
			.map((line) => line.slice(3).trim().toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-'));
		expect(headings).toContain(anchor);
	});

	test('light and dark icons exist and differ', () => {
		const icon = description.icon as { light: string; dark: string };
		const read = (file: string) => fs.readFileSync(path.join(root, 'nodes', folder, file.replace(/^file:/, '')), 'utf8');
		expect(read(icon.light)).toMatch(/^<svg/);
		expect(read(icon.dark)).toMatch(/^<svg/);
		expect(read(icon.light)).not.toBe(read(icon.dark));
	});

	test('action nodes are AI tools with inputs; the trigger is neither, and keeps its subscription lifecycle', () => {
		if (folder.endsWith('Trigger')) {
			expect(description.usableAsTool).toBeUndefined();
			expect(description.inputs).toEqual([]);
			expect(Object.keys(node.webhookMethods?.default ?? {}).sort()).toEqual(['checkExists', 'create', 'delete']);
		} else {
			expect(description.usableAsTool).toBe(true);
			expect(description.inputs).toEqual(['main']);
		}
	});

	test('every operation has an action label, and every list of options is in alphabetical order', () => {
		for (const property of description.properties.filter((candidate) => candidate.name === 'operation')) {
			const options = (property.options ?? []) as Array<{ name: string; action?: string }>;
			expect(options.every((option) => typeof option.action === 'string')).toBe(true);
			expect(options.map((option) => option.name)).toEqual([...options.map((option) => option.name)].sort((a, b) => a.localeCompare(b)));
		}
	});
});
