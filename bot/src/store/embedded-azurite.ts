import { mkdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Azurite, the official Azure Storage emulator, run inside this process.
 * Used for local development (`npm run dev`) and by the tests; never in production.
 */

export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface EmbeddedStorageOptions {
  /** Keep everything in memory (lost on stop) instead of under `dataDir`. */
  inMemory: boolean;
  /** Folder for the persisted databases when not in memory. */
  dataDir?: string;
  /** Port for the table endpoint; 0 picks a free one. */
  tablePort?: number;
  host?: string;
}

export interface EmbeddedStorage {
  connectionString: string;
  tablePort: number;
  stop(): Promise<void>;
}

interface AzuriteServer {
  start(): Promise<void>;
  close(): Promise<void>;
  getHttpServerAddress(): string;
}

type TableConfigurationCtor = new (...args: unknown[]) => unknown;
type TableServerCtor = new (config: unknown) => AzuriteServer;

export function azuriteConnectionString(host: string, tablePort: number): string {
  return (
    `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};` +
    `TableEndpoint=http://${host}:${tablePort}/${AZURITE_ACCOUNT};`
  );
}

export async function startEmbeddedStorage(
  options: EmbeddedStorageOptions,
): Promise<EmbeddedStorage> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const TableConfiguration = (
    require('azurite/dist/src/table/TableConfiguration') as { default: TableConfigurationCtor }
  ).default;
  const TableServer = (
    require('azurite/dist/src/table/TableServer') as { default: TableServerCtor }
  ).default;
  /* eslint-enable @typescript-eslint/no-require-imports */

  const host = options.host ?? '127.0.0.1';
  let dbPath = path.join(options.dataDir ?? '.data/azurite', '__azurite_db_table__.json');
  if (!options.inMemory) {
    mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true });
    dbPath = path.resolve(dbPath);
  }
  const config = new TableConfiguration(
    host,
    options.tablePort ?? 0,
    undefined, // keep-alive timeout
    dbPath,
    false, // debug log
    false, // access log
    undefined,
    undefined,
    false, // loose
    true, // skip API version check: the SDK may be newer than the emulator
    '',
    '',
    '',
    undefined,
    false,
    options.inMemory,
  );
  const server = new TableServer(config);
  await server.start();
  const address = server.getHttpServerAddress();
  const port = Number(new URL(address).port);
  return {
    connectionString: azuriteConnectionString(host, port),
    tablePort: port,
    stop: () => server.close(),
  };
}
