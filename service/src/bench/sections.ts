import type { BenchSection } from './framework';
import { mediaDownloadSection } from './mediaSections';
import { cloudSendSection } from './sendSections';
import { webhookIngestSection } from './webhookSections';
import { webIdleSessionsSection } from './webSections';

/** Every benchmark section, in the order they run. Add yours here. */
export const SECTIONS: readonly BenchSection[] = [webhookIngestSection, cloudSendSection, mediaDownloadSection, webIdleSessionsSection];
