/**
 * Backs up the service's Table Storage to files, and restores it. AzCopy v10 does not copy
 * Azure Tables, so this is the backup: one JSON-lines file per table (the per-day Jobs tables
 * included), every property with its Edm type, so a restore writes back exactly what was read.
 *
 *   npx tsx infra/scripts/table-backup.ts export --account-url https://<account>.table.core.windows.net --dir backups/2026-11-22
 *   npx tsx infra/scripts/table-backup.ts import --account-url https://<account>.table.core.windows.net --dir backups/2026-11-22
 *
 * Signs in with your Azure CLI / environment credentials (DefaultAzureCredential): export needs
 * "Storage Table Data Reader" on the account, import "Storage Table Data Contributor".
 * `--connection-string` replaces `--account-url` for Azurite or a copy with shared keys.
 * Import upserts (replaces rows with the same keys) and never deletes; restore into an empty
 * account, or stop the service first. See docs/operations.md.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import {
  TableClient,
  TableServiceClient,
  type TableEntity,
  type TableServiceClientOptions,
} from '@azure/data-tables';
import { DefaultAzureCredential } from '@azure/identity';

export interface TableAccount {
  service: TableServiceClient;
  table(name: string): TableClient;
}

type TypedValue = { value: string; type: string };
type RawEntity = Record<string, unknown> & { partitionKey: string; rowKey: string };

const FILE_SUFFIX = '.jsonl';

export function connect(target: { accountUrl?: string; connectionString?: string }): TableAccount {
  const options: TableServiceClientOptions = {
    allowInsecureConnection: target.connectionString !== undefined,
  };
  if (target.connectionString) {
    const connectionString = target.connectionString;
    return {
      service: TableServiceClient.fromConnectionString(connectionString, options),
      table: (name) => TableClient.fromConnectionString(connectionString, name, options),
    };
  }
  if (!target.accountUrl) throw new Error('give --account-url or --connection-string');
  const url = target.accountUrl.replace(/\/+$/, '');
  const credential = new DefaultAzureCredential();
  return {
    service: new TableServiceClient(url, credential, options),
    table: (name) => new TableClient(url, name, credential, options),
  };
}

/** An entity as read with its Edm types, without the service's own metadata. */
function toRecord(entity: Record<string, unknown>): RawEntity {
  const record: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entity)) {
    if (key === 'etag' || key === 'timestamp' || key.startsWith('odata.')) continue;
    record[key] = value;
  }
  return record as RawEntity;
}

/** The value to write for one exported property, keeping its Edm type. */
function toWritable(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || !('type' in value)) return value;
  const typed = value as TypedValue;
  switch (typed.type) {
    case 'String':
      return typed.value;
    case 'Boolean':
      return typed.value === 'true';
    case 'Int32':
    case 'Double':
      return Number(typed.value);
    default:
      // Int64, DateTime, Guid and Binary travel as { value, type } both ways.
      return typed;
  }
}

export async function exportTables(
  account: TableAccount,
  dir: string,
): Promise<Record<string, number>> {
  await mkdir(dir, { recursive: true });
  const counts: Record<string, number> = {};
  for await (const table of account.service.listTables()) {
    const name = table.name!;
    const out = createWriteStream(path.join(dir, `${name}${FILE_SUFFIX}`), 'utf8');
    let count = 0;
    const entities = account
      .table(name)
      .listEntities<Record<string, unknown>>({ disableTypeConversion: true } as never);
    for await (const entity of entities) {
      if (!out.write(`${JSON.stringify(toRecord(entity))}\n`)) await once(out, 'drain');
      count += 1;
    }
    out.end();
    await once(out, 'finish');
    counts[name] = count;
  }
  return counts;
}

export async function importTables(
  account: TableAccount,
  dir: string,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const files = (await readdir(dir)).filter((file) => file.endsWith(FILE_SUFFIX)).sort();
  for (const file of files) {
    const name = file.slice(0, -FILE_SUFFIX.length);
    await account.service.createTable(name); // an existing table is not an error
    const client = account.table(name);
    const lines = createInterface({ input: createReadStream(path.join(dir, file), 'utf8') });
    let count = 0;
    for await (const line of lines) {
      if (!line.trim()) continue;
      const record = JSON.parse(line) as RawEntity;
      const entity = Object.fromEntries(
        Object.entries(record).map(([key, value]) => [key, toWritable(value)]),
      ) as TableEntity;
      await client.upsertEntity(entity, 'Replace');
      count += 1;
    }
    counts[name] = count;
  }
  return counts;
}

function option(args: string[], flag: string): string | undefined {
  const index = args.indexOf(flag);
  return index === -1 ? undefined : args[index + 1];
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  const dir = option(args, '--dir');
  if ((command !== 'export' && command !== 'import') || !dir) {
    console.error(
      'Usage: npx tsx infra/scripts/table-backup.ts export|import --dir <folder> ' +
        '(--account-url https://<account>.table.core.windows.net | --connection-string "<…>")',
    );
    process.exit(2);
  }
  const account = connect({
    accountUrl: option(args, '--account-url'),
    connectionString: option(args, '--connection-string'),
  });
  const counts =
    command === 'export' ? await exportTables(account, dir) : await importTables(account, dir);
  for (const [table, count] of Object.entries(counts)) console.log(`${table}\t${count}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
