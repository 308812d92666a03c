/**
 * JSON Schemas generated from the zod authoring schemas, so that editors complete and check
 * front-matter. Open objects become `additionalProperties: false` with their raw keys listed
 * and `^x-` extensions allowed, which is what the compiler accepts.
 */
import { z } from 'zod';
import { Config, configJsonSchema } from './config.ts';
import { Connector } from './connector.ts';
import { RAW_META } from './open-object.ts';
import { Operation } from './operation.ts';
import { Schema } from './schema.ts';
import { Trigger } from './trigger.ts';

export const JSON_SCHEMAS = {
  connector: { schema: Connector, title: 'plugboard connector.mdx front-matter' },
  action: { schema: Operation, title: 'plugboard action (actions/*.mdx) front-matter' },
  trigger: { schema: Trigger, title: 'plugboard trigger (triggers/*.mdx) front-matter' },
  definition: { schema: Schema, title: 'plugboard shared schema (definitions/*.mdx) front-matter' },
  config: { schema: Config, title: 'plugboard.config.json: presets, rule severities and per-connector overrides' },
} as const;

export function toJsonSchema(name: keyof typeof JSON_SCHEMAS): Record<string, unknown> {
  const { schema, title } = JSON_SCHEMAS[name];
  const json = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    cycles: 'ref',
    reused: 'inline',
    override: (ctx) => {
      const js = ctx.jsonSchema as Record<string, unknown>;
      const raw = js[RAW_META] as string[] | undefined;
      if (!raw) return;
      delete js[RAW_META];
      const properties = (js.properties ??= {}) as Record<string, unknown>;
      for (const key of raw) properties[key] ??= {};
      js.patternProperties = { '^x-': {} };
      js.additionalProperties = false;
    },
  }) as Record<string, unknown>;
  const out = { $id: `https://plugboard.dev/schemas/${name}.schema.json`, title, ...json };
  return name === 'config' ? configJsonSchema(out) : out;
}
