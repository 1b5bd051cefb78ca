import { VARIABLES, type VariableName, type VariableSpec } from './variables';

export class ConfigError extends Error {
	constructor(readonly problems: string[]) {
		super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
		this.name = 'ConfigError';
	}
}

export type RawValues = Partial<Record<VariableName, string>>;
type Parsed = string | number | boolean | undefined;

/**
 * Validates every known variable at once so the operator sees all mistakes in one start attempt,
 * each named with what was expected.
 */
export function parseVariables(env: NodeJS.ProcessEnv): { values: Map<VariableName, Parsed>; problems: string[] } {
	const values = new Map<VariableName, Parsed>();
	const problems: string[] = [];
	for (const spec of VARIABLES as readonly VariableSpec[]) {
		const given = env[spec.name];
		const raw = given === undefined || given === '' ? spec.default : given;
		if (raw === undefined) {
			values.set(spec.name as VariableName, undefined);
			continue;
		}
		const result = parseOne(spec, raw);
		if (typeof result === 'object') problems.push(`${spec.name}: ${result.problem}${spec.secret ? '' : ` (got "${raw}")`}`);
		else values.set(spec.name as VariableName, result);
	}
	return { values, problems };
}

function parseOne(spec: VariableSpec, raw: string): Parsed | { problem: string } {
	switch (spec.kind) {
		case 'integer': {
			if (!/^-?\d+$/.test(raw.trim())) return { problem: 'expected an integer' };
			const n = Number(raw);
			if (spec.min !== undefined && n < spec.min) return { problem: `must be at least ${spec.min}` };
			if (spec.max !== undefined && n > spec.max) return { problem: `must be at most ${spec.max}` };
			return n;
		}
		case 'boolean': {
			const v = raw.trim().toLowerCase();
			if (['1', 'true', 'yes', 'on'].includes(v)) return true;
			if (['0', 'false', 'no', 'off'].includes(v)) return false;
			return { problem: 'expected true or false' };
		}
		case 'url': {
			try {
				const url = new URL(raw);
				if (!/^(https?|mysql|mariadb):$/.test(url.protocol)) return { problem: 'unsupported URL scheme' };
				return raw.replace(/\/+$/, '');
			} catch {
				return { problem: 'expected an absolute URL' };
			}
		}
		case 'enum':
			return spec.values?.includes(raw) ? raw : { problem: `expected one of ${spec.values?.join(', ')}` };
		case 'path':
		case 'string':
			return raw;
	}
}
