/**
 * Builds the Teams app package for one environment.
 *
 *   npx tsx bot/scripts/package-app.ts [--env-file env/.env.local] [--out appPackage/build]
 *
 * Placeholder values come from the environment first, then from the env file.
 * Writes appPackage.<env>.zip and manifest.<env>.json; exits 1 listing every problem.
 */
import path from 'node:path';
import { AppPackageError, buildAppPackage, DEFAULT_ENV_FILE, DEFAULT_OUT_DIR } from './app-package';

interface CliOptions {
  envFile: string;
  outDir: string;
}

const USAGE =
  'Usage: npx tsx bot/scripts/package-app.ts [--env-file env/.env.local] [--out appPackage/build]';

function optionValue(args: string[], index: number, flag: string): string {
  const value = args[index + 1];
  if (value === undefined || value.startsWith('--'))
    throw new AppPackageError(USAGE, [`${flag} needs a value`]);
  return value;
}

function parseArgs(args: string[]): CliOptions {
  const options: CliOptions = { envFile: DEFAULT_ENV_FILE, outDir: DEFAULT_OUT_DIR };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--env-file') options.envFile = path.resolve(optionValue(args, i++, arg));
    else if (arg === '--out') options.outDir = path.resolve(optionValue(args, i++, arg));
    else throw new AppPackageError(USAGE, [`unknown argument "${arg}"`]);
  }
  return options;
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    console.log(USAGE);
    return;
  }
  const options = parseArgs(process.argv.slice(2));
  const built = await buildAppPackage({ ...options, env: process.env });
  const relative = (file: string): string => {
    const fromHere = path.relative(process.cwd(), file);
    return fromHere.startsWith('..') ? file : fromHere;
  };
  console.log(
    `Teams app package for "${built.envName}" (manifest ${String(built.manifest.manifestVersion)})`,
  );
  console.log(`  ${relative(built.zipPath)}`);
  console.log(`  ${relative(built.manifestPath)}`);
  for (const warning of built.warnings) console.warn(`  warning: ${warning}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof AppPackageError ? error.message : error);
  process.exit(1);
});
