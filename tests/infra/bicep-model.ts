/**
 * A small reader for infra/azure.bicep, enough for structural tests: its parameters, variables,
 * resources and outputs, the Web App's app settings, and a check that brackets balance and
 * every symbol it dereferences is declared. It is not a Bicep compiler; `az bicep build` is the
 * real check, and these tests catch the mistakes a reviewer would.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const BICEP_FILE = path.join(REPO_ROOT, 'infra', 'azure.bicep');

export interface BicepParam {
  name: string;
  type: string;
  /** The default as written, e.g. `'B1'` or `resourceGroup().location`. */
  defaultExpr?: string;
  decorators: string[];
  secure: boolean;
}

export interface BicepResource {
  symbol: string;
  type: string;
  apiVersion: string;
  /** Everything after `=`: the body (a loop, a condition and an object). */
  body: string;
}

export interface BicepOutput {
  name: string;
  type: string;
  expr: string;
}

export interface BicepModel {
  source: string;
  /** The source with comments blanked out (strings kept), same length and line breaks. */
  code: string;
  params: Map<string, BicepParam>;
  vars: Map<string, string>;
  resources: Map<string, BicepResource>;
  outputs: Map<string, BicepOutput>;
}

/**
 * Walks Bicep source and reports each character's context. Strings are single-quoted with
 * backslash escapes and may hold `${...}` interpolations, which are code again (and may hold
 * strings of their own).
 */
function scan(
  source: string,
  visit: (index: number, context: 'code' | 'string' | 'comment') => void,
): void {
  type Frame = { kind: 'string' } | { kind: 'interp'; depth: number };
  const stack: Frame[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    const next = source[i + 1];
    const top = stack[stack.length - 1];
    if (top?.kind === 'string') {
      visit(i, 'string');
      if (ch === '\\') {
        visit(i + 1, 'string');
        i += 2;
        continue;
      }
      if (ch === '$' && next === '{') {
        visit(i + 1, 'string');
        stack.push({ kind: 'interp', depth: 0 });
        i += 2;
        continue;
      }
      if (ch === "'") stack.pop();
      i += 1;
      continue;
    }
    // Code, at the top level or inside an interpolation.
    if (ch === '/' && next === '/') {
      while (i < source.length && source[i] !== '\n') visit(i++, 'comment');
      continue;
    }
    if (ch === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? source.length : end + 2;
      while (i < stop) visit(i++, 'comment');
      continue;
    }
    if (top?.kind === 'interp') {
      if (ch === '{') top.depth += 1;
      if (ch === '}') {
        if (top.depth === 0) {
          stack.pop();
          visit(i, 'string');
          i += 1;
          continue;
        }
        top.depth -= 1;
      }
    }
    if (ch === "'") {
      stack.push({ kind: 'string' });
      visit(i, 'string');
      i += 1;
      continue;
    }
    visit(i, 'code');
    i += 1;
  }
}

/** The source with comments replaced by spaces (line breaks kept, so line numbers still match). */
export function withoutComments(source: string): string {
  const chars = source.split('');
  scan(source, (index, context) => {
    if (context === 'comment' && chars[index] !== '\n') chars[index] = ' ';
  });
  return chars.join('');
}

/** Only the code: comments and the literal text of strings blanked, interpolations kept. */
export function codeOnly(source: string): string {
  const chars = source.split('');
  scan(source, (index, context) => {
    if (context !== 'code' && chars[index] !== '\n') chars[index] = ' ';
  });
  return chars.join('');
}

/** Problems with (), [] and {} nesting outside strings and comments, by line. */
export function bracketProblems(source: string): string[] {
  const code = codeOnly(source);
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const stack: Array<{ ch: string; line: number }> = [];
  const problems: string[] = [];
  let line = 1;
  for (const ch of code) {
    if (ch === '\n') line += 1;
    else if (ch === '(' || ch === '[' || ch === '{') stack.push({ ch, line });
    else if (ch in pairs) {
      const open = stack.pop();
      if (open?.ch !== pairs[ch]) problems.push(`line ${line}: unexpected '${ch}'`);
    }
  }
  for (const open of stack) problems.push(`line ${open.line}: '${open.ch}' is never closed`);
  return problems;
}

/** From `start` (just after `=`), the expression up to the end of its line or balanced block. */
function expressionFrom(code: string, start: number): string {
  const masked = codeOnly(code);
  let depth = 0;
  let i = start;
  for (; i < code.length; i += 1) {
    const ch = masked[i]!;
    if (ch === '(' || ch === '[' || ch === '{') depth += 1;
    else if (ch === ')' || ch === ']' || ch === '}') depth -= 1;
    else if (ch === '\n' && depth <= 0) break;
  }
  return code.slice(start, i).trim();
}

export function parseBicep(source: string): BicepModel {
  const code = withoutComments(source);
  const params = new Map<string, BicepParam>();
  const vars = new Map<string, string>();
  const resources = new Map<string, BicepResource>();
  const outputs = new Map<string, BicepOutput>();

  const lines = code.split('\n');
  let offset = 0;
  let decorators: string[] = [];
  let decoratorDepth = 0;
  for (const line of lines) {
    const lineStart = offset;
    offset += line.length + 1;
    if (decoratorDepth > 0 || line.startsWith('@')) {
      // Decorators may span lines (`@allowed([ ... ])`); gather them whole.
      if (line.startsWith('@')) decorators.push(line);
      else decorators[decorators.length - 1] += `\n${line}`;
      const masked = codeOnly(line);
      for (const ch of masked) {
        if (ch === '(' || ch === '[') decoratorDepth += 1;
        if (ch === ')' || ch === ']') decoratorDepth -= 1;
      }
      continue;
    }
    const param = /^param\s+(\w+)\s+(\w+)(\s*=\s*)?/.exec(line);
    if (param) {
      const defaultExpr = param[3] ? expressionFrom(code, lineStart + param[0].length) : undefined;
      params.set(param[1]!, {
        name: param[1]!,
        type: param[2]!,
        defaultExpr,
        decorators,
        secure: decorators.some((d) => d.startsWith('@secure(')),
      });
      decorators = [];
      continue;
    }
    const variable = /^var\s+(\w+)\s*=\s*/.exec(line);
    if (variable) vars.set(variable[1]!, expressionFrom(code, lineStart + variable[0].length));
    const resource = /^resource\s+(\w+)\s+'([^'@]+)@([^']+)'\s*(?:existing\s*)?=\s*/.exec(line);
    if (resource) {
      resources.set(resource[1]!, {
        symbol: resource[1]!,
        type: resource[2]!,
        apiVersion: resource[3]!,
        body: expressionFrom(code, lineStart + resource[0].length),
      });
    }
    const output = /^output\s+(\w+)\s+(\w+)\s*=\s*/.exec(line);
    if (output) {
      outputs.set(output[1]!, {
        name: output[1]!,
        type: output[2]!,
        expr: expressionFrom(code, lineStart + output[0].length),
      });
    }
    decorators = [];
  }
  return { source, code, params, vars, resources, outputs };
}

export function loadBicep(file = BICEP_FILE): BicepModel {
  return parseBicep(readFileSync(file, 'utf8'));
}

/** Top-level `key: value` entries of an object literal written one entry a line. */
export function objectEntries(objectExpr: string): Map<string, string> {
  const entries = new Map<string, string>();
  const body = objectExpr.trim();
  if (!body.startsWith('{') || !body.endsWith('}')) {
    throw new Error(`not an object literal: ${body.slice(0, 40)}…`);
  }
  const inner = body.slice(1, -1);
  const masked = codeOnly(inner);
  let depth = 0;
  let lineStart = 0;
  for (let i = 0; i <= inner.length; i += 1) {
    const ch = masked[i];
    if (ch === '(' || ch === '[' || ch === '{') depth += 1;
    if (ch === ')' || ch === ']' || ch === '}') depth -= 1;
    if ((ch === '\n' || i === inner.length) && depth === 0) {
      const line = inner.slice(lineStart, i).trim();
      lineStart = i + 1;
      const entry = /^'?([A-Za-z_][\w-]*)'?\s*:\s*([\s\S]+)$/.exec(line);
      if (entry) entries.set(entry[1]!, entry[2]!.trim());
    }
  }
  return entries;
}

/** The body of a resource as an object literal (after any `[for …:` or `if (…)` prefix). */
export function resourceObject(resource: BicepResource): string {
  const start = resource.body.indexOf('{');
  const masked = codeOnly(resource.body);
  let depth = 0;
  for (let i = start; i < resource.body.length; i += 1) {
    if (masked[i] === '{') depth += 1;
    if (masked[i] === '}') {
      depth -= 1;
      if (depth === 0) return resource.body.slice(start, i + 1);
    }
  }
  throw new Error(`resource ${resource.symbol} has no object body`);
}

/** A property of a resource, found by its path from the resource body (e.g. `properties.sku`). */
export function resourceProperty(resource: BicepResource, dottedPath: string): string | undefined {
  let current: string | undefined = resourceObject(resource);
  for (const key of dottedPath.split('.')) {
    if (current === undefined || !current.trim().startsWith('{')) return undefined;
    current = objectEntries(current).get(key);
  }
  return current;
}

/** The literal text of a single-quoted string without interpolation, or undefined. */
export function literalString(expr: string | undefined): string | undefined {
  if (expr === undefined) return undefined;
  const match = /^'((?:[^'\\$]|\\.|\$(?!\{))*)'$/.exec(expr.trim());
  return match ? match[1]!.replace(/\\(.)/g, '$1') : undefined;
}

const NAMESPACES = new Set(['sys', 'az']);

/**
 * Symbols the template dereferences (`x.y`) that it never declares, and parameters and
 * variables it declares but never uses.
 */
export function symbolProblems(model: BicepModel): string[] {
  const code = codeOnly(model.source);
  const declared = new Set<string>([
    ...model.params.keys(),
    ...model.vars.keys(),
    ...model.resources.keys(),
  ]);
  for (const loop of code.matchAll(/\[\s*for\s+(\w+)\s+in\b/g)) declared.add(loop[1]!);
  const problems: string[] = [];
  for (const match of code.matchAll(/(?<![.\w])([A-Za-z_]\w*)\.[A-Za-z_]/g)) {
    const symbol = match[1]!;
    if (!declared.has(symbol) && !NAMESPACES.has(symbol)) {
      const line = code.slice(0, match.index).split('\n').length;
      problems.push(`line ${line}: '${symbol}' is not declared`);
    }
  }
  for (const name of [...model.params.keys(), ...model.vars.keys()]) {
    const uses = [...code.matchAll(new RegExp(`(?<![.\\w])${name}(?!\\w)`, 'g'))].length;
    if (uses < 2) problems.push(`'${name}' is declared but never used`);
  }
  return [...new Set(problems)];
}
