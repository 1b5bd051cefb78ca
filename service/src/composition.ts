import { cloudComposer } from './channels/cloud/cloudComposer';
import { webComposer } from './channels/web/webComposer';
import { metaWebhookComposer } from './channels/cloud/webhook/composer';
import { eventsComposer } from './events/composer';
import { replyWaitsComposer } from './events/replyWaits/composer';
import { historyComposer } from './messages/composer';
import { sendComposer } from './messages/sendRoutes';
import { SandboxMount } from './sandbox/service/sandboxComposer';
import type { Composer } from './service';

/**
 * What this process runs, beyond the core: each concern (channels, events, sandbox) adds its composer here.
 * Tests compose their own lists.
 */
const sandbox = new SandboxMount();

export const COMPOSERS: readonly Composer[] = [eventsComposer, replyWaitsComposer(), historyComposer, metaWebhookComposer, sandbox.composer(), cloudComposer({ sandbox }), webComposer(), sendComposer];
