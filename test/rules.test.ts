/**
 * The one harness for rule examples: every rule's examples are compiled (with the checks) as
 * connector folders in memory; ok examples give no diagnostics at all, not-ok examples give
 * exactly their listed findings of that rule, each carrying the rule's id and docs URL.
 * An example with a special entry (a symbolic link, a FIFO) is written to a temporary folder and
 * read with `loadConnector`, the way a pull request's folder is read.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineRule, isSpecialEntry, ruleUrl, type ExampleFiles, type Rule } from '../src/check/define-rule.ts';
import { CONNECTOR } from '../src/check/examples.ts';
import { recommended } from '../src/check/presets.ts';
import { rules } from '../src/check/registry.ts';
import { compileAndCheck, type CompileAndCheckOptions } from '../src/check/run.ts';
import type { RuleId } from '../src/core/rule-ids.ts';
import { connectorFromFiles, loadConnector } from '../src/compiler/load.ts';
import { exportSource } from '../src/export/index.ts';
import { importSource } from '../src/import/index.ts';
import { checkDiffExamples } from './diff/harness.ts';
import { checkLiveExamples } from './live/harness.ts';

/** Writes an example folder into `dir`: files, symbolic links, FIFOs and sized files. */
function materialize(dir: string, files: ExampleFiles): void {
  for (const [rel, entry] of Object.entries(files)) {
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    if (!isSpecialEntry(entry)) writeFileSync(path, entry);
    else if ('symlink' in entry) symlinkSync(entry.symlink, path);
    else if ('fifo' in entry) execFileSync('mkfifo', [path]);
    else {
      // Sparse: the size is what counts, not the bytes.
      writeFileSync(path, '');
      truncateSync(path, entry.size);
    }
  }
}

function textOnly(files: ExampleFiles): files is Record<string, string> {
  return !Object.values(files).some(isSpecialEntry);
}

function lint(files: ExampleFiles, id = 'example', options: CompileAndCheckOptions = {}) {
  if (textOnly(files)) return compileAndCheck(connectorFromFiles(id, files), options).diagnostics;
  const root = mkdtempSync(join(tmpdir(), 'plugboard-rule-'));
  try {
    materialize(join(root, id), files);
    return compileAndCheck(loadConnector(join(root, id), ''), options).diagnostics;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Rules of area `import` report on a source being imported: their examples hold one source file
 * (`input.yaml`, `input.json`), or the files of a Power Platform connector folder (shown as
 * `input/`), imported with `importSource`; the connector it becomes must still compile and
 * check without errors.
 */
function importLint(files: ExampleFiles, clean = true) {
  const dir = mkdtempSync(join(tmpdir(), 'plugboard-rule-'));
  try {
    let result;
    if ('apiDefinition.swagger.json' in files) {
      materialize(join(dir, 'input'), files);
      result = importSource(join(dir, 'input'), { display: 'input' });
    } else {
      materialize(dir, files);
      const name = Object.keys(files).find((n) => n.startsWith('input.'))!;
      result = importSource(join(dir, name), { display: name });
    }
    const texts = Object.fromEntries([...result.files].filter(([, c]) => typeof c === 'string')) as Record<string, string>;
    if (clean) {
      const built = compileAndCheck(connectorFromFiles(result.id, texts));
      expect(built.diagnostics.filter((d) => d.severity === 'error').map(String)).toEqual([]);
    }
    return result.diagnostics;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A rule about the readme, which is a rule file like any other: the context carries the connector's
 * sources, readme and assets besides the compiled documents. Here only, not in the registry.
 */
const readmeRule = defineRule({
  // Not a registered id: this rule lives in this test only.
  id: 'connector-readme-auth' as RuleId,
  area: 'connector',
  severity: 'info',
  description: 'The readme says how to authenticate when the connector has auth.',
  rationale: 'Certification asks the readme to explain how to get credentials; a connector with auth and a silent readme leaves users stuck at the connection dialog.',
  examples: {
    ok: [{ 'connector.mdx': `${CONNECTOR}\nSign in with your Contoso account to authenticate.\n` }],
    notOk: [
      {
        files: { 'connector.mdx': `${CONNECTOR}\nItems and things.\n`, 'icon.png': 'png' },
        output: ['connector.mdx:2:1-2:15: The readme does not say how to authenticate; the connector has `icon.png` and 1 source file (connector-readme-auth)'],
      },
    ],
  },
  check({ readme, files, assets, report }) {
    if (/authenticat/i.test(readme)) return;
    const sources = files.filter((f) => f.data !== undefined).length;
    report({ message: `The readme does not say how to authenticate; the connector has \`${[...assets.keys()].join('`, `')}\` and ${sources} source file${sources === 1 ? '' : 's'}`, file: 'connector.mdx', at: '', args: [] });
  },
});

/** Rules of area `export` report on a connector being exported (to OpenAPI 3.1): its fidelity report. */
function exportLint(files: ExampleFiles, id = 'example') {
  if (!textOnly(files)) throw new Error('export examples are text files');
  return exportSource(connectorFromFiles(id, files), 'openapi3').diagnostics;
}

function checkExamples(rule: Rule, options: CompileAndCheckOptions = {}) {
  // Rules of area `diff` compare two revisions: their examples are pairs of folders.
  if (rule.area === 'diff') return checkDiffExamples(rule);
  // Rules of area `live` check an exchange with the API: their examples are folders with a recorded exchange.
  if (rule.area === 'live') return checkLiveExamples(rule);
  const { id } = rule;
  it.each(rule.examples.ok.map((files, i) => [i, files] as const))('ok example %i has no findings', (_i, files) => {
    expect((rule.area === 'import' ? importLint(files) : rule.area === 'export' ? exportLint(files) : lint(files, 'example', options)).map(String)).toEqual([]);
  });
  it.each(rule.examples.notOk.map((example, i) => [i, example] as const))('not-ok example %i reports exactly its output', (_i, example) => {
    // An approximation (a warning) still gives a connector that checks clean; an error or a
    // verbatim operation comes from a source that is broken itself.
    const diagnostics = rule.area === 'import' ? importLint(example.files, rule.severity === 'warning') : rule.area === 'export' ? exportLint(example.files, example.id) : lint(example.files, example.id, options);
    const found = diagnostics.filter((d) => d.ruleId === id);
    expect(found.map(String)).toEqual(example.output);
    for (const d of found) {
      expect(d.url).toBe(ruleUrl(id));
      expect(d.severity).toBe(rule.severity);
    }
    // Fingerprints tell every finding apart: rule id + file + pointer + args, never the wording.
    expect(new Set(diagnostics.map((d) => d.fingerprint)).size, diagnostics.map(String).join('\n')).toBe(diagnostics.length);
  });
}

describe.each(rules.map((rule) => [rule.id, rule] as const))('%s', (_id, rule) => checkExamples(rule));

describe('a rule that reads the readme, sources and assets through its context', () => {
  checkExamples(readmeRule, { rules: [readmeRule], preset: { ...recommended, [readmeRule.id]: readmeRule.severity } });
});

describe('rule reference', () => {
  it('src/check/README.md is generated from the registry (run `npm run rules-docs`)', async () => {
    const { readFileSync } = await import('node:fs');
    const { withRulesReference } = await import('../src/check/docs.ts');
    const readme = readFileSync(new URL('../src/check/README.md', import.meta.url), 'utf8');
    expect(withRulesReference(readme)).toBe(readme);
  });
});
