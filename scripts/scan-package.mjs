#!/usr/bin/env node
// Runs n8n's community-package scanner offline, on the source and on the packed tarball, as the verification
// pipeline would (provenance aside, which only a published version can have), plus the package checks the
// scanner leaves to n8n's review: no runtime dependencies, every node and credential shipped with its icons
// (light and dark differing) and every node with its codex file.
//
//   node scripts/scan-package.mjs [--no-build]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

// n8n's lint plugin swaps in its own fixtures when NODE_ENV is "test" (as under jest): it must see real files.
// It is loaded lazily by the scanner, so setting this here, before the first scan, is early enough.
if (process.env.NODE_ENV === 'test') delete process.env.NODE_ENV;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const problems = [];

function run(command, args, cwd = root) {
	return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

async function scan(label, dir, patterns) {
	const result = await analyzePackage(dir, patterns);
	console.log(`${result.passed ? 'PASS' : 'FAIL'} scanner (${label})${result.message ? `\n${result.message}` : ''}${result.details ? `\n${result.details}` : ''}`);
	if (!result.passed) problems.push(`scanner (${label})`);
}

/** What n8n needs at runtime besides the code: its icons and the codex file, named by the compiled classes. */
function checkShippedFiles(packageDir) {
	const before = problems.length;
	const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	if (manifest.dependencies && Object.keys(manifest.dependencies).length > 0) problems.push(`runtime dependencies: ${Object.keys(manifest.dependencies).join(', ')}`);
	const entries = [...manifest.n8n.nodes.map((file) => ({ file, kind: 'node' })), ...manifest.n8n.credentials.map((file) => ({ file, kind: 'credential' }))];
	for (const { file, kind } of entries) {
		const compiled = path.join(packageDir, file);
		if (!fs.existsSync(compiled)) {
			problems.push(`${file} is listed but not shipped`);
			continue;
		}
		const source = fs.readFileSync(compiled, 'utf8');
		const icons = [...source.matchAll(/file:([A-Za-z0-9_.-]+\.svg)/g)].map((match) => path.join(path.dirname(compiled), match[1]));
		if (icons.length === 0) problems.push(`${file} names no icon`);
		for (const icon of icons) if (!fs.existsSync(icon)) problems.push(`${path.relative(packageDir, icon)} (icon of ${file}) is not shipped`);
		const [light, dark] = icons;
		if (light && dark && fs.existsSync(light) && fs.existsSync(dark) && fs.readFileSync(light).equals(fs.readFileSync(dark))) problems.push(`${file}: light and dark icons are identical`);
		if (kind === 'node') {
			const codex = compiled.replace(/\.js$/, '.json');
			if (!fs.existsSync(codex)) problems.push(`${path.relative(packageDir, codex)} (codex of ${file}) is not shipped`);
			else if (!JSON.parse(fs.readFileSync(codex, 'utf8')).categories?.length) problems.push(`${path.relative(packageDir, codex)} has no categories`);
		}
	}
	console.log(`${problems.length === before ? 'PASS' : 'FAIL'} shipped files (${entries.length} nodes and credentials)`);
}

await scan('source', root, SOURCE_FILE_PATTERNS);

if (!process.argv.includes('--no-build')) run('npm', ['run', 'build']);
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-scan-'));
try {
	const tarball = run('npm', ['pack', '--ignore-scripts', '--pack-destination', workDir]).trim().split('\n').at(-1);
	run('tar', ['-xzf', path.join(workDir, tarball), '-C', workDir]);
	const packageDir = path.join(workDir, 'package');
	const shipped = run('find', ['.', '-type', 'f'], packageDir).split('\n').filter(Boolean);
	const outside = shipped.filter((file) => !/^\.\/(dist\/(nodes|credentials)\/|package\.json$|README\.md$|LICENSE)/.test(file));
	if (outside.length > 0) problems.push(`the tarball ships files outside dist/nodes and dist/credentials: ${outside.slice(0, 5).join(', ')}`);
	await scan('tarball', packageDir, ['**/*.js', 'package.json']);
	checkShippedFiles(packageDir);
} finally {
	fs.rmSync(workDir, { recursive: true, force: true });
}

if (problems.length > 0) {
	console.error(`\n${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
	process.exit(1);
}
console.log('\nThe package passes the community scanner and ships what n8n needs.');
