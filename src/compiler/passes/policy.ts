/** `policies:` → apiProperties `policyTemplateInstances`, parameters prefixed as the platform wants. */
type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

export function compilePolicy(policy: unknown): unknown {
  if (!isObject(policy)) return policy;
  const out: Obj = {};
  const parameters: Obj = {};
  for (const [key, value] of Object.entries(policy)) {
    if (key === 'template') out.templateId = value;
    else if (key === 'title') out.title = value;
    else if (key === 'operations') parameters['x-ms-apimTemplate-operationName'] = value;
    else if (key === 'section') parameters['x-ms-apimTemplate-policySection'] = value;
    else if (key === 'parameters' && isObject(value)) {
      for (const [name, v] of Object.entries(value)) parameters[`x-ms-apimTemplateParameter.${name}`] = v;
    } else out[key] = value;
  }
  out.parameters = parameters;
  return out;
}
