import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * The layering check (.dependency-cruiser.cjs, run by `npm run lint:layers` inside `npm test`)
 * fails on a forbidden import. Each case writes a tiny bot/src + tab/src tree into a temporary
 * folder, runs dependency-cruiser on it with the project's own config, and compares the
 * violations it reports with the ones expected.
 */

const ROOT = join(__dirname, '..', '..');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

type Tree = Record<string, string>;

interface Violation {
  rule: string;
  from: string;
  to: string;
}

interface CruiseOutput {
  summary: {
    violations: { from: string; to: string; rule: { name: string } }[];
  };
}

const folders: string[] = [];

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** Writes the tree into a new temporary folder, with the project's compiler options and packages. */
function lay(tree: Tree): string {
  const folder = mkdtempSync(join(tmpdir(), 'layering-'));
  folders.push(folder);
  const tsconfig = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')) as object;
  const files: Tree = {
    'tsconfig.json': JSON.stringify({ ...tsconfig, include: ['bot/src', 'tab/src'] }),
    'bot/src/main.ts': 'export {};\n',
    'tab/src/main.tsx': 'export {};\n',
    ...tree,
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  symlinkSync(join(ROOT, 'node_modules'), join(folder, 'node_modules'), 'dir');
  return folder;
}

/** Runs dependency-cruiser as `npm run lint:layers` does, with another output type if given. */
function depcruise(folder: string, outputType: 'err' | 'json') {
  return spawnSync(
    process.execPath,
    [DEPCRUISE, 'bot/src', 'tab/src', '--config', CONFIG, '--output-type', outputType],
    { cwd: folder, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
}

/** The violations dependency-cruiser reports for the tree, sorted. */
function violationsIn(folder: string): Violation[] {
  const run = depcruise(folder, 'json');
  if (!run.stdout) throw new Error(`dependency-cruiser printed nothing: ${run.stderr}`);
  const output = JSON.parse(run.stdout) as CruiseOutput;
  return (
    output.summary.violations
      // A package resolves through the node_modules link: keep the path from node_modules/ on.
      .map((v) => ({
        rule: v.rule.name,
        from: v.from,
        to: v.to.replace(/^.*?node_modules\//, 'node_modules/'),
      }))
      .sort((a, b) => `${a.rule} ${a.from} ${a.to}`.localeCompare(`${b.rule} ${b.from} ${b.to}`))
  );
}

/** A tree that obeys every rule, using each kind of import the rules allow. */
const CLEAN: Tree = {
  'bot/src/contracts/alpha.ts': `import { z } from 'zod';
import { LIMIT } from './limits';
export const alphaSchema = z.object({ text: z.string().max(LIMIT) });
`,
  'bot/src/contracts/limits.ts': 'export const LIMIT = 140;\n',
  'bot/src/platform/errors.ts': `import type { LIMIT } from '../contracts/limits';
export class AppError extends Error {}
export type Limit = typeof LIMIT;
`,
  'bot/src/platform/teams/turn-routes.ts': `import { AppError } from '../errors';
export type Handler = () => Promise<void>;
export const refuse = () => new AppError('no');
`,
  'bot/src/features/alpha/domain/alpha.ts': `import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { LIMIT } from '../../../contracts/limits';
import { betaName } from '../../beta';
import { helper } from './helper';
export const alpha = () => [DateTime.now(), randomUUID(), LIMIT, betaName, helper];
`,
  'bot/src/features/alpha/domain/helper.ts': 'export const helper = 1;\n',
  'bot/src/features/alpha/store/alpha-repository.ts': `import { TableClient } from '@azure/data-tables';
import { alpha } from '../domain/alpha';
export const repository = { alpha, TableClient };
`,
  'bot/src/features/alpha/services/alpha-service.ts': `import { repository } from '../store/alpha-repository';
import { betaService } from '../../beta/index';
export const alphaService = { repository, betaService };
`,
  'bot/src/features/alpha/http/alpha-routes.ts': `import type { Handler } from '../../../platform/teams/turn-routes';
import { alphaService } from '../services/alpha-service';
import { alphaSchema } from '../../../contracts/alpha';
export const routes: Handler[] = [];
export const uses = { alphaService, alphaSchema };
`,
  'bot/src/features/alpha/index.ts': `export { routes } from './http/alpha-routes';\n`,
  'bot/src/features/beta/domain/beta.ts': `export const betaName = 'beta';\n`,
  'bot/src/features/beta/services/beta-service.ts': `import { TurnContext } from 'botbuilder';
export const betaService = { TurnContext };
`,
  'bot/src/features/beta/index.ts': `export { betaName } from './domain/beta';
export { betaService } from './services/beta-service';
`,
  'bot/src/app/service.ts': `import { routes } from '../features/alpha';
import { refuse } from '../platform/teams/turn-routes';
export const wire = () => [routes, refuse];
`,
  'bot/src/main.ts': `import { wire } from './app/service';\nwire();\n`,
  'tab/src/main.tsx': `import { alphaSchema } from '../../bot/src/contracts/alpha';
export const schema = alphaSchema;
`,
};

describe('the layering check', () => {
  it('reports nothing for a tree that keeps the layers', () => {
    const folder = lay(CLEAN);
    expect(violationsIn(folder)).toEqual([]);
    expect(depcruise(folder, 'err').status).toBe(0);
  });

  it('fails on a domain file that imports botbuilder and a platform file that imports a feature', () => {
    const folder = lay({
      ...CLEAN,
      'bot/src/features/alpha/domain/alpha.ts': `import { MessageFactory } from 'botbuilder';
export const alpha = () => MessageFactory.text('hi');
`,
      'bot/src/platform/teams/turn-routes.ts': `import { routes } from '../../features/alpha';
export type Handler = () => Promise<void>;
export const refuse = () => routes;
`,
    });
    expect(violationsIn(folder)).toEqual([
      {
        rule: 'domain-no-sdk-or-io',
        from: 'bot/src/features/alpha/domain/alpha.ts',
        to: 'node_modules/botbuilder/lib/index.js',
      },
      {
        rule: 'platform-no-feature-or-app',
        from: 'bot/src/platform/teams/turn-routes.ts',
        to: 'bot/src/features/alpha/index.ts',
      },
    ]);
    // The command npm test runs exits with the number of errors, so the build stops.
    const run = depcruise(folder, 'err');
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('2 dependency violations (2 errors');
  });

  it('names the rule each forbidden import breaks', () => {
    const violations = violationsIn(
      lay({
        ...CLEAN,
        // Domain: an SDK, node I/O, platform and a repository.
        'bot/src/features/alpha/domain/helper.ts': `import { TableClient } from '@azure/data-tables';
import { readFileSync } from 'node:fs';
import { AppError } from '../../../platform/errors';
import { repository } from '../store/alpha-repository';
export const helper = [TableClient, readFileSync, AppError, repository];
`,
        // A route: a repository, and another feature's internals.
        'bot/src/features/alpha/http/alpha-routes.ts': `import { repository } from '../store/alpha-repository';
import { betaService } from '../../beta/services/beta-service';
export const routes = [repository, betaService];
`,
        // A route taking the whole application context from app/.
        'bot/src/app/app-context.ts': 'export interface AppContext {\n  name: string;\n}\n',
        'bot/src/features/beta/http/beta-routes.ts': `import type { AppContext } from '../../../app/app-context';
export const betaRoutes = (context: AppContext) => context.name;
`,
        // The contract is bundled into the tab: node modules are out.
        'bot/src/contracts/limits.ts': `import { randomUUID } from 'node:crypto';
export const LIMIT = randomUUID().length;
`,
        // The tab reaching past the contract.
        'tab/src/main.tsx': `import { AppError } from '../../bot/src/platform/errors';
export const error = AppError;
`,
        // Two features in a cycle, each through the other's index.ts.
        'bot/src/features/gamma/index.ts': `export { gamma } from './gamma-service';\n`,
        'bot/src/features/gamma/gamma-service.ts': `import { delta } from '../delta';
export const gamma = () => delta;
`,
        'bot/src/features/delta/index.ts': `export { delta } from './delta-service';\n`,
        'bot/src/features/delta/delta-service.ts': `import { gamma } from '../gamma';
export const delta = () => gamma;
`,
      }),
    );
    const domain = 'bot/src/features/alpha/domain/helper.ts';
    const routes = 'bot/src/features/alpha/http/alpha-routes.ts';
    const CYCLE = /^bot\/src\/features\/(gamma|delta)\//;
    expect(violations).toEqual([
      { rule: 'contracts-only-zod', from: 'bot/src/contracts/limits.ts', to: 'crypto' },
      {
        rule: 'domain-no-outer-layer',
        from: domain,
        to: 'bot/src/features/alpha/store/alpha-repository.ts',
      },
      { rule: 'domain-no-outer-layer', from: domain, to: 'bot/src/platform/errors.ts' },
      { rule: 'domain-no-sdk-or-io', from: domain, to: 'fs' },
      {
        rule: 'domain-no-sdk-or-io',
        from: domain,
        to: 'node_modules/@azure/data-tables/dist/esm/index.d.ts',
      },
      {
        rule: 'feature-through-index',
        from: routes,
        to: 'bot/src/features/beta/services/beta-service.ts',
      },
      {
        rule: 'handlers-no-store',
        from: routes,
        to: 'bot/src/features/alpha/store/alpha-repository.ts',
      },
      // A cycle is reported once, at one of its edges.
      {
        rule: 'no-feature-cycles',
        from: expect.stringMatching(CYCLE),
        to: expect.stringMatching(CYCLE),
      },
      {
        rule: 'nothing-imports-app',
        from: 'bot/src/features/beta/http/beta-routes.ts',
        to: 'bot/src/app/app-context.ts',
      },
      { rule: 'tab-only-contracts', from: 'tab/src/main.tsx', to: 'bot/src/platform/errors.ts' },
    ]);
  });
});
