/**
 * The fake Bot Connector as its own process, for benchmarks:
 *
 *   node --import tsx tests/support/fake-connector-cli.ts --port=3980 --seed=7 --fault-rate=0.01
 *
 * Prints one JSON line on stdout, {"serviceUrl":"http://127.0.0.1:3980/","pid":…,"options":{…}},
 * then serves until SIGTERM or SIGINT. GET /_stats reports, POST /_reset starts again (a JSON body
 * replaces the options), POST /_configure merges options, GET /_requests and /_received list.
 *
 * Options, as --name=value (or --name value) or FAKE_CONNECTOR_NAME (e.g. FAKE_CONNECTOR_SEED):
 *   host, port                 where to listen (127.0.0.1, a free port)
 *   rate-limits                teams (default here) or off
 *   global-per-second          per tenant, default 50; 0 turns the global limit off
 *   per-conversation           limit/windowMs list, default 7/1000,8/2000,60/30000,1800/3600000;
 *                              "off" turns them off
 *   seed                       RNG seed for faults and latency (default 1)
 *   fault-rate                 probability of a 5xx per send
 *   fault-statuses             e.g. 500,502,503
 *   delivered-anyway-rate      probability that an injected 5xx was delivered anyway
 *   latency                    ms per request: "20" or a range "5-50"
 *   blocked, deleted           comma lists of user or conversation ids
 *   strict                     true: sends to conversations never created answer 404
 */
import {
  type FakeConnectorOptions,
  type RateLimitWindow,
  startFakeConnector,
} from './fake-connector';

function list(value: string | undefined): string[] | undefined {
  const items = value
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items?.length ? items : undefined;
}

function number(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number, got "${value}"`);
  return n;
}

/** argv (--a=b, --a b, --flag) over env (FAKE_CONNECTOR_A). */
export function parseCliOptions(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = {},
): FakeConnectorOptions {
  const given = new Map<string, string>();
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith('FAKE_CONNECTOR_') && value !== undefined) {
      given.set(key.slice('FAKE_CONNECTOR_'.length).toLowerCase().replace(/_/g, '-'), value);
    }
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    if (eq > 0) given.set(arg.slice(2, eq), arg.slice(eq + 1));
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) {
      given.set(arg.slice(2), argv[++i]!);
    } else given.set(arg.slice(2), 'true');
  }
  const known = new Set([
    'host',
    'port',
    'rate-limits',
    'global-per-second',
    'per-conversation',
    'seed',
    'fault-rate',
    'fault-statuses',
    'delivered-anyway-rate',
    'latency',
    'blocked',
    'deleted',
    'strict',
  ]);
  for (const name of given.keys()) {
    if (!known.has(name)) throw new Error(`unknown option --${name}`);
  }
  const get = (name: string) => given.get(name);

  const options: FakeConnectorOptions = {
    host: get('host'),
    port: number('port', get('port')),
    seed: number('seed', get('seed')),
    blocked: list(get('blocked')),
    deletedConversations: list(get('deleted')),
    strictConversations: get('strict') === 'true',
  };
  if (get('rate-limits') !== 'off') {
    const global = number('global-per-second', get('global-per-second'));
    const windows = get('per-conversation');
    let perConversation: RateLimitWindow[] | false | undefined;
    if (windows === 'off') perConversation = false;
    else if (windows) {
      perConversation = list(windows)!.map((w) => {
        const [limit, windowMs] = w.split('/').map((n) => number('per-conversation', n));
        if (!limit || !windowMs) throw new Error(`--per-conversation: "${w}" is not limit/ms`);
        return { limit, windowMs };
      });
    }
    options.rateLimits = {
      globalPerSecond: global === 0 ? false : global,
      perConversation,
    };
  }
  const rate = number('fault-rate', get('fault-rate'));
  const statuses = list(get('fault-statuses'))?.map((s) => number('fault-statuses', s)!);
  const anyway = number('delivered-anyway-rate', get('delivered-anyway-rate'));
  if (rate !== undefined || statuses || anyway !== undefined) {
    options.faults = {
      serverErrorRate: rate,
      serverErrorStatuses: statuses,
      deliveredAnywayRate: anyway,
    };
  }
  const latency = get('latency');
  if (latency) {
    const [min, max] = latency.split('-').map((n) => number('latency', n)!);
    options.latencyMs = max === undefined ? min! : { min: min!, max };
  }
  return JSON.parse(JSON.stringify(options)) as FakeConnectorOptions; // drops undefined
}

async function main(): Promise<void> {
  const options = parseCliOptions(process.argv.slice(2), process.env);
  const connector = await startFakeConnector(options);
  process.stdout.write(
    `${JSON.stringify({ serviceUrl: connector.serviceUrl, pid: process.pid, options })}\n`,
  );
  const stop = () => {
    connector.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  });
}
