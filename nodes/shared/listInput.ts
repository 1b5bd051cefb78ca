/**
 * The values of a list field: an array from an expression, or text separated by commas, semicolons or new lines.
 * Trimmed, empties dropped, order kept.
 */
export function listedValues(raw: unknown): string[] {
	return (Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(/[,;\n]/)).map((entry) => entry.trim()).filter(Boolean);
}
