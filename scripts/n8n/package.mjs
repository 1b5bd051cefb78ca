// Puts a community package into an n8n user folder the way n8n's own
// community-package installer lays it out:
//
//   <userFolder>/.n8n/nodes/package.json                 {"dependencies": {"<name>": "<version>"}}
//   <userFolder>/.n8n/nodes/node_modules/<name>/...       the unpacked tarball
//
// n8n scans <userFolder>/.n8n/nodes/node_modules for n8n-nodes-* and
// @scope/n8n-nodes-* folders at start-up and registers their node types as
// "<package name>.<node name>" (no database record needed). Changes are only
// picked up at the next start.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { npmEnv, run } from './install.mjs';

export function nodesDir(userFolder) {
	return path.join(userFolder, '.n8n', 'nodes');
}

/**
 * Unpacks an `npm pack` tarball into <userFolder>/.n8n/nodes/node_modules/<name>,
 * replacing an earlier copy. Runtime dependencies (ours has none) are installed
 * with npm like n8n does (--omit=dev, --ignore-scripts).
 * @returns {Promise<{name: string, version: string, dir: string}>}
 */
export async function installPackageTarball(userFolder, tarballPath) {
	const tarball = path.resolve(tarballPath);
	if (!fs.existsSync(tarball)) throw new Error(`tarball not found: ${tarball}`);
	const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-n8n-pkg-'));
	try {
		const r = spawnSync('tar', ['-xzf', tarball, '-C', staging], { encoding: 'utf8' });
		if (r.status !== 0) throw new Error(`could not unpack ${tarball}: ${r.stderr || r.error}`);
		// npm pack puts everything under package/.
		const unpacked = path.join(staging, 'package');
		const pkgJsonPath = path.join(unpacked, 'package.json');
		if (!fs.existsSync(pkgJsonPath)) throw new Error(`${tarball} has no package/package.json; is it an npm pack tarball?`);
		const pkg = JSON.parse(fs.readFileSync(pkgJsonPath, 'utf8'));
		if (!pkg.n8n) throw new Error(`${pkg.name} has no "n8n" block in package.json; n8n would not load it`);

		// Like n8n's installer: only runtime dependencies matter once installed.
		delete pkg.devDependencies;
		delete pkg.peerDependencies;
		delete pkg.optionalDependencies;
		fs.writeFileSync(pkgJsonPath, JSON.stringify(pkg, null, 2) + '\n');

		const base = nodesDir(userFolder);
		const dest = path.join(base, 'node_modules', ...pkg.name.split('/'));
		fs.mkdirSync(path.dirname(dest), { recursive: true });
		fs.rmSync(dest, { recursive: true, force: true });
		try {
			fs.renameSync(unpacked, dest);
		} catch (e) {
			if (e.code !== 'EXDEV') throw e;
			fs.cpSync(unpacked, dest, { recursive: true });
		}

		if (pkg.dependencies && Object.keys(pkg.dependencies).length) {
			await run('npm', ['install', '--omit=dev', '--omit=peer', '--ignore-scripts', '--install-strategy=shallow', '--no-package-lock'], {
				cwd: dest,
				env: npmEnv(),
				logFile: path.join(base, 'npm-install.log'),
			});
		}

		// The manifest n8n's installer keeps next to node_modules.
		const manifestPath = path.join(base, 'package.json');
		let manifest = { name: 'installed-nodes', private: true, dependencies: {} };
		try {
			manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
			manifest.dependencies ||= {};
		} catch {
			// first package
		}
		manifest.dependencies[pkg.name] = pkg.version;
		fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
		return { name: pkg.name, version: pkg.version, dir: dest };
	} finally {
		fs.rmSync(staging, { recursive: true, force: true });
	}
}

/**
 * Runs `npm pack` in a package folder and returns the tarball's path.
 * @param {string} packageDir
 * @param {string} [destDir] where to write the .tgz (default: a temp folder)
 */
export async function npmPack(packageDir, destDir) {
	const out = destDir || fs.mkdtempSync(path.join(os.tmpdir(), 'wa-n8n-pack-'));
	fs.mkdirSync(out, { recursive: true });
	const r = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', out], {
		cwd: packageDir,
		env: npmEnv(),
		encoding: 'utf8',
	});
	if (r.status !== 0) throw new Error(`npm pack failed in ${packageDir}: ${r.stderr}`);
	const info = JSON.parse(r.stdout.slice(r.stdout.indexOf('[')));
	return path.join(out, info[0].filename);
}
