import { cloudComposer } from './channels/cloud/cloudComposer';
import { metaWebhookComposer } from './channels/cloud/webhook/composer';
import { webComposer } from './channels/web/webComposer';
import { eventsComposer } from './events/composer';
import { replyWaitsComposer } from './events/replyWaits/composer';
import { historyComposer } from './messages/composer';
import { sendComposer } from './messages/sendRoutes';
import { blocklistComposer } from './contacts/blocklistRoutes';
import { SandboxMount } from './sandbox/service/sandboxComposer';
import type { Composer } from './service';

/**
 * What a service process runs beyond the core: each concern (events, history, channels, sandbox) adds its composer
 * here. A function, because the sandbox mount holds per-process state: each service instance gets its own.
 */
export function productComposers(): Composer[] {
	const sandbox = new SandboxMount();
	return [eventsComposer, replyWaitsComposer(), historyComposer, metaWebhookComposer, sandbox.composer(), cloudComposer({ sandbox }), webComposer(), sendComposer, blocklistComposer];
}
