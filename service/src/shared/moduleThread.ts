import path from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * The file of a thread entry module beside `siblingFile` (pass __filename): `.js` in the built service, `.ts` when
 * the sources run directly (jest).
 */
export function threadEntry(siblingFile: string, relative: string): string {
	return path.resolve(path.dirname(siblingFile), `${relative}${path.extname(siblingFile)}`);
}

/**
 * A worker thread running one of our modules. Built code loads as is; TypeScript sources (tests run them unbuilt)
 * are compiled on load with TypeScript's transpileModule, a development dependency the built service never needs.
 * `execArgv` replaces the Node options the thread would inherit (tests preload modules into it this way).
 */
export function startModuleThread(file: string, workerData: unknown, options: Pick<WorkerOptions, 'execArgv'> = {}): Worker {
	if (!file.endsWith('.ts')) return new Worker(file, { ...options, workerData });
	return new Worker(TYPESCRIPT_LOADER, { ...options, eval: true, workerData: { entry: file, typescript: require.resolve('typescript'), data: workerData } });
}

/**
 * Runs in the thread: `workerData` is swapped back to the caller's own before the entry module loads. Transpiled
 * modules are kept in a cache under the system's temp folder, keyed by path, source text and TypeScript's version:
 * loading TypeScript and transpiling the intake's modules took about 1.1 s of each thread's start, and every
 * test service starts one. Files are written whole and renamed, so parallel test workers never read half of one.
 */
const TYPESCRIPT_LOADER = `
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');
const threads = require('node:worker_threads');
const { entry, typescript, data } = threads.workerData;
const version = JSON.parse(fs.readFileSync(path.join(path.dirname(typescript), '..', 'package.json'), 'utf8')).version;
const cacheDir = path.join(os.tmpdir(), 'wa-module-thread-cache');
fs.mkdirSync(cacheDir, { recursive: true });
let ts;
const transpile = (filename, source) => {
	ts = ts || require(typescript);
	const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2023, esModuleInterop: true, sourceMap: false };
	return ts.transpileModule(source, { compilerOptions, fileName: filename }).outputText;
};
require.extensions['.ts'] = (module, filename) => {
	const source = fs.readFileSync(filename, 'utf8');
	const key = crypto.createHash('sha1').update([filename, version, source].join('\\0')).digest('hex');
	const cached = path.join(cacheDir, key + '.js');
	let output;
	try {
		output = fs.readFileSync(cached, 'utf8');
	} catch {
		output = transpile(filename, source);
		const partial = cached + '.' + process.pid + '.' + threads.threadId;
		fs.writeFileSync(partial, output);
		fs.renameSync(partial, cached);
	}
	module._compile(output, filename);
};
threads.workerData = data;
require(entry);
`;
