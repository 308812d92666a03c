/**
 * One `auth` block produces both the Swagger `securityDefinitions` (+ root `security`) and
 * `apiProperties.connectionParameters` (or `connectionParameterSets` for several options).
 */
import { z } from 'zod';
import { openObject } from './open-object.ts';

/** A field of the "Create connection" dialog: an `apiProperties` connection parameter. */
export const ConnectionField = openObject(
  {
    label: z.string().optional().describe('Label in the connection dialog (`uiDefinition.displayName`).'),
    description: z.string().optional().describe('Help text under the field.'),
    tooltip: z.string().optional(),
    secret: z.boolean().optional().describe('Masked and stored encrypted (`securestring`). Default: true for keys and passwords, false otherwise.'),
    required: z.boolean().optional().describe('Default: true.'),
    hidden: z.boolean().optional(),
    clearText: z.boolean().optional().describe('Show a secret in clear text while typing.'),
    tabIndex: z.number().int().optional(),
    default: z.string().optional().describe('Default value (`defaultValue`).'),
    allowedValues: z
      .array(openObject({ value: z.string(), label: z.string().optional() }, { what: 'an allowed value' }))
      .optional()
      .describe('Choices for a dropdown.'),
  },
  { what: 'a connection field' },
);

const schemeName = z.string().optional().describe('Name of the entry in `securityDefinitions`.');
const schemeDescription = z.string().optional().describe('`description` of the entry in `securityDefinitions`.');
const extraFields = z
  .record(z.string(), ConnectionField)
  .optional()
  .describe('More connection fields, e.g. an instance name used by a `dynamichosturl` policy as `@connectionParameters(\'instance\')`.');

export const NoAuth = openObject(
  { type: z.literal('none'), fields: extraFields },
  { what: 'auth' },
);

export const ApiKeyAuth = openObject(
  {
    type: z.literal('apiKey'),
    in: z.enum(['header', 'query']).describe('Where the key is sent.'),
    name: z.string().describe('Header or query parameter name, like `X-Api-Key`. The value is sent verbatim.'),
    field: ConnectionField.optional().describe('The key field of the connection dialog.'),
    parameter: z.string().optional().describe('Connection parameter name. Default `api_key`.'),
    scheme: schemeName,
    schemeDescription,
    fields: extraFields,
  },
  { what: 'apiKey auth' },
);

export const BasicAuth = openObject(
  {
    type: z.literal('basic'),
    username: ConnectionField.optional(),
    password: ConnectionField.optional(),
    scheme: schemeName,
    schemeDescription,
    fields: extraFields,
  },
  { what: 'basic auth' },
);

export const OAuth2Auth = openObject(
  {
    type: z.literal('oauth2'),
    provider: z
      .string()
      .describe('Identity provider: `oauth2` (generic), `aad` (Microsoft Entra ID), `oauth2generic`, `github`, `google`, `facebook`, …'),
    clientId: z.string().describe('Client id of the app you registered. Use a placeholder like `[YOUR_CLIENT_ID]`; never commit secrets.'),
    scopes: z.array(z.string()).optional().describe('Scopes requested at sign-in.'),
    authorizationUrl: z.string().optional().describe('Authorization endpoint (generic OAuth 2.0).'),
    tokenUrl: z.string().optional().describe('Token endpoint (generic OAuth 2.0).'),
    refreshUrl: z.string().optional().describe('Refresh endpoint (generic OAuth 2.0).'),
    loginUri: z.string().optional().describe('Entra ID login host, like `https://login.microsoftonline.com`.'),
    tenantId: z.string().optional().describe('Entra ID tenant, like `common`.'),
    resourceUri: z.string().optional().describe('Entra ID resource URI.'),
    onBehalfOf: z.boolean().optional().describe('Entra ID on-behalf-of login (`enableOnbehalfOfLogin`).'),
    redirectMode: z.string().optional().describe('`GlobalPerConnector` (unique redirect URL per connector, required for new certified connectors) or `Global`.'),
    redirectUrl: z.string().optional(),
    properties: z.record(z.string(), z.unknown()).optional().describe('`oAuthSettings.properties`, like `{ IsFirstParty: "False" }`.'),
    customParameters: z.record(z.string(), z.unknown()).optional().describe('More `oAuthSettings.customParameters`, verbatim.'),
    parameter: z.string().optional().describe('Connection parameter name. Default `token`.'),
    scheme: schemeName,
    schemeDescription,
    fields: extraFields,
  },
  { what: 'oauth2 auth' },
);

export const SingleAuth = z.union([NoAuth, ApiKeyAuth, BasicAuth, OAuth2Auth]);

export const AuthOption = openObject(
  {
    name: z.string().describe('Id of the option (the "Auth ID").'),
    label: z.string().optional(),
    description: z.string().optional(),
    shareable: z.boolean().optional().describe('Whether connections made this way can be shared (`metadata.allowSharing`).'),
    auth: SingleAuth,
  },
  { what: 'an auth option' },
);

export const MultiAuth = openObject(
  {
    type: z.literal('multi'),
    label: z.string().optional().describe('Label of the choice, like "Authentication type".'),
    description: z.string().optional(),
    options: z.array(AuthOption).min(1),
  },
  { what: 'multi auth' },
);

export const AuthSchema = z
  .discriminatedUnion('type', [NoAuth, ApiKeyAuth, BasicAuth, OAuth2Auth, MultiAuth])
  .describe('How users sign in: `none`, `apiKey`, `basic`, `oauth2`, or `multi` (several options).');

export const AUTH_TYPES = ['none', 'apiKey', 'basic', 'oauth2', 'multi'] as const;
export type AuthInput = Record<string, unknown> & { type?: string };
