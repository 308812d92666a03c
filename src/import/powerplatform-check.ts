/**
 * `plugboard check <Power Platform folder>`: the checks of src/check over a connector folder as
 * it is today (apiDefinition.swagger.json + apiProperties.json + readme + icon), before anything is
 * converted. The folder is read the way the importer reads it (readConnectorFolder: only regular
 * files inside it, within LIMITS; parseDocumentFile: a BOM, comments or trailing commas read
 * leniently, duplicate keys reported), and the two documents are checked as they are: they *are*
 * the compiled output, so a rule's JSON pointer is placed straight in the file it points into.
 *
 * What does not run, and why (README.md, "Checking Power Platform folders", lists it too):
 * the compiler's rules about MDX sources (frontmatter-*, connector-duplicate-key,
 * operation-route-duplicate: a JSON object cannot hold a route twice, a repeated key is
 * import-json-duplicate-key), and connector-id-unsafe: a folder name such as `Blackbaud Raiser's Edge NXT`
 * is not a connector id, the importer derives a safe one from it. The readme gets the MDX body
 * rules (mdx-url, mdx-link-scheme…) on the body the importer would write, placed in the readme; a
 * folder without one gets import-readme-missing, as from the importer.
 */
import { sortDiagnostics, type Diagnostic, type Place, type Point } from '../core/diagnostic.ts';
import type { Finding } from '../core/finding.ts';
import { placeDiagnostics } from '../core/position.ts';
import type { SourceFile } from '../core/source-file.ts';
import { recommended, type Preset } from '../check/presets.ts';
import { createReporter } from '../check/reporter.ts';
import { rules as allRules } from '../check/registry.ts';
import { internalErrorDiagnostic, type Phase } from '../check/rules/connector-internal-error.ts';
import { runChecks } from '../check/run.ts';
import type { Outcome } from '../build/outcome.ts';
import { countOperations } from '../build/connector.ts';
import type { CheckReport } from '../compiler/index.ts';
import { mdxBodyFindings } from '../compiler/passes/mdx-body.ts';
import { markdownToMdx } from '../compiler/readme.ts';
import { isObject, type ApiProperties, type Swagger } from '../swagger/index.ts';
import { parseDocumentFile } from './json.ts';
import { readConnectorFolder, type PowerPlatformSource } from './powerplatform.ts';

export const SWAGGER_FILE = 'apiDefinition.swagger.json';

export interface PowerPlatformCheckOptions {
  /** Severities; default `recommended`. A rule it turns `off` neither runs nor reports. */
  preset?: Preset;
}

/** Each step of checking a folder, injectable so that a test can make one throw. */
export interface PowerPlatformCheckSteps {
  read: (dir: string, display: string) => PowerPlatformSource | Diagnostic;
  check: typeof runChecks;
}

const STEPS: PowerPlatformCheckSteps = { read: readConnectorFolder, check: runChecks };

const FILE_START: Place = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

/**
 * Checks one Power Platform folder; never throws. `display` is how the folder is shown in
 * diagnostics (`connectors/Contoso`): each diagnostic's file is `<display>/<file in the folder>`.
 * An exception is a connector-internal-error on the folder's Swagger file, naming the phase.
 */
export function checkPowerPlatformFolder(dir: string, display: string, options: PowerPlatformCheckOptions = {}, steps: PowerPlatformCheckSteps = STEPS): Outcome {
  const prefix = display.replace(/\/?$/, '/');
  const id = display.replace(/\/+$/, '').split('/').pop() ?? display;
  let phase: Phase = 'loading';
  try {
    const source = steps.read(dir, display);
    if (!('swaggerFile' in source)) return { id, operations: 0, diagnostics: restamp([source], options.preset) };
    const swaggerFile = source.swaggerFile;
    // A Swagger file the reader left out (a symlink, a FIFO, over the size limit) carries why; nothing to parse.
    const unread = swaggerFile.text === '' && swaggerFile.diagnostics.some((d) => d.severity === 'error');
    const swagger = unread ? undefined : parseDocumentFile(swaggerFile);
    const propertiesFile = source.propertiesFile;
    const properties = propertiesFile ? parseDocumentFile(propertiesFile) : undefined;
    const documents = [swaggerFile, ...(propertiesFile ? [propertiesFile] : [])];
    const diagnostics = restamp(documents.flatMap((f) => f.diagnostics), options.preset);
    const report = createReporter(options.preset ?? recommended);
    const push = (finding: Finding) => {
      const d = report(finding);
      if (d) diagnostics.push(d);
    };
    if (source.readme) for (const f of readmeFindings(prefix + source.readme.name, source.readme.text)) push(f);
    else push({ ruleId: 'import-readme-missing', message: 'The folder has no readme (certification requires one)', file: swaggerFile.path, pointer: '', source: 'check', args: [] });

    phase = 'checking';
    let operations = 0;
    if (swagger !== undefined && !isObject(swagger)) {
      push({ ruleId: 'import-source-invalid', message: 'Expected a Swagger 2.0 document: a JSON object', file: swaggerFile.path, pointer: '', source: 'check', args: ['not-an-object'] });
    } else if (isObject(swagger) && !swaggerFile.diagnostics.some((d) => d.ruleId === 'source-limit')) {
      operations = countOperations(swagger as Swagger);
      const readable = isObject(properties) && isObject(properties.properties);
      if (propertiesFile && properties !== undefined && !readable) {
        const at = isObject(properties) && properties.properties !== undefined ? '/properties' : '';
        push({ ruleId: 'import-source-invalid', message: 'Expected apiProperties.json to be an object whose `properties` is an object, the only part the platform reads', file: propertiesFile.path, pointer: at, source: 'check', args: ['properties'] });
      }
      const apiProperties = (readable ? properties : { properties: {} }) as ApiProperties;
      const preset = options.preset ?? recommended;
      const rules = allRules.filter((rule) => preset[rule.id] !== 'off');
      const connector = { swagger: swagger as Swagger, apiProperties, files: [], readme: source.readme?.text ?? '', assets: source.assets };
      for (const finding of steps.check(connector, rules)) push(checkFinding(finding, finding.ruleId, prefix, swaggerFile, propertiesFile));
    }
    placeDiagnostics(diagnostics, new Map(documents.map((f) => [f.path, f])));
    // Findings about a file that is not there (apiProperties.json) or has no text to point into.
    for (const d of diagnostics) d.place ??= FILE_START;
    return { id, operations, diagnostics: sortDiagnostics(diagnostics) };
  } catch (error) {
    const stack = error instanceof Error ? error.stack : undefined;
    const crash = internalErrorDiagnostic(prefix + SWAGGER_FILE, phase, error);
    return { id, operations: 0, diagnostics: [crash], crash: { phase, message: crash.message, ...(stack ? { stack } : {}) } };
  }
}

/** A check's report, at its pointer in the document it points into (as the file is named in the folder). */
function checkFinding(report: CheckReport, ruleId: Finding['ruleId'], prefix: string, swaggerFile: SourceFile, propertiesFile: SourceFile | undefined): Finding {
  const fileOf = (doc: CheckReport['doc']) => (doc === 'apiProperties' ? (propertiesFile?.path ?? prefix + 'apiProperties.json') : swaggerFile.path);
  const common = { ruleId, message: report.message, source: 'check', args: report.args, ...(report.note ? { note: report.note } : {}) };
  // About a file of the folder rather than a document (an asset, like `icon.png`): it has no inside to point into.
  if (report.file !== undefined) return { ...common, file: prefix + report.file, pointer: report.at, place: FILE_START };
  return {
    ...common,
    file: fileOf(report.doc),
    pointer: report.at,
    onKey: report.onKey ?? false,
    ...(report.cause ? { cause: { message: report.cause.message, file: fileOf(report.cause.doc), pointer: report.cause.at } } : {}),
  };
}

/**
 * The importer's reader reports with the default severities (src/check/reporter.ts `report`);
 * under another preset, each of its diagnostics is made again by that preset's reporter.
 */
function restamp(diagnostics: Diagnostic[], preset: Preset | undefined): Diagnostic[] {
  if (!preset || preset === recommended) return diagnostics;
  const report = createReporter(preset);
  return diagnostics.flatMap((d) => {
    const finding: Finding = {
      ruleId: d.ruleId,
      message: d.message,
      file: d.file,
      pointer: d.pointer,
      ...(d.place ? { place: d.place } : {}),
      ...(d.note !== undefined ? { note: d.note } : {}),
      ...(d.cause ? { cause: d.cause } : {}),
      onKey: d.onKey,
      args: d.args,
      source: d.source,
    };
    const again = report(finding);
    return again ? [again] : [];
  });
}

/**
 * The MDX body rules over the readme, as the body the importer would write (markdownToMdx), placed
 * back in the readme: the conversion keeps every line and only inserts `\` before `{`, `}` and
 * `<`, and writes `<!--`/`-->` as `{/*`/`*\/}`, so a column maps back by walking both lines.
 */
export function readmeFindings(file: string, markdown: string): Finding[] {
  if (!markdown.trim()) return [];
  const body = markdownToMdx(markdown);
  const converted = body.split('\n');
  const original = markdown.split('\n');
  const back = (p: Point): Point => ({ line: p.line, column: originalColumn(converted[p.line - 1] ?? '', original[p.line - 1] ?? '', p.column) });
  return mdxBodyFindings(body).map((f) => {
    const start = back(f.place.start);
    return { ruleId: f.ruleId, message: f.message, file, place: { start, end: back(f.place.end) }, args: [`${start.line}:${start.column}`], source: 'mdx' };
  });
}

/** The 1-based column in `original` of 1-based `column` in `converted`, its markdownToMdx form. */
function originalColumn(converted: string, original: string, column: number): number {
  let i = 0;
  let j = 0;
  const target = column - 1;
  while (i < target && i < converted.length) {
    if (converted.startsWith('{/*', i) && original.startsWith('<!--', j)) {
      i += 3;
      j += 4;
    } else if (converted.startsWith('*/}', i) && original.startsWith('-->', j)) {
      i += 3;
      j += 3;
    } else if (converted[i] === original[j]) {
      i++;
      j++;
    } else {
      // A `\` the conversion inserted.
      i++;
    }
  }
  return Math.min(j, original.length) + 1;
}
