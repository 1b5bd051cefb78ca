#!/usr/bin/env node
import { runChaos, type ChaosCounts } from './chaosRun';

const USAGE = `usage: npm run chaos -- [--rounds=N] [--burst-ms=N] [--concurrency=N] [--mysql]
  Fires signed webhooks at the compiled service, SIGKILLs it mid-burst, restarts it on the same database and
  counts: acknowledged, delivered, lost (goal 0), duplicates (goal 0). SQLite always; MariaDB with --mysql
  (MYSQL_URL or mysql://root@127.0.0.1:3306/).`;

function flag(name: string, fallback: number): number {
	const raw = process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
	return raw ? Number(raw) : fallback;
}

async function main(): Promise<void> {
	if (process.argv.includes('--help')) return void console.log(USAGE);
	const dialects: Array<'sqlite' | 'mysql'> = process.argv.includes('--mysql') ? ['sqlite', 'mysql'] : ['sqlite'];
	const results: ChaosCounts[] = [];
	for (const dialect of dialects) {
		results.push(
			await runChaos({
				dialect,
				mysqlUrl: process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/',
				rounds: flag('rounds', 3),
				burstMs: flag('burst-ms', 2000),
				concurrency: flag('concurrency', 64),
				log: (line) => process.stderr.write(`[${dialect}] ${line}\n`),
			}),
		);
	}
	for (const r of results) {
		console.log(`${r.dialect}: acknowledged ${r.acknowledged}, delivered ${r.delivered}, lost ${r.lost}, duplicates ${r.duplicates} (redeliveries of one event id: ${r.redeliveries}; delivered though unacknowledged: ${r.deliveredUnacknowledged}; kills: ${r.kills})`);
	}
	if (results.some((r) => r.lost > 0 || r.duplicates > 0)) process.exit(1);
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
