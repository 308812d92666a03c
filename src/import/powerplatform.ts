/**
 * Power Platform connector folders (apiDefinition.swagger.json + apiProperties.json + readme)
 * and bare Swagger 2.0 files → a plugboard connector folder. Sugar is used wherever the
 * compiled result is exactly the original; the rest is carried verbatim; the whole result is
 * compiled once more and compared, and any difference is reported. Nothing is dropped silently.
 */
import { basename, extname, join } from 'node:path';
import { equalJson as equal, setOwn } from '../core/own.ts';
import type { Diagnostic } from '../core/diagnostic.ts';
import type { RuleId } from '../core/rule-ids.ts';
import { toPointer, type Path } from '../core/pointer.ts';
import { placeDiagnostics } from '../core/position.ts';
import { SourceFile } from '../core/source-file.ts';
import { report as reportFinding } from '../check/reporter.ts';
import { compileAndCheck } from '../check/run.ts';
import { CompileContext } from '../compiler/context.ts';
import { assetFinding, assetProblem, connectorFromFiles, leftOutFinding, ORIGINAL_PROPERTIES } from '../compiler/load.ts';
import { LIMITS, isSkipped, listFolder, readInside } from '../core/safe-fs.ts';
import { compileOperation, compileParameter } from '../compiler/passes/operation.ts';
import { compilePolicy } from '../compiler/passes/policy.ts';
import { compileSchema } from '../compiler/passes/schema.ts';
import { compileTrigger } from '../compiler/passes/trigger.ts';
import { markdownToMdx, mdxToMarkdown } from '../compiler/readme.ts';
import { isMethod, isObject } from '../swagger/index.ts';
import { desugarOperation, desugarParameter, desugarSchema, operationInReadingOrder, rawOperation } from './desugar.ts';
import { desugarAuth } from './desugar-auth.ts';
import { desugarTrigger } from './desugar-trigger.ts';
import { parseDocumentFile, recoverJson } from './json.ts';
import { readNamedFile } from './read-source.ts';
import { countPathOperations, IMPORT_LIMITS, operationsMessage } from './limits.ts';
import type { ImportOptions, ImportResult } from './types.ts';
import { toMdx } from './write-mdx.ts';

type Obj = Record<string, unknown>;

/** Folder or file names as found on disk, matched case-insensitively. */
function findFile(names: string[], test: RegExp): string | undefined {
  return names.find((n) => test.test(n));
}

export function kebab(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'connector';
}

const SAFE_STEM = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,100}$/;

/** A scratch context to compile one node back for comparison. */
function scratch(): CompileContext {
  return new CompileContext(connectorFromFiles('scratch', {}), reportFinding);
}
const SCRATCH_FILE = new SourceFile('scratch.mdx', '');

function compilesBack(frontMatter: Obj, original: Obj, trigger: boolean, pathItem: Obj, policy?: Obj): boolean {
  const place = { ctx: scratch(), file: SCRATCH_FILE, src: [] as Path };
  const stemId = typeof original.operationId === 'string' ? original.operationId : undefined;
  const compiled = trigger ? compileTrigger(frontMatter, place, stemId) : compileOperation(frontMatter, place, stemId);
  if (!compiled || !equal(compiled.operation, original)) return false;
  if (frontMatter.kind === 'webhook') {
    const content = (compiled as { notificationContent?: Obj }).notificationContent;
    if (!equal(content, pathItem['x-ms-notification-content'])) return false;
  }
  // A polling trigger with `state` stands for its `pollingtrigger` instance too; one without, for none.
  if (frontMatter.kind === 'polling' && !equal((compiled as { policy?: Obj }).policy, policy)) return false;
  return true;
}

export interface PowerPlatformSource {
  swaggerFile: SourceFile;
  propertiesFile?: SourceFile;
  readme?: { name: string; text: string };
  assets: Map<string, Buffer>;
  /** Name the id is derived from. */
  name: string;
}

/** The documents of a Power Platform folder: read with the import limit, not the asset one. */
const DOCUMENT = /^[^/]+\.(json|ya?ml|md)$/i;

/**
 * Finds the parts of a connector folder. A downloaded folder is read like a connector folder
 * (src/compiler/load.ts): only regular files inside it, within the limits; a symlinked
 * `icon.png`, `script.csx` or `apiDefinition.swagger.json`, a device or a FIFO is left out with a
 * diagnostic (carried on the Swagger file), and so is an asset of a type the site must not publish.
 */
export function readConnectorFolder(dir: string, display: string): PowerPlatformSource | Diagnostic {
  const leftOutDiagnostic = (...args: Parameters<typeof leftOutFinding>) => reportFinding(leftOutFinding(...args));
  const prefix = display.replace(/\/?$/, '/');
  const listing = listFolder(dir, { maxBytes: (rel) => (DOCUMENT.test(rel) ? LIMITS.importBytes : LIMITS.assetBytes) });
  const skipped = new Map(listing.skipped.map((e) => [e.rel, e]));
  const names = [...listing.files, ...listing.skipped].map((e) => e.rel).filter((rel) => !rel.includes('/')).sort();
  const swaggerName =
    findFile(names, /^apiDefinition\.swagger\.json$/i) ?? findFile(names, /\.swagger\.json$/i) ?? findFile(names, /^(swagger|openapi)\.(json|ya?ml)$/i);
  if (!swaggerName) {
    return reportFinding({
      ruleId: 'import-source-invalid',
      message: 'Expected an `apiDefinition.swagger.json` (or another `*.swagger.json`) in the folder',
      file: display,
      place: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
      source: 'import',
      args: ['no-swagger'],
    });
  }
  const name = basename(dir);
  const readText = (rel: string): string | Diagnostic => {
    const bytes = skipped.get(rel) ?? readInside(dir, join(dir, rel), LIMITS.importBytes);
    return isSkipped(bytes) ? leftOutDiagnostic(prefix, name, { ...bytes, rel }) : bytes.toString('utf8');
  };
  const swaggerText = readText(swaggerName);
  if (typeof swaggerText !== 'string') return swaggerText;
  const swaggerFile = new SourceFile(prefix + swaggerName, swaggerText, /\.ya?ml$/i.test(swaggerName) ? 'yaml' : 'json');
  const leftOut = swaggerFile.diagnostics;
  const optional = (rel: string | undefined): string | undefined => {
    if (rel === undefined) return undefined;
    const text = readText(rel);
    if (typeof text === 'string') return text;
    leftOut.push(text);
    return undefined;
  };
  const propertiesName = findFile(names, /^apiProperties\.json$/i);
  const readmeName = findFile(names, /^readme\.md$/i);
  const propertiesText = optional(propertiesName);
  const readmeText = optional(readmeName);
  const documents = new Set([swaggerName, propertiesName, readmeName]);
  for (const entry of listing.skipped) if (!documents.has(entry.rel)) leftOut.push(leftOutDiagnostic(prefix, name, entry));
  const assets = new Map<string, Buffer>();
  for (const { rel } of listing.files) {
    if (documents.has(rel)) continue;
    const problem = assetProblem(rel);
    if (problem) {
      leftOut.push(reportFinding(assetFinding(prefix, rel, problem)));
      continue;
    }
    // A file named like a document but not taken as one was listed under the document limit.
    const bytes = readInside(dir, join(dir, rel), LIMITS.assetBytes);
    if (isSkipped(bytes)) leftOut.push(leftOutDiagnostic(prefix, name, { ...bytes, rel }));
    else assets.set(rel, bytes);
  }
  return {
    swaggerFile,
    ...(propertiesName && propertiesText !== undefined ? { propertiesFile: new SourceFile(prefix + propertiesName, propertiesText, 'json') } : {}),
    ...(readmeName && readmeText !== undefined ? { readme: { name: readmeName, text: readmeText } } : {}),
    assets,
    name,
  };
}

/**
 * A Swagger file the user named. It may be a link the user made, so it is followed; what it leads
 * to must still be a regular file (never a FIFO or a device) within LIMITS.importBytes, or the
 * source is empty and the reason is a diagnostic on it.
 */
export function readSwaggerFile(path: string, display: string): PowerPlatformSource {
  const text = readNamedFile(path, display);
  const swaggerFile = new SourceFile(display, isSkipped(text) ? '' : text, /\.ya?ml$/i.test(path) ? 'yaml' : 'json');
  if (isSkipped(text)) swaggerFile.diagnostics.push(reportFinding(leftOutFinding('', display, text)));
  return {
    swaggerFile,
    assets: new Map(),
    name: basename(path, extname(path)).replace(/\.swagger$/i, ''),
  };
}

export function importPowerPlatform(source: PowerPlatformSource, options: ImportOptions = {}): ImportResult {
  const diagnostics: Diagnostic[] = [];
  const sf = source.swaggerFile;
  // A Swagger file the reader left out (a symlink, a FIFO, over the size limit) carries why; nothing to parse.
  const unread = sf.text === '' && sf.diagnostics.some((d) => d.severity === 'error');
  const swagger = unread ? undefined : parseDocumentFile(sf);
  let properties = source.propertiesFile ? parseDocumentFile(source.propertiesFile) : undefined;
  const files = new Map<string, string | Buffer>();
  // An apiProperties.json that is not JSON: what can be read is carried, the original kept beside.
  const recovered = source.propertiesFile && properties === undefined ? recoverProperties(source.propertiesFile) : undefined;
  if (recovered) {
    properties = recovered;
    files.set(ORIGINAL_PROPERTIES, source.propertiesFile!.text);
  }
  const stats = { operations: 0, actions: 0, triggers: 0, definitions: 0, rawOperations: 0 };
  const report = (file: SourceFile, ruleId: RuleId, message: string, path: Path = [], args: readonly string[] = []) =>
    file.diagnostics.push(reportFinding({ ruleId, message, file: file.path, pointer: toPointer(path), source: 'import', args }));

  const title = isObject(swagger) && isObject(swagger.info) && typeof swagger.info.title === 'string' ? swagger.info.title : source.name;
  const id = options.id ?? kebab(source.swaggerFile.path.endsWith('apiDefinition.swagger.json') || source.propertiesFile ? source.name : title);
  const finish = (): ImportResult => {
    const all = [sf, ...(source.propertiesFile ? [source.propertiesFile] : [])];
    const collected = [...diagnostics, ...all.flatMap((f) => f.diagnostics)];
    placeDiagnostics(collected, new Map(all.map((f) => [f.path, f])));
    return { id, files, diagnostics: collected, stats };
  };
  if (!isObject(swagger)) {
    if (swagger !== undefined) report(sf, 'import-source-invalid', 'Expected a Swagger 2.0 document: a JSON object', [], ['not-an-object']);
    return finish();
  }
  if (swagger.swagger !== '2.0') {
    report(sf, 'import-source-invalid', `Expected \`swagger: "2.0"\`, found ${JSON.stringify(swagger.swagger ?? swagger.openapi ?? null)}`, ['swagger'], ['version']);
    return finish();
  }
  const operations = countPathOperations(swagger.paths);
  if (operations > IMPORT_LIMITS.operations) {
    report(sf, 'source-limit', operationsMessage(operations), ['paths'], ['operations']);
    return finish();
  }

  const fm: Obj = {};
  const rawPaths: Record<string, Obj> = {};
  const usedStems = new Set<string>();
  /** Per base (lower case), the lowest suffix that may still be free: 100,000 equal operationIds stay linear. */
  const nextSuffix = new Map<string, number>();
  const stemBase = (wanted: unknown): string => (typeof wanted === 'string' && SAFE_STEM.test(wanted) ? wanted : kebab(String(wanted ?? 'operation')));
  const stemFor = (wanted: unknown): string => {
    const base = stemBase(wanted);
    const key = base.toLowerCase();
    let stem = base;
    if (usedStems.has(key)) {
      let n = nextSuffix.get(key) ?? 2;
      while (usedStems.has(`${key}-${n}`)) n++;
      stem = `${base}-${n}`;
      nextSuffix.set(key, n + 1);
    }
    usedStems.add(stem.toLowerCase());
    return stem;
  };
  /** An operation kept verbatim gives its stem back, as if it had never been taken. */
  const releaseStem = (stem: string, wanted: unknown): void => {
    usedStems.delete(stem.toLowerCase());
    const base = stemBase(wanted);
    const suffix = Number(/-(\d+)$/.exec(stem)?.[1]);
    const key = base.toLowerCase();
    if (stem !== base && suffix < (nextSuffix.get(key) ?? Infinity)) nextSuffix.set(key, suffix);
  };

  // ---- info and connector metadata.
  const info = isObject(swagger.info) ? swagger.info : undefined;
  const infoRest: Obj = {};
  if (info) {
    for (const [k, v] of Object.entries(info)) {
      const annotation = k === 'x-ms-api-annotation' && isObject(v) && Object.keys(v).length === 1 && (v.status === 'Preview' || v.status === 'Production');
      if (['title', 'description', 'version'].includes(k) && typeof v === 'string') fm[k] = v;
      else if (k === 'contact' && isObject(v)) fm.contact = v;
      else if (annotation) fm.status = String((v as Obj).status).toLowerCase();
      else setOwn(infoRest, k, v);
    }
  }
  // What the sugar does not cover stays under `info`; an `info` that is not an object stays as it is.
  const infoRaw = info ? (Object.keys(infoRest).length ? infoRest : undefined) : swagger.info;
  const metadata = swagger['x-ms-connector-metadata'];
  const metadataSugar = desugarMetadata(metadata);

  // ---- Root keys, in the original order.
  const rootRaw: Obj = {};
  for (const [key, value] of Object.entries(swagger)) {
    if (key === 'swagger' || key === 'info' || key === 'paths' || key === 'definitions') continue;
    if (key === 'x-ms-connector-metadata' && metadataSugar) continue;
    setOwn(rootRaw, key, value);
  }

  // ---- Auth: sugar when it compiles back to the same three parts.
  const props = isObject(properties) && isObject(properties.properties) ? properties.properties : undefined;
  if (isObject(properties)) {
    for (const key of Object.keys(properties)) {
      if (key !== 'properties') report(source.propertiesFile!, 'import-not-carried', `Key \`${key}\` outside \`properties\` cannot be carried; the platform reads only \`properties\``, [key]);
    }
  }
  const auth = props ? desugarAuth(swagger, props) : undefined;

  Object.assign(fm, metadataSugar ?? {});
  if (infoRaw !== undefined) fm.info = infoRaw;
  for (const [k, v] of Object.entries(rootRaw)) {
    if (auth && (k === 'securityDefinitions' || k === 'security')) {
      if (auth.consumed.has(k)) continue;
    }
    setOwn(fm, k, v);
  }
  if (auth) fm.auth = auth.sugar;

  // ---- apiProperties.
  if (props) {
    const extra: Obj = {};
    for (const [key, value] of Object.entries(props)) {
      if (auth?.consumed.has(key)) continue;
      if (key === 'publisher' || key === 'stackOwner' || key === 'capabilities' || key === 'scriptOperations') {
        if (key === 'capabilities' || key === 'scriptOperations' ? Array.isArray(value) && value.every((s) => typeof s === 'string') : typeof value === 'string') fm[key] = value;
        else setOwn(extra, key, value);
      } else if (key === 'iconBrandColor' && typeof value === 'string' && /^#[0-9a-fA-F]{6}$/.test(value)) fm.brandColor = value;
      else if (key === 'policyTemplateInstances' && Array.isArray(value)) {
        // Written after the operations: polling triggers may take their `pollingtrigger` instances.
      } else if (key === 'connectionParameters' || key === 'connectionParameterSets' || key === 'iconBrandColor' || key === 'policyTemplateInstances') fm[key] = value;
      else setOwn(extra, key, value);
    }
    if (Object.keys(extra).length) fm.apiProperties = extra;
  }

  // ---- Operations → actions/ and triggers/ files, or verbatim under `paths`.
  const paths = isObject(swagger.paths) ? swagger.paths : undefined;
  if (swagger.paths !== undefined && !paths) fm.paths = swagger.paths;
  const policyInstances = props && Array.isArray(props.policyTemplateInstances) ? (props.policyTemplateInstances as unknown[]) : undefined;
  const pollingPolicyOf = (operationId: string): Obj | undefined =>
    policyInstances?.find((p): p is Obj => isObject(p) && p.templateId === 'pollingtrigger' && isObject(p.parameters) && equal(p.parameters['x-ms-apimTemplate-operationName'], [operationId]));
  const triggerContext = { ...(isObject(swagger.definitions) ? { definitions: swagger.definitions } : {}) };
  /** Polling triggers whose `state` took a policy instance, with the sugar to write if it cannot. */
  const statePolicies: Array<{ policy: Obj; file: string; fallback: Obj }> = [];
  for (const [path, item] of Object.entries(paths ?? {})) {
    if (!isObject(item)) {
      setOwn(rawPaths, path, item);
      continue;
    }
    const consumed = new Set<string>();
    for (const [method, op] of Object.entries(item)) {
      if (!isMethod(method) || !isObject(op)) continue;
      stats.operations++;
      const trigger = op['x-ms-trigger'] !== undefined;
      if (typeof op.operationId !== 'string' || op.operationId === '') {
        report(sf, 'import-operation-verbatim', `Operation \`${method.toUpperCase()} ${path}\` has no operationId; kept verbatim under \`paths\` in connector.mdx`, ['paths', path, method], ['no-operation-id']);
        continue;
      }
      const stem = stemFor(op.operationId);
      let front: Obj | undefined;
      if (trigger) {
        const candidates = desugarTrigger(op, item, method, path, stem, { ...triggerContext, policy: pollingPolicyOf(op.operationId) });
        const exact = candidates.filter((c) => compilesBack(c.front, op, true, item, c.consumedPolicy));
        // A trigger takes its policy instance only with a stateless sugar to fall back on (see below).
        const fallback = exact.find((c) => c.front.kind === 'polling' && !c.consumedPolicy);
        const candidate = exact.find((c) => !c.consumedPolicy || fallback);
        if (candidate) {
          front = candidate.front;
          for (const key of candidate.consumedPathKeys) consumed.add(key);
          if (candidate.consumedPolicy) statePolicies.push({ policy: candidate.consumedPolicy, file: `triggers/${stem}.mdx`, fallback: fallback!.front });
        }
      }
      if (!front) {
        const sugar = desugarOperation(op, method, path, stem);
        if (compilesBack(sugar, op, trigger, item)) front = sugar;
      }
      if (!front) {
        const raw = rawOperation(op, method, path, stem);
        if (compilesBack(raw, op, trigger, item)) front = raw;
      }
      if (!front) {
        releaseStem(stem, op.operationId);
        stats.rawOperations++;
        report(sf, 'import-operation-verbatim', `Operation \`${String(op.operationId)}\` uses keys the authoring sugar would change; kept verbatim under \`paths\` in connector.mdx`, ['paths', path, method], ['sugar']);
        continue;
      }
      consumed.add(method);
      const dir = trigger ? 'triggers' : 'actions';
      files.set(`${dir}/${stem}.mdx`, toMdx(operationInReadingOrder(front)));
      if (trigger) stats.triggers++;
      else stats.actions++;
    }
    const rest: Obj = {};
    for (const [k, v] of Object.entries(item)) if (!consumed.has(k)) setOwn(rest, k, v);
    if (Object.keys(rest).length || Object.keys(item).length === 0) setOwn(rawPaths, path, rest);
  }
  if (Object.keys(rawPaths).length || (paths && stats.actions + stats.triggers === 0)) fm.paths = rawPaths;

  // ---- Policies. The compiler appends the instances of polling triggers after `policies`, in file
  // order; one that stands elsewhere is marked in `policies` by `{ template: pollingtrigger,
  // operations: [<id>] }`. Raw `policyTemplateInstances` cannot hold a mark: then all stay there.
  if (policyInstances) {
    statePolicies.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    const taken = new Set<unknown>(statePolicies.map((t) => t.policy));
    const exact = (sugar: Array<Obj | undefined>, instances: unknown[]): sugar is Obj[] =>
      sugar.every((s, i) => s !== undefined && (taken.has(instances[i]) || equal(compilePolicy(s), instances[i])));
    const kept = policyInstances.slice(0, policyInstances.length - statePolicies.length);
    if (statePolicies.every((t, i) => policyInstances[kept.length + i] === t.policy)) {
      const sugar = kept.map(desugarPolicy);
      if (kept.length === 0 && policyInstances.length) {
        // All of them belong to triggers.
      } else if (exact(sugar, kept)) fm.policies = sugar;
      else fm.policyTemplateInstances = kept;
    } else {
      const sugar = policyInstances.map((p) => (taken.has(p) && isObject(p) && isObject(p.parameters) ? { template: 'pollingtrigger', operations: [...(p.parameters['x-ms-apimTemplate-operationName'] as unknown[])] } : desugarPolicy(p)));
      if (exact(sugar, policyInstances)) fm.policies = sugar;
      else {
        for (const t of statePolicies) files.set(t.file, toMdx(operationInReadingOrder(t.fallback)));
        fm.policyTemplateInstances = policyInstances;
      }
    }
  }

  // ---- Shared parameters: one file each when the sugar compiles back exactly.
  if (isObject(swagger.parameters) && isObject(fm.parameters)) {
    const inline: Obj = {};
    const used = new Set<string>();
    for (const [name, param] of Object.entries(swagger.parameters)) {
      const sugar = desugarParameter(param, undefined, isObject(param) && param.name !== name);
      const exact = isObject(sugar) && equal(compileParameter(name, sugar, { ctx: scratch(), file: SCRATCH_FILE, src: [] }, undefined), param);
      if (exact && SAFE_STEM.test(name) && !used.has(name.toLowerCase())) {
        used.add(name.toLowerCase());
        files.set(`parameters/${name}.mdx`, toMdx(sugar as Obj));
      } else setOwn(inline, name, param);
    }
    if (Object.keys(inline).length || Object.keys(swagger.parameters).length === 0) fm.parameters = inline;
    else delete fm.parameters;
  }

  // ---- Definitions: one file each when the name makes a safe file name.
  const definitions = swagger.definitions;
  if (isObject(definitions)) {
    const inline: Obj = {};
    const usedDefs = new Set<string>();
    for (const [name, schema] of Object.entries(definitions)) {
      stats.definitions++;
      // A file when the name makes a safe file name and the sugar compiles back exactly;
      // otherwise verbatim under `definitions` in connector.mdx.
      const sugar = desugarSchema(schema);
      const exact = isObject(sugar) && equal(compileSchema(sugar, { ctx: scratch(), file: SCRATCH_FILE, src: [] }), schema);
      if (exact && SAFE_STEM.test(name) && !usedDefs.has(name.toLowerCase())) {
        usedDefs.add(name.toLowerCase());
        files.set(`definitions/${name}.mdx`, toMdx(sugar as Obj));
      } else setOwn(inline, name, schema);
    }
    if (Object.keys(inline).length || Object.keys(definitions).length === 0) fm.definitions = inline;
  } else if (definitions !== undefined) fm.definitions = definitions;

  // ---- Readme → body; other files as they are.
  let body = '';
  if (source.readme) {
    body = markdownToMdx(source.readme.text);
    if (normalizeSpace(mdxToMarkdown(body)) !== normalizeSpace(source.readme.text)) {
      // Carried, only approximately: an approximation (a warning), not a difference of the compiled definition.
      diagnostics.push(reportFinding({ ruleId: 'import-approximated', message: `The readme does not survive the MDX escaping exactly (a literal \`\\{\`, \`\\}\` or \`\\<\`)`, file: sf.path.replace(/[^/]*$/, source.readme.name), source: 'import', args: ['readme'] }));
    }
  } else if (source.propertiesFile) {
    report(sf, 'import-readme-missing', 'The folder has no readme; connector.mdx gets an empty body (certification requires a readme)', []);
  }
  for (const [name, bytes] of source.assets) files.set(name, bytes);
  files.set('connector.mdx', toMdx(orderConnector(fm), body));

  // ---- The proof: compile what we wrote and compare with the original.
  const texts: Record<string, string> = {};
  for (const [name, content] of files) if (typeof content === 'string' && name.endsWith('.mdx')) texts[name] = content;
  const result = compileAndCheck(connectorFromFiles(id, texts), { check: false, validate: false });
  const yamlErrors = result.diagnostics.filter((d) => d.severity === 'error');
  for (const d of yamlErrors) diagnostics.push(reportFinding({ ruleId: 'import-not-lossless', message: `The written ${d.file} does not compile: ${d.message}`, file: sf.path, source: 'import', args: [d.fingerprint] }));
  for (const p of differences(result.swagger, swagger, [])) {
    report(sf, 'import-not-lossless', `The compiled definition differs from the original${p.length ? ` at \`${toPointer(p)}\`` : ''}`, p);
  }
  if (properties !== undefined) {
    for (const p of differences(result.apiProperties, properties, [])) {
      const where = p.length ? ` at \`${toPointer(p)}\`` : ': it is not an object with `properties`';
      report(source.propertiesFile!, 'import-not-lossless', `The compiled apiProperties differ from the original${where}`, p);
    }
  }
  return finish();
}

/**
 * The part of a broken apiProperties.json a lenient reader recovers, reported on the file: it is
 * carried into connector.mdx and the original text kept as apiProperties.original.json, which
 * `check` reports (connector-properties-recovered) until it is deleted.
 */
function recoverProperties(file: SourceFile): Obj | undefined {
  if (!file.diagnostics.some((d) => d.ruleId === 'import-json-invalid')) return undefined;
  const data = recoverJson(file.text);
  if (!data) return undefined;
  const kept = isObject(data.properties) ? Object.keys(data.properties).length : 0;
  file.diagnostics.push(
    reportFinding({
      ruleId: 'import-approximated',
      message: `Carried what a lenient reader recovers of this file (${kept} ${kept === 1 ? 'key' : 'keys'} of \`properties\`); the original text is kept as ${ORIGINAL_PROPERTIES} beside connector.mdx, and \`check\` reports it until it is fixed and deleted`,
      file: file.path,
      source: 'import',
      args: ['api-properties'],
    }),
  );
  return data;
}

function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Paths where two JSON values differ (object key order ignored), at most 20. */
function differences(actual: unknown, expected: unknown, at: Path, out: Path[] = []): Path[] {
  if (out.length >= 20 || equal(actual, expected)) return out;
  if (isObject(actual) && isObject(expected)) {
    for (const k of new Set([...Object.keys(actual), ...Object.keys(expected)])) differences(actual[k], expected[k], [...at, k], out);
  } else if (Array.isArray(actual) && Array.isArray(expected) && actual.length === expected.length) {
    actual.forEach((v, i) => differences(v, expected[i], [...at, i], out));
  } else out.push(at);
  return out;
}

function desugarMetadata(metadata: unknown): Obj | undefined {
  if (!Array.isArray(metadata) || metadata.length === 0) return undefined;
  const names = ['Website', 'Privacy policy', 'Categories'];
  const keys = ['website', 'privacyPolicy', 'categories'];
  const out: Obj = {};
  let last = -1;
  for (const entry of metadata) {
    if (!isObject(entry) || Object.keys(entry).length !== 2 || typeof entry.propertyValue !== 'string') return undefined;
    const i = names.indexOf(String(entry.propertyName));
    if (i <= last) return undefined;
    last = i;
    out[keys[i]!] = i === 2 ? entry.propertyValue.split(';') : entry.propertyValue;
  }
  return out;
}

function desugarPolicy(instance: unknown): Obj | undefined {
  if (!isObject(instance) || typeof instance.templateId !== 'string' || !isObject(instance.parameters)) return undefined;
  const out: Obj = { template: instance.templateId };
  if (instance.title !== undefined) out.title = instance.title;
  const parameters: Obj = {};
  for (const [k, v] of Object.entries(instance.parameters)) {
    if (k === 'x-ms-apimTemplate-operationName') out.operations = v;
    else if (k === 'x-ms-apimTemplate-policySection') out.section = v;
    else if (k.startsWith('x-ms-apimTemplateParameter.')) setOwn(parameters, k.slice('x-ms-apimTemplateParameter.'.length), v);
    else return undefined;
  }
  out.parameters = parameters;
  for (const [k, v] of Object.entries(instance)) if (!['templateId', 'title', 'parameters'].includes(k)) setOwn(out, k, v);
  return out;
}

/** connector.mdx keys in reading order: identity, publishing, connection, API, extras. */
function orderConnector(fm: Obj): Obj {
  const order = [
    'title', 'description', 'version', 'status', 'contact', 'info', 'publisher', 'stackOwner', 'brandColor', 'icon', 'website',
    'privacyPolicy', 'categories', 'capabilities', 'host', 'basePath', 'schemes', 'consumes', 'produces', 'auth',
    'securityDefinitions', 'security', 'connectionParameters', 'connectionParameterSets', 'iconBrandColor', 'policies',
    'policyTemplateInstances', 'scriptOperations',
  ];
  const out: Obj = {};
  for (const k of order) if (fm[k] !== undefined) out[k] = fm[k];
  for (const [k, v] of Object.entries(fm)) if (!Object.hasOwn(out, k)) setOwn(out, k, v);
  return out;
}

/** The two documents of a Power Platform folder as the platform takes them, for serving or calling it as it is. */
export interface PowerPlatformDocuments {
  swagger: Obj;
  apiProperties: Obj;
  /** What reading and parsing found (invalid JSON recovered, files left out), placed in their files. */
  diagnostics: Diagnostic[];
}

/**
 * apiDefinition.swagger.json and apiProperties.json of a folder, read as `check` reads them (safe-fs
 * limits, lenient JSON); a Diagnostic when there is no Swagger object to serve.
 */
export function readPowerPlatformDocuments(dir: string, display: string): PowerPlatformDocuments | Diagnostic {
  const source = readConnectorFolder(dir, display);
  if (!('swaggerFile' in source)) return source;
  const { swaggerFile, propertiesFile } = source;
  const swagger = swaggerFile.text === '' ? undefined : parseDocumentFile(swaggerFile);
  const properties = propertiesFile ? parseDocumentFile(propertiesFile) : undefined;
  const files = [swaggerFile, ...(propertiesFile ? [propertiesFile] : [])];
  const diagnostics = files.flatMap((f) => f.diagnostics);
  placeDiagnostics(diagnostics, new Map(files.map((f) => [f.path, f])));
  if (!isObject(swagger)) {
    const why = diagnostics.find((d) => d.severity === 'error');
    if (why) return why;
    return reportFinding({ ruleId: 'import-source-invalid', message: 'Expected a Swagger 2.0 document: a JSON object', file: swaggerFile.path, place: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }, source: 'import', args: ['not-an-object'] });
  }
  const apiProperties = isObject(properties) && isObject(properties.properties) ? properties : { properties: {} };
  return { swagger, apiProperties, diagnostics };
}
