/**
 * The layering rules of bot/ and tab/ (docs/architecture.md, "Layers and rules").
 * Run with `npm run lint:layers`; `npm test` runs it too, so a forbidden import fails the build.
 *
 * Paths are relative to the repository root. Type-only imports count: a layer that may not import
 * a module may not import its types either.
 */

/** A package, whether resolved into node_modules or left unresolved under its bare name. */
function pkg(names) {
  return `(^|node_modules/)(${names.join('|')})(/|$)`;
}

const FEATURE = '^bot/src/features/([^/]+)/';
/** Node's modules that do I/O: pure domain code reaches none of them. */
const NODE_IO =
  '^(node:)?(fs|net|tls|http|http2|https|child_process|dgram|cluster|worker_threads)(/|$)';
/** The SDKs of the outside world. */
const SDKS = pkg(['botbuilder[^/]*', 'botframework-[^/]+', 'restify[^/]*', '@azure/[^/]+']);

module.exports = {
  forbidden: [
    {
      name: 'domain-no-sdk-or-io',
      comment:
        "A feature's domain/ is pure TypeScript: no botbuilder, restify, @azure/* and no node I/O " +
        "(fs, net, http, https, child_process...). Put the I/O in the feature's store/ or services/.",
      severity: 'error',
      from: { path: `${FEATURE}domain/` },
      to: { path: [SDKS, NODE_IO] },
    },
    {
      name: 'domain-no-outer-layer',
      comment:
        "A feature's domain/ imports no platform/, no app/, and no store/, services/, http/, " +
        'teams/, jobs/, cards/ or fanout/ module of any feature.',
      severity: 'error',
      from: { path: `${FEATURE}domain/` },
      to: {
        path: [
          '^bot/src/(platform|app)/',
          '^bot/src/features/[^/]+/(store|services|http|teams|jobs|cards|fanout)/',
        ],
      },
    },
    {
      name: 'feature-through-index',
      comment:
        "A feature imports another feature only through that feature's index.ts " +
        '(or shares the shape through bot/src/contracts/).',
      severity: 'error',
      from: { path: FEATURE },
      to: {
        path: '^bot/src/features/',
        pathNot: ['^bot/src/features/$1/', '^bot/src/features/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'platform-no-feature-or-app',
      comment: 'platform/ is what every feature uses; it never imports a feature or app/.',
      severity: 'error',
      from: { path: '^bot/src/platform/' },
      to: { path: '^bot/src/(features|app)/' },
    },
    {
      name: 'nothing-imports-app',
      comment:
        'app/ only wires: nothing imports it except bot/src/main.ts (and scripts and tests, ' +
        'which are not part of the cruise).',
      severity: 'error',
      from: { pathNot: ['^bot/src/app/', '^bot/src/main\\.ts$', '^bot/scripts/', '^tests/'] },
      to: { path: '^bot/src/app/' },
    },
    {
      name: 'contracts-only-zod',
      comment:
        'bot/src/contracts/ is bundled into the browser tab: it imports only zod and other ' +
        'contracts files (no node: modules, no SDK, nothing of the bot).',
      severity: 'error',
      from: { path: '^bot/src/contracts/' },
      to: { pathNot: ['^bot/src/contracts/', pkg(['zod'])] },
    },
    {
      name: 'tab-only-contracts',
      comment: 'The tab may import from bot/ only bot/src/contracts/.',
      severity: 'error',
      from: { path: '^tab/src/' },
      to: { path: '^bot/', pathNot: '^bot/src/contracts/' },
    },
    {
      name: 'handlers-no-store',
      comment:
        "A feature's routes (http/), card and command handlers (teams/) and job handlers (jobs/) " +
        'call a service, never a repository: they import no store/ module.',
      severity: 'error',
      from: { path: `${FEATURE}(http|teams|jobs)/` },
      to: { path: '^bot/src/features/[^/]+/store/' },
    },
    {
      name: 'no-feature-cycles',
      comment: 'No circular dependency between features, not even through their index.ts files.',
      severity: 'error',
      from: { path: FEATURE },
      // Some module of the cycle lies in another feature (a cycle through platform/ or app/
      // alone breaks their own rules).
      to: { circular: true, via: { path: '^bot/src/features/(?!$1/)' } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports are dependencies too.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
