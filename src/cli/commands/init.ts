/** `plugboard init [dir]`: makes a new connector repository, writing no file that is already there. */
import { lstatSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseCommand } from '../args.ts';
import { packageName, repositoryFiles } from '../repository-template.ts';
import { connectorTemplate, titleFromId } from '../template.ts';
import { EXIT, UsageError, display, version } from '../util.ts';
import { plural } from '../../core/plural.ts';

/** The id of the starter connector. */
export const STARTER = 'example';

export const initHelp = `Usage: plugboard init [dir]

Makes a new connector repository in dir (default: the current folder):
  package.json                   private, plugboard as a dev dependency, scripts check/build/site
  connectors/${STARTER}/            a starter connector, as \`plugboard new\` writes it (not when
                                 connectors/ already holds something)
  plugboard.config.json          the preset of plugboard check: recommended
  .gitignore                     node_modules/, packages/, dist/, .astro/
  .github/workflows/review.yml   on pull requests: plugboard check --since the base (annotations
                                 and code scanning), plugboard diff against the base, the site
  .github/workflows/review-comment.yml
                                 posts that diff as one pull-request comment, updated in place
  .github/workflows/pages.yml    on main: the site published to GitHub Pages
  README.md                      the folder layout and the commands

Writes nothing when any of these files is already there: it lists them and exits 2.

Options:
  -h, --help           Show this help
`;

export function runInit(argv: string[]): number {
  const { values, positionals } = parseCommand('init', argv, {});
  if (values.help) {
    process.stdout.write(initHelp);
    return EXIT.ok;
  }
  if (positionals.length > 1) throw new UsageError('expected at most one folder, like `plugboard init my-connectors`', 'init');
  const dir = resolve(positionals[0] ?? '.');
  const st = lstatSync(dir, { throwIfNoEntry: false });
  if (st && !st.isDirectory()) throw new UsageError(`${display(dir)} is not a folder`, 'init');

  const files = repositoryFiles({ name: packageName(basename(dir)), version: version() });
  // A repository adopting plugboard keeps its connectors: the starter is only for an empty folder.
  const starter = isEmptyOrMissing(join(dir, 'connectors'));
  if (starter) {
    for (const [rel, text] of Object.entries(connectorTemplate({ id: STARTER, title: titleFromId(STARTER) }))) files[`connectors/${STARTER}/${rel}`] = text;
  }
  const paths = Object.keys(files).sort();

  const taken = paths.filter((rel) => blocked(dir, rel));
  if (taken.length) {
    process.stderr.write(
      `plugboard init: ${plural(taken.length, 'file is', 'files are')} already there; nothing was written:\n${taken.map((rel) => `  ${display(join(dir, rel))}\n`).join('')}Move ${taken.length === 1 ? 'it' : 'them'} aside, or run \`plugboard init <new folder>\`.\n`,
    );
    return EXIT.usage;
  }
  for (const rel of paths) {
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    // `wx`: never replaces a file that appeared since the check above.
    writeFileSync(path, files[rel]!, { flag: 'wx' });
  }
  const shown = display(dir);
  const cd = shown === '.' ? '' : `  cd ${/^[\w./-]+$/.test(shown) ? shown : JSON.stringify(shown)}\n`;
  process.stdout.write(
    `Created a connector repository in ${shown === '.' ? 'this folder' : shown}:\n${paths.map((rel) => `  ${rel}\n`).join('')}` +
      (starter ? '' : `connectors/ already holds files: no starter connector written.\n`) +
      `Next:\n${cd}  npm install            # then commit package-lock.json: the workflows run npm ci\n  npx plugboard check\n` +
      `On GitHub, publish the site with Settings → Pages → Source: GitHub Actions.\n`,
  );
  return EXIT.ok;
}

function isEmptyOrMissing(dir: string): boolean {
  try {
    return readdirSync(dir).length === 0;
  } catch {
    return true;
  }
}

/**
 * True when `rel` cannot be written under `dir` without replacing something: the file exists (as
 * anything, a symlink included), or a folder on its way is a file or a symlink.
 */
function blocked(dir: string, rel: string): boolean {
  const parts = rel.split('/');
  let at = dir;
  for (const [i, part] of parts.entries()) {
    at = join(at, part);
    const st = lstatSync(at, { throwIfNoEntry: false });
    if (!st) return false;
    if (i === parts.length - 1 || !st.isDirectory()) return true;
  }
  return false;
}
