/**
 * Precision: each false-positive class found on certified connectors has a synthetic Power Platform
 * folder in test/fixtures/calibration/<class>/, which must give no error under either preset, and
 * the finding it does deserve (a warning or an info of the rule that now owns it) must still be
 * there. Then the measure itself (scripts/calibrate.ts) over the shared corpus, when present.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { presets, type PresetName } from '../../src/check/presets.ts';
import { compileAndCheck } from '../../src/check/run.ts';
import { loadConnector } from '../../src/compiler/load.ts';
import { importSource } from '../../src/import/index.ts';
import { checkPowerPlatformFolder } from '../../src/import/powerplatform-check.ts';
import { calibrate, connectorFolders, formatTable } from '../../scripts/calibrate.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/calibration');
const CORPUS = join(import.meta.dirname, '../../../shared/corpus');

function check(dir: string, preset: PresetName = 'recommended') {
  return checkPowerPlatformFolder(dir, dir, { preset: presets[preset] }).diagnostics;
}

const found = (dir: string, preset: PresetName = 'recommended') => check(dir, preset).map((d) => `${d.ruleId} ${d.severity}`);

/** Per class: the findings it must still give (rule and severity), and rules that must say nothing at all. */
const CLASSES: Record<string, { expect: string[]; silent: string[] }> = {
  autorest: { expect: ['x-ms-autorest info'], silent: ['x-ms-position', 'x-ms-value'] },
  'webhook-body-optional': { expect: ['trigger-webhook-callback-required warning'], silent: ['trigger-webhook-callback', 'swagger-schema'] },
  'value-path-string-array': { expect: [], silent: ['x-ms-value', 'x-ms-dynamic-response', 'x-ms-dynamic-parameters', 'x-ms-dynamic-operation-exists', 'x-ms-dynamic-companion'] },
  'dotted-reference': { expect: [], silent: ['x-ms-value', 'x-ms-dynamic-response', 'x-ms-dynamic-parameters', 'x-ms-dynamic-operation-exists', 'x-ms-dynamic-companion'] },
  'openai-data-root': { expect: [], silent: ['x-ms-position', 'x-ms-value'] },
  'client-id-null': { expect: [], silent: ['swagger-schema', 'import-source-invalid'] },
  'tolerated-defects': {
    expect: [
      'x-ms-visibility-value warning',
      'x-ms-position warning',
      'trigger-webhook-responses warning',
      'policy-operation-exists warning',
      'parameter-form-data-consumes warning',
    ],
    silent: ['swagger-schema', 'x-ms-value'],
  },
};

describe('false-positive classes (test/fixtures/calibration)', () => {
  for (const [name, { expect: wanted, silent }] of Object.entries(CLASSES)) {
    const dir = join(FIXTURES, name);
    it(`${name}: no error under recommended or certification`, () => {
      for (const preset of ['recommended', 'certification'] as const) {
        const errors = check(dir, preset).filter((d) => d.severity === 'error');
        expect(errors.map(String), preset).toEqual([]);
      }
    });
    it(`${name}: keeps the findings it deserves, and only those of the rules concerned`, () => {
      const all = found(dir);
      for (const finding of wanted) expect(all).toContain(finding);
      expect(all.filter((f) => silent.includes(f.split(' ')[0]!))).toEqual([]);
    });
  }

  describe('imported to MDX and checked there', () => {
    const root = mkdtempSync(join(tmpdir(), 'plugboard-calibration-mdx-'));
    afterAll(() => rmSync(root, { recursive: true, force: true }));
    for (const name of Object.keys(CLASSES)) {
      it(`${name}: no error either`, () => {
        const imported = importSource(join(FIXTURES, name));
        const dir = join(root, name);
        for (const [rel, content] of imported.files) {
          mkdirSync(dirname(join(dir, rel)), { recursive: true });
          writeFileSync(join(dir, rel), content);
        }
        const errors = compileAndCheck(loadConnector(dir, imported.id)).diagnostics.filter((d) => d.severity === 'error');
        expect(errors.map(String)).toEqual([]);
      });
    }
  });

  it('every class folder is tested', () => {
    expect(connectorFolders([FIXTURES]).map((d) => d.split('/').pop()).sort()).toEqual(Object.keys(CLASSES).sort());
  });

  describe('a definition over 1 MB', () => {
    const root = mkdtempSync(join(tmpdir(), 'plugboard-calibration-'));
    afterAll(() => rmSync(root, { recursive: true, force: true }));
    it('is a connector-size-limit warning, not an error (Encodian, 1.10 MB, is certified)', () => {
      const dir = join(root, 'big');
      cpSync(join(FIXTURES, 'openai-data-root'), dir, { recursive: true });
      const file = join(dir, 'apiDefinition.swagger.json');
      const swagger = JSON.parse(readFileSync(file, 'utf8'));
      swagger.paths['/items/{id}'].get.description = 'Gets one item by its ID. '.repeat(46_000);
      writeFileSync(file, JSON.stringify(swagger, null, 2));
      const diagnostics = check(dir);
      expect(diagnostics.filter((d) => d.ruleId === 'connector-size-limit').map((d) => d.severity)).toEqual(['warning']);
      expect(diagnostics.filter((d) => d.severity === 'error').map(String)).toEqual([]);
    });
  });
});

describe.runIf(existsSync(CORPUS))('calibration over the shared corpus (scripts/calibrate.ts)', () => {
  const folders = connectorFolders([CORPUS]);
  const result = calibrate(folders, 'recommended');

  it('finds the 35 connector folders, 23 of them certified', () => {
    expect(result.connectors).toBe(35);
    expect(result.certified).toBe(23);
  });

  it('gives no error of the calibrated rules on a certified connector', () => {
    const calibrated = new Set([
      'x-ms-position',
      'x-ms-autorest',
      'x-ms-value',
      'x-ms-visibility-value',
      'x-ms-dynamic-response',
      'x-ms-dynamic-parameters',
      'x-ms-dynamic-companion',
      'x-ms-dynamic-operation-exists',
      'trigger-webhook-callback',
      'trigger-webhook-callback-required',
      'trigger-webhook-responses',
      'trigger-batch-array',
      'trigger-notification',
      'connector-size-limit',
      'policy-operation-exists',
      'policy-parameter-value',
      'parameter-form-data-consumes',
    ]);
    const wrong = result.rules.filter((r) => calibrated.has(r.ruleId) && r.severity === 'error' && r.certified > 0);
    expect(wrong).toEqual([]);
  });

  it('moves the AutoRest extensions of Azure Machine Learning to info rather than losing them', () => {
    const row = result.rules.find((r) => r.ruleId === 'x-ms-autorest');
    expect(row?.severity).toBe('info');
    expect(row?.findings).toBeGreaterThan(300);
  });

  it('adds up: the rows are the totals, the table says the counts', () => {
    for (const severity of ['error', 'warning', 'info'] as const) {
      expect(result.rules.filter((r) => r.severity === severity).reduce((n, r) => n + r.findings, 0)).toBe(result.totals[severity]);
    }
    const markdown = formatTable(result, true);
    expect(markdown).toContain(`Connectors with errors: ${result.withErrors.length} of 35.`);
    expect(markdown).toContain(`Certified connectors with errors: ${result.certifiedWithErrors.length} of 23`);
    expect(markdown.split('\n').filter((line) => line.startsWith('| `')).length).toBe(result.rules.length);
  });
});
