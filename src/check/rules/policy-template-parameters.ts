import { suggest } from '../../model/open-object.ts';
import { POLICY_TEMPLATES } from '../../model/policy.ts';
import { defineRule } from '../define-rule.ts';
import { CONNECTOR, CONNECTOR_LINES, GET_ITEM, mdx } from '../examples.ts';
import { isObject } from '../../swagger/index.ts';

const PREFIX = 'x-ms-apimTemplateParameter.';

export default defineRule({
  id: 'policy-template-parameters',
  area: 'policy',
  severity: 'error',
  description: 'Each policy template instance names a known template and gives its required parameters.',
  rationale:
    'The gateway only runs the templates it knows (`setheader`, `routerequesttoendpoint`, `dynamichosturl`, …; the id is case-insensitive), and a template without its required parameters ' +
    '(`name` and `value` for `setheader`, `urlTemplate` for `dynamichosturl`) fails at import or does nothing at run time.',
  examples: {
    ok: [
      {
        'connector.mdx': mdx([
          ...CONNECTOR_LINES,
          'policies:',
          '  - template: setheader',
          '    parameters:',
          '      name: Accept',
          '      value: application/json',
        ]),
        'actions/GetItem.mdx': GET_ITEM,
      },
    ],
    notOk: [
      {
        files: {
          'connector.mdx': mdx([...CONNECTOR_LINES, 'policies:', '  - template: setheader', '    parameters:', '      name: Accept']),
          'actions/GetItem.mdx': GET_ITEM,
        },
        output: ['connector.mdx:8:7-8:19: Missing parameter `value` of policy template `setheader` (policy-template-parameters)'],
      },
      {
        files: {
          'connector.mdx': mdx([...CONNECTOR_LINES, 'policies:', '  - template: sethedaer', '    parameters:', '      name: Accept', '      value: application/json']),
          'actions/GetItem.mdx': GET_ITEM,
        },
        output: ['connector.mdx:6:15-6:24: Unknown policy template `sethedaer`, did you mean `setheader`? (policy-template-parameters)'],
      },
    ],
  },
  check({ apiProperties, report }) {
    const instances = apiProperties?.properties?.policyTemplateInstances;
    if (!Array.isArray(instances)) return;
    const known = Object.keys(POLICY_TEMPLATES);
    instances.forEach((instance, i) => {
      const base = `/properties/policyTemplateInstances/${i}`;
      if (!isObject(instance)) return;
      const id = instance.templateId;
      if (typeof id !== 'string') {
        report({ message: 'Missing `templateId` in policy template instance', at: base, doc: 'apiProperties', args: [] });
        return;
      }
      const template = POLICY_TEMPLATES[id.toLowerCase()];
      if (!template) {
        const hint = suggest(id.toLowerCase(), known);
        report({
          message: `Unknown policy template \`${id}\`${hint ? `, did you mean \`${hint}\`?` : `; expected one of ${known.join(', ')}`}`,
          at: `${base}/templateId`,
          doc: 'apiProperties',
          args: [id],
        });
        return;
      }
      const parameters = isObject(instance.parameters) ? instance.parameters : {};
      for (const name of template.required) {
        if (parameters[PREFIX + name] !== undefined) continue;
        report({
          message: `Missing parameter \`${name}\` of policy template \`${id}\``,
          at: isObject(instance.parameters) ? `${base}/parameters` : base,
          doc: 'apiProperties',
          args: [id, name],
        });
      }
    });
  },
});
