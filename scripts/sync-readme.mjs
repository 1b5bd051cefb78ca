// Rewrites the README's environment table from the service's variable list (run after `npm run build:service`).
// tests/readme.test.ts fails when the README and the code disagree, so this is how the table stays true.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);
const { variablesMarkdown } = require(path.join(root, 'service/dist/config/variables.js'));
const readmePath = path.join(root, 'README.md');
const readme = fs.readFileSync(readmePath, 'utf8');
const updated = readme.replace(/<!-- env-table:start -->[\s\S]*<!-- env-table:end -->/, `<!-- env-table:start -->\n${variablesMarkdown()}\n<!-- env-table:end -->`);
fs.writeFileSync(readmePath, updated);
console.log(updated === readme ? 'README environment table already up to date' : 'README environment table updated');
