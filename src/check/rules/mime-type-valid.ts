import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { analyze } from '../../swagger/index.ts';

const action = (produces: string) => mdx(['request: GET /items', 'summary: List items', `produces: ${produces}`, 'responses:', "  '200':", '    description: OK']);

/** `type/subtype` (RFC 6838 restricted names, `*` wildcards) with optional `; name=value` parameters. */
const NAME = "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}";
const MEDIA_TYPE = new RegExp(`^(?:${NAME}|\\*)/(?:${NAME}|\\*)(?:\\s*;\\s*[A-Za-z0-9!#$&^_.+-]+=(?:[^;"\\s]+|"[^"]*"))*\\s*$`);

export default defineRule({
  id: 'mime-type-valid',
  area: 'operation',
  severity: 'error',
  description: 'Each `consumes` and `produces` entry is a media type like `application/json`.',
  rationale:
    'The platform sets `Content-Type` and `Accept` from these lists and picks how to serialise the body from them; an entry that is not `type/subtype` (`json`, `application json`) cannot be sent, ' +
    'and the Swagger Validator rejects it (`MimeTypeNotValid`). Parameters such as `; charset=utf-8` are allowed.',
  platformCodes: ['MimeTypeNotValid'],
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': action('[application/json, text/csv; charset=utf-8]') }],
    notOk: [{ files: { 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': action('[json]') }, output: ['actions/ListItems.mdx:4:12-4:16: Unexpected media type `json`, expected `type/subtype` like `application/json` (mime-type-valid)'] }],
  },
  check({ swagger, report }) {
    const lists: Array<[unknown, string]> = [
      [swagger.consumes, '/consumes'],
      [swagger.produces, '/produces'],
    ];
    for (const { visit } of analyze(swagger).operations) lists.push([visit.node.consumes, visit.at('consumes')], [visit.node.produces, visit.at('produces')]);
    for (const [list, at] of lists) {
      if (!Array.isArray(list)) continue;
      list.slice(0, 200).forEach((mime, i) => {
        if (typeof mime !== 'string' || MEDIA_TYPE.test(mime)) return;
        report({ message: `Unexpected media type \`${mime}\`, expected \`type/subtype\` like \`application/json\``, at: `${at}/${i}`, args: [String(i)] });
      });
    }
  },
});
