/** Loose types of the compiled documents. They hold whatever authors passed through. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A Swagger 2.0 document with `x-ms-*` extensions. */
export type Swagger = JsonObject & {
  swagger?: Json;
  info?: JsonObject;
  paths?: Record<string, JsonObject>;
  definitions?: Record<string, JsonObject>;
};

/** `apiProperties.json`: `{ properties: { connectionParameters, iconBrandColor, … } }`. */
export type ApiProperties = { properties: JsonObject } & JsonObject;
