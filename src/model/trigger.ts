/**
 * Triggers, declared by kind. The compiler builds the platform contracts from them:
 * webhook (callback URL property, notification content, unsubscribe operation) and
 * polling (state parameter, `x-ms-trigger: batch`, a `pollingtrigger` policy).
 */
import { z } from 'zod';
import { openObject } from './open-object.ts';
import { OPERATION_RAW_KEYS, RequestLine, Responses, operationShape } from './operation.ts';
import { Parameter } from './parameter.ts';
import { Schema } from './schema.ts';

const triggerCommon = {
  ...operationShape,
  hint: z.string().optional().describe('Shown when a user tests the flow (`x-ms-trigger-hint`), like "To see it work, open an issue."'),
};

export const Unsubscribe = z
  .union([
    z.string().describe('The operationId of an existing DELETE action.'),
    openObject(
      {
        request: RequestLine.describe('The DELETE request the platform sends to the `Location` of the subscription.'),
        operationId: z.string().describe('Id of the generated internal DELETE operation.'),
        summary: z.string().optional(),
        description: z.string().optional(),
        parameters: z.record(z.string(), Parameter).optional().describe('Its path parameters; by default those of the subscribe request with the same names.'),
        responses: Responses.optional().describe('Default: `200`.'),
      },
      { what: 'unsubscribe' },
    ),
  ])
  .describe(
    'How the platform removes the subscription: it sends DELETE to the `Location` header of the subscribe response, which must match this operation.',
  );

export const WebhookTrigger = openObject(
  {
    ...triggerCommon,
    kind: z.literal('webhook'),
    callback: z
      .string()
      .optional()
      .describe('Dotted path of the body property that receives the callback URL. Defaults to `callbackUrl`.'),
    callbackRequired: z
      .boolean()
      .optional()
      .describe(
        '`false`: leave `required` as written on the body parameter and on the objects above the callback property. By default the compiler marks them required, as the platform validator wants (`NotificationUrlNotRequired`); some shipped connectors are not.',
      ),
    batch: z.boolean().optional().describe('`true`: `x-ms-trigger: batch`, the service POSTs an array and Split On fans it out. Default `single`.'),
    payload: Schema.optional().describe('Schema of what the service POSTs to the callback: the trigger outputs. Omit when the notification has no schema.'),
    payloadDescription: z.string().optional().describe('`description` of `x-ms-notification-content`.'),
    notificationContent: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('Other keys of `x-ms-notification-content`, written as they are (some connectors carry `name`, `in` or `required` there).'),
    unsubscribe: Unsubscribe.optional(),
  },
  { raw: OPERATION_RAW_KEYS, what: 'a webhook trigger' },
);

export const PollingState = openObject(
  {
    parameter: z.string().describe('The internal query parameter that carries the state between polls.'),
    initial: z.union([z.string(), z.number(), z.boolean()]).optional().describe('Its value for the first poll (the parameter\'s `default`). Omit to keep the `default` written on the parameter, or none.'),
    next: z
      .string()
      .describe(
        'Expression for the next value, evaluated over the last response, like `@{triggerBody().value[0].createdAt}`.',
      ),
    title: z.string().optional().describe('Title of the generated `pollingtrigger` policy instance. Default: "Polling state for <operationId>".'),
    type: z
      .union([z.string(), z.literal(false)])
      .optional()
      .describe('`type` of the generated policy instance. Default `PollingTrigger`; `false`: none (some connectors ship without).'),
  },
  { what: 'polling state' },
);

export const PollingTrigger = openObject(
  {
    ...triggerCommon,
    kind: z.literal('polling'),
    items: z
      .string()
      .optional()
      .describe('Path to the array of new items in the response, like `value`. Omit when the response is the array.'),
    state: PollingState.optional().describe(
      'Platform-managed state (style A): the internal state parameter and a generated `pollingtrigger` policy. Omit when the API keeps the state itself (style B: `202` with `Location` and `Retry-After` until there is something new).',
    ),
    batch: z.boolean().optional().describe('`true` (default): `x-ms-trigger: batch`, the response is an array and Split On fans it out. `false`: `single`.'),
    metadata: z.boolean().optional().describe('`false`: no `x-ms-trigger-metadata` (`{ kind: query, mode: polling }`, written by default).'),
  },
  { raw: OPERATION_RAW_KEYS, what: 'a polling trigger' },
);

/** A trigger written as a plain operation with a raw `x-ms-trigger` (imported, or a kind the sugar does not cover). */
export const PlainTrigger = openObject(triggerCommon, { raw: OPERATION_RAW_KEYS, what: 'a trigger' });

export const Trigger = z.union([WebhookTrigger, PollingTrigger, PlainTrigger]);
export type WebhookTriggerInput = z.input<typeof WebhookTrigger>;
export type PollingTriggerInput = z.input<typeof PollingTrigger>;
