/**
 * Checking Power Platform folders as they are (src/import/powerplatform-check.ts): the rules of
 * `check`, each diagnostic placed at the JSON value or key its pointer names; the folder read the
 * way the importer reads it. Over the real corpus: the same findings as importing the folder to MDX
 * and checking that, and every position on the text its pointer names.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findNodeAtLocation, parseTree, type Node as JsonNode } from 'jsonc-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { recommended } from '../../src/check/presets.ts';
import { compileAndCheck, runChecks } from '../../src/check/run.ts';
import { loadConnector } from '../../src/compiler/load.ts';
import type { Diagnostic } from '../../src/core/diagnostic.ts';
import { fromPointer } from '../../src/core/pointer.ts';
import { LIMITS } from '../../src/core/safe-fs.ts';
import { importSource } from '../../src/import/index.ts';
import { checkPowerPlatformFolder, readmeFindings } from '../../src/import/powerplatform-check.ts';
import { readConnectorFolder } from '../../src/import/powerplatform.ts';

const work = mkdtempSync(join(tmpdir(), 'plugboard-ppcheck-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let folders = 0;
/** Writes a folder under the temporary directory; returns its path. */
function folder(files: Record<string, string | Buffer>): string {
  const dir = join(work, `folder-${++folders}`);
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
  return dir;
}

const SWAGGER = `{
  "swagger": "2.0",
  "info": { "title": "Contoso", "version": "1.0", "description": "Items and folders of the Contoso service." },
  "host": "api.contoso.com",
  "basePath": "/",
  "schemes": ["https"],
  "consumes": ["application/json"],
  "produces": ["application/json"],
  "paths": {
    "/items": {
      "get": {
        "operationId": "ListItems",
        "summary": "List items",
        "x-ms-visibility": "important",
        "responses": { "200": { "description": "OK" } }
      }
    }
  },
  "securityDefinitions": {}
}
`;
const API_PROPERTIES = `{
  "properties": {
    "iconBrandColor": "#da3b01",
    "policyTemplateInstances": [
      {
        "templateId": "routerequesttoendpoint",
        "title": "Route",
        "parameters": { "x-ms-apimTemplate-operationName": ["ListItems"], "x-ms-apimTemplateParameter.newPath": "/v2/items" }
      }
    ]
  }
}
`;
const README = '# Contoso\n\nItems of the Contoso service.\n';
/** A PNG header of 230×230 pixels: what the icon rules read. */
const ICON = Buffer.from('89504e470d0a1a0a0000000d49484452000000e6000000e60806000000', 'hex');
const VALID = { 'apiDefinition.swagger.json': SWAGGER, 'apiProperties.json': API_PROPERTIES, 'readme.md': README, 'icon.png': ICON };

const strings = (ds: readonly Diagnostic[]) => ds.map(String);

describe('checkPowerPlatformFolder', () => {
  it('finds nothing in a valid folder', () => {
    const outcome = checkPowerPlatformFolder(folder(VALID), 'connectors/Contoso');
    expect(strings(outcome.diagnostics)).toEqual([]);
    expect(outcome).toMatchObject({ id: 'Contoso', operations: 1 });
    const { 'readme.md': _readme, ...withoutReadme } = VALID;
    const [missing, ...rest] = checkPowerPlatformFolder(folder(withoutReadme), 'Contoso').diagnostics;
    expect(rest).toEqual([]);
    expect(String(missing)).toBe('Contoso/apiDefinition.swagger.json:1:1-1:2: The folder has no readme (certification requires one) (import-readme-missing)');
    expect(missing!.severity).toBe('info');
  });

  it('places a finding at the JSON value its pointer names, with the diagnostic shape of MDX checks', () => {
    const dir = folder({ ...VALID, 'apiDefinition.swagger.json': SWAGGER.replace('"x-ms-visibility": "important"', '"x-ms-visibility": "hidden"') });
    const [d, ...rest] = checkPowerPlatformFolder(dir, 'connectors/Contoso').diagnostics;
    expect(rest).toEqual([]);
    expect(String(d)).toBe('connectors/Contoso/apiDefinition.swagger.json:14:28-14:36: Unexpected `x-ms-visibility` value `hidden`, expected important, advanced or internal (x-ms-visibility-value)');
    expect(d!.toJSON()).toMatchObject({
      ruleId: 'x-ms-visibility-value',
      severity: 'warning',
      file: 'connectors/Contoso/apiDefinition.swagger.json',
      pointer: '/paths/~1items/get/x-ms-visibility',
      url: 'https://github.com/plugboard/plugboard/blob/main/src/check/README.md#x-ms-visibility-value',
    });
    expect(d!.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it('places a finding about apiProperties in apiProperties.json, and a key finding on the key', () => {
    const dir = folder({
      ...VALID,
      'apiDefinition.swagger.json': SWAGGER.replace('"x-ms-visibility": "important",', '"x-ms-visibility": "important", "x-ms-visibilty": "advanced",'),
      'apiProperties.json': API_PROPERTIES.replace('["ListItems"]', '["ListItem"]'),
    });
    expect(strings(checkPowerPlatformFolder(dir, 'Contoso').diagnostics)).toEqual([
      'Contoso/apiDefinition.swagger.json:14:41-14:57: Unknown extension `x-ms-visibilty` in an operation, did you mean `x-ms-visibility`? (x-ms-position)',
      'Contoso/apiProperties.json:8:61-8:71: Unknown operation `ListItem` in policy `routerequesttoendpoint`, did you mean `ListItems`? (policy-operation-exists)',
    ]);
  });

  it('reads lenient JSON as the importer does: a warning, and the checks still run with positions in the file as written', () => {
    const lenient = '\uFEFF// Contoso\n' + SWAGGER.replace('"x-ms-visibility": "important"', '"x-ms-visibility": "hidden" /* wrong */').replace('"schemes": ["https"]', '"schemes": ["https",]');
    const dir = folder({ ...VALID, 'apiDefinition.swagger.json': lenient });
    const diagnostics = checkPowerPlatformFolder(dir, 'Contoso').diagnostics;
    expect(strings(diagnostics)).toEqual([
      'Contoso/apiDefinition.swagger.json:1:1-1:2: The file starts with a byte order mark; it was ignored (import-json-lenient)',
      // Where the strict parse fails: the comment after the byte order mark.
      'Contoso/apiDefinition.swagger.json:1:2-1:3: Not strict JSON (comments, trailing commas or control characters); read leniently as JSON5, and written back as strict JSON (import-json-lenient)',
      'Contoso/apiDefinition.swagger.json:15:28-15:36: Unexpected `x-ms-visibility` value `hidden`, expected important, advanced or internal (x-ms-visibility-value)',
    ]);
    expect(diagnostics.map((d) => d.severity)).toEqual(['warning', 'warning', 'warning']);
  });

  it('gives invalid JSON a positioned error, and checks what it can', () => {
    const dir = folder({ ...VALID, 'apiDefinition.swagger.json': SWAGGER.replace('"basePath": "/",', '"basePath": "/"') });
    const diagnostics = checkPowerPlatformFolder(dir, 'Contoso').diagnostics;
    expect(strings(diagnostics)).toEqual(['Contoso/apiDefinition.swagger.json:6:3-6:4: Invalid JSON: invalid character \'\\"\' (import-json-invalid)']);
    const broken = folder({ ...VALID, 'apiDefinition.swagger.json': SWAGGER.replace('"important"', '"hidden"'), 'apiProperties.json': '{ "properties": { ' });
    expect(strings(checkPowerPlatformFolder(broken, 'Contoso').diagnostics)).toEqual([
      'Contoso/apiDefinition.swagger.json:14:28-14:36: Unexpected `x-ms-visibility` value `hidden`, expected important, advanced or internal (x-ms-visibility-value)',
      'Contoso/apiProperties.json:1:19-1:20: Invalid JSON: invalid end of input (import-json-invalid)',
    ]);
  });

  it('reports an apiProperties.json the platform cannot read, and checks the definition', () => {
    const dir = folder({ ...VALID, 'apiProperties.json': '{\n  "properties": []\n}\n' });
    expect(strings(checkPowerPlatformFolder(dir, 'Contoso').diagnostics)).toEqual([
      'Contoso/apiProperties.json:2:17-2:19: Expected apiProperties.json to be an object whose `properties` is an object, the only part the platform reads (import-source-invalid)',
    ]);
    const array = folder({ ...VALID, 'apiProperties.json': '[]' });
    expect(checkPowerPlatformFolder(array, 'Contoso').diagnostics.map((d) => [d.ruleId, d.pointer])).toEqual([['import-source-invalid', '']]);
    const scalar = folder({ ...VALID, 'apiDefinition.swagger.json': '"swagger"' });
    expect(checkPowerPlatformFolder(scalar, 'Contoso').diagnostics.map((d) => [d.ruleId, d.file])).toEqual([['import-source-invalid', 'Contoso/apiDefinition.swagger.json']]);
  });

  it('reports a key given twice where the second one is', () => {
    const dir = folder({ ...VALID, 'apiDefinition.swagger.json': SWAGGER.replace('"host": "api.contoso.com",', '"host": "api.contoso.com", "host": "old.contoso.com",') });
    expect(strings(checkPowerPlatformFolder(dir, 'Contoso').diagnostics)).toEqual([
      'Contoso/apiDefinition.swagger.json:4:30-4:31: Key `host` appears twice in one object; the last value is kept, as the platform does (import-json-duplicate-key)',
    ]);
  });

  it('runs the MDX body rules over the readme, placed in the readme as written', () => {
    const readme = '# Contoso\n\nUse {braces} <b>and</b> [click](javascript:alert(1)) carefully.\n';
    const dir = folder({ ...VALID, 'readme.md': readme });
    const [d] = checkPowerPlatformFolder(dir, 'Contoso').diagnostics;
    expect(String(d)).toBe('Contoso/readme.md:3:25-3:53: Unexpected URL `javascript:alert(1)`; `javascript:` can run code or read files, so links and images take http, https, mailto, tel or relative URLs (mdx-url)');
    expect(readme.split('\n')[2]!.slice(24)).toMatch(/^\[click\]\(javascript:alert\(1\)\)/);
    expect(readmeFindings('readme.md', '<!-- note --> [x](vbscript:run)')[0]!.place!.start).toEqual({ line: 1, column: 15 });
  });

  it('reads only regular files inside the folder, within the size limits', () => {
    const dir = folder({ ...VALID, 'logo.svg': '<svg/>' });
    rmSync(join(dir, 'icon.png'));
    symlinkSync('/etc/passwd', join(dir, 'icon.png'));
    expect(strings(checkPowerPlatformFolder(dir, 'Contoso').diagnostics)).toEqual([
      'Contoso/icon.png:1:1-1:1: Left out `icon.png`: it is a symbolic link (to `/etc/passwd`); links are not followed (connector-file-unsafe)',
      'Contoso/logo.svg:1:1-1:1: Left out `logo.svg` from the package and the site: `.svg` is not one of the inert types copied beside a connector (png, jpg, jpeg, gif, webp, ico, csx, cs, txt, md, json, yaml, yml, csv) (connector-asset-type)',
    ]);
    const linked = folder({ 'apiProperties.json': API_PROPERTIES });
    symlinkSync('/etc/passwd', join(linked, 'apiDefinition.swagger.json'));
    expect(checkPowerPlatformFolder(linked, 'Linked').diagnostics.map((d) => d.ruleId)).toEqual(['connector-file-unsafe']);
    const fifo = folder({ 'apiProperties.json': API_PROPERTIES });
    execFileSync('mkfifo', [join(fifo, 'apiDefinition.swagger.json')]);
    expect(checkPowerPlatformFolder(fifo, 'Fifo').diagnostics.map((d) => [d.ruleId, d.file])).toEqual([['connector-file-unsafe', 'Fifo/apiDefinition.swagger.json']]);
    const large = folder(VALID);
    truncateSync(join(large, 'apiDefinition.swagger.json'), LIMITS.importBytes + 1);
    expect(checkPowerPlatformFolder(large, 'Large').diagnostics.map((d) => [d.ruleId, d.file])).toEqual([['source-limit', 'Large/apiDefinition.swagger.json']]);
  });

  it('turns an exception into a connector-internal-error on that folder', () => {
    const dir = folder(VALID);
    const boom = () => {
      throw new Error('rule exploded');
    };
    const outcome = checkPowerPlatformFolder(dir, 'Contoso', {}, { read: readConnectorFolder, check: boom });
    expect(strings(outcome.diagnostics)).toEqual(['Contoso/apiDefinition.swagger.json:1:1-1:1: plugboard failed on this connector while checking: rule exploded (connector-internal-error)']);
    expect(outcome.crash).toMatchObject({ phase: 'checking' });
    const unreadable = checkPowerPlatformFolder(dir, 'Contoso', {}, { read: boom, check: runChecks });
    expect(unreadable.crash).toMatchObject({ phase: 'loading' });
  });

  it('takes severities from the preset, for the checks and for how the folder is read', () => {
    const dir = folder({ ...VALID, 'apiDefinition.swagger.json': '\uFEFF' + SWAGGER.replace('"important"', '"hidden"') });
    const preset = { ...recommended, 'x-ms-visibility-value': 'off', 'import-json-lenient': 'error' } as const;
    const diagnostics = checkPowerPlatformFolder(dir, 'Contoso', { preset }).diagnostics;
    expect(diagnostics.map((d) => [d.ruleId, d.severity])).toEqual([['import-json-lenient', 'error']]);
  });
});

/** Imports a folder to MDX and checks that, as `plugboard import` then `plugboard check` would. */
function importedAndChecked(dir: string): { imported: ReturnType<typeof importSource>; mdx: Diagnostic[] } {
  const imported = importSource(dir);
  const mdxDir = join(work, 'mdx', `${imported.id}-${++folders}`);
  for (const [rel, content] of imported.files) {
    mkdirSync(dirname(join(mdxDir, rel)), { recursive: true });
    writeFileSync(join(mdxDir, rel), content);
  }
  return { imported, mdx: compileAndCheck(loadConnector(mdxDir, imported.id)).diagnostics };
}

it('finds what importing a folder to MDX and checking that finds, readme included', () => {
  const dir = folder({
    ...VALID,
    'apiDefinition.swagger.json': SWAGGER.replace('"ListItems"', '"List Items"').replace('"x-ms-visibility": "important",', '"x-ms-visibility": "important", "x-ms-trigger": "single",'),
    'apiProperties.json': API_PROPERTIES.replace('["ListItems"]', '["Gone"]'),
    'readme.md': '# Contoso\n\nSee [the store](ms-windows-store://pdp/?productid=1) or [run](javascript:alert(1)).\n',
  });
  const direct = checkPowerPlatformFolder(dir, 'Contoso').diagnostics;
  expect(direct.map((d) => d.ruleId).sort()).toEqual(importedAndChecked(dir).mdx.map((d) => d.ruleId).sort());
  expect(direct.map((d) => `${d.file}:${d.place!.start.line}:${d.place!.start.column} ${d.ruleId}`)).toEqual([
    'Contoso/apiDefinition.swagger.json:12:24 operation-id-unsafe',
    'Contoso/apiDefinition.swagger.json:12:24 operation-id-sanitized',
    'Contoso/apiDefinition.swagger.json:14:41 trigger-kind-unclear',
    'Contoso/apiProperties.json:8:61 policy-operation-exists',
    'Contoso/readme.md:3:5 mdx-link-scheme',
    'Contoso/readme.md:3:57 mdx-url',
  ]);
});

it('says in Swagger words what the MDX check says at the sugar key the import writes', () => {
  // The import writes a valid `x-ms-visibility` as the `visibility` sugar; a value the sugar does not
  // take (`hidden`, `""`) stays the raw key, so the MDX check says the same warning at the same key.
  const dir = folder({ ...VALID, 'apiDefinition.swagger.json': SWAGGER.replace('"important"', '"hidden"') });
  const about = (d: Diagnostic) => ['x-ms-visibility-value', 'x-ms-value', 'frontmatter-value'].includes(d.ruleId);
  expect(checkPowerPlatformFolder(dir, 'Contoso').diagnostics.filter(about).map((d) => d.ruleId)).toEqual(['x-ms-visibility-value']);
  expect(importedAndChecked(dir).mdx.filter(about).map((d) => [d.ruleId, d.pointer])).toEqual([['x-ms-visibility-value', '/x-ms-visibility']]);
});

// ---- The real corpus.

const CORPUS = join(import.meta.dirname, '../../../shared/corpus');
const corpusFolders = ['powerplatform', 'powerplatform-extra']
  .map((name) => join(CORPUS, name))
  .filter((root) => existsSync(root))
  .flatMap((root) => readdirSync(root).sort().flatMap((group) => readdirSync(join(root, group)).sort().map((name) => join(root, group, name))))
  .filter((dir) => existsSync(join(dir, 'apiDefinition.swagger.json')));
if (!corpusFolders.length) console.warn(`Skipping the Power Platform folder checks over the corpus: ${CORPUS} is absent`);

/**
 * Rules that run on one side only, each for a reason:
 * - import-json-lenient, import-json-duplicate-key, import-json-invalid: how the JSON is read; the
 *   import reports them (asserted equal below) and writes strict JSON, so the MDX has none.
 * - import-readme-missing: the import reports it too (asserted equal below); the MDX then has an
 *   empty body, which no MDX rule reports.
 * - frontmatter-value, frontmatter-unknown-key, frontmatter-yaml: the authoring model's front-matter,
 *   which a folder does not have. Office 365 Users has `clientId: null` in its OAuth settings, which
 *   the platform takes for first-party connectors and the `auth` sugar does not.
 */
const DIRECT_ONLY = new Set(['import-json-lenient', 'import-json-duplicate-key', 'import-json-invalid', 'import-readme-missing']);
const MDX_ONLY = new Set(['frontmatter-value', 'frontmatter-unknown-key', 'frontmatter-yaml']);

function countByRule(diagnostics: readonly Diagnostic[], keep: (ruleId: string) => boolean): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const d of diagnostics) if (keep(d.ruleId)) counts[d.ruleId] = (counts[d.ruleId] ?? 0) + 1;
  return counts;
}

/** 1-based line and column of `offset`, counted here apart from src/core/source-file.ts. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

/** The node a pointer names in a JSON text, or its nearest existing ancestor; the key when `onKey`. */
function nodeOf(root: JsonNode, pointer: string, onKey: boolean): JsonNode {
  const path = fromPointer(pointer);
  const segments = (p: string[]) => {
    // Array indexes are numbers for findNodeAtLocation.
    const out: Array<string | number> = [];
    let node: JsonNode | undefined = root;
    for (const s of p) {
      const segment: string | number = node?.type === 'array' ? Number(s) : s;
      out.push(segment);
      node = node && findNodeAtLocation(node, [segment]);
    }
    return out;
  };
  for (let n = path.length; n >= 0; n--) {
    const node = findNodeAtLocation(root, segments(path.slice(0, n)));
    if (!node) continue;
    return onKey && n === path.length && node.parent?.type === 'property' ? node.parent.children![0]! : node;
  }
  return root;
}

describe.skipIf(!corpusFolders.length)('Power Platform folders of the corpus', () => {
  const outcomes = corpusFolders.map((dir) => ({ dir, outcome: checkPowerPlatformFolder(dir, dir) }));

  it('are all checked, none failing', () => {
    expect(corpusFolders.length).toBeGreaterThanOrEqual(25);
    expect(outcomes.filter((o) => o.outcome.crash).map((o) => o.dir)).toEqual([]);
  });

  it.each(outcomes.map((o) => [o.dir.split('/').pop()!, o] as const))('%s: the same findings as importing it to MDX and checking that', (_name, { dir, outcome }) => {
    const { imported, mdx } = importedAndChecked(dir);
    expect(countByRule(outcome.diagnostics, (id) => !DIRECT_ONLY.has(id))).toEqual(countByRule(mdx, (id) => !MDX_ONLY.has(id)));
    // Reading the JSON: what the importer reports, reported here too.
    expect(countByRule(outcome.diagnostics, (id) => DIRECT_ONLY.has(id))).toEqual(countByRule(imported.diagnostics, (id) => DIRECT_ONLY.has(id)));
  });

  it('place every finding on the text its pointer names', () => {
    let placed = 0;
    for (const { outcome } of outcomes) {
      for (const d of outcome.diagnostics) {
        expect(d.place, String(d)).toBeDefined();
        if (!d.file.endsWith('.json')) continue;
        const text = readFileSync(d.file, 'utf8');
        const start = d.place!.start;
        if (d.ruleId === 'import-json-duplicate-key') {
          // At the second of the two keys, which no pointer can tell from the first.
          const offset = text.split('\n').slice(0, start.line - 1).join('\n').length + (start.line > 1 ? 1 : 0) + start.column - 1;
          expect(text.slice(offset), String(d)).toMatch(new RegExp(`^${JSON.stringify(fromPointer(d.pointer).at(-1))}`));
        } else if (d.ruleId === 'import-json-lenient' || d.ruleId === 'import-json-invalid') {
          // Where the strict parse failed: no pointer names that.
          expect(start.line, String(d)).toBeLessThanOrEqual(text.split('\n').length);
        } else {
          const root = parseTree(text.replace(/^\uFEFF/, ' '))!;
          const node = nodeOf(root, d.pointer, d.onKey);
          expect(start, String(d)).toEqual(lineColumn(text, node.offset));
          const first = text[node.offset]!;
          expect(node.type === 'object' ? '{' : node.type === 'array' ? '[' : node.type === 'string' ? '"' : first, String(d)).toBe(first);
          if (node.type === 'string') expect(JSON.parse(text.slice(node.offset, node.offset + node.length)), String(d)).toBe(node.value);
        }
        placed++;
      }
    }
    expect(placed).toBeGreaterThan(300);
  });
});
