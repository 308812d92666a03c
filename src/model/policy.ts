/** Policy templates applied by the gateway, as `apiProperties.policyTemplateInstances`. */
import { z } from 'zod';
import { table } from '../core/own.ts';
import { openObject } from './open-object.ts';

/** Known templates and their parameters (required first), from the platform's schema and docs. */
/** Without a prototype, so that `POLICY_TEMPLATES[authorsTemplate]` is undefined for `constructor`. */
export const POLICY_TEMPLATES: Readonly<Record<string, { required: string[]; optional: string[] }>> = table({
  setheader: { required: ['name', 'value'], optional: ['existsAction'] },
  setqueryparameter: { required: ['name', 'value'], optional: ['existsAction'] },
  setproperty: { required: ['newPropertyParentPathTemplate', 'newPropertySubPathTemplate', 'propertyValuePathTemplate'], optional: [] },
  routerequesttoendpoint: { required: ['newPath'], optional: ['httpMethod'] },
  dynamichosturl: { required: ['urlTemplate'], optional: [] },
  dynamicsubdomain: { required: ['urlTemplate'], optional: [] },
  convertarraytoobject: { required: ['propertyParentPath'], optional: ['propertySubPath', 'keyWithinCollectionPath', 'newPropertyPath', 'retainKey'] },
  convertobjecttoarray: { required: ['propertyParentPath'], optional: ['propertySubPath', 'newPropertyPath', 'keyName', 'valueName'] },
  stringtoarray: { required: ['propertyParentPath'], optional: ['propertySubPath', 'delimiterList', 'childPropertyName', 'newPropertyPath'] },
  stringreplace: { required: ['propertyParentPath', 'sourceString', 'replacementString'], optional: ['propertySubPath', 'newPropertyPath'] },
  encodepropertyvalue: { required: ['propertyParentPath'], optional: ['propertySubPath', 'newPropertyPath', 'encodingType'] },
  setvaluefromurl: { required: ['parameterValueUrl'], optional: ['parameterTemplate', 'parameterValuePathTemplate', 'httpMethod'] },
  updatenextlink: { required: ['nextLinkPropertyName'], optional: ['nextLinkParentPropertyPath'] },
  pollingtrigger: { required: ['triggerConfig', 'triggerDataPath'], optional: [] },
  setconnectionstatustounauthenticated: { required: ['statusCode'], optional: [] },
  moveproperties: { required: ['srcParentPath', 'dstParentPath'], optional: ['srcSubPath', 'dstSubPath', 'copyOnlySubProperties'] },
});

export const Policy = openObject(
  {
    template: z.string().describe('Template id, like `setheader`, `dynamichosturl`, `routerequesttoendpoint`.'),
    type: z.string().optional().describe('Instance type some templates carry, like `PollingTrigger`.'),
    title: z.string().optional().describe('Name shown in the Policies tab.'),
    operations: z.array(z.string()).optional().describe('operationIds it applies to. Omit for all operations.'),
    section: z.enum(['Request', 'Response', 'Failure']).optional().describe('Request (default) or Response.'),
    parameters: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('Template parameters without the `x-ms-apimTemplateParameter.` prefix, like `name` and `value` for `setheader`.'),
  },
  { what: 'a policy' },
);

export type PolicyInput = z.input<typeof Policy>;
