#!/usr/bin/env node
import { renderTable, type BenchOptions, type Figure } from './framework';
import { SECTIONS } from './sections';

const USAGE = `usage: npm run bench -- [--json] [--quick] [--only=<section>[,<section>…]]
  sections: ${SECTIONS.map((s) => s.name).join(', ')}
  MySQL figures use MYSQL_URL, else mysql://root@127.0.0.1:3306/ when a server answers there.`;

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	if (args.includes('--help')) return void console.log(USAGE);
	const json = args.includes('--json');
	const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
	const options: BenchOptions = {
		quick: args.includes('--quick'),
		mysqlUrl: process.env.MYSQL_URL ?? (await localMysql()),
		// Progress goes to stderr so --json output stays one clean object on stdout.
		log: (line) => process.stderr.write(`${line}\n`),
	};
	const results: Array<{ section: string; figures: Figure[] }> = [];
	for (const section of SECTIONS) {
		if (only && !only.includes(section.name)) continue;
		options.log(`== ${section.name}: ${section.description}`);
		results.push({ section: section.name, figures: await section.run(options) });
	}
	if (json) {
		const out: Record<string, Record<string, Omit<Figure, 'name'>>> = {};
		for (const { section, figures } of results) out[section] = Object.fromEntries(figures.map(({ name, ...rest }) => [name, rest]));
		console.log(JSON.stringify(out));
	} else {
		console.log(renderTable(results));
	}
}

async function localMysql(): Promise<string | undefined> {
	const url = 'mysql://root@127.0.0.1:3306/';
	try {
		const { createConnection } = await import('mysql2/promise');
		const connection = await createConnection({ host: '127.0.0.1', port: 3306, user: 'root', connectTimeout: 1000 });
		await connection.end();
		return url;
	} catch {
		return undefined;
	}
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
