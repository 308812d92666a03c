import { suggest } from '../../model/open-object.ts';
import { defineRule } from '../define-rule.ts';
import { CONNECTOR, CONNECTOR_LINES, GET_ITEM, mdx } from '../examples.ts';
import { analyze, isObject } from '../../swagger/index.ts';

const connector = (operation: string) =>
  mdx([
    ...CONNECTOR_LINES,
    'policies:',
    '  - template: setheader',
    `    operations: [${operation}]`,
    '    parameters:',
    '      name: Accept',
    '      value: application/json',
  ]);

export default defineRule({
  id: 'policy-operation-exists',
  area: 'policy',
  severity: 'warning',
  description: 'Operations named by a policy template instance exist.',
  rationale:
    'A policy applies to the operations listed in `x-ms-apimTemplate-operationName`. A name that matches no operationId, often after a rename, silently turns the policy off for that operation. ' +
    'A warning, not an error: the platform imports it and the other operations keep the policy (certified Planner names `ListTasks_V2` and `UpdateTaskDetails` it no longer has).',
  examples: {
    ok: [{ 'connector.mdx': connector('GetItem'), 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: { 'connector.mdx': connector('GetItme'), 'actions/GetItem.mdx': GET_ITEM },
        output: ['connector.mdx:7:18-7:25: Unknown operation `GetItme` in policy `setheader`, did you mean `GetItem`? (policy-operation-exists)'],
      },
    ],
  },
  check({ swagger, apiProperties, report }) {
    const instances = apiProperties?.properties?.policyTemplateInstances;
    if (!Array.isArray(instances)) return;
    const analysis = analyze(swagger);
    const ids = [...analysis.operationsById.keys()];
    instances.forEach((instance, i) => {
      if (!isObject(instance) || !isObject(instance.parameters)) return;
      const names = instance.parameters['x-ms-apimTemplate-operationName'];
      const list = Array.isArray(names) ? names : names === undefined ? [] : [names];
      const base = `/properties/policyTemplateInstances/${i}/parameters/x-ms-apimTemplate-operationName`;
      list.forEach((name, j) => {
        if (typeof name !== 'string' || analysis.operationsById.has(name)) return;
        const hint = suggest(name, ids);
        const template = typeof instance.templateId === 'string' ? instance.templateId : 'policy';
        report({
          message: `Unknown operation \`${name}\` in policy \`${template}\`${hint ? `, did you mean \`${hint}\`?` : '; no operation has this operationId'}`,
          at: Array.isArray(names) ? `${base}/${j}` : base,
          doc: 'apiProperties',
          args: [template, name],
        });
      });
    });
  },
});
