import { WebAck } from '../driver';
import type { DeliveryStatus } from '../../messages';

/** WhatsApp Web acks as the delivery statuses both channels report. */
export function ackToStatus(ack: WebAck): DeliveryStatus {
	switch (ack) {
		case WebAck.ERROR:
			return 'failed';
		case WebAck.PENDING:
			return 'pending';
		case WebAck.SERVER:
			return 'sent';
		case WebAck.DEVICE:
			return 'delivered';
		case WebAck.READ:
			return 'read';
		case WebAck.PLAYED:
			return 'played';
	}
}
