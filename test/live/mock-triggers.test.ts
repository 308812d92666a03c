/**
 * Trigger classification over the corpus (skipped when absent) agrees with the importer's count
 * (README "Triggers in detail": 104 triggers, 75 webhooks, 29 polling), and the trigger body paths
 * of `triggerDataPath` read as the platform writes them.
 */
import { describe, expect, it } from 'vitest';
import { triggerBodyPath, triggersOf } from '../../src/live/triggers.ts';
import { analyze } from '../../src/swagger/index.ts';
import { bundled, corpus, corpusPresent } from './mock-connectors.ts';

describe('triggersOf', () => {
  it('reads the bundled triggers', () => {
    const github = triggersOf(bundled('github-issues').swagger, bundled('github-issues').apiProperties);
    expect([...github.values()]).toEqual([expect.objectContaining({ kind: 'webhook', operationId: 'WhenIssueChanged', callback: ['config', 'url'] })]);
    const mailchimp = bundled('mailchimp-audiences');
    expect([...triggersOf(mailchimp.swagger, mailchimp.apiProperties).values()]).toEqual([
      expect.objectContaining({ kind: 'polling', operationId: 'WhenContactSubscribes', state: 'since_timestamp_opt', items: ['members'] }),
    ]);
  });

  it.skipIf(!corpusPresent)('classifies every trigger of the corpus as the importer does', () => {
    const docs = corpus();
    let triggers = 0;
    const kinds = { webhook: 0, polling: 0 };
    for (const d of docs) {
      triggers += analyze(d.swagger).operations.filter((op) => op.visit.node['x-ms-trigger'] !== undefined).length;
      for (const t of triggersOf(d.swagger, d.apiProperties).values()) kinds[t.kind]++;
    }
    console.info(`corpus triggers: ${triggers}, ${kinds.webhook} webhook, ${kinds.polling} polling`);
    expect({ triggers, ...kinds }).toEqual({ triggers: 104, webhook: 75, polling: 29 });
  });
});

describe('triggerBodyPath', () => {
  it.each([
    ['@triggerBody()', []],
    ['@triggerBody().members', ['members']],
    ['@{triggerBody().data.items}', ['data', 'items']],
    ["@triggerBody()?['value']", ['value']],
    ['@triggerOutputs().body', undefined],
    ['@triggerBody().a[0]', undefined],
  ] as const)('%s', (expression, path) => {
    expect(triggerBodyPath(expression)).toEqual(path);
  });
});
