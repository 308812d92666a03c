import { analyze } from '../../swagger/index.ts';
import { defineRule } from '../define-rule.ts';
import { ITEMS, exchange, itemsFolder, pollingFolder } from '../live-examples.ts';
import { declaredResponse, liveOperation } from '../live.ts';
import { webhookOf } from '../webhook.ts';

export default defineRule({
  id: 'live-status-undeclared',
  area: 'live',
  severity: 'error',
  description: 'The API answered with a status code the operation does not declare (nor its class `4XX`, nor `default`); a polling trigger may answer 202, its "nothing new".',
  rationale:
    'Flows branch on declared responses and read their schemas; a status the definition does not know gives an untyped body and a run that fails without explanation. ' +
    'Declare the status with its schema, or fix the request the test values build. ' +
    'A polling trigger\'s 202 with `Location` and `Retry-After` is the platform\'s polling contract (src/PLATFORM.md, platform-format §3), declared or not.',
  examples: { ok: [itemsFolder()], notOk: [] },
  liveExamples: {
    ok: [
      { files: itemsFolder(), exchange: exchange(200, ITEMS) },
      { files: pollingFolder(), exchange: { ...exchange(202, undefined), operationId: 'WhenItemAdded' } },
    ],
    notOk: [{ files: itemsFolder(), exchange: exchange(500, { error: 'boom' }), output: ['actions/ListItems.mdx:4:1-4:10: Unexpected status 500 from `ListItems`, expected one of 200 (live-status-undeclared)'] }],
  },
  live({ swagger, exchange, report }) {
    if (exchange.status === undefined || exchange.failure) return;
    const op = liveOperation(swagger, exchange.operationId);
    if (!op || declaredResponse(op, exchange.status)) return;
    // "Nothing new" of a polling trigger: the contract's answer, whatever the definition lists.
    if (exchange.status === 202 && op.operation['x-ms-trigger'] !== undefined) {
      const analysis = analyze(swagger);
      const entry = analysis.operationsById.get(exchange.operationId);
      if (entry && !webhookOf(analysis, entry)) return;
    }
    const declared = Object.keys(op.operation.responses ?? {}).filter((k) => !k.startsWith('x-'));
    report({ message: `Unexpected status ${exchange.status} from \`${exchange.operationId}\`, expected ${declared.length ? `one of ${declared.join(', ')}` : 'a declared response'}`, at: `${op.pointer}/responses`, onKey: true, args: [exchange.operationId, String(exchange.status)] });
  },
});
