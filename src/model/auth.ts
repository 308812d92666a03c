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
    required: z.boolean().nullable().optional().describe('Default: true. `null` writes no `required` constraint (the platform then treats the field as optional).'),
    hidden: z.boolean().optional(),
    clearText: z.boolean().optional().describe('Show a secret in clear text while typing.'),
    tabIndex: z.number().int().optional(),
    default: z.string().optional().describe('Default value (`defaultValue`).'),
    allowedValues: z
      .array(openObject({ value: z.string(), label: z.string().optional() }, { what: 'an allowed value' }))
      .optional()
      .describe('Choices for a dropdown (`constraints.allowedValues`, `text` from `label`, default the value).'),
    type: z
      .enum(['string', 'securestring', 'int', 'bool'])
      .optional()
      .describe('Parameter type when it is not a text field (`int`, `bool`); `secret` says `securestring` vs `string`.'),
    metadata: z.record(z.string(), z.unknown()).optional().describe('`metadata` of the parameter, verbatim, like `{ sourceType: AzureActiveDirectoryTenant }`.'),
    ui: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('More `uiDefinition` keys, verbatim (e.g. `schema`, `dependencies`). Only keys the sugar has no name for.'),
    constraints: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('More `uiDefinition.constraints` keys, verbatim (e.g. `capability`, `dependencies`).'),
    noUi: z.boolean().optional().describe('The parameter has no `uiDefinition` at all (only `type`, `defaultValue`, `metadata`).'),
  },
  { what: 'a connection field' },
);

const schemeName = z.string().optional().describe('Name of the entry in `securityDefinitions`.');
const schemeDescription = z.string().optional().describe('`description` of the entry in `securityDefinitions`.');
const definition = z
  .boolean()
  .optional()
  .describe('Write the `securityDefinitions` entry (default true). `false` for connectors that declare their auth only in apiProperties.json, as many real OAuth ones do.');
const rootSecurity = z
  .boolean()
  .optional()
  .describe('Write the root `security` requirement for the scheme (default true). `false` when the Swagger has a definition but no root `security`.');
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
    moreKeys: z
      .array(
        openObject(
          {
            scheme: z.string().describe('Name of its entry in `securityDefinitions`.'),
            in: z.enum(['header', 'query']),
            name: z.string().describe('Header or query parameter name.'),
            parameter: z.string().optional().describe('Connection parameter name. Default: the scheme name.'),
            field: ConnectionField.optional(),
            schemeDescription,
          },
          { what: 'an API key' },
        ),
      )
      .optional()
      .describe('More keys sent with every request, each its own scheme and connection field (e.g. a client id header beside the key). All are required together in the root `security`.'),
    scheme: schemeName,
    schemeDescription,
    definition,
    rootSecurity,
    fields: extraFields,
  },
  { what: 'apiKey auth' },
);

export const BasicAuth = openObject(
  {
    type: z.literal('basic'),
    username: ConnectionField.optional(),
    password: ConnectionField.optional(),
    usernameParameter: z.string().optional().describe('Connection parameter name of the username. Default `username`.'),
    passwordParameter: z.string().optional().describe('Connection parameter name of the password. Default `password`.'),
    scheme: schemeName,
    schemeDescription,
    definition,
    rootSecurity,
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
    clientId: z
      .string()
      .nullable()
      .optional()
      .describe('Client id of the app you registered. Use a placeholder like `[YOUR_CLIENT_ID]`; never commit secrets. `null` is written as `null` (a placeholder convention); omit it only when the connection supplies it (a `token:clientId` field).'),
    scopes: z
      .array(z.string())
      .nullable()
      .optional()
      .describe('Scopes requested at sign-in (`oAuthSettings.scopes`; default `[]`). `null` writes no `scopes` key.'),
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
    settings: z.record(z.string(), z.unknown()).optional().describe('More `oAuthSettings` keys, verbatim (e.g. a `clientSecret` placeholder).'),
    parameter: z.string().optional().describe('Connection parameter name. Default `token`.'),
    field: ConnectionField.optional().describe('`uiDefinition` of the sign-in parameter (label, description, tooltip). Unlike other fields, `required` is written only when given.'),
    tenantParameter: z
      .boolean()
      .optional()
      .describe('Entra ID (`aad`): write the hidden `token:TenantId` parameter (default true). `false` when it is absent or described under `fields`.'),
    flow: z.enum(['accessCode', 'implicit', 'password', 'application']).optional().describe('`flow` of the Swagger scheme. Default `accessCode`, the only one custom connectors sign in with.'),
    schemeScopes: z
      .record(z.string(), z.string())
      .optional()
      .describe('`scopes` map of the Swagger scheme when it differs from `scopes` (default: each scope described by itself). The root `security` requirement lists its keys.'),
    schemeUrls: openObject(
      { authorizationUrl: z.string().optional(), tokenUrl: z.string().optional() },
      { what: 'scheme URLs' },
    )
      .optional()
      .describe('URLs of the Swagger scheme when they differ from the endpoints above (Swagger\'s are informational; the platform signs in with `oAuthSettings`).'),
    scheme: schemeName,
    schemeDescription,
    definition,
    rootSecurity,
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
    ui: z.record(z.string(), z.unknown()).optional().describe('More `uiDefinition` keys of the option, verbatim.'),
  },
  { what: 'an auth option' },
);

export const MultiAuth = openObject(
  {
    type: z.literal('multi'),
    label: z.string().optional().describe('Label of the choice, like "Authentication type".'),
    description: z.string().optional(),
    options: z.array(AuthOption).min(1),
    ui: z.record(z.string(), z.unknown()).optional().describe('More `uiDefinition` keys of the choice, verbatim.'),
    flatOption: z
      .string()
      .optional()
      .describe('Also write this option\'s parameters as the flat `connectionParameters` beside the sets, as connectors that predate parameter sets do.'),
    connectionParameters: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('The flat `connectionParameters` beside the sets, verbatim, when they are not one option\'s parameters.'),
  },
  { what: 'multi auth' },
);

export const AuthSchema = z
  .discriminatedUnion('type', [NoAuth, ApiKeyAuth, BasicAuth, OAuth2Auth, MultiAuth])
  .describe('How users sign in: `none`, `apiKey`, `basic`, `oauth2`, or `multi` (several options).');

export const AUTH_TYPES = ['none', 'apiKey', 'basic', 'oauth2', 'multi'] as const;
export type AuthInput = Record<string, unknown> & { type?: string };
