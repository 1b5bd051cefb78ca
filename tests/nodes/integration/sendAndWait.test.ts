import type { IDataObject } from 'n8n-workflow';
import { startSandboxWorld, type SandboxWorld, type WorkflowRun } from '../../support/n8n';
import { business } from '../fakeServiceSetup';

/**
 * Send and wait end to end: the node asks in WhatsApp, the service forwards the user's answer (or its timeout)
 * to n8n's signed resume URL through a reply wait, and the execution continues with the answer.
 */
let world: SandboxWorld;
let contact = 15550009000;

beforeAll(async () => {
	world = await startSandboxWorld();
});
afterAll(() => world.close());

/** A fresh contact who has written first (the 24-hour window is open). */
async function newContact(): Promise<string> {
	const user = String(++contact);
	await world.userWrites({ type: 'text', text: { body: 'hello' } }, user);
	return user;
}

async function ask(user: string, parameters: IDataObject): Promise<{ run: WorkflowRun; question: IDataObject }> {
	const run = await world.n8n.run([business({ resource: 'message', operation: 'sendAndWait', to: user, message: 'Ship order 7?', ...parameters }, 'Ask'), { name: 'After', type: 'binaryFixture', parameters: { text: 'continued' } }], { items: [{ order: 7 }] });
	expect(run.error?.message ?? run.status).toBe('waiting');
	const question = (await world.sentToMeta({ to: user })).at(-1)?.request as IDataObject;
	return { run, question };
}

const buttonsOf = (question: IDataObject) => ((question.interactive as IDataObject).action as { buttons: Array<{ reply: { id: string; title: string } }> }).buttons.map((button) => button.reply);

describe('Send and wait, answered in WhatsApp', () => {
	test('approval: the user taps Decline; the execution continues with approved: false and the next node runs', async () => {
		const user = await newContact();
		const { run, question } = await ask(user, { responseType: 'approval' });
		const [, decline] = buttonsOf(question);
		await world.userWrites({ type: 'interactive', interactive: { type: 'button_reply', button_reply: decline } }, user);
		const resumed = await world.n8n.nextResumption(run.executionId);
		expect(resumed.status).toBe('success');
		expect(resumed.json('Ask')[0]).toMatchObject({ timedOut: false, matched: true, data: { approved: false, answer: 'Decline' }, reply: { from: user, type: 'interactive' } });
		expect(resumed.json('After')).toHaveLength(1);
	});

	test('choice from a list: the picked row comes back with its label', async () => {
		const user = await newContact();
		const { run, question } = await ask(user, { responseType: 'choice', choices: { choice: [{ label: 'Small', description: 'S' }, { label: 'Medium' }, { label: 'Large' }] } });
		const rows = ((question.interactive as IDataObject).action as { sections: Array<{ rows: Array<{ id: string; title: string }> }> }).sections[0].rows;
		await world.userWrites({ type: 'interactive', interactive: { type: 'list_reply', list_reply: rows[2] } }, user);
		expect((await world.n8n.nextResumption(run.executionId)).json('Ask')[0]).toMatchObject({ matched: true, data: { choice: { index: 2, label: 'Large' } } });
	});

	test('free text: the next text the user writes is the answer; a reaction before it is not', async () => {
		const user = await newContact();
		const { run, question } = await ask(user, { responseType: 'freeText' });
		expect(question).toMatchObject({ type: 'text', text: { body: 'Ship order 7?' } });
		const prompt = (await world.sentToMeta({ to: user })).at(-1) as IDataObject;
		await world.userWrites({ type: 'reaction', reaction: { message_id: prompt.id, emoji: '👍' } }, user);
		await world.userWrites({ type: 'text', text: { body: 'Ship it on Monday' } }, user);
		expect((await world.n8n.nextResumption(run.executionId)).json('Ask')[0]).toMatchObject({ matched: true, data: { text: 'Ship it on Monday' } });
	});

	test('two questions to different people are answered independently', async () => {
		const [alice, bob] = [await newContact(), await newContact()];
		const first = await ask(alice, { responseType: 'approval' });
		const second = await ask(bob, { responseType: 'approval' });
		await world.userWrites({ type: 'text', text: { body: 'approve' } }, bob);
		await world.userWrites({ type: 'interactive', interactive: { type: 'button_reply', button_reply: buttonsOf(first.question)[1] } }, alice);
		expect((await world.n8n.nextResumption(second.run.executionId)).json('Ask')[0]).toMatchObject({ data: { approved: true }, reply: { from: bob } });
		expect((await world.n8n.nextResumption(first.run.executionId)).json('Ask')[0]).toMatchObject({ data: { approved: false }, reply: { from: alice } });
	});

	test('no answer before the limit: the service resumes the execution with timedOut: true', async () => {
		const user = await newContact();
		const { run } = await ask(user, { responseType: 'approval', waitOptions: { limitWaitTime: { values: { limitType: 'atSpecifiedTime', maxDateAndTime: new Date(Date.now() + 1500).toISOString() } } } });
		const resumed = await world.n8n.nextResumption(run.executionId, 10_000);
		expect(resumed.json('Ask')[0]).toMatchObject({ timedOut: true, matched: false, reply: null });
		await world.userWrites({ type: 'text', text: { body: 'approve (too late)' } }, user);
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(world.n8n.waitingDeliveries.filter((delivery) => delivery.run?.executionId === run.executionId)).toHaveLength(1);
	});
});
