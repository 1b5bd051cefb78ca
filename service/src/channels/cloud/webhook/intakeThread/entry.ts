import { parentPort, workerData } from 'node:worker_threads';
import { EventOutbox } from '../../../../events/outbox';
import { InboundWriter } from '../../../../messages/inboundWriter';
import { TurnBatch } from '../../../../shared/turnBatch';
import { openStorage } from '../../../../storage/database';
import { WebhookIntake } from '../intake';
import type { FromIntakeThread, IntakeAnswer, IntakeThreadData, ToIntakeThread } from './protocol';
import { RemoteClaimer } from './remoteClaimer';

/** The webhook intake's thread (see ThreadedIntake): an ordinary WebhookIntake over its own connections. */
function runIntakeThread(port: NonNullable<typeof parentPort>, data: IntakeThreadData): void {
	const post = (message: FromIntakeThread) => port.postMessage(message);
	const storage = openStorage(data.database, { joinWriteLock: data.writeLock });
	const claimer = new RemoteClaimer(post);
	const outbox = new EventOutbox(storage.dialect);
	for (const name of data.recipientSources) outbox.addRecipientSource(name);
	outbox.setLocalClaimer(claimer);
	const intake = new WebhookIntake(storage.db, new InboundWriter(storage.dialect, outbox), outbox, data.maxBatch, data.parallelBatches);
	const answers = new TurnBatch<IntakeAnswer>((batch) => post({ kind: 'answers', answers: batch }));

	port.on('message', (message: ToIntakeThread) => {
		if (message.kind === 'stop') {
			// The main thread stops us once every unit it sent has its answer.
			void storage.close().finally(() => {
				post({ kind: 'stopped' });
				port.close();
			});
			return;
		}
		claimer.renew(message.claim);
		for (const work of message.work) {
			const { id } = work;
			('webhook' in work ? intake.submitWebhook(work.webhook) : intake.submit(work.unit)).then(
				(outcome) => answers.add({ id, outcome }),
				(error: unknown) => answers.add({ id, error: error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) } }),
			);
		}
	});
	post({ kind: 'ready' });
}

if (parentPort) runIntakeThread(parentPort, workerData as IntakeThreadData);
