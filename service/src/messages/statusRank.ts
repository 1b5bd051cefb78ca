import { STATUS_RANK, type DeliveryStatus } from '../channels/messages';

/**
 * Rank of any stored status string. Our own states sit below the provider's: "accepted" (Cloud took the send
 * request) before "sent"; "received" marks inbound messages, which statuses never concern.
 */
export function statusRank(status: string): number {
	if (status === 'accepted') return 0.5;
	if (status === 'received') return -1;
	return STATUS_RANK[status as DeliveryStatus] ?? -1;
}
