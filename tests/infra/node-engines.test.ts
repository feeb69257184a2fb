import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';

/**
 * `npm install` is clean on the Node versions the project claims (package.json's engines, the
 * README, the Bicep runtime): every installed package accepts the oldest 20 and 22 releases we
 * claim, so npm never prints EBADENGINE (and, with .npmrc's engine-strict, never refuses).
 */

const ROOT = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
};

function installedPackages(dir: string, found: { name: string; node?: string }[] = []) {
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith('.')) continue;
    const full = path.join(dir, entry);
    if (entry.startsWith('@')) {
      installedPackages(full, found);
      continue;
    }
    const manifest = path.join(full, 'package.json');
    if (!existsSync(manifest)) continue;
    const json = JSON.parse(readFileSync(manifest, 'utf8')) as {
      name?: string;
      version?: string;
      engines?: { node?: string };
    };
    found.push({ name: `${json.name}@${json.version}`, node: json.engines?.node });
    const nested = path.join(full, 'node_modules');
    if (existsSync(nested)) installedPackages(nested, found);
  }
  return found;
}

describe('the Node versions the project claims', () => {
  // The oldest release of each line the range allows: 20.19.0 and 22.13.0.
  const claimed = pkg.engines.node.split('||').map((part) => semver.minVersion(part)!.version);

  it('are Node 20 from 20.19 and Node 22 LTS, and the machine running this is one of them', () => {
    expect(pkg.engines.node).toBe('^20.19.0 || >=22.13.0');
    expect(claimed).toEqual(['20.19.0', '22.13.0']);
    expect(semver.satisfies(process.versions.node, pkg.engines.node)).toBe(true);
  });

  it('are accepted by every installed package (no EBADENGINE on install)', () => {
    const refusing = installedPackages(path.join(ROOT, 'node_modules'))
      .filter((p) => p.node && claimed.some((v) => !semver.satisfies(v, p.node!)))
      .map((p) => `${p.name} wants node ${p.node}`);
    expect(refusing).toEqual([]);
  });

  it('are what npm enforces and what Azure runs', () => {
    expect(readFileSync(path.join(ROOT, '.npmrc'), 'utf8')).toMatch(/^engine-strict=true$/m);
    const bicep = readFileSync(path.join(ROOT, 'infra/azure.bicep'), 'utf8');
    expect(bicep).toMatch(/^param linuxFxVersion string = 'NODE\|22-lts'$/m);
  });
});
