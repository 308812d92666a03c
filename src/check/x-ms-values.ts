/**
 * Value shapes of the `x-ms-*` extensions (src/PLATFORM.md #where-extensions-may-appear, certification schema definitions).
 * Each checker returns the problems of one value, with a path relative to the value.
 */
import type { Json } from '../swagger/index.ts';
import type { Segment } from '../core/pointer.ts';
import { jsonType, or, show } from './text.ts';
import { isObject, type Visit } from '../swagger/index.ts';
import type { XmsPosition } from './x-ms-positions.ts';

export interface Problem {
  path: Segment[];
  message: string;
}

interface Context {
  name: string;
  visit: Visit;
  position: XmsPosition;
}

type Checker = (value: Json, context: Context) => Problem[];

const problem = (path: Segment[], message: string): Problem => ({ path, message });

function oneOf(values: readonly string[]): Checker {
  return (value, { name }) =>
    typeof value === 'string' && values.includes(value)
      ? []
      : [problem([], `Unexpected \`${name}\` value ${show(value)}, expected ${or(values)}`)];
}

const string: Checker = (value, { name }) =>
  typeof value === 'string' ? [] : [problem([], `Expected \`${name}\` to be a string, not ${jsonType(value)}`)];

const boolean: Checker = (value, { name }) =>
  typeof value === 'boolean' ? [] : [problem([], `Expected \`${name}\` to be \`true\` or \`false\`, not ${show(value)}`)];

/** Object check plus typed fields. */
function object(
  value: Json,
  name: string,
  fields: Record<string, 'string' | 'boolean' | 'object' | 'integer'> = {},
  required: readonly string[] = [],
): Problem[] {
  if (!isObject(value)) return [problem([], `Expected \`${name}\` to be an object, not ${jsonType(value)}`)];
  const problems: Problem[] = [];
  for (const key of required) {
    if (value[key] === undefined) problems.push(problem([], `Missing \`${key}\` in \`${name}\``));
  }
  for (const [key, type] of Object.entries(fields)) {
    const v = value[key];
    if (v === undefined) continue;
    const ok =
      type === 'object' ? isObject(v) : type === 'integer' ? typeof v === 'number' && Number.isInteger(v) : typeof v === type;
    if (!ok) problems.push(problem([key], `Expected \`${key}\` of \`${name}\` to be ${type === 'integer' ? 'an integer' : `a${type === 'object' ? 'n' : ''} ${type}`}, not ${jsonType(v)}`));
  }
  return problems;
}

/**
 * `parameters` of x-ms-dynamic-values / -schema / operation-context: each argument is a literal (any
 * JSON; file-picker calls pass arrays and null) or `{ parameter: <name> }`.
 */
function staticOrParameter(value: Json | undefined, name: string): Problem[] {
  if (value === undefined) return [];
  if (!isObject(value)) return [problem(['parameters'], `Expected \`parameters\` of \`${name}\` to be an object, not ${jsonType(value)}`)];
  const problems: Problem[] = [];
  for (const [key, arg] of Object.entries(value)) {
    if (isObject(arg) && arg.parameter !== undefined && typeof arg.parameter !== 'string') {
      problems.push(problem(['parameters', key, 'parameter'], `Expected \`parameter\` of argument \`${key}\` to be the name of a parameter, not ${jsonType(arg.parameter)}`));
    }
  }
  return problems;
}

/** `parameters` of x-ms-dynamic-list / -properties: `{ value }` or `{ parameterReference }`. */
function valueOrReference(value: Json | undefined, name: string): Problem[] {
  if (value === undefined) return [];
  if (!isObject(value)) return [problem(['parameters'], `Expected \`parameters\` of \`${name}\` to be an object, not ${jsonType(value)}`)];
  const problems: Problem[] = [];
  for (const [key, arg] of Object.entries(value)) {
    const ok =
      isObject(arg) &&
      (arg.value !== undefined) !== (typeof arg.parameterReference === 'string') &&
      (arg.value !== undefined || typeof arg.parameterReference === 'string');
    if (!ok) {
      problems.push(
        problem(['parameters', key], `Expected argument \`${key}\` of \`${name}\` to be \`{ value: <literal> }\` or \`{ parameterReference: <path> }\``),
      );
    }
  }
  return problems;
}

const dynamicValues: Checker = (value, { name }) => {
  const problems = object(value, name, { operationId: 'string', 'value-collection': 'string', 'value-path': 'string', 'value-title': 'string' });
  if (!isObject(value)) return problems;
  const sources = ['operationId', 'builtInOperation', 'capability'].filter((k) => value[k] !== undefined);
  if (sources.length !== 1) {
    problems.push(
      problem([], sources.length === 0
        ? `Missing \`operationId\` in \`${name}\`, it names the operation that returns the values`
        : `Expected only one of ${or(sources.map((s) => `\`${s}\``))} in \`${name}\``),
    );
  }
  if (value.builtInOperation !== undefined && value.builtInOperation !== 'AadGraph.GetUsers') {
    problems.push(problem(['builtInOperation'], `Unexpected \`builtInOperation\` ${show(value.builtInOperation)}, expected AadGraph.GetUsers`));
  }
  if (value.capability !== undefined && value.capability !== 'file-picker') {
    problems.push(problem(['capability'], `Unexpected \`capability\` ${show(value.capability)}, expected file-picker`));
  }
  problems.push(...staticOrParameter(value.parameters, name));
  return problems;
};

const dynamicList: Checker = (value, { name }) => {
  const problems = object(value, name, { operationId: 'string', itemsPath: 'string', itemValuePath: 'string', itemTitlePath: 'string' }, ['operationId']);
  if (isObject(value)) problems.push(...valueOrReference(value.parameters, name));
  return problems;
};

const dynamicSchema: Checker = (value, { name }) => {
  const problems = object(value, name, { operationId: 'string', 'value-path': 'string' }, ['operationId']);
  if (isObject(value)) problems.push(...staticOrParameter(value.parameters, name));
  return problems;
};

const dynamicProperties: Checker = (value, { name }) => {
  const problems = object(value, name, { operationId: 'string', itemValuePath: 'string' }, ['operationId']);
  if (isObject(value)) problems.push(...valueOrReference(value.parameters, name));
  return problems;
};

const dynamicTree: Checker = (value, { name }) => {
  const problems = object(value, name, { settings: 'object', open: 'object', browse: 'object' });
  if (!isObject(value)) return problems;
  for (const part of ['open', 'browse'] as const) {
    const step = value[part];
    if (isObject(step) && typeof step.operationId !== 'string') {
      problems.push(problem([part], `Missing \`operationId\` in \`${part}\` of \`${name}\``));
    }
  }
  return problems;
};

const enumValues: Checker = (value, { name, visit }) => {
  if (!Array.isArray(value)) return [problem([], `Expected \`${name}\` to be a list of \`{ value, displayName }\`, not ${jsonType(value)}`)];
  const node = visit.node;
  const members = Array.isArray(node.enum) ? node.enum : isObject(node.items) && Array.isArray(node.items.enum) ? node.items.enum : undefined;
  const keys = members ? new Set(members.map((m) => JSON.stringify(m))) : undefined;
  const seen = new Set<string>();
  const problems: Problem[] = [];
  value.forEach((entry, i) => {
    if (!isObject(entry)) {
      problems.push(problem([i], `Expected each \`${name}\` entry to be \`{ value, displayName }\`, not ${jsonType(entry)}`));
      return;
    }
    if (entry.value === undefined) problems.push(problem([i], `Missing \`value\` in \`${name}\` entry`));
    if (typeof entry.displayName !== 'string') problems.push(problem([i], `Missing \`displayName\` in \`${name}\` entry`));
    if (entry.value === undefined) return;
    const key = JSON.stringify(entry.value);
    if (keys && !keys.has(key)) {
      problems.push(problem([i, 'value'], `Unexpected \`${name}\` value ${show(entry.value)}, it is not in \`enum\``));
    } else if (seen.has(key)) {
      problems.push(problem([i, 'value'], `Duplicate \`${name}\` value ${show(entry.value)}`));
    }
    seen.add(key);
  });
  return problems;
};

const pageable: Checker = (value, { name }) => {
  const problems = object(value, name, {}, ['nextLinkName']);
  if (isObject(value) && value.nextLinkName !== undefined && value.nextLinkName !== 'nextLink' && value.nextLinkName !== '@odata.nextLink') {
    problems.push(problem(['nextLinkName'], `Unexpected \`nextLinkName\` ${show(value.nextLinkName)}, expected nextLink or @odata.nextLink`));
  }
  return problems;
};

const notificationUrl: Checker = (value, { name }) =>
  value === true ? [] : [problem([], `Expected \`${name}\` to be \`true\`, not ${show(value)}; remove it from properties that do not receive the callback URL`)];

const notificationContent: Checker = (value, { name }) => {
  const problems = object(value, name, { description: 'string', schema: 'object' });
  if (isObject(value) && value.schema === undefined) {
    problems.push(problem([], `Missing \`schema\` in \`${name}\`, it describes what the service posts to the callback URL`));
  }
  return problems;
};

const connectorMetadata: Checker = (value, { name }) => {
  if (!Array.isArray(value)) return [problem([], `Expected \`${name}\` to be a list of \`{ propertyName, propertyValue }\`, not ${jsonType(value)}`)];
  const problems: Problem[] = [];
  value.forEach((entry, i) => {
    if (!isObject(entry)) {
      problems.push(problem([i], `Expected each \`${name}\` entry to be \`{ propertyName, propertyValue }\`, not ${jsonType(entry)}`));
      return;
    }
    for (const key of ['propertyName', 'propertyValue']) {
      if (entry[key] === undefined) problems.push(problem([i], `Missing \`${key}\` in \`${name}\` entry`));
      else if (typeof entry[key] !== 'string') problems.push(problem([i, key], `Expected \`${key}\` to be a string, not ${jsonType(entry[key])}`));
    }
  });
  return problems;
};

const STATUSES = ['Production', 'Preview'];

const apiAnnotation: Checker = (value, { name, position }) => {
  const problems = object(value, name, position === 'operation' ? { family: 'string', revision: 'integer', replacement: 'object' } : {});
  if (!isObject(value)) return problems;
  if (value.status !== undefined && !(typeof value.status === 'string' && STATUSES.includes(value.status))) {
    problems.push(problem(['status'], `Unexpected \`status\` ${show(value.status)}, expected Production or Preview`));
  }
  if (position === 'operation') {
    if (typeof value.revision === 'number' && Number.isInteger(value.revision) && value.revision < 1) {
      problems.push(problem(['revision'], `Expected \`revision\` of \`${name}\` to be 1 or more`));
    }
    const replacement = value.replacement;
    if (isObject(replacement)) {
      for (const key of ['api', 'operationId']) {
        if (typeof replacement[key] !== 'string') problems.push(problem(['replacement'], `Missing \`${key}\` in \`replacement\` of \`${name}\``));
      }
    }
  }
  return problems;
};

const capabilities: Checker = (value, { name, position }) => {
  if (position === 'operation') return object(value, name, { chunkTransfer: 'boolean' });
  const problems = object(value, name, { testConnection: 'object', 'file-picker': 'object' });
  if (!isObject(value)) return problems;
  const test = value.testConnection;
  if (isObject(test)) {
    if (typeof test.operationId !== 'string') problems.push(problem(['testConnection'], `Missing \`operationId\` in \`testConnection\` of \`${name}\``));
    if (test.parameters !== undefined && !isObject(test.parameters)) {
      problems.push(problem(['testConnection', 'parameters'], `Expected \`parameters\` of \`testConnection\` to be an object, not ${jsonType(test.parameters)}`));
    }
  }
  const picker = value['file-picker'];
  if (isObject(picker)) {
    if (!isObject(picker.open)) problems.push(problem(['file-picker'], `Missing \`open\` in \`file-picker\` of \`${name}\``));
    for (const step of ['open', 'browse']) {
      const s = picker[step];
      if (isObject(s) && typeof s.operationId !== 'string') {
        problems.push(problem(['file-picker', step], `Missing \`operationId\` in \`${step}\` of \`file-picker\``));
      }
    }
  }
  return problems;
};

const triggerMetadata: Checker = (value, { name }) => {
  const problems = object(value, name, {}, ['kind', 'mode']);
  if (!isObject(value)) return problems;
  if (value.kind !== undefined && value.kind !== 'query') problems.push(problem(['kind'], `Unexpected \`kind\` ${show(value.kind)}, expected query`));
  if (value.mode !== undefined && value.mode !== 'polling') problems.push(problem(['mode'], `Unexpected \`mode\` ${show(value.mode)}, expected polling`));
  return problems;
};

const notification: Checker = (value, { name }) => object(value, name, { operationId: 'string' }, ['operationId']);

const operationContext: Checker = (value, { name }) => {
  const problems = object(value, name, { simulate: 'object' }, ['simulate']);
  if (isObject(value) && isObject(value.simulate)) {
    problems.push(...object(value.simulate, 'simulate', { operationId: 'string' }, ['operationId']).map((p) => ({ ...p, path: ['simulate', ...p.path] })));
    problems.push(...staticOrParameter(value.simulate.parameters, name).map((p) => ({ ...p, path: ['simulate', ...p.path] })));
  }
  return problems;
};

const triggerValue: Checker = (value, { name }) => object(value, name, { 'value-collection': 'string', 'value-path': 'string' });

const docs: Checker = (value, { name }) => {
  if (!Array.isArray(value)) return [problem([], `Expected \`${name}\` to be a list of \`{ url, description }\`, not ${jsonType(value)}`)];
  return value.flatMap((entry, i) => object(entry, name, { url: 'string', description: 'string' }, ['url']).map((p) => ({ ...p, path: [i, ...p.path] })));
};

/** The values of `x-ms-visibility`; its value is `x-ms-visibility-value`'s (a warning: the designer tolerates others). */
export const VISIBILITY_VALUES = ['important', 'advanced', 'internal'] as const;

/**
 * Whether `value-path` is missing where it matters (the called operation's items are objects) is
 * `x-ms-dynamic-response`'s, which reads that operation's response.
 */
export const X_MS_VALUE_CHECKERS: Readonly<Record<string, Checker>> = {
  'x-ms-trigger': oneOf(['single', 'batch']),
  'x-ms-url-encoding': oneOf(['single', 'double']),
  'x-ms-media-kind': oneOf(['image', 'audio']),
  'x-ms-summary': string,
  'x-ms-trigger-hint': string,
  'x-ms-no-generic-test': boolean,
  'x-ms-safe-operation': boolean,
  'x-ms-localizeDefaultValue': boolean,
  'x-ms-dynamic-values': dynamicValues,
  'x-ms-dynamic-list': dynamicList,
  'x-ms-dynamic-schema': dynamicSchema,
  'x-ms-dynamic-properties': dynamicProperties,
  'x-ms-dynamic-tree': dynamicTree,
  'x-ms-enum-values': enumValues,
  'x-ms-pageable': pageable,
  'x-ms-notification-url': notificationUrl,
  'x-ms-notification-content': notificationContent,
  'x-ms-connector-metadata': connectorMetadata,
  'x-ms-api-annotation': apiAnnotation,
  'x-ms-capabilities': capabilities,
  'x-ms-trigger-metadata': triggerMetadata,
  'x-ms-notification': notification,
  'x-ms-operation-context': operationContext,
  'x-ms-trigger-value': triggerValue,
  'x-ms-docs': docs,
};

export function checkXmsValue(name: string, value: Json, visit: Visit, position: XmsPosition): Problem[] {
  const checker = X_MS_VALUE_CHECKERS[name];
  return checker ? checker(value, { name, visit, position }) : [];
}

