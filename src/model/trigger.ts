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
    payload: Schema.optional().describe('Schema of what the service POSTs to the callback: the trigger outputs.'),
    payloadDescription: z.string().optional(),
    unsubscribe: Unsubscribe.optional(),
  },
  { raw: OPERATION_RAW_KEYS, what: 'a webhook trigger' },
);

export const PollingState = openObject(
  {
    parameter: z.string().describe('The internal query parameter that carries the state between polls.'),
    initial: z.union([z.string(), z.number()]).describe('Its value for the first poll.'),
    next: z
      .string()
      .describe(
        'Expression for the next value, evaluated over the last response, like `@{triggerBody().value[0].createdAt}`.',
      ),
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
    state: PollingState.optional(),
    batch: z.boolean().optional().describe('`true` (default): the response is an array and Split On fans it out.'),
  },
  { raw: OPERATION_RAW_KEYS, what: 'a polling trigger' },
);

/** A trigger written as a plain operation with a raw `x-ms-trigger` (imported, or a kind the sugar does not cover). */
export const PlainTrigger = openObject(triggerCommon, { raw: OPERATION_RAW_KEYS, what: 'a trigger' });

export const Trigger = z.union([WebhookTrigger, PollingTrigger, PlainTrigger]);
export type WebhookTriggerInput = z.input<typeof WebhookTrigger>;
export type PollingTriggerInput = z.input<typeof PollingTrigger>;
