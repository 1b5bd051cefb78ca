import { graphErrors } from './errors';

/**
 * Graph API versions: any `vMAJOR.MINOR` in the configured range is accepted (Meta serves each version for
 * about two years); others are refused the way Graph refuses them.
 */
export interface VersionRange {
	min: number;
	max: number;
}

export function checkVersion(version: string, range: VersionRange): void {
	const match = /^v(\d+)\.(\d+)$/.exec(version);
	if (!match) throw graphErrors.invalidVersionFormat();
	const major = Number(match[1]);
	const latest = `v${range.max}.0`;
	if (major < range.min) throw graphErrors.deprecatedVersion(latest);
	if (major > range.max) throw graphErrors.unsupportedVersion(version, latest);
}
