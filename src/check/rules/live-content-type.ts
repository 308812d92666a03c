import { defineRule } from '../define-rule.ts';
import { ITEMS, exchange, itemsFolder } from '../live-examples.ts';
import { declaredResponse, liveOperation, mediaType, produced, producesOf } from '../live.ts';

export default defineRule({
  id: 'live-content-type',
  area: 'live',
  severity: 'error',
  description: 'A response with a body has a `Content-Type` the operation declares in `produces`.',
  rationale:
    'The platform parses a body by its content type: HTML from a login page or a proxy\'s error page where JSON was declared reaches the flow as text, and every property of the schema is empty.',
  examples: { ok: [itemsFolder()], notOk: [] },
  liveExamples: {
    ok: [{ files: itemsFolder(), exchange: exchange(200, ITEMS, { 'content-type': 'application/json; charset=utf-8' }) }],
    notOk: [{ files: itemsFolder(), exchange: exchange(200, '<html>Sign in</html>', { 'content-type': 'text/html' }), output: ['actions/ListItems.mdx:5:3-5:8: Unexpected content type `text/html` from `ListItems`, expected `application/json` (live-content-type)'] }],
  },
  live({ swagger, exchange, report }) {
    if (exchange.status === undefined || exchange.failure || !exchange.body) return;
    const op = liveOperation(swagger, exchange.operationId);
    const declared = op && declaredResponse(op, exchange.status);
    if (!op || !declared || declared.response.schema === undefined) return;
    const produces = producesOf(swagger, op);
    const type = mediaType(exchange.headers?.['content-type']);
    if (produces.length === 0 || (type && produced(type, produces))) return;
    report({ message: `Unexpected content type ${type ? `\`${type}\`` : 'none'} from \`${exchange.operationId}\`, expected ${produces.map((p) => `\`${p}\``).join(' or ')}`, at: declared.pointer, onKey: true, args: [exchange.operationId, declared.key] });
  },
});
