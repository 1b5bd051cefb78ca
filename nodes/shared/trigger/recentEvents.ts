import type { TriggerState } from './triggerState';

/** Enough to cover the service's retry window for a busy trigger without letting static data grow without bound. */
export const RECENT_EVENTS_KEPT = 500;

export function alreadySeen(state: TriggerState, eventId: string): boolean {
	return (state.recentEventIds ?? []).includes(eventId);
}

/** Records an event that started an execution; the oldest ids fall off once the list is full. */
export function rememberEvent(state: TriggerState, eventId: string, keep = RECENT_EVENTS_KEPT): void {
	const recent = (state.recentEventIds ?? []).filter((id) => id !== eventId);
	recent.push(eventId);
	state.recentEventIds = recent.slice(-keep);
}
