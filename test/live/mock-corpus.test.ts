/**
 * Every operation of the bundled connectors and of the corpus (skipped when absent) is served: the
 * request the request builder (src/swagger) makes from made values of the required parameters is
 * routed, passes validation and is answered 2xx (202 for a poll with nothing new). So the builder,
 * the router and the validator agree on paths, encodings, collection formats, forms and bodies.
 */
import { describe, expect, it } from 'vitest';
import { startMock } from '../../src/live/mock.ts';
import { sample } from '../../src/live/sample.ts';
import { analyze, buildRequest, parametersOf, type Schema } from '../../src/swagger/index.ts';
import { BUNDLED, bundled, corpus, corpusPresent, type Documents } from './mock-connectors.ts';

async function serveAll(docs: Documents[]): Promise<{ sent: number; failed: string[] }> {
  let sent = 0;
  const failed: string[] = [];
  for (const d of docs) {
    const m = await startMock(d);
    try {
      const analysis = analyze(d.swagger);
      for (const op of analysis.operations) {
        if (op.operationId === undefined) continue;
        const values: Record<string, unknown> = {};
        for (const { node: p } of parametersOf(analysis, op.visit)) {
          if (p.required !== true || typeof p.name !== 'string') continue;
          const { name, in: where, required, ...schema } = p;
          const value = where === 'body' ? sample(d.swagger, p.schema) : sample(d.swagger, schema as Schema, name);
          // A required path value must not be empty (a default of '' occurs).
          values[name] = value === '' && where === 'path' ? 'x' : value;
          void required;
        }
        const request = buildRequest({ swagger: d.swagger }, op.operationId, values);
        if (!request) {
          failed.push(`${d.name} ${op.operationId}: no request`);
          continue;
        }
        const url = new URL(request.url.replace(/<[^>]*>/g, 'x'));
        const headers: Record<string, string> = { ...request.headers };
        let body: string | FormData | undefined;
        if (request.body && 'text' in request.body) {
          body = request.body.text;
          headers['content-type'] = request.body.contentType;
        } else if (request.body) {
          body = new FormData();
          for (const [key, value] of request.body.parts) body.append(key, value);
        }
        sent++;
        const response = await fetch(m.url + url.pathname + url.search, { method: request.method, headers, ...(body !== undefined ? { body } : {}) });
        const text = await response.text();
        if (response.status >= 300) failed.push(`${d.name} ${op.operationId} ${request.method} ${url.pathname}: ${response.status} ${text.slice(0, 200)}`);
      }
    } finally {
      await m.close();
    }
  }
  return { sent, failed };
}

describe('every operation is served', () => {
  it('bundled connectors', async () => {
    const { sent, failed } = await serveAll(BUNDLED.map(bundled));
    expect(failed).toEqual([]);
    expect(sent).toBeGreaterThan(20);
  }, 30_000);

  it.skipIf(!corpusPresent)('corpus connectors', async () => {
    const docs = corpus();
    const { sent, failed } = await serveAll(docs);
    console.info(`mock served ${sent} operations of ${docs.length} corpus connectors, ${failed.length} refused`);
    expect(failed).toEqual([]);
    expect(sent).toBeGreaterThan(1000);
  }, 120_000);
});
