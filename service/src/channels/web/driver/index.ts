/**
 * The WhatsApp Web driver seam: the only way the session manager reaches WhatsApp Web.
 * Contracts and the fake live here; the real driver is `./real` (it loads whatsapp-web.js and puppeteer).
 */
export { MAX_PINNED_CHATS } from './webClient';
export type {
	BrowserUsage,
	ChatChanges,
	WebClient,
	WebDriver,
	WebClientOptions,
	WebClientPhase,
	WebOwnProfile,
	OwnProfileChanges,
	WebContactId,
	WebContactInfo,
	WebLabel,
	WebChatSummary,
	ChatActivity,
} from './webClient';
export {
	QR_RETRIES_EXHAUSTED,
	WebAck,
	groupEventOf,
	WEB_GROUP_EVENTS,
	type WebGroupEventName,
	type WAState,
	type DisconnectReason,
	type BrowserCrashInfo,
	type WebClientEvents,
	type WebClientEventName,
} from './webEvents';
export {
	snapshotOf,
	withMediaDownloader,
	type WebMessage,
	type WebMessageSnapshot,
	type WebMessageId,
	type WebMessageType,
	type WebMedia,
	type WebMediaInfo,
	type WebLocation,
	type WebPollOption,
	type WebReaction,
	type WebPollVote,
	type WebGroupNotification,
	type WebGroupNotificationType,
} from './messageSnapshot';
export type {
	OutgoingContent,
	TextContent,
	MediaContent,
	LocationContent,
	ContactCardContent,
	PollContent,
	MediaInput,
	MediaPresentation,
	SendOptions,
} from './outgoingContent';
export { GROUP_LIMITS, type WebGroups, type WebGroupInfo, type WebGroupParticipant, type GroupChanges, type GroupParticipantAction, type GroupParticipantOutcome, type GroupJoinRequest, type JoinRequestOutcome } from './webGroups';
export { WebDriverError, isWebDriverError, type WebDriverErrorCode } from './webDriverError';
export type { SessionArchiveStore } from './sessionArchiveStore';
export { InMemorySessionArchiveStore } from './inMemorySessionArchiveStore';
export { silentLogger, type DriverLogger } from './driverLogger';
export { validateOutgoing, POLL_MIN_OPTIONS, POLL_MAX_OPTIONS } from './validateOutgoing';
export { FakeWebDriver, FakeWebClient, FakePhone, type FakeWebDriverOptions, type InboundSpec, type ScriptedStart } from './fake';
