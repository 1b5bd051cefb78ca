// (4) examples/whatsapp-business-ask-and-wait.json, started over HTTP (its Manual Trigger swapped for a Webhook):
// the question goes out as reply buttons and the execution waits; the simulated user taps "Ship it"; the service
// calls n8n's resume URL and the execution ends approved, sending the confirmation.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { importWorkflow, postWebhook, publishWorkflow } from '../../../scripts/n8n/index.mjs';
import { prepareExample } from '../../../examples/setup.mjs';
import { executionWithData, lastOutput, waitForStatus, withWebhookTrigger } from '../lib/n8nSide.mjs';
import { sentAsExpected } from './sendEveryType.mjs';

const QUESTION = 'Ship order #1001 today?';

export async function sendAndWait({ t, n8n, service, credential }) {
	const hookPath = `e2e-ask-${crypto.randomBytes(4).toString('hex')}`;
	const workflowId = await importWorkflow(n8n, withWebhookTrigger(prepareExample('askAndWait', credential), hookPath), { via: 'api' });
	let waiting;
	let question;
	const asked = await t.check('send and wait: the question goes out as buttons and the execution waits', async () => {
		await publishWorkflow(n8n, workflowId);
		const response = await postWebhook(n8n, hookPath, { order: 1001 });
		assert.equal(response.status, 200, `webhook answered ${response.status}: ${JSON.stringify(response.body)}`);
		waiting = await waitForStatus(n8n, workflowId, 'waiting');
		// Found by its text: the simulator lists newest first, and other scenarios send interactive messages too.
		question = (await service.cloud.sentOfType('interactive')).find((m) => m.request.interactive?.body?.text === QUESTION)?.request;
		assert.ok(question, `Meta got no interactive message "${QUESTION}"`);
		assert.deepEqual(question.interactive.action.buttons.map((b) => b.reply.title), ['Ship it', 'Hold']);
		return `execution ${waiting.id} waiting; Meta got 2 reply buttons`;
	});
	if (!asked.ok) return;

	await t.check('send and wait: a button tap resumes it with approved: true', async () => {
		await service.cloud.userWrites({ type: 'interactive', interactive: { type: 'button_reply', button_reply: question.interactive.action.buttons[0].reply } });
		await waitForStatus(n8n, workflowId, 'success', { executionId: waiting.id });
		const execution = await executionWithData(n8n, waiting.id);
		const [answer] = lastOutput(execution, 'Ask for approval');
		assert.equal(answer?.matched, true, `answer: ${JSON.stringify(answer)}`);
		assert.deepEqual(answer.data, { approved: true, answer: 'Ship it' });
		await sentAsExpected(service, lastOutput(execution, 'Confirm'), (r) => {
			assert.deepEqual(r.text, { body: 'Shipping order #1001 today.' });
			return 'confirmation';
		});
		return `execution ${waiting.id} succeeded; the next node sent the confirmation`;
	});
}
