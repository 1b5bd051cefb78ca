/** The part of autocannon's API the benchmarks use (the package ships no types). */
declare module 'autocannon' {
	interface AutocannonRequest {
		method?: string;
		path?: string;
		headers?: Record<string, string>;
		body?: string;
		setupRequest?: (request: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
	}
	interface Percentiles {
		average: number;
		mean: number;
		p50: number;
		p90: number;
		p97_5: number;
		p99: number;
		max: number;
	}
	interface AutocannonResult {
		requests: Percentiles & { total: number; sent: number };
		latency: Percentiles;
		duration: number;
		errors: number;
		timeouts: number;
		non2xx: number;
		'2xx': number;
	}
	interface AutocannonOptions {
		url: string;
		connections?: number;
		pipelining?: number;
		duration?: number;
		amount?: number;
		overallRate?: number;
		timeout?: number;
		method?: string;
		headers?: Record<string, string>;
		requests?: AutocannonRequest[];
	}
	function autocannon(options: AutocannonOptions): Promise<AutocannonResult>;
	export = autocannon;
}
