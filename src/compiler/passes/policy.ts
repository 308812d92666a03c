/** `policies:` → apiProperties `policyTemplateInstances`, parameters prefixed as the platform wants. */
import type { Path } from '../../core/pointer.ts';
import { setOwn } from '../../core/own.ts';
import type { SourceFile } from '../../core/source-file.ts';
import type { CompileContext } from '../context.ts';
import { isObject } from '../../swagger/index.ts';

type Obj = Record<string, unknown>;

/** `at`: where the policy was written, so findings on its output land on the author's keys. */
export function compilePolicy(policy: unknown, at?: { ctx: CompileContext; file: SourceFile; path: Path }): unknown {
  if (!isObject(policy)) return policy;
  const out: Obj = {};
  const parameters: Obj = {};
  const from = (node: Obj, key: string, src: string[]) => at?.ctx.trackKey(node, key, at.file, [...at.path, ...src]);
  at?.ctx.track(out, at.file, at.path);
  at?.ctx.track(parameters, at.file, [...at.path, 'parameters']);
  for (const [key, value] of Object.entries(policy)) {
    if (key === 'template') {
      out.templateId = value;
      from(out, 'templateId', [key]);
    } else if (key === 'operations') {
      parameters['x-ms-apimTemplate-operationName'] = value;
      from(parameters, 'x-ms-apimTemplate-operationName', [key]);
    } else if (key === 'section') {
      parameters['x-ms-apimTemplate-policySection'] = value;
      from(parameters, 'x-ms-apimTemplate-policySection', [key]);
    } else if (key === 'parameters' && isObject(value)) {
      for (const [name, v] of Object.entries(value)) {
        parameters[`x-ms-apimTemplateParameter.${name}`] = v;
        from(parameters, `x-ms-apimTemplateParameter.${name}`, [key, name]);
      }
    } else setOwn(out, key, value);
  }
  out.parameters = parameters;
  return out;
}
