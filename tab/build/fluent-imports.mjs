// An esbuild plugin: the tab's files import Fluent UI from the barrel '@fluentui/react-components',
// and the build takes each named import from the package the barrel re-exports it from.
//
// Why: with code splitting, esbuild gives every module a re-export of the barrel reaches to each
// entry point that imports the barrel. The initial JS imports the barrel (Button, Card…), so
// components used only in lazily loaded views (Dialog, Select, the date picker…) landed in the
// chunk the initial JS loads. Each importing file now gets its own small barrel, a virtual module
// re-exporting only the names that file imports, straight from their packages; a lazy view's
// Dialog is then reached from that lazy view alone.
//
// The symbol → package map is read from the installed barrel at build time (never kept by hand).
// Source files are not rewritten, so their source maps are untouched; type-only imports vanish
// in the build as before.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';

export const BARREL = '@fluentui/react-components';
const NAMESPACE = 'fluent-imports';

/**
 * What the barrel re-exports: exported name → { from: package, name: its name there }.
 * Throws on any statement other than `export { … } from '…'`, so a Fluent upgrade that changes
 * the barrel's shape fails the build loudly instead of bundling the wrong thing.
 */
export function readBarrelExports(source, fileName) {
  const file = ts.createSourceFile(
    fileName,
    source,
    ts.ScriptTarget.Latest,
    false,
    ts.ScriptKind.JS,
  );
  const exports = new Map();
  for (const statement of file.statements) {
    const reExport =
      ts.isExportDeclaration(statement) &&
      statement.moduleSpecifier &&
      ts.isStringLiteral(statement.moduleSpecifier) &&
      statement.exportClause &&
      ts.isNamedExports(statement.exportClause);
    if (!reExport) {
      const { line } = file.getLineAndCharacterOfPosition(statement.getStart(file));
      throw new Error(
        `${fileName}:${line + 1}: the Fluent import plugin maps only "export { … } from '…'" ` +
          `statements; update tab/build/fluent-imports.mjs for this barrel`,
      );
    }
    if (statement.isTypeOnly) continue;
    for (const element of statement.exportClause.elements) {
      if (element.isTypeOnly) continue;
      const name = (element.propertyName ?? element.name).text;
      exports.set(element.name.text, { from: statement.moduleSpecifier.text, name });
    }
  }
  return exports;
}

/**
 * What one source file takes from the barrel as values: `{ names, whole }`, `whole` when a
 * namespace or default import needs the entire barrel. Type-only imports are left out.
 */
export function barrelImportsOf(source, fileName) {
  const kind = /\.tsx$/.test(fileName) ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, kind);
  const names = new Set();
  let whole = false;
  const fromBarrel = (node) =>
    node.moduleSpecifier &&
    ts.isStringLiteral(node.moduleSpecifier) &&
    node.moduleSpecifier.text === BARREL;
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement) && fromBarrel(statement)) {
      const clause = statement.importClause;
      if (!clause || clause.isTypeOnly) continue;
      if (clause.name) whole = true;
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) whole = true;
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) {
          if (!element.isTypeOnly) names.add((element.propertyName ?? element.name).text);
        }
      }
    } else if (ts.isExportDeclaration(statement) && fromBarrel(statement)) {
      if (statement.isTypeOnly) continue;
      const clause = statement.exportClause;
      if (!clause || ts.isNamespaceExport(clause)) whole = true;
      else {
        for (const element of clause.elements) {
          if (!element.isTypeOnly) names.add((element.propertyName ?? element.name).text);
        }
      }
    }
  }
  return { names: [...names].sort(), whole };
}

/**
 * The virtual module standing in for the barrel in one file: each name re-exported from its own
 * package. A name the barrel does not re-export is a type (TypeScript checked the import), which
 * esbuild drops from the importing file, so it is left out here.
 */
export function perFileBarrel({ names, whole }, barrelExports, barrelFile) {
  if (whole) return `export * from ${JSON.stringify(barrelFile)};\n`;
  const lines = [];
  for (const name of names) {
    const target = barrelExports.get(name);
    if (!target) continue;
    const binding = target.name === name ? name : `${target.name} as ${name}`;
    lines.push(`export { ${binding} } from ${JSON.stringify(target.from)};`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The plugin. `sourceDir`: the folder whose files' barrel imports are split (tab/src); imports
 * from anywhere else (node_modules, other Fluent packages) resolve as usual.
 * @returns {import('esbuild').Plugin}
 */
export function fluentImports({ sourceDir }) {
  const inside = (file) => !path.relative(sourceDir, file).startsWith('..');
  return {
    name: 'fluent-imports',
    setup(build) {
      const workingDir = build.initialOptions.absWorkingDir ?? process.cwd();
      /** The barrel and its map, read once per build (a watch rebuild reads them again). */
      let barrel;
      build.onStart(() => {
        barrel = undefined;
      });
      const loadBarrel = async (resolveDir) => {
        barrel ??= (async () => {
          const resolved = await build.resolve(BARREL, { kind: 'import-statement', resolveDir });
          if (resolved.errors.length > 0) throw new Error(resolved.errors[0].text);
          const source = await readFile(resolved.path, 'utf8');
          return { file: resolved.path, exports: readBarrelExports(source, resolved.path) };
        })();
        return barrel;
      };

      const filter = new RegExp(`^${BARREL.replace(/[/\\^$.*+?()[\]{}|-]/g, '\\$&')}$`);
      build.onResolve({ filter }, (args) => {
        if (args.namespace !== 'file' || args.kind !== 'import-statement') return undefined;
        if (!inside(args.importer)) return undefined;
        // Named after the importing file (relative, so the metafile and maps name no machine).
        const name = path.relative(workingDir, args.importer).split(path.sep).join('/');
        return { path: name, namespace: NAMESPACE, pluginData: { importer: args.importer } };
      });

      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, async (args) => {
        const { importer } = args.pluginData;
        const { file, exports } = await loadBarrel(path.dirname(importer));
        const imports = barrelImportsOf(await readFile(importer, 'utf8'), importer);
        return {
          contents: perFileBarrel(imports, exports, file),
          loader: 'js',
          // Resolve each package as the barrel itself would, whatever the install layout.
          resolveDir: path.dirname(file),
          watchFiles: [importer],
        };
      });
    },
  };
}
