/**
 * `plugboard site`: the documentation site of a folder of connectors, built (or served with --dev)
 * by Astro from plugboard's own site project — astro.config.mjs and the views of the folder this
 * file is in (src/ in a checkout, lib/ installed) — then indexed and checked by src/site/postbuild.
 * The CLI knows nothing of the site's code nor of astro (test/boundaries.test.ts): it runs Astro's
 * command and the post-build step as child processes of this Node, handing them the settings in
 * the PLUGBOARD_* variables src/site/config.ts and astro.config.mjs read.
 */
import { spawn } from 'node:child_process';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { numberOption, parseCommand, stringOption } from '../args.ts';
import { resolveJobs } from '../connectors.ts';
import { EXIT, UsageError } from '../util.ts';

/** Where the site goes unless --out says otherwise: Astro's own default, and this repository's. */
export const DEFAULT_SITE_OUT = 'dist';
const DEFAULT_PORT = 4321;

export const siteHelp = `Usage: plugboard site [options]

Builds the documentation site of the connectors: a page per connector and per operation,
the packages as downloads (.zip, apiDefinition.swagger.json, apiProperties.json), search
(Pagefind) and every diagnostic. The connectors are compiled and checked as \`plugboard
build\` does; the site is written even when a connector has errors, then the errors are
listed and the exit status is 1.

Options:
  --connectors <dir>   Folder holding the connector folders (default: connectors)
  --out <dir>          Output folder (default: ${DEFAULT_SITE_OUT}); emptied by each build, so it
                       may not be the working folder, hold it, or hold the connectors
  --base <path>        Path the site is served under, like /my-repo/ for a GitHub Pages
                       project site (default: /)
  --site <url>         The site's full address, like https://owner.github.io/my-repo/
  --edit-url <url>     Base of the "Edit this file" links; the file's path in its git
                       repository is appended (default: from the git remote \`origin\` on
                       GitHub, GitLab or Bitbucket and the current branch)
  --no-edit-links      No "Edit this file" links
  --dev                Serve the site on 127.0.0.1 and reload pages when a connector changes
  --port <n>           Port of --dev (default: ${DEFAULT_PORT})
  -h, --help           Show this help

Astro's caches go under node_modules/.cache/plugboard-site/ in the working folder.

Exit status: 0 when the site is built without connector errors, 1 on errors (the site is
still written), 2 on bad usage.
`;

/** src/ or lib/: the folder this module was loaded from, whose views and post-build step run. */
const SOURCE_DIR = fileURLToPath(new URL('../../', import.meta.url));
const PACKAGE_ROOT = dirname(SOURCE_DIR.replace(/[\\/]+$/, ''));
/** `.ts` from a checkout, `.js` installed. */
const EXT = extname(fileURLToPath(import.meta.url));

export async function runSite(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand('site', argv, {
    connectors: { type: 'string' },
    out: { type: 'string' },
    base: { type: 'string' },
    site: { type: 'string' },
    'edit-url': { type: 'string' },
    'no-edit-links': { type: 'boolean' },
    dev: { type: 'boolean' },
    port: { type: 'string' },
  });
  if (values.help) {
    process.stdout.write(siteHelp);
    return EXIT.ok;
  }
  if (positionals.length) throw new UsageError(`takes no arguments, got \`${positionals[0]}\` (use --connectors <dir>)`, 'site');
  const env = siteEnv(values);
  // Astro runs in plugboard's folder, the repository named by PLUGBOARD_CWD: Astro writes its
  // server build into the output folder when that is inside its working folder, else into
  // <working folder>/.astro — so here never into the repository, and always where Node resolves
  // plugboard's own dependencies (nested under node_modules/plugboard when the repository has
  // other versions of them).
  if (values.dev) return run([astroBin(), 'dev', '--root', PACKAGE_ROOT, '--host', '127.0.0.1', '--port', String(portOption(values))], env, PACKAGE_ROOT);
  const built = await run([astroBin(), 'build', '--root', PACKAGE_ROOT], env, PACKAGE_ROOT);
  if (built !== 0) return EXIT.errors;
  return run([join(SOURCE_DIR, 'site', `postbuild${EXT}`)], env, process.cwd());
}

/** The environment of Astro and the post-build step: this one, with the options as PLUGBOARD_* variables. */
function siteEnv(values: Record<string, string | boolean | undefined>, cwd = process.cwd()): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PLUGBOARD_SITE_SRC: SOURCE_DIR, PLUGBOARD_CWD: cwd };
  const connectors = stringOption(values, 'connectors');
  if (connectors !== undefined) env.PLUGBOARD_CONNECTORS = resolve(cwd, connectors);
  const roots = (env.PLUGBOARD_CONNECTORS ?? 'connectors').split(':').filter(Boolean);
  for (const root of roots) resolveJobs(root, [], 'site', cwd);
  const out = resolve(cwd, stringOption(values, 'out') ?? env.PLUGBOARD_SITE_OUT ?? DEFAULT_SITE_OUT);
  assertSafeOut(out, roots.map((r) => resolve(cwd, r)), cwd);
  env.PLUGBOARD_SITE_OUT = out;
  const base = stringOption(values, 'base');
  if (base !== undefined) {
    if (!/^\/?([\w.~-]+\/)*[\w.~-]*$/.test(base)) throw new UsageError(`--base takes a path like /my-repo/, not \`${base}\``, 'site');
    env.PLUGBOARD_SITE_BASE = base;
  }
  const site = stringOption(values, 'site');
  if (site !== undefined) env.PLUGBOARD_SITE_URL = httpUrl(site, '--site');
  const editUrl = stringOption(values, 'edit-url');
  if (editUrl !== undefined && values['no-edit-links']) throw new UsageError('--edit-url and --no-edit-links do not go together', 'site');
  if (editUrl !== undefined) env.PLUGBOARD_EDIT_URL = httpUrl(editUrl, '--edit-url');
  if (values['no-edit-links']) env.PLUGBOARD_EDIT_LINKS = 'off';
  if (values.port !== undefined && !values.dev) throw new UsageError('--port goes with --dev', 'site');
  return env;
}

/** Astro empties its output folder: never one that holds the working folder or the connectors. */
function assertSafeOut(out: string, roots: readonly string[], cwd: string): void {
  const holds = (outer: string, inner: string) => {
    const rel = relative(outer, inner);
    return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
  };
  if (holds(out, cwd)) throw new UsageError(`--out ${out} holds the working folder; name a folder of its own, like ${DEFAULT_SITE_OUT}`, 'site');
  const root = roots.find((r) => holds(out, r) || holds(r, out));
  if (root !== undefined) throw new UsageError(`--out ${out} and the connectors folder ${root} overlap; name a folder of its own, like ${DEFAULT_SITE_OUT}`, 'site');
}

function httpUrl(value: string, flag: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol)) throw new UsageError(`${flag} takes an http(s) address, not \`${value}\``, 'site');
  return value;
}

function portOption(values: Record<string, string | boolean | undefined>): number {
  return numberOption(values, 'port', 'site', DEFAULT_PORT, { min: 1, max: 65_535, integer: true });
}

/** Astro's command, as installed beside plugboard. */
function astroBin(): string {
  return join(dirname(fileURLToPath(import.meta.resolve('astro/package.json'))), 'bin', 'astro.mjs');
}

/**
 * Runs `node <args>` in `cwd` with the terminal attached; resolves to its exit status. SIGINT and
 * SIGTERM sent to plugboard alone (a process manager, not Ctrl-C, which reaches both) are passed
 * on, so that no dev server outlives it.
 */
function run(args: readonly string[], env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd, env, stdio: 'inherit' });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward).on('SIGTERM', forward);
    const finish = (status: number) => {
      process.off('SIGINT', forward).off('SIGTERM', forward);
      done(status);
    };
    child.on('error', (error) => {
      process.stderr.write(`plugboard site: could not start ${args[0]}: ${error.message}\n`);
      finish(EXIT.errors);
    });
    child.on('close', (code, signal) => finish(code ?? (signal ? EXIT.errors : EXIT.ok)));
  });
}
