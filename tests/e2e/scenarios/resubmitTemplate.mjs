// (5) examples/whatsapp-business-resubmit-rejected-template.json, published: a template is created through the
// service and Meta (the simulator) rejects it for its category; the Business Trigger fires on the template status,
// the If node lets only that rejection through, and Template › Update resubmits it as MARKETING.
import assert from 'node:assert/strict';
import { importWorkflow } from '../../../scripts/n8n/index.mjs';
import { prepareExample } from '../../../examples/setup.mjs';
import { executionsOf, executionWithData, lastOutput, publishAndSubscribe } from '../lib/n8nSide.mjs';
import { until } from '../lib/poll.mjs';

const TRIGGER = 'On template review';
const UPDATE = 'Resubmit as marketing';

export async function resubmitTemplate({ t, n8n, service, credential }) {
	const workflow = prepareExample('resubmitTemplate', credential);
	const workflowId = await importWorkflow(n8n, workflow, { via: 'api' });
	await t.check('template update: a template rejected for its category is resubmitted as MARKETING by the published workflow', async () => {
		await publishAndSubscribe(n8n, service, workflowId, workflow);
		const name = `e2e_resubmit_${Date.now().toString(36)}`;
		const created = await service.api('POST', '/v1/templates', { name, language: 'en_US', category: 'UTILITY', components: [{ type: 'BODY', text: 'Our spring sale starts {{1}} with new offers.', example: { body_text: [['today']] } }] });
		await service.control('POST', `/templates/${created.id}/reject`, { reason: 'INCORRECT_CATEGORY' });
		// Other reviews of it (the sandbox approves pending templates by itself) start executions too: find the one that updated.
		const { execution, updated } = await until('an execution that ran the Update node', async () => {
			for (const row of executionsOf(n8n, workflowId).filter((r) => r.status === 'success')) {
				const execution = await executionWithData(n8n, row.id);
				const [updated] = lastOutput(execution, UPDATE);
				if (updated) return { execution, updated };
			}
			return undefined;
		}, { timeoutMs: 60_000, intervalMs: 500 });
		const [review] = lastOutput(execution, TRIGGER);
		assert.equal(review.templateId, created.id);
		assert.equal(review.event, 'template.status');
		assert.equal(review.status, 'REJECTED');
		assert.equal(review.reason, 'INCORRECT_CATEGORY');
		assert.equal(updated.id, created.id);
		assert.equal(updated.category, 'MARKETING');
		const now = await service.api('GET', `/v1/templates/${created.id}`);
		assert.equal(now.category, 'MARKETING');
		assert.ok(['PENDING', 'APPROVED'].includes(now.status), `status ${now.status}`);
		return `execution ${execution.id}: REJECTED (INCORRECT_CATEGORY) -> Template › Update; Meta has ${name} as MARKETING, ${now.status}`;
	});
}
