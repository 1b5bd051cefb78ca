import fs from 'node:fs';
import path from 'node:path';
import { variablesMarkdown } from '../service/src/config/variables';

const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');

describe('README stays true to the code', () => {
	test('the environment table lists exactly the variables the service reads (npm run build:service && node scripts/sync-readme.mjs)', () => {
		const table = readme.match(/<!-- env-table:start -->\n([\s\S]*)\n<!-- env-table:end -->/)?.[1];
		expect(table).toBe(variablesMarkdown());
	});

	test('the test command CI runs is the one the README gives', () => {
		const ci = fs.readFileSync(path.join(__dirname, '..', '.ci', 'run'), 'utf8');
		expect(readme).toMatch(/^npm test\b/m);
		expect(ci).toMatch(/^npm test$/m);
	});
});
