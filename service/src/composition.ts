import type { Composer } from './service';

/**
 * What this process runs, beyond the core: each concern (channels, events, sandbox) adds its composer here.
 * Tests compose their own lists.
 */
export const COMPOSERS: readonly Composer[] = [];
