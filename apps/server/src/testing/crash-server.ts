import { openStorage } from '@notewave/storage';
import { createNode } from '../app.ts';
import { parseConfig } from '../config.ts';

/*
 * A real server process for the crash test: settings come as JSON in argv[2] (and a PostgreSQL schema in argv[3]),
 * never from the environment, so the test decides everything. Prints the URL it listens on, then serves until
 * it is killed.
 */
const settings = JSON.parse(process.argv[2] ?? '{}') as Record<string, string>;
const schema = process.argv[3];
const { config } = parseConfig(settings);
const storage = schema ? await openStorage(config.databaseUrl, { schema }) : undefined;
const node = await createNode(config, { storage });
const url = await node.start();
process.stdout.write(`listening ${url}\n`);
