/**
 * The connector: front-matter of `connectors/<id>/connector.mdx`. Its MDX body is the readme.
 * Operations live in `actions/*.mdx` and `triggers/*.mdx` beside it (or inline here), shared
 * schemas in `definitions/*.mdx` (or under `definitions:` here).
 */
import { z } from 'zod';
import { openObject } from './open-object.ts';
import { AuthSchema } from './auth.ts';
import { Operation } from './operation.ts';
import { Policy } from './policy.ts';
import { Schema } from './schema.ts';
import { Trigger } from './trigger.ts';

export const CATEGORIES = [
  'AI', 'Business Management', 'Business Intelligence', 'Collaboration', 'Commerce', 'Communication',
  'Content and Files', 'Finance', 'Data', 'Human Resources', 'Internet of Things', 'IT Operations',
  'Lifestyle and Entertainment', 'Marketing', 'Productivity', 'Sales and CRM', 'Security', 'Social Media', 'Website',
] as const;

/** Swagger root keys passed through verbatim. */
export const SWAGGER_ROOT_RAW_KEYS = [
  'swagger', 'info', 'host', 'basePath', 'schemes', 'consumes', 'produces', 'paths', 'definitions', 'parameters',
  'responses', 'securityDefinitions', 'security', 'tags', 'externalDocs',
] as const;

/** apiProperties.properties keys passed through verbatim. */
export const API_PROPERTIES_RAW_KEYS = [
  'connectionParameters', 'connectionParameterSets', 'policyTemplateInstances', 'scriptOperations', 'iconBrandColor',
] as const;

export const Contact = openObject(
  { name: z.string().optional(), url: z.string().optional(), email: z.string().optional() },
  { what: 'contact' },
);

export const Connector = openObject(
  {
    title: z.string().describe('Connector name (`info.title`): at most 30 characters, no "API" or "Connector".'),
    description: z.string().optional().describe('What it connects to (`info.description`): 30 to 500 characters.'),
    version: z.string().describe('Definition version (`info.version`), like "1.0". Quote it so YAML keeps it a string.'),
    contact: Contact.optional().describe('Who supports it (`info.contact`).'),
    status: z.enum(['preview', 'production']).optional().describe('Release status (`info.x-ms-api-annotation.status`).'),
    publisher: z.string().optional().describe('Who publishes it (apiProperties `publisher`).'),
    stackOwner: z.string().optional().describe('Who owns the service behind it (apiProperties `stackOwner`).'),
    brandColor: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, 'Expected a colour like `#1f6feb`')
      .optional()
      .describe('Icon background (`iconBrandColor`). Independent publishers use `#da3b01`; not white, not `#007ee5`.'),
    icon: z.string().optional().describe('Icon file beside connector.mdx. Default `icon.png` when present.'),
    website: z.string().optional().describe('Product website (`x-ms-connector-metadata` Website).'),
    privacyPolicy: z.string().optional().describe('Privacy policy URL (`x-ms-connector-metadata` Privacy policy).'),
    categories: z.array(z.string()).optional().describe(`At most two of: ${CATEGORIES.join(', ')}.`),
    capabilities: z.array(z.string()).optional().describe('apiProperties `capabilities`, like `[actions, triggers]`.'),
    auth: AuthSchema.optional(),
    policies: z.array(Policy).optional().describe('Gateway policy templates.'),
    scriptOperations: z.array(z.string()).optional().describe('Operations handled by `script.csx`; empty means all.'),
    host: z.string().optional().describe('Host name only, like `api.example.com`.'),
    basePath: z.string().optional().describe('Starts with `/`.'),
    schemes: z.array(z.string()).optional(),
    definitions: z
      .record(z.string(), z.record(z.string(), z.unknown()))
      .optional()
      .describe('Shared schemas, referenced as `#/definitions/<Name>`: Swagger, verbatim. For the sugar (summary, visibility…) use `definitions/<Name>.mdx` files.'),
    parameters: z
      .record(z.string(), z.record(z.string(), z.unknown()))
      .optional()
      .describe('Shared parameters, referenced as `#/parameters/<name>`: Swagger, verbatim.'),
    actions: z.record(z.string(), Operation).optional().describe('Actions written inline, by operationId (small connectors).'),
    triggers: z.record(z.string(), Trigger).optional().describe('Triggers written inline, by operationId.'),
    apiProperties: z.record(z.string(), z.unknown()).optional().describe('More apiProperties keys, verbatim.'),
  },
  { raw: [...SWAGGER_ROOT_RAW_KEYS, ...API_PROPERTIES_RAW_KEYS], what: 'connector.mdx' },
);

export type ConnectorInput = z.input<typeof Connector>;
