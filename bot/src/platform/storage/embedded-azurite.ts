import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { AZURITE_CHILD_PROGRAM } from './azurite-child';
import { StorageSupervisor, type SupervisorLog } from './storage-supervisor';

/**
 * Azurite, the official Azure Storage emulator, run as a child process this process owns.
 * Used for local development (`npm run dev`) and by the tests; never in production.
 *
 * It runs in its own process because restify extends Node's http request prototype, which
 * breaks Azurite's query handling when both share one process. The child exits when its
 * stdin closes, so it never outlives the process that started it.
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
  /** Port for the queue endpoint; 0 picks a free one. */
  queuePort?: number;
  host?: string;
  /** Restart the child on the same ports and data when it dies (default true). */
  supervise?: boolean;
  /** Where restarts are reported. */
  log?: SupervisorLog;
}

export interface EmbeddedStorage {
  /** Names both the table and the queue endpoint. */
  connectionString: string;
  tablePort: number;
  queuePort: number;
  /** The running child's process id (a new one after each restart). */
  readonly pid: number;
  /** How many times the child was restarted after dying. */
  readonly restarts: number;
  stop(): Promise<void>;
}

export function azuriteConnectionString(
  host: string,
  tablePort: number,
  queuePort?: number,
): string {
  return (
    `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};` +
    `TableEndpoint=http://${host}:${tablePort}/${AZURITE_ACCOUNT};` +
    (queuePort ? `QueueEndpoint=http://${host}:${queuePort}/${AZURITE_ACCOUNT};` : '')
  );
}

export async function startEmbeddedStorage(
  options: EmbeddedStorageOptions,
): Promise<EmbeddedStorage> {
  const host = options.host ?? '127.0.0.1';
  let dbPath = path.join(options.dataDir ?? '.data/azurite', '__azurite_db_table__.json');
  if (!options.inMemory) {
    dbPath = path.resolve(dbPath);
    mkdirSync(path.dirname(dbPath), { recursive: true });
  }
  const dataDir = path.dirname(dbPath);
  const childConfig = {
    tableConfigModule: require.resolve('azurite/dist/src/table/TableConfiguration'),
    tableServerModule: require.resolve('azurite/dist/src/table/TableServer'),
    queueConfigModule: require.resolve('azurite/dist/src/queue/QueueConfiguration'),
    queueServerModule: require.resolve('azurite/dist/src/queue/QueueServer'),
    host,
    port: options.tablePort ?? 0,
    queuePort: options.queuePort ?? 0,
    dbPath,
    queueDbPath: path.join(dataDir, '__azurite_db_queue__.json'),
    queueExtentDbPath: path.join(dataDir, '__azurite_db_queue_extent__.json'),
    queueDataPath: path.join(dataDir, '__queuestorage__'),
    inMemory: options.inMemory,
  };
  const launch = async (ports: { port: number; queuePort: number }) => {
    const child = spawn(process.execPath, ['-e', AZURITE_CHILD_PROGRAM], {
      env: {
        ...process.env,
        AZURITE_CHILD_CONFIG: JSON.stringify({ ...childConfig, ...ports }),
        NODE_OPTIONS: '',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    return { child, ports: await waitForPorts(child) };
  };
  const first = await launch({ port: childConfig.port, queuePort: childConfig.queuePort });
  const { port, queuePort } = first.ports;
  const supervisor = new StorageSupervisor(first.child, () => launch({ port, queuePort }), {
    log: options.log,
    supervise: options.supervise ?? true,
  });
  return {
    connectionString: azuriteConnectionString(host, port, queuePort),
    tablePort: port,
    queuePort,
    get pid() {
      return supervisor.pid;
    },
    get restarts() {
      return supervisor.restarts;
    },
    stop: () => supervisor.stop(),
  };
}

function waitForPorts(child: ChildProcess): Promise<{ port: number; queuePort: number }> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Azurite did not start within 30 s. ${stderr.slice(-500)}`));
    }, 30_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(line) as { port: number; queuePort: number });
      } catch {
        reject(new Error(`Azurite said something unexpected: ${line}`));
      }
      // Keep draining so the child never blocks on a full pipe.
      child.stdout?.resume();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited with code ${code}. ${stderr.slice(-500)}`));
    });
  });
}
