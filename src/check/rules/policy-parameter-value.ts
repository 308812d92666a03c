import { POLICY_TEMPLATES } from '../../model/policy.ts';
import { defineRule } from '../define-rule.ts';
import { CONNECTOR_LINES, GET_ITEM, mdx } from '../examples.ts';
import { isObject, type Json } from '../../swagger/index.ts';
import { jsonType, or, show } from '../text.ts';

const PREFIX = 'x-ms-apimTemplateParameter.';
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** Allowed values of a parameter, by template (`*` for every template); an expression (`@…`) is always allowed. */
const VALUES: Record<string, Record<string, readonly string[]>> = {
  setheader: { existsAction: ['override', 'skip', 'append'] },
  setqueryparameter: { existsAction: ['override', 'skip', 'append'] },
  routerequesttoendpoint: { httpMethod: METHODS },
  setvaluefromurl: { httpMethod: ['GET', 'POST', 'PUT'] },
  convertarraytoobject: { retainKey: ['true', 'false'] },
};

/** Parameters that are not strings. */
const OBJECTS = new Set(['triggerConfig']);

const setheader = (extra: readonly string[]) =>
  mdx([...CONNECTOR_LINES, 'policies:', '  - template: setheader', '    parameters:', '      name: Accept', '      value: application/json', ...extra.map((l) => `      ${l}`)]);

export default defineRule({
  id: 'policy-parameter-value',
  area: 'policy',
  severity: 'warning',
  description: 'The parameters of a policy template instance have the shape the template reads: the section, `existsAction`, `httpMethod`, the operation list.',
  rationale:
    'The gateway reads `x-ms-apimTemplate-policySection` as Request, Response or Failure (Failure only for `setheader`), `existsAction` as override, skip or append, and an HTTP method for `routerequesttoendpoint` and `setvaluefromurl`; ' +
    'template parameters are strings (expressions like `@connectionParameters(\'host\')` included) but for the `triggerConfig` map of `pollingtrigger`. Any other value is ignored or fails the call at run time. ' +
    'A warning: the platform imports the definition, and the policy is what misbehaves.',
  examples: {
    ok: [{ 'connector.mdx': setheader(['existsAction: skip']), 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: { 'connector.mdx': setheader(['existsAction: replace']), 'actions/GetItem.mdx': GET_ITEM },
        output: ['connector.mdx:10:21-10:28: Unexpected `existsAction` `replace` of policy template `setheader`, expected override, skip or append (policy-parameter-value)'],
      },
    ],
  },
  check({ apiProperties, report }) {
    const instances = apiProperties?.properties?.policyTemplateInstances;
    if (!Array.isArray(instances)) return;
    instances.forEach((instance, i) => {
      if (!isObject(instance) || typeof instance.templateId !== 'string' || !isObject(instance.parameters)) return;
      const id = instance.templateId;
      const key = id.toLowerCase();
      if (!POLICY_TEMPLATES[key]) return; // Unknown templates are policy-template-parameters'.
      const base = `/properties/policyTemplateInstances/${i}/parameters`;
      const bad = (name: string, message: string) => report({ message, at: `${base}/${name.replaceAll('~', '~0').replaceAll('/', '~1')}`, doc: 'apiProperties', args: [id, name] });
      for (const [name, value] of Object.entries(instance.parameters) as Array<[string, Json]>) {
        if (name === 'x-ms-apimTemplate-policySection') {
          const sections = key === 'setheader' ? ['Request', 'Response', 'Failure'] : ['Request', 'Response'];
          if (typeof value !== 'string' || !sections.some((s) => s.toLowerCase() === value.toLowerCase())) {
            bad(name, `Unexpected policy section ${show(value)} of policy template \`${id}\`, expected ${or(sections)}`);
          }
          continue;
        }
        if (name === 'x-ms-apimTemplate-operationName') {
          const ok = typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
          if (!ok) bad(name, `Expected the operations of policy template \`${id}\` to be a list of operationIds, not ${jsonType(value)}`);
          continue;
        }
        if (!name.startsWith(PREFIX)) continue;
        const param = name.slice(PREFIX.length);
        if (OBJECTS.has(param)) {
          if (!isObject(value)) bad(name, `Expected \`${param}\` of policy template \`${id}\` to be an object, not ${jsonType(value)}`);
          continue;
        }
        if (typeof value !== 'string') {
          // Booleans and numbers are read as their text by the gateway; objects and lists are not.
          if (isObject(value) || Array.isArray(value)) bad(name, `Expected \`${param}\` of policy template \`${id}\` to be a string, not ${jsonType(value)}`);
          continue;
        }
        const allowed = VALUES[key]?.[param];
        if (!allowed || value.startsWith('@') || allowed.some((a) => a.toLowerCase() === value.toLowerCase())) continue;
        bad(name, `Unexpected \`${param}\` ${show(value)} of policy template \`${id}\`, expected ${or(allowed)}`);
      }
    });
  },
});
