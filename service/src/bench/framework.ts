/**
 * A small benchmark framework: each concern registers a section (see sections.ts) that returns figures;
 * main.ts runs them in order and prints one table, or with --json one object holding every figure.
 */
export interface Figure {
	/** Short name, unique within its section. */
	name: string;
	value: number;
	unit: string;
	/** The goal in words, e.g. ">= 33% of bare", when there is one. */
	goal?: string;
	/** Whether the goal was met (undefined when there is no goal). */
	met?: boolean;
	note?: string;
}

export interface BenchOptions {
	/** Shorter runs (CI, smoke checks). */
	quick: boolean;
	/** MySQL/MariaDB server URL (no database in the path) or undefined to skip MySQL figures. */
	mysqlUrl: string | undefined;
	log: (line: string) => void;
}

export interface BenchSection {
	name: string;
	description: string;
	run(options: BenchOptions): Promise<Figure[]>;
}

export function renderTable(results: Array<{ section: string; figures: Figure[] }>): string {
	const rows = results.flatMap(({ section, figures }) => figures.map((f) => [section, f.name, formatValue(f.value), f.unit, f.goal ?? '', f.met === undefined ? '' : f.met ? 'yes' : 'NO', f.note ?? '']));
	const header = ['section', 'figure', 'value', 'unit', 'goal', 'met', 'note'];
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
	const line = (cells: string[]) => cells.map((c, i) => (i === 2 ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number))).join(' | ');
	return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

function formatValue(value: number): string {
	if (!Number.isFinite(value)) return String(value);
	if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
	return value.toFixed(2);
}
