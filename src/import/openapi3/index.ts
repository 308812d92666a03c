/**
 * OpenAPI 3.0 / 3.1 (JSON or YAML, `$ref`s across files) → a connector folder. The document is
 * converted to Swagger 2.0 (servers → host/basePath/schemes or a `dynamichosturl` policy,
 * requestBody → body/formData parameters, components → definitions/parameters, security schemes
 * → `auth`, several of them → `type: multi`; missing summaries are derived), every approximation
 * and drop is reported at its JSON pointer in the source, and the result is written through the
 * Power Platform importer, which proves it compiles back exactly.
 */
import { basename, dirname, extname, join, relative, resolve as resolvePath } from 'node:path';
import { PARSE_LIMITS } from '../../core/bounded.ts';
import { getOwn, setOwn } from '../../core/own.ts';
import { fromPointer, type Path } from '../../core/pointer.ts';
import { SourceFile } from '../../core/source-file.ts';
import { parseDocumentFile, parseReferencedFile } from '../json.ts';
import { countPathOperations, IMPORT_LIMITS, operationsMessage } from '../limits.ts';
import { kebab } from '../powerplatform.ts';
import { readNamedFile, RefRoots, type RefusedRef } from '../read-source.ts';
import type { ImportResult } from '../types.ts';
import { convertSecurity, withFields } from './auth.ts';
import { emitConnector, failed, operationIdFrom, pascal, pathAt, Reporter, shortSummary, splitUrl, UniqueIds, type Converted, type Prepared } from './emit.ts';
import { nameFromRoute, sentenceFromId } from './naming.ts';
import { convertSchema, type SchemaContext } from './schema.ts';
import { isObject as isObj, METHODS } from '../../swagger/index.ts';

type Obj = Record<string, unknown>;

export interface ConvertOptions {
  id?: string;
  display?: string;
  strict?: boolean;
  /** The document's text when the caller has read it already (within LIMITS.importBytes). */
  text?: string;
  /** A folder external `$ref`s may lead into, besides the document's own (`--ref-root`). */
  refRoot?: string;
}

const PARAM_KEYS = new Set([
  'type', 'format', 'items', 'collectionFormat', 'default', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum',
  'maxLength', 'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems', 'enum', 'multipleOf',
]);

export function importOpenApi3(path: string, options: ConvertOptions = {}): ImportResult {
  const prepared = convertOpenApi3(path, options);
  return 'files' in prepared ? prepared : emitConnector(prepared.id, prepared.converted, prepared.reporter);
}

/** The conversion without the last step, for `importSources` (which may split it). */
export function convertOpenApi3(path: string, options: ConvertOptions = {}): Prepared | ImportResult {
  const display = options.display ?? path;
  const read = options.text ?? readNamedFile(path, display);
  const text = typeof read === 'string' ? read : '';
  const file = new SourceFile(display, text, /\.json$/i.test(path) ? 'json' : 'yaml');
  const reporter = new Reporter(file, options.strict ?? false);
  const fallbackId = options.id ?? kebab(basename(path, extname(path)));
  if (typeof read !== 'string') {
    if (read.reason === 'too-large') reporter.overLimit(`The file ${read.detail}`, [], ['import-bytes']);
    else reporter.invalid(`Cannot import \`${display}\`: it ${read.detail}`, [], ['cannot-import']);
    return failed(fallbackId, reporter);
  }
  const doc = parseDocumentFile(file);
  if (doc === undefined) return failed(fallbackId, reporter);
  if (!isObj(doc)) {
    reporter.invalid('Expected an OpenAPI 3 document: an object with `openapi`, `info` and `paths`', [], ['expected-openapi-3-document']);
    return failed(fallbackId, reporter);
  }
  if (typeof doc.openapi !== 'string' || !/^3\.[01]\.\d+/.test(doc.openapi)) {
    reporter.invalid(`Expected \`openapi: 3.0.x\` or \`3.1.x\`, found ${JSON.stringify(doc.openapi ?? null)}`, doc.openapi === undefined ? [] : ['openapi'], ['expected-openapi-3-0']);
    return failed(fallbackId, reporter);
  }
  // Counted before the work of bundling, and again after it (a path item may come from another file).
  if (overOperations(doc, reporter)) return failed(fallbackId, reporter);
  const bundled = bundleExternal(doc, resolvePath(path), reporter, new RefRoots(path, options.refRoot));
  overOperations(bundled, reporter);
  // Beyond a limit (operations, the bundled size, an alias bomb or a 200,000-deep array in a referenced file), the import stops.
  if (reporter.diagnostics.some((d) => d.ruleId === 'source-limit')) return failed(fallbackId, reporter);
  const converter = new OpenApiConverter(bundled, reporter);
  const converted = converter.convert();
  if (!converted) return failed(fallbackId, reporter);
  const title = String(pathAt(bundled, ['info', 'title']) ?? basename(path, extname(path)));
  return { id: options.id ?? kebab(title), converted, reporter };
}

/** Reports (and says) when the document has more operations than IMPORT_LIMITS.operations. */
function overOperations(doc: Obj, reporter: Reporter): boolean {
  const operations = countPathOperations(doc.paths, (ref) => {
    try {
      return pathAt(doc, fromPointer(ref));
    } catch {
      return undefined;
    }
  });
  if (operations <= IMPORT_LIMITS.operations) return false;
  reporter.overLimit(operationsMessage(operations), ['paths'], ['operations']);
  return true;
}

// ---------------------------------------------------------------------------------------------
// `$ref`s into other files, resolved synchronously: component targets are hoisted into this
// document's components (so they stay shared), anything else is inlined.

function bundleExternal(doc: Obj, docPath: string, reporter: Reporter, roots: RefRoots): Obj {
  const root = structuredClone(doc);
  /** Each referenced file once: its data, or why it was refused. */
  const cache = new Map<string, { data: unknown } | RefusedRef>();
  let values = 0;
  const hoisted = new Map<string, string>();
  /** Components brought in from other files, merged into the result at the end. */
  const added: Record<string, Obj> = {};
  const load = (file: string): { data: unknown } | RefusedRef => {
    const cached = cache.get(file);
    if (cached) return cached;
    let loaded: { data: unknown } | RefusedRef;
    if (cache.size >= IMPORT_LIMITS.referencedFiles) loaded = { refused: `the document already refers to ${IMPORT_LIMITS.referencedFiles} files, the limit`, reason: 'too-many' };
    else {
      const text = roots.read(file);
      if (typeof text === 'string') {
        const referenced = parseReferencedFile(join(dirname(reporter.file.path), relative(dirname(docPath), file)), text);
        reporter.diagnostics.push(...referenced.diagnostics);
        loaded = { data: referenced.data };
      } else loaded = text;
    }
    cache.set(file, loaded);
    return loaded;
  };
  /** The file a `$ref` names (its own file when it has no file part), or undefined when refused here. */
  const targetOf = (ref: string, filePart: string, base: string, at: Path): string | undefined => {
    if (!filePart) return base;
    const resolved = roots.resolve(filePart, base);
    if ('full' in resolved) return resolved.full;
    reporter.refused(`\`$ref\` \`${ref}\` is refused: ${resolved.refused}; nothing of it is imported`, at, [ref, resolved.reason]);
    return undefined;
  };
  const visit = (node: unknown, base: string, at: Path, stack: string[], external: boolean, depth = 1): unknown => {
    // Inlining can multiply a small input (two `$ref`s to a file that has two `$ref`s to the next…)
    // or nest files in files: the bundled document has the limits of a parsed one.
    if (++values > IMPORT_LIMITS.bundledValues || depth > PARSE_LIMITS.depth) {
      const why = depth > PARSE_LIMITS.depth ? `nests deeper than ${PARSE_LIMITS.depth} levels` : `grows past ${IMPORT_LIMITS.bundledValues.toLocaleString('en-US')} values`;
      reporter.overLimit(`With the files its \`$ref\`s name inlined, the document ${why}, the limit`, at, ['bundled', depth > PARSE_LIMITS.depth ? 'depth' : 'values']);
      return null;
    }
    if (Array.isArray(node)) return node.map((v, i) => visit(v, base, [...at, i], stack, external, depth + 1));
    if (!isObj(node)) return node;
    if (typeof node.$ref === 'string' && (!node.$ref.startsWith('#') || external)) {
      const [filePart = '', fragment = ''] = node.$ref.split('#');
      const target = targetOf(node.$ref, filePart, base, [...at, '$ref']);
      if (target === undefined) return {};
      const key = `${target}#${fragment}`;
      const already = hoisted.get(key);
      if (already) return { $ref: already };
      if (stack.includes(key)) {
        reporter.invalid(`Cyclic \`$ref\` \`${node.$ref}\` across files cannot be inlined`, [...at, '$ref'], ['cyclic-ref-across-files']);
        return {};
      }
      const loaded = target === docPath ? { data: root } : load(target);
      if ('refused' in loaded && loaded.reason === 'unreadable') {
        // Missing or unreadable: a broken source, not a refusal.
        reporter.invalid(`Cannot read the referenced file \`${basename(target)}\`: ${loaded.refused.replace(/^the file /, 'it ')}`, [...at, '$ref'], ['cannot-read-referenced-file']);
        return {};
      }
      if ('refused' in loaded) {
        reporter.refused(`\`$ref\` \`${node.$ref}\` is refused: ${loaded.refused}; nothing of it is imported`, [...at, '$ref'], [node.$ref, loaded.reason]);
        return {};
      }
      const data = loaded.data;
      let segments: string[];
      try {
        segments = fromPointer(fragment ? `#${fragment}` : '');
      } catch {
        reporter.invalid(`\`$ref\` \`${node.$ref}\` has an invalid JSON pointer`, [...at, '$ref'], ['ref-invalid-json-pointer']);
        return {};
      }
      const value = pathAt(data, segments);
      if (value === undefined) {
        if (data !== undefined) reporter.invalid(`\`$ref\` \`${node.$ref}\` does not resolve`, [...at, '$ref'], ['ref-does-not-resolve']);
        return {};
      }
      if (target === docPath) return { ...node, $ref: `#${fragment}` };
      if (segments.length === 3 && segments[0] === 'components') {
        const [, kind, name] = segments as [string, string, string];
        const existing = isObj(root.components) && isObj((root.components as Obj)[kind]) ? ((root.components as Obj)[kind] as Obj) : {};
        if (!Object.hasOwn(added, kind)) setOwn(added, kind, {});
        const group = added[kind] as Obj;
        let unique = name;
        for (let n = 2; Object.hasOwn(group, unique) || Object.hasOwn(existing, unique); n++) unique = `${name}${n}`;
        const local = `#/components/${kind}/${unique.replaceAll('~', '~0').replaceAll('/', '~1')}`;
        hoisted.set(key, local);
        setOwn(group, unique, {});
        setOwn(group, unique, visit(structuredClone(value), target, at, [...stack, key], true, 3));
        return { $ref: local };
      }
      return visit(structuredClone(value), target, at, [...stack, key], true, depth);
    }
    const out: Obj = {};
    for (const [k, v] of Object.entries(node)) setOwn(out, k, visit(v, base, [...at, k], stack, external, depth + 1));
    return out;
  };
  const out = visit(root, docPath, [], [], false) as Obj;
  if (Object.keys(added).length) {
    const components = (out.components = isObj(out.components) ? { ...out.components } : {}) as Obj;
    for (const [kind, group] of Object.entries(added)) setOwn(components, kind, { ...(isObj(getOwn(components, kind)) ? getOwn<Obj>(components, kind) : {}), ...group });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

class OpenApiConverter {
  private doc: Obj;
  private reporter: Reporter;
  private schemaCtx: SchemaContext;
  private sharedParams = new Set<string>();
  private ids = new UniqueIds();
  private sourceMap: Array<[Path, Path]> = [];
  private definitions: Obj = {};
  /** Path items that already carry an `x-ms-notification-content` (one webhook per path). */
  private notified = new Map<string, Obj>();

  constructor(doc: Obj, reporter: Reporter) {
    this.doc = doc;
    this.reporter = reporter;
    this.schemaCtx = {
      reporter,
      rewriteRef: (ref, at) => this.rewriteSchemaRef(ref, at),
      resolve: (ref) => this.resolveLocal(ref),
    };
  }

  private resolveLocal(ref: string): unknown {
    if (!ref.startsWith('#')) return undefined;
    try {
      return pathAt(this.doc, fromPointer(ref));
    } catch {
      return undefined;
    }
  }

  private rewriteSchemaRef(ref: string, at: Path): string | undefined {
    const m = /^#\/components\/schemas\/(.+)$/.exec(ref);
    if (m && this.resolveLocal(ref) !== undefined) return `#/definitions/${m[1]}`;
    if (m || ref.startsWith('#')) {
      this.reporter.invalid(`\`$ref\` \`${ref}\` does not resolve to a schema in this document`, at, ['ref-does-not-resolve']);
      return undefined;
    }
    return undefined;
  }

  /** Follows local `$ref`s (requestBodies, responses, parameters, headers, examples…). */
  private deref(node: unknown, at: Path): { value: unknown; at: Path } {
    let value = node;
    let where = at;
    for (let i = 0; i < 20 && isObj(value) && typeof value.$ref === 'string'; i++) {
      const ref = value.$ref;
      const target = this.resolveLocal(ref);
      if (target === undefined) {
        this.reporter.invalid(`\`$ref\` \`${ref}\` does not resolve`, [...where, '$ref'], ['ref-does-not-resolve']);
        return { value: undefined, at: where };
      }
      where = fromPointer(ref);
      value = target;
    }
    if (isObj(value) && typeof value.$ref === 'string') {
      this.reporter.invalid(`\`$ref\` chain from here is cyclic and never reaches a value`, [...at, '$ref'], ['ref-chain-from-cyclic']);
      return { value: undefined, at };
    }
    return { value, at: where };
  }

  convert(): Converted | undefined {
    const doc = this.doc;
    const r = this.reporter;
    const swagger: Obj = { swagger: '2.0' };
    const info = isObj(doc.info) ? doc.info : {};
    const outInfo: Obj = {};
    for (const [k, v] of Object.entries(info)) {
      if (k === 'summary') r.dropped('`info.summary` has no Swagger 2.0 form', ['info', k], ['info-summary-swagger-2']);
      else if (k === 'license' && isObj(v)) {
        const { identifier, ...rest } = v;
        if (identifier !== undefined) r.dropped('`license.identifier` has no Swagger 2.0 form', ['info', 'license', 'identifier'], ['license-identifier-swagger-2']);
        outInfo.license = rest;
      } else setOwn(outInfo, k, v);
    }
    if (typeof outInfo.title !== 'string') outInfo.title = 'Imported API';
    if (typeof outInfo.version !== 'string') outInfo.version = String(outInfo.version ?? '1.0');
    swagger.info = outInfo;

    const policies: Obj[] = [];
    const fields: Obj = {};
    this.convertServers(swagger, policies, fields);

    // Components.
    const components = isObj(doc.components) ? doc.components : {};
    const definitions: Obj = this.definitions;
    if (isObj(components.schemas)) {
      for (const [name, schema] of Object.entries(components.schemas)) {
        setOwn(definitions, name, convertSchema(schema, ['components', 'schemas', name], this.schemaCtx));
        this.sourceMap.push([['definitions', name], ['components', 'schemas', name]]);
      }
    }
    const parameters: Obj = {};
    if (isObj(components.parameters)) {
      for (const [name, param] of Object.entries(components.parameters)) {
        const converted = this.convertParameter(param, ['components', 'parameters', name], undefined);
        if (converted) {
          setOwn(parameters, name, converted);
          this.sharedParams.add(name);
          this.sourceMap.push([['parameters', name], ['components', 'parameters', name]]);
        }
      }
    }
    for (const kind of ['securitySchemes', 'schemas', 'parameters', 'requestBodies', 'responses', 'headers', 'examples', 'links', 'callbacks', 'pathItems']) {
      if (components[kind] !== undefined && !isObj(components[kind])) r.dropped(`\`components.${kind}\` is not an object`, ['components', kind], ['components-not-object']);
    }
    for (const k of Object.keys(components)) {
      if (!k.startsWith('x-') && !['securitySchemes', 'schemas', 'parameters', 'requestBodies', 'responses', 'headers', 'examples', 'links', 'callbacks', 'pathItems'].includes(k)) {
        r.dropped(`\`components.${k}\` has no Swagger 2.0 form`, ['components', k], ['components-swagger-2-0']);
      }
    }

    // Paths.
    const paths: Obj = {};
    const rawPaths = isObj(doc.paths) ? doc.paths : {};
    if (doc.paths !== undefined && !isObj(doc.paths)) r.invalid('`paths` must be an object', ['paths'], ['paths-must-object']);
    for (const [route, rawItem] of Object.entries(rawPaths)) {
      const { value: item, at: itemAt } = this.deref(rawItem, ['paths', route]);
      if (!isObj(item)) continue;
      if (!route.startsWith('/')) {
        r.dropped(`Path \`${route}\` does not start with \`/\``, ['paths', route], ['path-does-not-start']);
        continue;
      }
      const outItem: Obj = {};
      for (const [key, value] of Object.entries(item)) {
        if (key === 'x-ms-notification-content' && isObj(value) && value.schema !== undefined) {
          outItem[key] = { ...value, schema: convertSchema(value.schema, [...itemAt, key, 'schema'], this.schemaCtx) };
        } else if (key.startsWith('x-')) outItem[key] = value;
        else if (key === 'trace') r.dropped('`trace` operations have no Swagger 2.0 form', [...itemAt, key], ['trace-operations-have-swagger']);
        else if (key === 'servers') r.dropped('Servers of one path are not supported; the connector has one host', [...itemAt, key], ['servers-one-path-not']);
        else if (key === 'summary' || key === 'description') {
          if (value) r.dropped(`Path-level \`${key}\` has no Swagger 2.0 form`, [...itemAt, key], ['path-level-swagger-2', key]);
        }
      }
      for (const method of METHODS) {
        if (!isObj(item[method])) continue;
        outItem[method] = this.convertOperation(method, route, item[method] as Obj, item, [...itemAt, method]);
        const content = this.notified.get(route);
        if (content && outItem['x-ms-notification-content'] === undefined) outItem['x-ms-notification-content'] = content;
        this.sourceMap.push([['paths', route, method], [...itemAt, method]]);
      }
      if (Object.keys(outItem).length) paths[route] = outItem;
    }
    if (isObj(doc.webhooks)) {
      for (const name of Object.keys(doc.webhooks)) {
        r.dropped(`Webhook \`${name}\` describes what the API sends, but has no subscribe operation for a connector trigger; document it on the operation that registers the webhook`, ['webhooks', name], ['webhook-describes-what-api', name]);
      }
    }
    swagger.paths = paths;
    if (Object.keys(definitions).length) swagger.definitions = definitions;
    if (Object.keys(parameters).length) swagger.parameters = parameters;
    if (Array.isArray(doc.tags)) swagger.tags = doc.tags;
    if (isObj(doc.externalDocs)) swagger.externalDocs = doc.externalDocs;
    for (const [k, v] of Object.entries(doc)) if (k.startsWith('x-')) swagger[k] = v;
    for (const k of ['jsonSchemaDialect']) if (doc[k] !== undefined) r.dropped(`\`${k}\` has no Swagger 2.0 form`, [k], ['swagger-2-0-form']);

    const auth = withFields(convertSecurity(doc, r), fields);
    const description = typeof info.description === 'string' ? info.description : '';
    return {
      swagger,
      auth,
      policies,
      readme: `# ${String(outInfo.title)}\n${description ? `\n${description}\n` : ''}`,
      sourceMap: [[['info'], ['info']], [['host'], ['servers']], [['basePath'], ['servers']], ...this.sourceMap],
    };
  }

  private convertServers(swagger: Obj, policies: Obj[], fields: Obj): void {
    const r = this.reporter;
    const servers = Array.isArray(this.doc.servers) ? this.doc.servers.filter(isObj) : [];
    if (!servers.length || typeof servers[0]!.url !== 'string') {
      r.approximated('No `servers`: the connector has no host yet; set `host` in connector.mdx', this.doc.servers === undefined ? [] : ['servers'], ['servers-connector-host-yet']);
      return;
    }
    const server = servers[0]!;
    const url = String(server.url);
    const variables = isObj(server.variables) ? server.variables : {};
    const substituted = url.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const v = variables[name];
      return isObj(v) && v.default !== undefined ? String(v.default) : name;
    });
    const { host, basePath, schemes } = splitUrl(substituted);
    if (host) swagger.host = host;
    if (basePath) swagger.basePath = basePath;
    if (schemes) swagger.schemes = schemes;
    if (!host) r.approximated(`Server \`${url}\` has no host; set \`host\` in connector.mdx`, ['servers', 0, 'url'], ['server-host-set-host']);
    const names = [...url.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    if (names.length) {
      for (const name of names) {
        const v = isObj(variables[name]) ? (variables[name] as Obj) : {};
        const field: Obj = { label: name.charAt(0).toUpperCase() + name.slice(1) };
        if (typeof v.description === 'string') field.description = v.description;
        if (v.default !== undefined) field.default = String(v.default);
        if (Array.isArray(v.enum)) field.allowedValues = v.enum.map((e) => ({ value: String(e) }));
        setOwn(fields, name, field);
      }
      const template = url.replace(/\{([^}]+)\}/g, (_, name: string) => `@connectionParameters('${name}')`);
      policies.push({ template: 'dynamichosturl', title: 'Server URL from the connection', parameters: { urlTemplate: template.replace(/\/$/, '') } });
      r.approximated(`Server variables (${names.map((n) => `\`${n}\``).join(', ')}) become connection fields and a \`dynamichosturl\` policy; host and basePath use their defaults`, ['servers', 0, 'variables'], ['server-variables-become-connection']);
    }
    if (servers.length > 1) {
      r.approximated(`${servers.length} servers: the connector uses the first (\`${url}\`); the others are dropped`, ['servers', 1], ['servers-connector-uses-first']);
    }
  }

  private convertParameter(raw: unknown, at: Path, route: string | undefined): Obj | undefined {
    const r = this.reporter;
    if (isObj(raw) && typeof raw.$ref === 'string') {
      const m = /^#\/components\/parameters\/(.+)$/.exec(raw.$ref);
      if (m && this.sharedParams.has(m[1]!)) return { $ref: `#/parameters/${m[1]}` };
    }
    const { value: p, at: pAt } = this.deref(raw, at);
    if (!isObj(p)) return undefined;
    if (typeof p.name !== 'string' || typeof p.in !== 'string') {
      r.invalid('A parameter needs `name` and `in`', at, ['parameter-needs-name']);
      return undefined;
    }
    if (p.in === 'cookie') {
      r.dropped(`Cookie parameter \`${p.name}\` is not supported by the platform`, pAt, ['cookie-parameter-not-supported']);
      return undefined;
    }
    if (!['query', 'header', 'path'].includes(p.in)) {
      r.invalid(`Unknown parameter location \`${p.in}\``, [...pAt, 'in'], ['unknown-parameter-location']);
      return undefined;
    }
    if (p.in === 'header' && /^(authorization|content-type|accept)$/i.test(p.name)) {
      r.dropped(`Header \`${p.name}\` is set by the platform (from the connection or the media type); the parameter is dropped`, pAt, ['header-set-platform-from']);
      return undefined;
    }
    const out: Obj = { name: p.name, in: p.in };
    if (typeof p.description === 'string') out.description = p.description;
    if (p.required === true || p.in === 'path') out.required = true;
    if (p.allowEmptyValue === true && p.in === 'query') out.allowEmptyValue = true;
    if (p.deprecated === true) r.dropped('`deprecated` on a parameter has no Swagger 2.0 form', [...pAt, 'deprecated'], ['deprecated-on-parameter-swagger']);
    let schema: unknown = p.schema;
    let schemaAt: Path = [...pAt, 'schema'];
    if (schema === undefined && isObj(p.content)) {
      const [mime, media] = Object.entries(p.content)[0] ?? [];
      schema = isObj(media) ? media.schema : undefined;
      schemaAt = [...pAt, 'content', mime ?? '', 'schema'];
      r.approximated(`Parameter \`${p.name}\` serialised as \`${mime}\` becomes a string`, [...pAt, 'content'], ['parameter-serialised-becomes-string']);
      schema = { type: 'string' };
    }
    Object.assign(out, this.primitive(schema, schemaAt, `parameter \`${p.name}\``));
    if (out.type === 'array') {
      const style = p.style ?? (p.in === 'query' ? 'form' : 'simple');
      const explode = p.explode ?? style === 'form';
      if (style === 'form') out.collectionFormat = 'csv';
      else if (style === 'spaceDelimited') out.collectionFormat = 'ssv';
      else if (style === 'pipeDelimited') out.collectionFormat = 'pipes';
      else if (style === 'simple') out.collectionFormat = 'csv';
      // Swagger's `multi` would say it, but the platform cannot repeat a parameter and rejects
      // `multi` (CollectionFormatValueNotSupported, src/check/rules/parameter-collection-format.ts).
      if (style === 'form' && explode && p.in === 'query') {
        r.approximated(`Parameter \`${p.name}\` repeats for each value (\`?${p.name}=a&${p.name}=b\`), which the platform cannot send; it becomes one comma-separated value (\`?${p.name}=a,b\`): check that the API accepts it`, [...pAt, ...(p.explode === undefined ? [] : ['explode'])], ['exploded-array-becomes-csv']);
      }
    } else if (p.style === 'deepObject' || (p.style !== undefined && !['form', 'simple'].includes(String(p.style)))) {
      r.approximated(`Style \`${String(p.style)}\` of parameter \`${p.name}\` is not supported; the value is sent as a plain string`, [...pAt, 'style'], ['style-parameter-not-supported']);
    }
    const example = p.example ?? (isObj(p.examples) ? (Object.values(p.examples).find(isObj) as Obj | undefined)?.value : undefined);
    if (example !== undefined && (typeof example !== 'object' || example === null)) out['x-example'] = example;
    for (const [k, v] of Object.entries(p)) if (k.startsWith('x-')) out[k] = v;
    // What the platform's wizard adds to every path parameter.
    if (p.in === 'path' && out['x-ms-url-encoding'] === undefined) out['x-ms-url-encoding'] = 'single';
    void route;
    return out;
  }

  /** A schema where Swagger 2.0 wants a primitive (parameters, headers, formData). */
  private primitive(schema: unknown, at: Path, what: string): Obj {
    const { value: resolved } = this.deref(schema, at);
    const converted = isObj(resolved) ? convertSchema(resolved, at, this.schemaCtx) : {};
    const out: Obj = {};
    const type = converted.type;
    if (type === 'object' || type === undefined || converted.$ref !== undefined || converted.allOf !== undefined) {
      if (type === 'object' || converted.$ref !== undefined || converted.allOf !== undefined) {
        this.reporter.approximated(`The ${what} is an object; Swagger 2.0 allows only primitives here, so it becomes a string (JSON)`, at, ['object-swagger-2-0']);
      }
      out.type = 'string';
      return out;
    }
    for (const [k, v] of Object.entries(converted)) {
      if (PARAM_KEYS.has(k)) out[k] = v;
      else if (k.startsWith('x-') && k !== 'x-nullable') out[k] = v;
    }
    if (type === 'array') {
      const items = isObj(converted.items) ? converted.items : {};
      const { value: itemResolved } = this.deref(items.$ref !== undefined ? { $ref: String(items.$ref).replace('#/definitions/', '#/components/schemas/') } : items, [...at, 'items']);
      const it = isObj(itemResolved) ? (items.$ref !== undefined ? convertSchema(itemResolved, [...at, 'items'], this.schemaCtx) : itemResolved) : {};
      const prim: Obj = {};
      if (typeof it.type === 'string' && it.type !== 'object' && it.type !== 'array') {
        for (const [k, v] of Object.entries(it)) if (PARAM_KEYS.has(k) && k !== 'items') prim[k] = v;
      } else {
        prim.type = 'string';
        if (it.type !== undefined) this.reporter.approximated(`Items of the ${what} are not primitives; they become strings`, [...at, 'items'], ['items-not-primitives-they']);
      }
      out.items = prim;
    }
    if (out.type === 'null') out.type = 'string';
    return out;
  }

  private convertOperation(method: string, route: string, op: Obj, item: Obj, at: Path): Obj {
    const r = this.reporter;
    const out: Obj = {};
    const given = typeof op.operationId === 'string' && op.operationId.trim() ? op.operationId : undefined;
    const wanted = given === undefined ? operationIdFrom(method, route) : /^[A-Za-z][A-Za-z0-9_.-]*$/.test(given) ? given : pascal(given);
    const id = this.ids.take(wanted);
    if (typeof op.operationId !== 'string') r.approximated(`No operationId: derived \`${id}\` from the method and path`, at, ['operationid-derived-from-method']);
    else if (id !== op.operationId) r.approximated(`operationId \`${op.operationId}\` becomes \`${id}\` (unique, and safe as a file name)`, [...at, 'operationId'], ['operationid-becomes-unique-safe']);
    if (Array.isArray(op.tags)) out.tags = op.tags;
    let description = typeof op.description === 'string' ? op.description : undefined;
    if (typeof op.summary === 'string' && op.summary.trim()) {
      const { summary, changed } = shortSummary(op.summary);
      out.summary = summary;
      if (changed) {
        description = description ? `${op.summary.trim()}\n\n${description}` : op.summary.trim();
        r.approximated('The summary is cut to 80 characters without trailing punctuation; the original is kept in the description', [...at, 'summary'], ['summary-cut-80-characters']);
      }
    } else this.deriveSummary(out, given, method, route, at);
    if (description !== undefined) out.description = description;
    if (isObj(op.externalDocs)) out.externalDocs = op.externalDocs;
    out.operationId = id;
    if (op.deprecated === true) out.deprecated = true;

    // Parameters: the path item's, overridden by the operation's (same name and location).
    const params: Obj[] = [];
    const keyOf = (p: unknown) => {
      const { value } = this.deref(p, []);
      return isObj(value) ? `${String(value.in)}:${String(value.name)}` : '';
    };
    const opParams = Array.isArray(op.parameters) ? op.parameters : [];
    const overridden = new Set(opParams.map(keyOf));
    const list: Array<[unknown, Path]> = [
      ...(Array.isArray(item.parameters) ? item.parameters : []).map((p, i) => [p, [...at.slice(0, -1), 'parameters', i]] as [unknown, Path]).filter(([p]) => !overridden.has(keyOf(p))),
      ...opParams.map((p, i) => [p, [...at, 'parameters', i]] as [unknown, Path]),
    ];
    for (const [p, pAt] of list) {
      const converted = this.convertParameter(p, pAt, route);
      if (converted) params.push(converted);
    }
    // Path template names without a parameter: declare them (the platform needs them).
    for (const m of route.matchAll(/\{([^}]+)\}/g)) {
      const name = m[1]!;
      const declared = params.some((p) => (p.name === name && p.in === 'path') || (typeof p.$ref === 'string' && isObj(this.resolveLocal(String(p.$ref).replace('#/parameters/', '#/components/parameters/'))) && (this.resolveLocal(String(p.$ref).replace('#/parameters/', '#/components/parameters/')) as Obj).name === name));
      if (!declared) {
        params.push({ name, in: 'path', required: true, type: 'string', 'x-ms-url-encoding': 'single' });
        r.approximated(`Path parameter \`${name}\` is not declared; added as a required string`, at, ['path-parameter-not-declared', name]);
      }
    }

    const consumes: string[] = [];
    if (op.requestBody !== undefined) {
      const body = this.convertRequestBody(op.requestBody, [...at, 'requestBody'], consumes, method);
      params.push(...body);
    }
    if (params.length) out.parameters = params;
    if (consumes.length) out.consumes = consumes;

    const produces: string[] = [];
    out.responses = this.convertResponses(op.responses, [...at, 'responses'], produces);
    if (produces.length) out.produces = produces;

    if (op.callbacks !== undefined) this.convertCallbacks(op.callbacks, out, route, [...at, 'callbacks']);
    if (op.security !== undefined && JSON.stringify(op.security) !== JSON.stringify(this.doc.security)) {
      const none = Array.isArray(op.security) && (op.security.length === 0 || op.security.every((s) => isObj(s) && Object.keys(s).length === 0));
      r.approximated(none ? 'The operation needs no auth, but a connector signs every request with its connection' : 'Operation-level security is not supported; the connection\'s auth applies to every operation', [...at, 'security'], ['none-operation-needs-auth']);
    }
    if (op.servers !== undefined) r.dropped('Servers of one operation are not supported; the connector has one host', [...at, 'servers'], ['servers-one-operation-not']);
    for (const [k, v] of Object.entries(op)) if (k.startsWith('x-')) out[k] = v;
    return out;
  }

  /**
   * No summary: the designer would show the operationId. One is derived from the operationId
   * (`listPets` → "List pets"), else verb first from the method and path (`GET /pets` → "List
   * pets"), and reported; a path with no word in it keeps `GET /{id}` and says to write one.
   */
  private deriveSummary(out: Obj, given: string | undefined, method: string, route: string, at: Path): void {
    const r = this.reporter;
    if (given !== undefined) {
      out.summary = shortSummary(sentenceFromId(given)).summary;
      r.approximated(`No summary: derived "${String(out.summary)}" from the operationId`, at, ['summary-derived', 'operationId']);
      return;
    }
    const derived = nameFromRoute(method, route);
    out.summary = derived.summary;
    if (derived.readable) r.approximated(`No summary: derived "${derived.summary}" from the method and path`, at, ['summary-derived', 'path']);
    else r.approximated(`No summary, and \`${method.toUpperCase()} ${route}\` has no word to derive one from; write a \`summary\``, at, ['summary-unreadable']);
  }

  /**
   * A callback whose URL the client sends in the request body (`{$request.body#/callbackUrl}`)
   * is the platform's webhook contract: the operation becomes a `single` trigger, the body
   * property is flagged `x-ms-notification-url`, and the callback's request body becomes the
   * path item's `x-ms-notification-content`. Other callbacks are reported and dropped.
   */
  private convertCallbacks(callbacks: unknown, op: Obj, route: string, at: Path): void {
    const r = this.reporter;
    for (const [name, raw] of Object.entries(isObj(callbacks) ? callbacks : {})) {
      const { value: callback, at: cbAt } = this.deref(raw, [...at, name]);
      const [expression, item] = Object.entries(isObj(callback) ? callback : {})[0] ?? [];
      const match = expression ? /^\{\$request\.body#(\/[^}]*)\}$/.exec(expression) : null;
      const body = Array.isArray(op.parameters) ? (op.parameters as Obj[]).find((p) => p.in === 'body') : undefined;
      const why = !match
        ? `its URL \`${String(expression)}\` is not a request body property as is, which is where the platform sends the callback URL`
        : op['x-ms-trigger'] !== undefined
          ? 'the operation already has a callback trigger'
          : this.notified.has(route)
            ? `\`${route}\` already has a webhook trigger`
            : !body || !isObj(body.schema)
              ? 'the operation has no JSON request body to carry the callback URL'
              : undefined;
      if (why || !match || !body) {
        r.dropped(`Callback \`${name}\` is not a connector webhook: ${why}; the operation is imported as an action`, [...at, name], ['callback-not-connector-webhook', name]);
        continue;
      }
      const names = fromPointer(match[1]!);
      // The body schema, inlined so the shared definition stays as it is.
      let schema = body.schema as Obj;
      if (typeof schema.$ref === 'string') schema = structuredClone((this.definitions[schema.$ref.replace('#/definitions/', '')] ?? {}) as Obj);
      else schema = structuredClone(schema);
      let node = schema;
      names.forEach((n, i) => {
        if (node.type === undefined) node.type = 'object';
        const props = (node.properties = isObj(node.properties) ? node.properties : {}) as Obj;
        const required = Array.isArray(node.required) ? (node.required as string[]) : [];
        if (!required.includes(n)) node.required = [...required, n];
        if (i === names.length - 1) {
          const prev = isObj(getOwn(props, n)) ? getOwn<Obj>(props, n)! : {};
          setOwn(props, n, { ...prev, type: 'string', 'x-ms-notification-url': true, 'x-ms-visibility': prev['x-ms-visibility'] ?? 'internal' });
        } else {
          const next = isObj(getOwn(props, n)) ? structuredClone(getOwn<Obj>(props, n)!) : { type: 'object' };
          setOwn(props, n, next);
          node = next as Obj;
        }
      });
      body.schema = schema;
      op['x-ms-trigger'] = 'single';
      const post = isObj(item) ? ((item as Obj).post ?? Object.values(item as Obj).find(isObj)) : undefined;
      const payloadAt: Path = [...cbAt, expression!, 'post', 'requestBody'];
      const { value: rb } = this.deref(isObj(post) ? post.requestBody : undefined, payloadAt);
      const content = isObj(rb) && isObj(rb.content) ? rb.content : {};
      const mime = Object.keys(content).find((t) => /json/.test(t)) ?? Object.keys(content)[0];
      const media = mime && isObj(content[mime]) ? (content[mime] as Obj) : {};
      const notification: Obj = { description: isObj(rb) && typeof rb.description === 'string' ? rb.description : name };
      notification.schema = media.schema !== undefined ? convertSchema(media.schema, [...payloadAt, 'content', mime!, 'schema'], this.schemaCtx) : { type: 'object' };
      this.notified.set(route, notification);
      r.approximated(`Callback \`${name}\` becomes a webhook trigger: the platform sends its callback URL in \`${names.join('.')}\`, and the callback's request body is the trigger's output; add a DELETE operation for the subscription if there is none`, [...at, name], ['callback-becomes-webhook-trigger', name]);
    }
  }

  private convertRequestBody(raw: unknown, at: Path, consumes: string[], method: string): Obj[] {
    const r = this.reporter;
    const { value: body, at: bodyAt } = this.deref(raw, at);
    if (!isObj(body)) return [];
    const content = isObj(body.content) ? body.content : {};
    const types = Object.keys(content);
    if (!types.length) {
      r.dropped('A request body without `content` has no Swagger 2.0 form', bodyAt, ['request-body-without-content']);
      return [];
    }
    if (method === 'get' || method === 'head') r.approximated(`A ${method.toUpperCase()} request with a body is unusual; the designer may not send it`, bodyAt, ['request-body-unusual-designer']);
    const isForm = (t: string) => /^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(t);
    const isJson = (t: string) => /json|^\*\/\*$/i.test(t);
    const chosen = types.find(isJson) ?? types.find(isForm) ?? types[0]!;
    const sameKind = types.filter((t) => (isForm(t) ? isForm(chosen) : !isForm(chosen)));
    const others = types.filter((t) => !sameKind.includes(t));
    if (others.length) r.approximated(`The request body is sent as \`${chosen}\`; the other media types (${others.map((t) => `\`${t}\``).join(', ')}) are dropped`, [...bodyAt, 'content'], ['request-body-sent-other']);
    consumes.push(...sameKind);
    const media = isObj(content[chosen]) ? (content[chosen] as Obj) : {};
    const mediaAt: Path = [...bodyAt, 'content', chosen];
    if (isForm(chosen)) {
      const { value: schema, at: schemaAt } = this.deref(media.schema, [...mediaAt, 'schema']);
      const props = isObj(schema) && isObj(schema.properties) ? schema.properties : {};
      const required = isObj(schema) && Array.isArray(schema.required) ? schema.required : [];
      if (isObj(media.encoding)) r.dropped('`encoding` of form fields has no Swagger 2.0 form', [...mediaAt, 'encoding'], ['encoding-form-fields-swagger']);
      return Object.entries(props).map(([name, prop]) => {
        const { value: resolved } = this.deref(prop, [...schemaAt, 'properties', name]);
        const binary = isObj(resolved) && resolved.type === 'string' && (resolved.format === 'binary' || resolved.format === 'base64' || resolved.contentMediaType !== undefined);
        const param: Obj = { name, in: 'formData' };
        if (isObj(resolved) && typeof resolved.description === 'string') param.description = resolved.description;
        if (required.includes(name)) param.required = true;
        if (binary) param.type = 'file';
        else Object.assign(param, this.primitive(prop, [...schemaAt, 'properties', name], `form field \`${name}\``));
        if (isObj(resolved)) for (const [k, v] of Object.entries(resolved)) if (k.startsWith('x-') && k !== 'x-nullable') param[k] = v;
        return param;
      });
    }
    const param: Obj = { name: typeof body['x-codegen-request-body-name'] === 'string' ? body['x-codegen-request-body-name'] : 'body', in: 'body' };
    if (typeof body.description === 'string') param.description = body.description;
    if (body.required === true) param.required = true;
    let schema = media.schema === undefined ? (/octet-stream|^image\/|^audio\/|^video\//i.test(chosen) ? { type: 'string', format: 'binary' } : { type: 'string' }) : convertSchema(media.schema, [...mediaAt, 'schema'], this.schemaCtx);
    const example = this.firstExample(media, mediaAt);
    if (example !== undefined) {
      if (schema.$ref === undefined && schema.example === undefined) schema = { ...schema, example };
      else if (schema.$ref !== undefined) r.dropped('The request body example cannot sit beside a `$ref` in Swagger 2.0', [...mediaAt, media.example !== undefined ? 'example' : 'examples'], ['request-body-example-cannot']);
    }
    param.schema = schema;
    for (const [k, v] of Object.entries(body)) if (k.startsWith('x-') && k !== 'x-codegen-request-body-name') param[k] = v;
    return [param];
  }

  private firstExample(media: Obj, at: Path): unknown {
    if (media.example !== undefined) return media.example;
    if (!isObj(media.examples)) return undefined;
    const entries = Object.entries(media.examples);
    if (entries.length > 1) this.reporter.approximated(`${entries.length} examples become one (\`${entries[0]![0]}\`); Swagger 2.0 keeps one per media type`, [...at, 'examples'], ['examples-become-one-swagger']);
    const [name, first] = entries[0] ?? [];
    const { value } = this.deref(first, [...at, 'examples', name ?? '']);
    if (isObj(value) && value.externalValue !== undefined && value.value === undefined) {
      this.reporter.dropped('An external example (`externalValue`) is not carried', [...at, 'examples', name ?? ''], ['external-example-externalvalue-not']);
      return undefined;
    }
    return isObj(value) ? value.value : undefined;
  }

  private convertResponses(raw: unknown, at: Path, produces: string[]): Obj {
    const r = this.reporter;
    const out: Obj = {};
    const responses = isObj(raw) ? raw : {};
    for (const [code, rawResponse] of Object.entries(responses)) {
      if (code.startsWith('x-')) {
        out[code] = rawResponse;
        continue;
      }
      let status = code;
      if (/^[1-5]XX$/i.test(code)) {
        status = `${code[0]}00`;
        if (Object.hasOwn(responses, status)) {
          r.dropped(`Response range \`${code}\` has no Swagger 2.0 form and \`${status}\` is already defined`, [...at, code], ['response-range-swagger-2']);
          continue;
        }
        r.approximated(`Response range \`${code}\` becomes \`${status}\``, [...at, code], ['response-range-becomes']);
      } else if (code !== 'default' && !/^\d{3}$/.test(code)) {
        r.dropped(`Response key \`${code}\` is not a status code`, [...at, code], ['response-key-not-status']);
        continue;
      }
      const { value: response, at: rAt } = this.deref(rawResponse, [...at, code]);
      if (!isObj(response)) continue;
      const o: Obj = { description: typeof response.description === 'string' ? response.description : '' };
      const content = isObj(response.content) ? response.content : {};
      const types = Object.keys(content);
      if (types.length) {
        const chosen = types.find((t) => /json/i.test(t)) ?? types[0]!;
        for (const t of types) if (!produces.includes(t)) produces.push(t);
        const media = isObj(content[chosen]) ? (content[chosen] as Obj) : {};
        if (media.schema !== undefined) o.schema = convertSchema(media.schema, [...rAt, 'content', chosen, 'schema'], this.schemaCtx);
        const schemas = types.filter((t) => t !== chosen && isObj(content[t]) && (content[t] as Obj).schema !== undefined && JSON.stringify((content[t] as Obj).schema) !== JSON.stringify(media.schema));
        if (schemas.length) r.approximated(`Response \`${code}\` has a schema per media type; the \`${chosen}\` one is kept`, [...rAt, 'content'], ['response-schema-per-media']);
        const examples: Obj = {};
        for (const t of types) {
          const m = content[t];
          if (!isObj(m)) continue;
          const example = this.firstExample(m, [...rAt, 'content', t]);
          if (example !== undefined) setOwn(examples, t, example);
        }
        if (Object.keys(examples).length) o.examples = examples;
      }
      if (isObj(response.headers)) {
        const headers: Obj = {};
        for (const [name, rawHeader] of Object.entries(response.headers)) {
          const { value: header, at: hAt } = this.deref(rawHeader, [...rAt, 'headers', name]);
          if (!isObj(header)) continue;
          const h: Obj = this.primitive(header.schema, [...hAt, 'schema'], `header \`${name}\``);
          if (typeof header.description === 'string') h.description = header.description;
          setOwn(headers, name, h);
        }
        if (Object.keys(headers).length) o.headers = headers;
      }
      if (response.links !== undefined) r.dropped('Response `links` have no Swagger 2.0 form', [...rAt, 'links'], ['response-links-have-swagger']);
      for (const [k, v] of Object.entries(response)) if (k.startsWith('x-')) o[k] = v;
      setOwn(out, status, o);
    }
    if (!Object.keys(out).some((k) => !k.startsWith('x-'))) {
      out.default = { description: 'Response' };
      r.approximated('No responses: a `default` response is added (Swagger 2.0 needs one)', at, ['responses-default-response-added']);
    }
    return out;
  }
}

