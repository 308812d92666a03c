/**
 * The compiled documents as typed data: a Swagger 2.0 document with `x-ms-*` extensions
 * (`apiDefinition.swagger.json`) and `apiProperties.json`. The fields are the documented ones, for
 * readers and editors; every shape also keeps the keys it does not name (`x-…` extensions, typos),
 * because imported connectors carry whatever their authors wrote. Nothing here is checked: a value
 * read from disk may have any type, so code in this folder tests each value (`isObject`,
 * `typeof`) before it uses it and never throws on a wrong one. See README.md.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** The HTTP methods Swagger 2.0 allows as keys of a path item, in the order the format lists them. */
export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;
export type Method = (typeof METHODS)[number];

const METHOD_SET: ReadonlySet<string> = new Set(METHODS);

/** True for a key of a path item that holds an operation. */
export function isMethod(key: string): key is Method {
  return METHOD_SET.has(key);
}

/** A plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{ $ref: '#/…' }`, standing for a schema, parameter, response or path item. */
export type Reference = JsonObject & { $ref: string };

/** A schema (Swagger 2.0's subset of JSON Schema, plus `x-ms-*` keys). */
export type Schema = JsonObject & {
  $ref?: string;
  type?: string;
  format?: string;
  title?: string;
  description?: string;
  default?: Json;
  enum?: Json[];
  required?: string[];
  properties?: { [name: string]: Schema };
  additionalProperties?: Schema | boolean;
  items?: Schema | Schema[];
  allOf?: Schema[];
  'x-ms-summary'?: string;
  'x-ms-visibility'?: string;
  'x-ms-dynamic-schema'?: JsonObject;
  'x-ms-dynamic-properties'?: JsonObject;
};

/** Where a parameter travels. */
export type ParameterIn = 'path' | 'query' | 'header' | 'formData' | 'body';

/** How array values of a non-body parameter are written: `a,b`, `a b`, `a\tb`, `a|b`, or `k=a&k=b`. */
export type CollectionFormat = 'csv' | 'ssv' | 'tsv' | 'pipes' | 'multi';

/** The primitive `items` of a non-body parameter or a response header. */
export type Items = JsonObject & { type?: string; format?: string; items?: Items; collectionFormat?: CollectionFormat; default?: Json; enum?: Json[] };

interface ParameterBase {
  name?: string;
  description?: string;
  required?: boolean;
  'x-ms-summary'?: string;
  'x-ms-visibility'?: string;
}

/** A `body` parameter: one per operation, its value described by `schema`. */
export type BodyParameter = JsonObject & ParameterBase & { in?: 'body'; schema?: Schema };

/** A path, query, header or formData parameter: a primitive (or array of primitives) value. */
export type NonBodyParameter = JsonObject &
  ParameterBase & {
    in?: Exclude<ParameterIn, 'body'>;
    type?: string;
    format?: string;
    items?: Items;
    collectionFormat?: CollectionFormat;
    default?: Json;
    enum?: Json[];
    /** Path parameters: `double` encodes the value twice (values holding `/`); `single` is the default. */
    'x-ms-url-encoding'?: 'single' | 'double';
  };

export type Parameter = BodyParameter | NonBodyParameter;

export type Header = Items & { description?: string };

export type Response = JsonObject & { description?: string; schema?: Schema; headers?: { [name: string]: Header } };

/** Security requirements: each entry names schemes of `securityDefinitions` (all of one entry apply together). */
export type SecurityRequirement = { [scheme: string]: string[] };

export type Operation = JsonObject & {
  operationId?: string;
  summary?: string;
  description?: string;
  consumes?: string[];
  produces?: string[];
  schemes?: string[];
  parameters?: Array<Parameter | Reference>;
  responses?: { [status: string]: Response | Reference };
  security?: SecurityRequirement[];
  deprecated?: boolean;
  'x-ms-visibility'?: string;
  'x-ms-trigger'?: string;
  'x-ms-trigger-metadata'?: JsonObject;
  'x-ms-trigger-hint'?: string;
};

export type PathItem = JsonObject & { parameters?: Array<Parameter | Reference>; 'x-ms-notification-content'?: JsonObject } & {
  [method in Method]?: Operation;
};

export type SecurityScheme = JsonObject & {
  type?: 'basic' | 'apiKey' | 'oauth2';
  description?: string;
  /** apiKey: the header or query parameter name. */
  name?: string;
  /** apiKey: `header` or `query`. */
  in?: 'header' | 'query';
  flow?: string;
  authorizationUrl?: string;
  tokenUrl?: string;
  scopes?: { [scope: string]: string };
};

/** A Swagger 2.0 document with `x-ms-*` extensions: `apiDefinition.swagger.json`. */
export type Swagger = JsonObject & {
  swagger?: Json;
  info?: JsonObject;
  host?: string;
  basePath?: string;
  schemes?: string[];
  consumes?: string[];
  produces?: string[];
  paths?: { [path: string]: PathItem };
  definitions?: { [name: string]: Schema };
  parameters?: { [name: string]: Parameter };
  responses?: { [name: string]: Response };
  securityDefinitions?: { [name: string]: SecurityScheme };
  security?: SecurityRequirement[];
};

/** One entry of `connectionParameters`: a field the user fills in when creating a connection. */
export type ConnectionParameter = JsonObject & {
  /** `string`, `securestring`, `int`, `bool`, `oauthSetting` or `gatewaySetting`. */
  type?: string;
  uiDefinition?: JsonObject;
  oAuthSettings?: JsonObject;
};

/** One entry of `policyTemplateInstances`; parameters are keyed `x-ms-apimTemplateParameter.<name>`. */
export type PolicyTemplateInstance = JsonObject & {
  templateId?: string;
  title?: string;
  parameters?: JsonObject & { 'x-ms-apimTemplate-operationName'?: string[]; 'x-ms-apimTemplate-policySection'?: string };
};

/** `apiProperties.json`: `{ properties: { connectionParameters, policyTemplateInstances, iconBrandColor, … } }`. */
export type ApiProperties = JsonObject & {
  properties: JsonObject & {
    connectionParameters?: { [name: string]: ConnectionParameter };
    connectionParameterSets?: JsonObject;
    policyTemplateInstances?: PolicyTemplateInstance[];
    iconBrandColor?: string;
    capabilities?: string[];
  };
};
