/**
 * One connector as the site sees it: compiled (with every check) and its package written by
 * src/build, then turned into plain JSON page data here (siteConnector, the site's view step:
 * view.ts). The content loader (src/content.config.ts) builds every connector once per build;
 * pages derive operation views from the stored Swagger.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildConnector, type Compiled, type View } from '../build/connector.ts';
import { jobOf, type Job } from '../build/connectors.ts';
import type { Outcome } from '../build/outcome.ts';
import type { Diagnostic } from '../core/diagnostic.ts';
import { authSections, policySentences, type AuthSection } from './auth.ts';
import { renderBody } from './body.ts';
import { listOperations, operationView, summarize, type OperationSummary, type OperationView } from './operations.ts';
import { CONNECTOR_FILES, reservedNameReason, unsafeNameReason } from '../core/url-name.ts';
import type { PackageFile } from './package.ts';
import { PAGE, schemaTable, typeLabel, type SchemaRow } from './schema.ts';
import { definitionName, isObject } from '../swagger/index.ts';

type Obj = Record<string, unknown>;
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

export interface SiteDiagnostic {
  severity: 'error' | 'warning' | 'info';
  ruleId: string;
  message: string;
  file: string;
  line: number;
  column: number;
  url: string;
  /** `file:line:col-line:col: message (rule)` as the CLI prints it. */
  text: string;
}

export interface OperationEntry extends OperationSummary {
  /**
   * URL segment of the operation's page: its operationId. Absent when that is not a safe URL
   * segment or collides with another page or file of the connector (operation-id-unsafe); the
   * operation is then listed without a page.
   */
  slug?: string;
  /** Repo-relative source file, for "edit this file". */
  file: string;
  /** The MDX body of the action or trigger file (its long documentation), rendered in safe mode. */
  docsHtml?: string;
}

/** A shared schema (`definitions`) of a connector: its page is `definitions/<slug>/`. */
export interface DefinitionEntry {
  name: string;
  /** URL segment: the name when it is a plain one, else a safe form of it (definitionNamer). */
  slug: string;
  /** `object`, `string`, `array of Item`… */
  type: string;
}

export interface DefinitionView extends DefinitionEntry {
  description: string;
  rows: SchemaRow[];
  /** The table stopped at the page's row limit (schema.ts PAGE). */
  truncated: boolean;
  /** Operations whose parameters or responses name it, and definitions whose properties do. */
  usedBy: { operations: string[]; definitions: string[] };
}

/** `info.contact` as learn.microsoft.com shows it in the Contact table. */
export interface Contact {
  name: string;
  url: string;
  email: string;
}

export interface SiteConnector {
  id: string;
  /**
   * False when the id (the folder name) is not a safe URL segment (connector-id-unsafe): the site
   * leaves the connector out, writes no package for it, and only reports its diagnostics.
   */
  published: boolean;
  title: string;
  description: string;
  version: string;
  status: string;
  publisher: string;
  stackOwner: string;
  brandColor: string;
  website: string;
  privacyPolicy: string;
  categories: string[];
  host: string;
  basePath: string;
  scheme: string;
  hasIcon: boolean;
  authKinds: string[];
  auth: AuthSection[];
  policies: string[];
  operations: OperationEntry[];
  actions: number;
  triggers: number;
  /** The shared schemas, each with its own page; their tables come from the Swagger when the page renders. */
  definitions: DefinitionEntry[];
  /** Who supports the connector (`info.contact`); absent when it names no one. */
  contact?: Contact;
  /**
   * Digest of the package's two documents: pages cache the parsed documents by it (documentsOf), so
   * that in `astro dev` a recompiled connector is read again even though its folder is the same.
   */
  revision: string;
  bodyHtml: string;
  bodyHeadings: Array<{ depth: number; text: string; id: string }>;
  /** Repo-relative path of connector.mdx. */
  sourceFile: string;
  diagnostics: SiteDiagnostic[];
  errors: number;
  warnings: number;
  /** `valid`, `warnings` or `errors`. */
  validation: 'valid' | 'warnings' | 'errors';
  /**
   * Folder holding the package exactly as `plugboard build` writes it (written by src/build
   * into the site's package folder); endpoints and pages read the documents from there, so the content store
   * stays small at a thousand connectors.
   */
  packageDir: string;
  /** Package file names, sorted. */
  packageFiles: string[];
}

/**
 * Names operation pages: an operation's page is `<operationId>/` when the operationId is a safe
 * URL segment (src/core/url-name.ts) that no file of the connector or earlier operation takes,
 * ignoring case as macOS and Windows do; otherwise it has none. `check` reports those
 * (operation-id-unsafe, operation-id-unique). Call the namer in operation order.
 */
function pageNamer(id: string, packageFileNames: readonly string[]): (operationId: string) => string | undefined {
  const taken = new Set([...CONNECTOR_FILES, `${id}.zip`, ...packageFileNames.map((n) => n.split('/')[0]!)].map((n) => n.toLowerCase()));
  return (operationId) => {
    if (unsafeNameReason(operationId) || reservedNameReason(operationId) || taken.has(operationId.toLowerCase())) return undefined;
    taken.add(operationId.toLowerCase());
    return operationId;
  };
}

function siteDiagnostic(d: Diagnostic): SiteDiagnostic {
  return {
    severity: d.severity,
    ruleId: d.ruleId,
    message: d.message,
    file: d.file,
    line: d.place?.start.line ?? 1,
    column: d.place?.start.column ?? 1,
    url: d.url ?? '',
    text: String(d),
  };
}

/**
 * The page data of a connector plugboard could not compile: titled by its id, with no
 * operations and no package, and its diagnostics (a connector-internal-error naming the failure),
 * so the catalogue and its page say what went wrong while every other connector renders.
 */
export function failedSiteConnector(id: string, display: string, diagnostics: readonly Diagnostic[]): SiteConnector {
  const site = diagnostics.map(siteDiagnostic);
  const errors = site.filter((d) => d.severity === 'error').length;
  const warnings = site.filter((d) => d.severity === 'warning').length;
  return {
    id, published: !unsafeNameReason(id), title: id, description: '', version: '', status: '', publisher: '', stackOwner: '', brandColor: '', website: '', privacyPolicy: '',
    categories: [], host: '', basePath: '/', scheme: 'https', hasIcon: false, authKinds: [], auth: [], policies: [], operations: [], actions: 0, triggers: 0,
    definitions: [], revision: '', bodyHtml: '', bodyHeadings: [], sourceFile: `${display}/connector.mdx`, diagnostics: site, errors, warnings,
    validation: errors ? 'errors' : warnings ? 'warnings' : 'valid', packageDir: '', packageFiles: [],
  };
}

/**
 * The page data of a compiled connector whose package src/build wrote (`written`). Throws when
 * plugboard fails on it: the build turns that into a connector-internal-error while building the
 * site, and siteEntry into the failed entry, so that one connector never takes the site down.
 */
export function siteConnector({ job, source, result, written }: Compiled): SiteConnector {
  const display = job.display;
  // An unsafe id names no page or zip: only its diagnostics are kept.
  if (unsafeNameReason(result.id)) return failedSiteConnector(result.id, display, result.diagnostics);
  if (!written) throw new Error('the package was not written');
  const packageDir = written.dir;
  const swagger = result.swagger as Obj;
  const apiProperties = result.apiProperties as Obj;
  const info = isObject(swagger.info) ? swagger.info : {};
  const props = isObject(apiProperties.properties) ? apiProperties.properties : {};
  const metadata = Array.isArray(swagger['x-ms-connector-metadata']) ? swagger['x-ms-connector-metadata'].filter(isObject) : [];
  const meta = (name: string) => text(metadata.find((m) => m.propertyName === name)?.propertyValue);
  const annotation = isObject(info['x-ms-api-annotation']) ? info['x-ms-api-annotation'] : {};

  // Which file each operation came from (operationId → file), and its documentation body.
  const fileOf = new Map<string, string>();
  const docsOf = new Map<string, string>();
  for (const f of [...source.actions, ...source.triggers]) {
    const data = isObject(f.data) ? f.data : {};
    const id = text(data.operationId) || f.path.split('/').pop()!.replace(/\.mdx?$/, '');
    fileOf.set(id, f.path);
    if (f.frontMatter.body.trim()) docsOf.set(id, renderBody(f.frontMatter.body).html);
  }
  const sourceFile = source.connector?.path ?? `${display}/connector.mdx`;
  const pageOf = pageNamer(result.id, written.files);
  const operations: OperationEntry[] = listOperations(swagger).map(({ method, path, op }) => {
    const s = summarize(method, path, op);
    const docsHtml = docsOf.get(s.operationId);
    const slug = pageOf(s.operationId);
    return { ...s, ...(slug !== undefined ? { slug } : {}), file: fileOf.get(s.operationId) ?? sourceFile, ...(docsHtml ? { docsHtml } : {}) };
  });
  const definitionSchemas = isObject(swagger.definitions) ? swagger.definitions : {};
  const slugOf = definitionNamer(written.files);
  const definitions = Object.entries(definitionSchemas).map(([name, schema]) => ({ name, slug: slugOf(name), type: typeLabel(schema, definitionSchemas) || 'object' }));
  const contact = contactOf(info.contact);
  const securityDefinitions = isObject(swagger.securityDefinitions) ? swagger.securityDefinitions : {};
  const auth = authSections(result.id, apiProperties, securityDefinitions);
  const diagnostics = result.diagnostics.map(siteDiagnostic);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const body = renderBody(source.connector?.frontMatter.body ?? '', { dropTitle: true });
  const visible = operations.filter((o) => !o.internal);
  return {
    id: result.id,
    published: true,
    title: text(info.title) || result.id,
    description: text(info.description),
    version: text(info.version),
    status: text(annotation.status),
    publisher: text(props.publisher),
    stackOwner: text(props.stackOwner),
    brandColor: /^#[0-9a-fA-F]{3,8}$/.test(text(props.iconBrandColor)) ? text(props.iconBrandColor) : '',
    website: meta('Website'),
    privacyPolicy: meta('Privacy policy'),
    categories: meta('Categories').split(';').map((c) => c.trim()).filter(Boolean),
    host: text(swagger.host),
    basePath: text(swagger.basePath) || '/',
    scheme: Array.isArray(swagger.schemes) && typeof swagger.schemes[0] === 'string' ? swagger.schemes[0] : 'https',
    hasIcon: result.assets.has('icon.png'),
    authKinds: [...new Set(auth.map((a) => a.kind))],
    auth,
    policies: policySentences(apiProperties),
    operations,
    actions: visible.filter((o) => o.kind === 'action').length,
    triggers: visible.filter((o) => o.kind !== 'action').length,
    definitions,
    ...(contact ? { contact } : {}),
    revision: createHash('sha256').update(JSON.stringify(swagger)).update('\0').update(JSON.stringify(apiProperties)).digest('hex').slice(0, 16),
    bodyHtml: body.html,
    bodyHeadings: body.headings,
    sourceFile,
    diagnostics,
    errors,
    warnings,
    validation: errors ? 'errors' : warnings ? 'warnings' : 'valid',
    packageDir,
    packageFiles: written.files,
  };
}

/** The site's view step of src/build: page data, made in the thread that compiled the connector. */
export const SITE_VIEW: View<SiteConnector> = { phase: 'building the site', make: siteConnector };

/**
 * The entry of a built connector: its page data, or, when plugboard failed on it (in any phase,
 * or its worker thread died), the failed entry with its connector-internal-error.
 */
export function siteEntry(job: Pick<Job, 'id' | 'display'>, outcome: Outcome<SiteConnector>): SiteConnector {
  return outcome.view ?? failedSiteConnector(job.id, job.display.replace(/\/+$/, ''), outcome.diagnostics);
}

/** Builds one connector in this thread, its package under `packageRoot/<id>/`, and returns its entry. Never throws. */
export function buildSiteConnector(dir: string, display: string, packageRoot: string): SiteConnector {
  const job = jobOf(dir, process.cwd(), () => display);
  return siteEntry(job, buildConnector(job, { outDir: packageRoot, view: SITE_VIEW }));
}

interface Documents {
  swagger: Obj;
  apiProperties: Obj;
  /** Definition name → operationIds and definition names that refer to it; made on first use. */
  usage?: Map<string, { operations: string[]; definitions: string[] }>;
}

/**
 * Parsed documents of a stored connector; the last few are kept, since pages render connector by
 * connector. Keyed by folder and revision: in `astro dev` the folder stays while its files change.
 */
const parsed = new Map<string, Documents>();
export function documentsOf(c: Pick<SiteConnector, 'packageDir' | 'revision'>): Documents {
  const key = `${c.packageDir}\0${c.revision}`;
  let docs = parsed.get(key);
  if (!docs) {
    docs = {
      swagger: JSON.parse(readFileSync(join(c.packageDir, 'apiDefinition.swagger.json'), 'utf8')) as Obj,
      apiProperties: JSON.parse(readFileSync(join(c.packageDir, 'apiProperties.json'), 'utf8')) as Obj,
    };
    parsed.set(key, docs);
    if (parsed.size > 4) parsed.delete(parsed.keys().next().value!);
  }
  return docs;
}

/** The full view of one operation of a connector. */
export function operationDetail(c: Pick<SiteConnector, 'packageDir' | 'revision' | 'title'>, op: Pick<OperationEntry, 'method' | 'path'>): OperationView | undefined {
  const { swagger, apiProperties } = documentsOf(c);
  return operationView({ title: c.title }, swagger, apiProperties, op.method, op.path);
}

/** For getCollection: the connectors the site publishes pages for (see SiteConnector.published). */
export function isPublished(entry: { data: unknown }): boolean {
  return (entry.data as SiteConnector).published;
}

/** The package files of a stored connector, byte for byte what `plugboard build` writes. */
export function connectorPackage(c: Pick<SiteConnector, 'packageDir' | 'packageFiles'>): PackageFile[] {
  return c.packageFiles.map((name) => ({ name, base64: readFileSync(join(c.packageDir, name)).toString('base64') }));
}

/** One package file's bytes. */
export function packageBytes(c: Pick<SiteConnector, 'packageDir' | 'packageFiles'>, name: string): Buffer | undefined {
  return c.packageFiles.includes(name) ? readFileSync(join(c.packageDir, name)) : undefined;
}

/**
 * Names definition pages: a definition's page is `definitions/<name>/` when its name is plain
 * (letters, digits, `_`, `-`, `.`, `~`: what real connectors use); any other character becomes
 * `-`, and a name already taken (ignoring case, as macOS and Windows do), a file of the package
 * under `definitions/` or a connector file name gets `-2`, `-3`… Call it in definition order.
 */
export function definitionNamer(packageFileNames: readonly string[] = []): (name: string) => string {
  const taken = new Set([...CONNECTOR_FILES, ...packageFileNames.filter((n) => n.startsWith('definitions/')).map((n) => n.split('/')[1]!)].map((n) => n.toLowerCase()));
  return (name) => {
    const base = name.replace(/[^A-Za-z0-9_.~-]+/g, '-').slice(0, 100).replace(/^[.-]+/, '') || 'definition';
    let slug = base;
    for (let n = 2; taken.has(slug.toLowerCase()); n++) slug = `${base}-${n}`;
    taken.add(slug.toLowerCase());
    return slug;
  };
}

/** `info.contact` with at least one of name, URL and email, as text. */
function contactOf(raw: unknown): Contact | undefined {
  if (!isObject(raw)) return undefined;
  const contact = { name: text(raw.name), url: text(raw.url), email: text(raw.email) };
  return contact.name || contact.url || contact.email ? contact : undefined;
}

/** The `$ref` names a schema mentions itself, not through the definitions it names. */
function refsIn(node: unknown, out: Set<string>, depth = 0): Set<string> {
  if (depth > 64) return out;
  if (Array.isArray(node)) for (const v of node) refsIn(v, out, depth + 1);
  else if (isObject(node)) {
    const name = definitionName(node.$ref);
    if (name) out.add(name);
    for (const [k, v] of Object.entries(node)) if (k !== '$ref') refsIn(v, out, depth + 1);
  }
  return out;
}

/** Which operations and definitions name each definition (their parameters, responses, properties). */
function usageOf(docs: Documents): NonNullable<Documents['usage']> {
  if (docs.usage) return docs.usage;
  const usage: NonNullable<Documents['usage']> = new Map();
  const entry = (name: string) => {
    let u = usage.get(name);
    if (!u) usage.set(name, (u = { operations: [], definitions: [] }));
    return u;
  };
  for (const { method, path, op, item } of listOperations(docs.swagger)) {
    const names = refsIn([op.parameters, op.responses, item.parameters, item['x-ms-notification-content']], new Set());
    const id = summarize(method, path, op).operationId;
    for (const name of names) entry(name).operations.push(id);
  }
  const definitions = isObject(docs.swagger.definitions) ? docs.swagger.definitions : {};
  for (const [from, schema] of Object.entries(definitions)) {
    for (const name of refsIn(schema, new Set())) if (name !== from) entry(name).definitions.push(from);
  }
  docs.usage = usage;
  return usage;
}

/** The page of one shared schema: its table within the page's limits, and where it is used. */
export function definitionDetail(c: Pick<SiteConnector, 'packageDir' | 'revision' | 'definitions'>, slug: string): DefinitionView | undefined {
  const entry = c.definitions.find((d) => d.slug === slug);
  if (!entry) return undefined;
  const docs = documentsOf(c);
  const definitions = isObject(docs.swagger.definitions) ? docs.swagger.definitions : {};
  const schema = definitions[entry.name];
  const table = schemaTable(schema, definitions, PAGE);
  return {
    ...entry,
    description: isObject(schema) ? text(schema.description) : '',
    rows: table.rows.filter((r) => r.visibility !== 'internal'),
    truncated: table.truncated,
    usedBy: usageOf(docs).get(entry.name) ?? { operations: [], definitions: [] },
  };
}

/**
 * What a note about another operation of the connector links to ("Choices from …"): its page
 * when it has one; an internal operation has none (the site leaves it out, as the designer hides
 * it), so the note shows its method and path instead. Undefined when no operation has that id.
 */
export function operationRef(c: Pick<SiteConnector, 'operations'>, operationId: string): { slug?: string; internal?: { method: string; path: string } } | undefined {
  const op = c.operations.find((o) => o.operationId === operationId);
  if (!op) return undefined;
  if (op.internal) return { internal: { method: op.method.toUpperCase(), path: op.path } };
  return op.slug !== undefined ? { slug: op.slug } : {};
}
