/**
 * Trigger sugar on import (issue 10): polling triggers of both styles become `kind: polling`,
 * webhooks in every real shape `kind: webhook`, and each compiles back to the same operation,
 * notification content and `pollingtrigger` instance. Goldens: test/fixtures/import/
 * {swagger2/trigger-webhook-shapes, powerplatform/trigger-polling-state, powerplatform/trigger-polling-policy-order}.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { report } from '../../src/check/reporter.ts';
import { CompileContext } from '../../src/compiler/context.ts';
import { connectorFromFiles } from '../../src/compiler/load.ts';
import { compileTrigger, isPollingMarker, placeTriggerPolicies } from '../../src/compiler/passes/trigger.ts';
import { SourceFile } from '../../src/core/source-file.ts';
import { desugarPolling, desugarTrigger, desugarWebhook } from '../../src/import/desugar-trigger.ts';
import { importSource } from '../../src/import/index.ts';

type Obj = Record<string, unknown>;

function compile(front: Obj, id = 'T') {
  const ctx = new CompileContext(connectorFromFiles('t', {}), report);
  return compileTrigger(front, { ctx, file: new SourceFile('t.mdx', ''), src: [] }, id)!;
}

const frontOf = (text: string): Obj => yaml.load(/^---\n([\s\S]*?)\n---/.exec(text)![1]!) as Obj;

const pollingOp = (): Obj => ({
  operationId: 'OnNewRow',
  summary: 'When a row is added',
  'x-ms-trigger': 'batch',
  'x-ms-trigger-metadata': { mode: 'polling', kind: 'query' },
  parameters: [
    { name: 'table', in: 'query', type: 'string' },
    { name: 'after', in: 'query', type: 'integer', required: true, default: 0, 'x-ms-visibility': 'internal' },
  ],
  responses: { '200': { description: 'OK', schema: { type: 'object', properties: { rows: { type: 'array', items: { type: 'object' } } } } } },
});
const pollingPolicy = (): Obj => ({
  templateId: 'pollingtrigger',
  title: 'Rows',
  parameters: {
    'x-ms-apimTemplate-operationName': ['OnNewRow'],
    'x-ms-apimTemplateParameter.triggerConfig': { after: '@{triggerBody().rows[0].id}' },
    'x-ms-apimTemplateParameter.triggerDataPath': '@triggerBody().rows.items',
  },
});

describe('polling triggers', () => {
  it('style A: the state parameter and its pollingtrigger instance become state and items', () => {
    const op = pollingOp();
    const front = desugarPolling(op, 'get', '/rows', 'OnNewRow', pollingPolicy())!;
    expect(front).toMatchObject({
      kind: 'polling',
      items: 'rows.items',
      state: { parameter: 'after', next: '@{triggerBody().rows[0].id}', initial: 0, title: 'Rows', type: false },
    });
    // The compiler fills required, default and visibility back in.
    expect(front.parameters).toEqual({ table: { type: 'string' }, after: { type: 'integer' } });
    const compiled = compile(front, 'OnNewRow');
    expect(compiled.operation).toEqual(op);
    expect(compiled.policy).toEqual(pollingPolicy());
  });

  it('style B: API-managed state, single, without metadata', () => {
    const op: Obj = {
      operationId: 'OnChange',
      'x-ms-trigger': 'single',
      parameters: [{ name: 'state', in: 'query', type: 'string', 'x-ms-visibility': 'internal' }],
      responses: { '200': { description: 'New' }, '202': { description: 'Nothing new', headers: { Location: { type: 'string' }, 'Retry-After': { type: 'integer' } } } },
    };
    const [candidate] = desugarTrigger(op, { get: op }, 'get', '/changes', 'OnChange');
    expect(candidate!.front).toMatchObject({ kind: 'polling', batch: false, metadata: false });
    expect(candidate!.front).not.toHaveProperty('state');
    const compiled = compile(candidate!.front, 'OnChange');
    expect(compiled.operation).toEqual(op);
    expect(compiled.policy).toBeUndefined();
  });

  it('a policy the sugar cannot say gives the stateless candidate only', () => {
    const odd = pollingPolicy();
    (odd.parameters as Obj)['x-ms-apimTemplateParameter.triggerConfig'] = { after: 'x', 'x-ms-triggerConfig-nextLink': '@odata.nextLink' };
    const candidates = desugarTrigger(pollingOp(), {}, 'get', '/rows', 'OnNewRow', { policy: odd });
    expect(candidates.map((c) => Boolean(c.consumedPolicy))).toEqual([false]);
    const missing = { ...pollingOp(), parameters: [] };
    expect(desugarPolling(missing, 'get', '/rows', 'OnNewRow', pollingPolicy())).toBeUndefined();
  });

  it('odd shapes give no candidate and never throw', () => {
    const odd: unknown[] = [null, 5, 'x', [], { 'x-ms-trigger': 7 }, { 'x-ms-trigger': 'batch', 'x-ms-trigger-metadata': 'polling' }, { 'x-ms-trigger': 'single', parameters: 'body' }];
    for (const op of odd) {
      const candidates = () => desugarTrigger((op ?? {}) as Obj, { 'x-ms-notification-content': op } as Obj, 'get', '/x', 'X', { policy: op as Obj, definitions: op as Obj });
      expect(candidates).not.toThrow();
    }
    expect(desugarTrigger({ 'x-ms-trigger': 7 }, {}, 'get', '/x', 'X')).toEqual([]);
  });

  it('a marker in `policies` places the generated instance; the rest are appended', () => {
    const generated = [{ templateId: 'pollingtrigger', parameters: { 'x-ms-apimTemplate-operationName': ['B'] } }, { templateId: 'pollingtrigger', parameters: { 'x-ms-apimTemplate-operationName': ['A'] } }];
    const written = [{ template: 'pollingtrigger', operations: ['A'] }, { template: 'setheader', parameters: {} }];
    const compiled: unknown[] = [{ templateId: 'pollingtrigger' }, { templateId: 'setheader' }];
    placeTriggerPolicies(compiled, written, generated);
    expect(compiled[0]).toEqual({ templateId: 'pollingtrigger', parameters: { 'x-ms-apimTemplate-operationName': ['A'] } });
    expect(generated.map((p) => p.parameters['x-ms-apimTemplate-operationName'][0])).toEqual(['B']);
    expect(isPollingMarker({ template: 'pollingtrigger', operations: ['A'], title: 'x' })).toBe(false);
  });
});

describe('webhook triggers', () => {
  const callback = { type: 'string', 'x-ms-notification-url': true, 'x-ms-visibility': 'internal' };

  it('a body written without `required` becomes callbackRequired: false', () => {
    const op: Obj = { operationId: 'OnHook', 'x-ms-trigger': 'single', parameters: [{ name: 'body', in: 'body', schema: { type: 'object', properties: { hook: callback } } }], responses: { '201': { description: 'Created' } } };
    const item = { post: op, 'x-ms-notification-content': { description: 'Event' } };
    const front = desugarWebhook(op, item, 'post', '/hooks', 'OnHook')!;
    expect(front).toMatchObject({ kind: 'webhook', callback: 'hook', callbackRequired: false, payloadDescription: 'Event' });
    expect(front).not.toHaveProperty('payload');
    const compiled = compile(front, 'OnHook');
    expect(compiled.operation).toEqual(op);
    expect(compiled.notificationContent).toEqual(item['x-ms-notification-content']);
  });

  it('a body `$ref` names the callback property of its definition; a batch webhook says batch', () => {
    const op: Obj = { operationId: 'OnHook', 'x-ms-trigger': 'batch', parameters: [{ name: 'body', in: 'body', required: true, schema: { $ref: '#/definitions/Sub' } }], responses: { '200': { description: 'OK' } } };
    const content = { schema: { type: 'array', items: { type: 'object' } }, name: 'body', in: 'body' };
    const definitions = { Sub: { type: 'object', properties: { notifyUrl: callback } } };
    const [candidate] = desugarTrigger(op, { post: op, 'x-ms-notification-content': content }, 'post', '/subs', 'OnHook', { definitions });
    expect(candidate!.front).toMatchObject({ kind: 'webhook', callback: 'notifyUrl', batch: true, notificationContent: { name: 'body', in: 'body' } });
    const compiled = compile(candidate!.front, 'OnHook');
    expect(compiled.operation).toEqual(op);
    expect(compiled.notificationContent).toEqual(content);
  });

  it('a generated callback chain is left to the compiler, down to the body', () => {
    const op: Obj = {
      operationId: 'OnHook',
      'x-ms-trigger': 'single',
      parameters: [{ name: 'body', in: 'body', required: true, schema: { type: 'object', required: ['target'], properties: { target: { type: 'object', required: ['url'], properties: { url: callback } } } } }],
      responses: { '201': { description: 'Created' } },
    };
    const front = desugarWebhook(op, { 'x-ms-notification-content': { schema: { type: 'object' } } }, 'post', '/hooks', 'OnHook')!;
    expect(front).not.toHaveProperty('parameters');
    expect(front).not.toHaveProperty('body');
    expect(front.callback).toBe('target.url');
    expect(compile(front, 'OnHook').operation).toEqual(op);
  });
});

describe('import: policy instances of polling triggers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plugboard-trigger-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('raw policyTemplateInstances cannot hold a marker: the trigger keeps its sugar without state, lossless', () => {
    const op = pollingOp();
    writeFileSync(join(dir, 'apiDefinition.swagger.json'), JSON.stringify({ swagger: '2.0', info: { title: 'Rows', version: '1.0' }, host: 'x.example.com', paths: { '/rows': { get: op } } }));
    // A policy instance without `parameters` has no sugar, so the list stays raw.
    const odd = { templateId: 'custom', title: 'No parameters' };
    writeFileSync(join(dir, 'apiProperties.json'), JSON.stringify({ properties: { policyTemplateInstances: [pollingPolicy(), odd] } }));
    writeFileSync(join(dir, 'readme.md'), '# Rows\n');
    const result = importSource(dir);
    expect(result.diagnostics.filter((d) => d.ruleId === 'import-not-lossless').map(String)).toEqual([]);
    const trigger = frontOf(result.files.get('triggers/OnNewRow.mdx') as string);
    expect(trigger.kind).toBe('polling');
    expect(trigger).not.toHaveProperty('state');
    expect(frontOf(result.files.get('connector.mdx') as string).policyTemplateInstances).toEqual([pollingPolicy(), odd]);
  });
});
