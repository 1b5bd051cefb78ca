/** One Cloud number's send schedule, shared by every replica: when its next message may leave (epoch ms). */
export interface SendPacingTable {
	pace_key: string;
	next_at_ms: number;
}

export interface LimitTables {
	send_pacing: SendPacingTable;
}
