/**
 * compile(source): parse → validate → passes → (check) → documents + diagnostics.
 * A connector with errors still produces its documents so they can be inspected.
 */
import { basename } from 'node:path';
import { sortDiagnostics, type Diagnostic } from '../core/diagnostic.ts';
import { reportInto, type Reporter } from '../core/finding.ts';
import { getOwn, setOwn } from '../core/own.ts';
import type { Path } from '../core/pointer.ts';
import { fromPointer, toPointer } from '../core/pointer.ts';
import { placeDiagnostics } from '../core/position.ts';
import { SourceFile } from '../core/source-file.ts';
import type { RuleId } from '../core/rule-ids.ts';
import { unsafeConnectorIdMessage } from '../core/url-name.ts';
import { Connector } from '../model/connector.ts';
import { Operation } from '../model/operation.ts';
import { Parameter } from '../model/parameter.ts';
import { Schema } from '../model/schema.ts';
import { PlainTrigger, PollingTrigger, WebhookTrigger } from '../model/trigger.ts';
import { ObjectBuilder } from './builder.ts';
import { CompileContext } from './context.ts';
import type { ConnectorSource } from './load.ts';
import { parseFrontMatter } from './parse.ts';
import { compileAuth } from './passes/auth.ts';
import { checkMdxBodies } from './passes/mdx-body.ts';
import { compileParameter, type CompiledOperation } from './passes/operation.ts';
import { compilePolicy } from './passes/policy.ts';
import { compileSchema, type Place } from './passes/schema.ts';
import { compileTrigger, type CompiledTrigger, placeTriggerPolicies } from './passes/trigger.ts';
import { mdxToMarkdown } from './readme.ts';
import { isObject, type ApiProperties, type Swagger } from '../swagger/index.ts';
import { validateData } from './validate.ts';

export interface CompileOptions {
  /**
   * Makes every diagnostic: looks the rule up, stamps severity (from the active preset), docs URL
   * and fingerprint (src/check/reporter.ts). Injected so the compiler does not depend on the rules.
   */
  report: Reporter;
  /** Run the checks over the compiled documents (default true). */
  check?: boolean;
  /** Validate front-matter against the authoring schemas (default true). */
  validate?: boolean;
  /** The checks (src/check/run.ts), injected likewise. */
  runChecks?: (connector: CompiledConnector) => Array<CheckReport & { ruleId: RuleId }>;
}

/** A compiled connector as the checks see it: the two documents, and what the package carries beside them. */
export interface CompiledConnector {
  readonly swagger: Swagger;
  readonly apiProperties: ApiProperties;
  /** The MDX sources by path inside the connector folder (`actions/GetItem.mdx`), with their parsed front-matter (undefined where it did not parse). */
  readonly files: ReadonlyArray<{ readonly path: string; readonly text: string; readonly data: unknown }>;
  /** The readme the package gets: connector.mdx's body as Markdown. */
  readonly readme: string;
  /** Files copied into the package verbatim, by name (`icon.png`, `script.csx`). */
  readonly assets: ReadonlyMap<string, Buffer>;
}

/**
 * What a check reports (src/check/define-rule.ts): a place in the compiled output, or in a file of
 * the connector folder. The compiler maps it to the author's file and line, and its reporter makes
 * the diagnostic.
 */
export interface CheckReport {
  message: string;
  /**
   * JSON pointer into the compiled document, like `/paths/~1items/get/operationId`; with `file`,
   * into that source file's front-matter (`''`: the whole file).
   */
  at: string;
  /** Which compiled document `at` points into. Default `swagger`. */
  doc?: 'swagger' | 'apiProperties';
  /**
   * A file of the connector folder (`connector.mdx`, `actions/GetItem.mdx`, `icon.png`), for a finding
   * about a source file, the readme (`connector.mdx`'s body) or an asset rather than the compiled output.
   */
  file?: string;
  /** Point at the key rather than the value. */
  onKey?: boolean;
  note?: string;
  /** A second place that explains this one, e.g. the first of two duplicates. */
  cause?: { message: string; at: string; doc?: 'swagger' | 'apiProperties' };
  /**
   * Values that tell two findings of this rule at one pointer apart (an operationId, a key, a
   * reason), never the wording: they make the fingerprint with rule id, file and pointer. `[]` when
   * the rule reports once per pointer.
   */
  args: readonly string[];
}

export interface CompileResult {
  id: string;
  swagger: Swagger;
  apiProperties: ApiProperties;
  readme: string;
  /** Files copied into the package verbatim (icon.png, script.csx…), by name. */
  assets: Map<string, Buffer>;
  diagnostics: Diagnostic[];
  files: Map<string, SourceFile>;
}

type Obj = Record<string, unknown>;

const ROOT_ORDER = [
  'swagger', 'info', 'host', 'basePath', 'schemes', 'consumes', 'produces', 'paths', 'definitions', 'parameters',
  'responses', 'securityDefinitions', 'security', 'tags', 'externalDocs', 'x-ms-connector-metadata',
];
const INFO_SUGAR = ['title', 'description', 'version', 'contact'];
const METADATA_SUGAR: Record<string, string> = { website: 'Website', privacyPolicy: 'Privacy policy', categories: 'Categories' };
const PROPERTIES_ORDER = [
  'connectionParameters', 'connectionParameterSets', 'iconBrandColor', 'scriptOperations', 'capabilities',
  'policyTemplateInstances', 'publisher', 'stackOwner',
];
/** Root keys of connector.mdx that are not Swagger or apiProperties keys. */
const CONNECTOR_ONLY = new Set(['icon', 'actions', 'triggers', 'apiProperties', 'status', 'auth', 'policies', 'brandColor', 'publisher', 'stackOwner', 'capabilities', 'scriptOperations', ...Object.keys(METADATA_SUGAR), ...INFO_SUGAR]);
const API_PROPERTIES_RAW = new Set(['connectionParameters', 'connectionParameterSets', 'policyTemplateInstances', 'iconBrandColor']);

interface Entry {
  key: string;
  value: unknown;
  file: SourceFile;
  at: Path;
}

function orderBy(entries: Entry[], order: string[]): Entry[] {
  const rank = (k: string) => {
    const i = order.indexOf(k);
    return i === -1 ? order.length : i;
  };
  return entries.map((e, i) => [e, i] as const).sort((a, b) => rank(a[0].key) - rank(b[0].key) || a[1] - b[1]).map(([e]) => e);
}

function operationSchemaFor(kind: unknown, trigger: boolean) {
  if (kind === 'webhook') return WebhookTrigger;
  if (kind === 'polling') return PollingTrigger;
  return trigger ? PlainTrigger : Operation;
}

function stem(file: SourceFile): string {
  return basename(file.path).replace(/\.mdx?$/, '');
}

export function compile(source: ConnectorSource, options: CompileOptions): CompileResult {
  const { report } = options;
  const ctx = new CompileContext(source, report);
  const files = new Map<string, SourceFile>();
  const all = [source.connector, ...source.actions, ...source.triggers, ...source.definitions, ...source.parameters].filter((f): f is SourceFile => !!f);
  for (const f of all) files.set(f.path, f);
  const validate = options.validate !== false;

  const connectorFile = source.connector;
  // What the loader left out (src/compiler/load.ts); a connector.mdx or folder left out is not also "missing".
  for (const finding of source.findings) reportInto(ctx.extra, report, finding);
  const leftOut = source.findings.some((f) => f.file === source.prefix + 'connector.mdx' || f.file + '/' === source.prefix);
  if (!connectorFile && !leftOut) {
    reportInto(ctx.extra, report, {
      ruleId: 'connector-file-missing',
      message: 'Expected a `connector.mdx` in the connector folder',
      file: source.prefix + 'connector.mdx',
      place: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
      args: ['connector.mdx'],
    });
  }
  const unsafeId = unsafeConnectorIdMessage(source.id);
  if (unsafeId) {
    // On the first line of connector.mdx: the folder name has no line of its own.
    const firstLine = connectorFile?.text.split('\n', 1)[0]!.trimEnd() ?? '';
    const place = { start: { line: 1, column: 1 }, end: { line: 1, column: firstLine.length + 1 } };
    reportInto(ctx.extra, report, { ruleId: 'connector-id-unsafe', message: unsafeId, file: source.prefix + 'connector.mdx', place, args: [source.id] });
  }
  for (const f of all) parseFrontMatter(f, true, report);
  checkMdxBodies(all, report);
  const data: Obj = connectorFile && isObject(connectorFile.data) ? connectorFile.data : {};
  if (validate && connectorFile?.data !== undefined) validateData(report, connectorFile, Connector, data);

  // ---- Operations (actions, then triggers), in file order.
  const operations: Array<{ compiled: CompiledOperation | CompiledTrigger; file: SourceFile; src: Path }> = [];
  const compileOp = (file: SourceFile, opData: unknown, src: Path, defaultId: string | undefined, trigger: boolean) => {
    if (!isObject(opData)) {
      ctx.report(file, src, 'frontmatter-value', 'Expected an operation: a mapping with `request`, `summary`, `parameters`…', { args: ['not-a-mapping'] });
      return;
    }
    if (validate) validateData(report, file, operationSchemaFor(opData.kind, trigger), opData, [...src]);
    const place: Place = { ctx, file, src };
    if (!trigger && opData.kind !== undefined) {
      ctx.report(file, [...src, 'kind'], 'frontmatter-value', 'Unexpected `kind` in an action; triggers live in `triggers/`', { args: ['action-kind'] });
    }
    // Actions and triggers compile alike; only `kind` (reported above in an action) adds a contract.
    const compiled = compileTrigger(opData, place, defaultId);
    if (compiled) operations.push({ compiled, file, src });
  };
  const inline = (key: 'actions' | 'triggers') => {
    if (!connectorFile || !isObject(data[key])) return;
    for (const [id, op] of Object.entries(data[key] as Obj)) compileOp(connectorFile, op, [key, id], id, key === 'triggers');
  };
  inline('actions');
  for (const f of source.actions) if (f.data !== undefined) compileOp(f, f.data, [], stem(f), false);
  inline('triggers');
  for (const f of source.triggers) if (f.data !== undefined) compileOp(f, f.data, [], stem(f), true);

  // ---- Root of the Swagger document.
  // Without a connector.mdx (reported above) generated nodes still need a file to point at.
  const cf = connectorFile ?? new SourceFile(source.prefix + 'connector.mdx', '');
  const root = new ObjectBuilder(ctx, cf, []);
  const entries: Entry[] = [];
  if (connectorFile) {
    // info: sugar first, then raw `info` keys (a key set both ways is reported).
    const info = new ObjectBuilder(ctx, cf, data.info !== undefined ? ['info'] : []);
    for (const key of INFO_SUGAR) info.set(key, data[key], cf, [key]);
    if (data.status !== undefined) {
      const status = String(data.status);
      info.set('x-ms-api-annotation', { status: status.charAt(0).toUpperCase() + status.slice(1) }, cf, ['status']);
    }
    if (isObject(data.info)) for (const [k, v] of Object.entries(data.info)) info.set(k, v, cf, ['info', k]);
    if (data.swagger === undefined) entries.push({ key: 'swagger', value: '2.0', file: cf, at: [] });
    entries.push({ key: 'info', value: info.value, file: cf, at: data.info !== undefined ? ['info'] : ['title'] });

    const metadata: Obj[] = [];
    for (const [key, name] of Object.entries(METADATA_SUGAR)) {
      if (data[key] === undefined) continue;
      const value = key === 'categories' && Array.isArray(data[key]) ? (data[key] as unknown[]).join(';') : data[key];
      const entry = { propertyName: name, propertyValue: value };
      ctx.track(entry, cf, [key]);
      ctx.trackKey(entry, 'propertyValue', cf, [key]);
      metadata.push(entry);
    }
    if (metadata.length) entries.push({ key: 'x-ms-connector-metadata', value: metadata, file: cf, at: [Object.keys(METADATA_SUGAR).find((k) => data[k] !== undefined)!] });

    for (const [key, value] of Object.entries(data)) {
      if (CONNECTOR_ONLY.has(key) || API_PROPERTIES_RAW.has(key) || key === 'info') continue;
      // Swagger's own root keys are Swagger, verbatim; sugar lives in the model's keys and files.
      // Copies, because operations and definitions files are merged into them.
      const copy = isObject(value) ? structuredClone(value) : value;
      ctx.track(copy, cf, [key]);
      entries.push({ key, value: copy, file: cf, at: [key] });
    }
  }

  // Auth → securityDefinitions/security + connection parameters.
  const auth = connectorFile ? compileAuth(data.auth) : {};
  if (auth.securityDefinitions) entries.push({ key: 'securityDefinitions', value: auth.securityDefinitions, file: cf, at: ['auth'] });
  // Root `security` follows from `auth` unless the author wrote `security:` (a default, not a twin).
  if (auth.security && data.security === undefined) entries.push({ key: 'security', value: auth.security, file: cf, at: ['auth'] });

  // Paths: raw `paths` first, then compiled operations.
  let pathsEntry = entries.find((e) => e.key === 'paths');
  if (!pathsEntry && operations.length) {
    pathsEntry = { key: 'paths', value: {}, file: cf, at: ['paths'] };
    entries.push(pathsEntry);
  }
  const routes = new Map<string, { file: SourceFile; at: Path }>();
  const paths = (pathsEntry?.value ?? {}) as Record<string, Obj>;
  const generatedPolicies: Obj[] = [];
  const addOperation = (op: CompiledOperation, file: SourceFile, src: Path) => {
    // A path item written under `paths:` in connector.mdx keeps its place there (its raw keys are
    // reported where they stand); only an item this operation creates comes from the operation file.
    if (isObject(getOwn(paths, op.path))) ctx.track(getOwn(paths, op.path), cf, ['paths', op.path]);
    else setOwn(paths, op.path, {});
    const item = getOwn<Obj>(paths, op.path)!;
    const route = `${op.method.toUpperCase()} ${op.path}`;
    const first = routes.get(route);
    if (first || Object.hasOwn(item, op.method)) {
      ctx.report(file, op.routeAt, 'operation-route-duplicate', `\`${route}\` is already defined; each method and path can have one operation`, {
        args: [route],
        ...(first ? { cause: { message: `\`${route}\` first defined here`, file: first.file, path: first.at } } : {}),
      });
      return;
    }
    ctx.track(item, file, src);
    routes.set(route, { file, at: op.routeAt });
    setOwn(item, op.method, op.operation);
  };
  for (const { compiled, file, src } of operations) {
    addOperation(compiled, file, src);
    const trigger = compiled as CompiledTrigger;
    if (trigger.notificationContent) {
      const item = getOwn<Obj>(paths, compiled.path)!;
      if (item['x-ms-notification-content'] !== undefined) {
        ctx.report(file, [...src, 'payload'], 'connector-duplicate-key', `\`x-ms-notification-content\` of \`${compiled.path}\` is already set`, { onKey: true, args: ['x-ms-notification-content'] });
      } else item['x-ms-notification-content'] = trigger.notificationContent;
    }
    if (trigger.unsubscribe) addOperation(trigger.unsubscribe, file, [...src, 'unsubscribe']);
    if (trigger.policy) generatedPolicies.push(trigger.policy);
  }

  // One file per shared schema (`definitions/<Name>.mdx`) or parameter (`parameters/<name>.mdx`),
  // merged into the root map of that name; the file name is the key.
  const mergeFiles = (key: 'definitions' | 'parameters', files: SourceFile[], what: string, compileOne: (name: string, f: SourceFile) => unknown) => {
    if (!files.length) return;
    let entry = entries.find((e) => e.key === key);
    if (!entry) {
      entry = { key, value: {}, file: cf, at: [key] };
      entries.push(entry);
    }
    const map = entry.value as Obj;
    for (const f of files) {
      if (f.data === undefined) continue;
      const name = stem(f);
      if (Object.hasOwn(map, name)) {
        ctx.report(f, [], 'connector-duplicate-key', `${what} \`${name}\` is already defined in connector.mdx`, { args: [key, name] });
        continue;
      }
      setOwn(map, name, compileOne(name, f));
    }
  };
  mergeFiles('definitions', source.definitions, 'Definition', (_name, f) => {
    if (validate) validateData(report, f, Schema, f.data);
    return compileSchema(f.data, { ctx, file: f, src: [] });
  });
  // A shared parameter's wire name defaults to its file name.
  mergeFiles('parameters', source.parameters, 'Parameter', (name, f) => {
    if (validate) validateData(report, f, Parameter, f.data);
    return compileParameter(name, f.data, { ctx, file: f, src: [] }, undefined);
  });

  for (const e of orderBy(entries, ROOT_ORDER)) root.set(e.key, e.value, e.file, e.at);
  const swagger = root.value as Swagger;
  ctx.swagger = swagger;

  // ---- apiProperties.
  const props = new ObjectBuilder(ctx, cf, []);
  const propEntries: Entry[] = [];
  if (connectorFile) {
    const push = (key: string, value: unknown, at: Path) => value !== undefined && propEntries.push({ key, value, file: cf, at });
    push('connectionParameters', auth.connectionParameters, ['auth']);
    push('connectionParameterSets', auth.connectionParameterSets, ['auth']);
    push('iconBrandColor', data.brandColor, ['brandColor']);
    push('scriptOperations', data.scriptOperations, ['scriptOperations']);
    push('capabilities', data.capabilities, ['capabilities']);
    let policies: unknown[] | undefined = Array.isArray(data.policies)
      ? data.policies.map((p, i) => compilePolicy(p, { ctx, file: cf, path: ['policies', i] }))
      : undefined;
    if (policies) ctx.track(policies, cf, ['policies']);
    for (const key of API_PROPERTIES_RAW) push(key, data[key], [key]);
    if (policies && Array.isArray(data.policies)) placeTriggerPolicies(policies, data.policies, generatedPolicies);
    if (generatedPolicies.length) {
      const raw = propEntries.find((e) => e.key === 'policyTemplateInstances');
      if (raw && Array.isArray(raw.value) && !policies) raw.value = [...raw.value, ...generatedPolicies];
      else policies = [...(policies ?? []), ...generatedPolicies];
    }
    push('policyTemplateInstances', policies, ['policies']);
    push('publisher', data.publisher, ['publisher']);
    push('stackOwner', data.stackOwner, ['stackOwner']);
    if (isObject(data.apiProperties)) for (const [k, v] of Object.entries(data.apiProperties)) push(k, v, ['apiProperties', k]);
  }
  for (const e of orderBy(propEntries, PROPERTIES_ORDER)) props.set(e.key, e.value, e.file, e.at);
  const apiProperties: ApiProperties = { properties: props.value as ApiProperties['properties'] };
  ctx.apiProperties = apiProperties;

  // ---- Readme and assets.
  const readme = connectorFile ? mdxToMarkdown(connectorFile.frontMatter.body) : '';
  const assets = new Map(source.assets);
  if (connectorFile && typeof data.icon === 'string' && data.icon !== 'icon.png') {
    const icon = source.assets.get(data.icon);
    if (icon) assets.set('icon.png', icon);
    else ctx.report(cf, ['icon'], 'connector-file-missing', `Expected the icon file \`${data.icon}\` beside connector.mdx`, { args: [data.icon] });
  }

  // ---- Checks over the output, mapped back to the author's files.
  if (options.check !== false && options.runChecks && !all.some((f) => f.diagnostics.some((d) => d.ruleId === 'frontmatter-yaml' || d.ruleId === 'source-limit'))) {
    const sources = all.map((f) => ({ path: f.path.slice(source.prefix.length), text: f.text, data: f.data }));
    for (const finding of options.runChecks({ swagger, apiProperties, files: sources, readme, assets })) {
      const common = { ruleId: finding.ruleId, message: finding.message, source: 'check', args: finding.args, ...(finding.note ? { note: finding.note } : {}) };
      if (finding.file !== undefined) {
        // About a file of the folder: at a pointer into a source's front-matter, or an asset as a whole.
        const file = files.get(source.prefix + finding.file);
        reportInto(file?.diagnostics ?? ctx.extra, report, { ...common, file: source.prefix + finding.file, pointer: finding.at, onKey: finding.onKey ?? false, ...(file ? {} : { place: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } }) });
        continue;
      }
      const doc = finding.doc ?? 'swagger';
      const origin = ctx.originOf(doc, fromPointer(finding.at)) ?? (connectorFile ? { file: connectorFile, path: [] } : undefined);
      if (!origin) continue;
      const cause = finding.cause ? ctx.originOf(finding.cause.doc ?? 'swagger', fromPointer(finding.cause.at)) : undefined;
      reportInto(origin.file.diagnostics, report, {
        ...common,
        file: origin.file.path,
        pointer: toPointer(origin.path),
        onKey: finding.onKey ?? false,
        ...(cause && finding.cause ? { cause: { message: finding.cause.message, file: cause.file.path, pointer: toPointer(cause.path) } } : {}),
      });
    }
  }

  // Inline operations are validated with the connector and on their own: keep one of each (the
  // same finding twice has the same fingerprint and words).
  const seen = new Set<string>();
  const key = (d: Diagnostic) => `${d.fingerprint}\0${d.message}`;
  const diagnostics = [...ctx.extra, ...all.flatMap((f) => f.diagnostics)].filter((d) => !seen.has(key(d)) && !!seen.add(key(d)));
  placeDiagnostics(diagnostics, files);
  // A check finding where the author already has a front-matter or compile error says the same
  // thing again in Swagger's words: keep the author's.
  const authored = new Set(diagnostics.filter((d) => d.source !== 'check').map((d) => `${d.file}:${d.place?.start.line}:${d.place?.start.column}`));
  const deduped = diagnostics.filter((d) => d.source !== 'check' || !authored.has(`${d.file}:${d.place?.start.line}:${d.place?.start.column}`));
  return { id: source.id, swagger, apiProperties, readme, assets, diagnostics: sortDiagnostics(deduped), files };
}
