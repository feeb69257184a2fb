/**
 * The program the embedded Azurite child runs (`node -e`): it starts the table and queue servers,
 * prints their ports, and stops when its stdin ends (so it never outlives its parent).
 *
 * With data on disk, a write is answered only once it is saved: Azurite keeps its databases in
 * memory and saves them every five seconds, so a child killed between two saves would lose writes
 * it had already acknowledged. Here every answer to a request that may write (anything but GET,
 * HEAD and OPTIONS) waits for the next save of the databases, and saves are coalesced: one at a
 * time, each covering every write answered before it began.
 */
export const AZURITE_CHILD_PROGRAM = `
const http = require('node:http');
const cfg = JSON.parse(process.env.AZURITE_CHILD_CONFIG);
const TableConfiguration = require(cfg.tableConfigModule).default;
const TableServer = require(cfg.tableServerModule).default;
const QueueConfiguration = require(cfg.queueConfigModule).default;
const QueueServer = require(cfg.queueServerModule).default;
const tables = new TableServer(new TableConfiguration(cfg.host, cfg.port, undefined, cfg.dbPath,
  false, false, undefined, undefined, false, true, '', '', '', undefined, false, cfg.inMemory));
const queues = new QueueServer(new QueueConfiguration(cfg.host, cfg.queuePort, undefined,
  cfg.queueDbPath, cfg.queueExtentDbPath,
  [{ locationId: 'Default', locationPath: cfg.queueDataPath, maxConcurrency: 10 }],
  false, undefined, false, undefined, false, true, '', '', '', undefined, false, cfg.inMemory));

if (!cfg.inMemory) {
  const databases = () => [tables.metadataStore, queues.metadataStore, queues.extentMetadataStore]
    .map((store) => store && store.db).filter(Boolean);
  let saving = false;
  let waiting = [];
  const saveAll = () => Promise.all(databases().map((db) =>
    new Promise((resolve) => db.saveDatabase(() => resolve()))));
  const saveNow = () => {
    if (saving || waiting.length === 0) return;
    saving = true;
    const batch = waiting;
    waiting = [];
    saveAll().then(() => { saving = false; for (const done of batch) done(); saveNow(); });
  };
  const end = http.ServerResponse.prototype.end;
  http.ServerResponse.prototype.end = function (...args) {
    const method = this.req && this.req.method;
    if (this.savedBeforeEnd || method === 'GET' || method === 'HEAD' || method === 'OPTIONS') {
      return end.apply(this, args);
    }
    this.savedBeforeEnd = true;
    waiting.push(() => end.apply(this, args));
    saveNow();
    return this;
  };
}

let closing = false;
const stop = () => { if (closing) return; closing = true;
  Promise.all([tables.close(), queues.close()]).then(() => process.exit(0), () => process.exit(1)); };
Promise.all([tables.start(), queues.start()]).then(() => {
  const port = Number(new URL(tables.getHttpServerAddress()).port);
  const queuePort = Number(new URL(queues.getHttpServerAddress()).port);
  process.stdout.write(JSON.stringify({ port, queuePort }) + '\\n');
}, (e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
`;
