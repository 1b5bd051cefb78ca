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

/** Runs in the thread: `workerData` is swapped back to the caller's own before the entry module loads. */
const TYPESCRIPT_LOADER = `
const fs = require('node:fs');
const threads = require('node:worker_threads');
const { entry, typescript, data } = threads.workerData;
const ts = require(typescript);
const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2023, esModuleInterop: true, sourceMap: false };
require.extensions['.ts'] = (module, filename) => {
	module._compile(ts.transpileModule(fs.readFileSync(filename, 'utf8'), { compilerOptions, fileName: filename }).outputText, filename);
};
threads.workerData = data;
require(entry);
`;
