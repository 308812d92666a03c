/**
 * All checks over the real connectors of the shared corpus (../shared/corpus beside the repo).
 * Real certified connectors are mostly valid, so every finding here should be a real problem;
 * the expected counts below were reviewed one by one (see the notes).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSON5 from 'json5';
import { describe, expect, it } from 'vitest';
import type { ApiProperties, Swagger } from '../../src/swagger/index.ts';
import { runChecks } from '../../src/check/run.ts';
import { compiled } from './helpers.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const corpus = resolve(repo, '../shared/corpus/powerplatform');
const present = existsSync(corpus);

function read(file: string): unknown {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text);
  } catch {
    return JSON5.parse(text); // Plumsail Documents is JSON5, like 9 of the 1,034 real ones.
  }
}

/** The connector folders with their readme and icon (any file-name casing), as the package holds them. */
function connectors(): Array<{ name: string; swagger: Swagger; apiProperties: ApiProperties; readme: string; assets: Map<string, Buffer> }> {
  const list = [];
  for (const group of readdirSync(corpus).sort()) {
    for (const name of readdirSync(join(corpus, group)).sort()) {
      const dir = join(corpus, group, name);
      if (!existsSync(join(dir, 'apiDefinition.swagger.json'))) continue;
      const apiProperties = existsSync(join(dir, 'apiProperties.json')) ? (read(join(dir, 'apiProperties.json')) as ApiProperties) : { properties: {} };
      const entries = readdirSync(dir);
      const readmeName = entries.find((e) => e.toLowerCase() === 'readme.md');
      const iconName = entries.find((e) => e.toLowerCase() === 'icon.png');
      const readme = readmeName ? readFileSync(join(dir, readmeName), 'utf8') : '';
      const assets = new Map(iconName ? [['icon.png', readFileSync(join(dir, iconName))]] : []);
      list.push({ name: `${group}/${name}`, swagger: read(join(dir, 'apiDefinition.swagger.json')) as Swagger, apiProperties, readme, assets });
    }
  }
  return list;
}

/** Reviewed findings per rule. */
const EXPECTED: Record<string, number> = {
  // Encodian: 1.10 MB, the only real connector over the documented limit.
  'connector-size-limit': 1,
  // Cloudmersive Document Conversion: 8 operations with `type: file` form parameters and `consumes: []`.
  'parameter-form-data-consumes': 8,
  // Planner: policies name `UpdateTaskDetails` (twice) and `ListTasks_V2`, renamed to `_V2` / `_V3` since.
  'policy-operation-exists': 3,
  // Encodian: the body parameter of the webhook `ManageWebHookAsync` is not required (NotificationUrlNotRequired, a warning).
  'trigger-webhook-callback-required': 1,
  // JIRA (7): `value-collection: value` where `ListProjects_V2` returns `values`; DocuSign (4): static-response
  // operations whose declared schema names `tabTypes` rather than `recipientTypes` / `signatureTypes` (warnings).
  'x-ms-dynamic-response': 11,
  // Operations that feed a dropdown and say no `x-ms-visibility` (info: some are useful actions too):
  // Annature 6, LawVu 3, Planner 3, DocuSign, Microsoft Bookings, Open Data Network, OpenAI GPT-4.
  'x-ms-dynamic-operation-internal': 16,
  // JIRA (4) and DocuSign (1): GET triggers with no state in the definition; their backends use the
  // 202/Location polling pattern, which the definition does not show. A warning by design.
  'trigger-kind-unclear': 5,
  // Schemas, responses, security (all warnings or info, reviewed one by one):
  // Cloudmersive (28 `description`) and Egnyte (2 `type` in webhook payloads) write keys beside `$ref`.
  'schema-ref-siblings': 30,
  // Egnyte (15, proxy operations returning anything), AmazonS3Bucket (3), DocuSign (1): `schema: {}`-like responses (info).
  'response-schema-empty': 19,
  // HtmlToText: a schema on `default`.
  'response-default-schema': 1,
  // Encodian (4) and Annature (1): `default: "false"` on booleans.
  'schema-value-type': 5,
  // DocuSign: placeholder `x-ms-test-value`s ("insert document id") outside their enum.
  'schema-default-in-enum': 2,
  // Encodian `defaultAuth`, Scrive eSign `basic_auth`, Annature `partner_key`: requirements with no scheme.
  'security-requirement-defined': 3,
  // Egnyte: `oauth2_auth: []` although the scheme defines scopes.
  'security-requirement-scopes': 1,
  // LawVu: optional internal query parameters with a default, never sent.
  'property-internal-default': 2,
  // Plumsail Documents: `format: binary` properties inside JSON request bodies.
  'schema-string-binary': 5,
  // Operations, paths and parameters (warnings and info the platform tolerates, reviewed by class):
  // path parameters without `x-ms-url-encoding` (info; 15 connectors).
  'parameter-path-encoding': 153,
  // pairs like `/images/search` beside `/images/{id}` (info; HubSpot CRM V2 alone has most).
  'path-template-partial-duplicate': 150,
  // HubSpot CRM V2 and LINKMobility: two `2xx` responses with different schemas.
  'operation-response-schema-single': 42,
  // `consumes: []` on operations with a body (Egnyte, Planner, Microsoft Bookings, AzureKeyVault, …).
  'operation-consumes-supported': 35,
  // DocuSign, HubSpot CRM V2, AmazonS3Bucket, Dexcom: operationIds with `-` or `.`.
  'operation-id-sanitized': 22,
  // DocuSign `BuildNumber`: a body parameter on GET.
  'operation-get-body': 1,
  // AmazonS3Bucket: `type: number` with `format: integer`.
  'schema-type-format': 1,
  // Certification and readme (warnings and info by default; errors or warnings under `certification`):
  // Facebook (1) and LawVu (8 parameter sets): a real app's client id where a placeholder belongs (info).
  'auth-client-id': 9,
  // OAuth with `redirectMode: Global` (10 connectors, LawVu with 8 sets): new certified connectors use
  // GlobalPerConnector (info).
  'auth-redirect-mode': 17,
  // AzureKeyVault, Facebook and HtmlToText keep the wizard's `#007ee5`; DocuSign's is `#FFFFFF`.
  'brand-color': 4,
  // DocuSign, JIRA, Microsoft Bookings: published, with a contact that has no `email`.
  'info-contact': 3,
  // HtmlToText: a 28-character description.
  'info-description-length': 1,
  // AzureKeyVault: `Azure Key Vault [Sample]`.
  'info-title-ending': 1,
  // Cloudmersive Document Conversion: 32 characters.
  'info-title-length': 1,
  // DocuSign: `publisher` without `stackOwner` (info).
  'metadata-publisher': 1,
  // HubSpot CRM V2: `hhttps://legal.hubspot.com/privacy-policy`.
  'metadata-url': 1,
  // Published connectors with operations that have no description: LawVu 3, Egnyte 2, DocuSign 1 (info).
  'operation-description-missing': 6,
  // Published connectors whose readme has no `## Deployment Instructions` (info; 13 of 19 published).
  'readme-deployment-instructions': 13,
  // Cloudmersive: 3 operations listed in the readme that the definition no longer has (info).
  'readme-operations': 3,
  // Published readmes without all five H2 sections, most of them near misses (`## Pre-requisites`,
  // `### Supported Operations`); info by default, as only half of the public readmes have them.
  'readme-sections': 12,
  // Title Case summaries (Encodian 134, Cloudmersive 33, …): the platform's style guide asks for
  // sentence case (info).
  'summary-sentence-case': 183,
};

describe.skipIf(!present)('checks over the real corpus', () => {
  it('finds only the reviewed problems', () => {
    const counts: Record<string, number> = {};
    const perConnector: string[] = [];
    let total = 0;
    for (const { name, swagger, apiProperties, readme, assets } of connectors()) {
      const findings = runChecks({ ...compiled(swagger, apiProperties), readme, assets });
      for (const f of findings) counts[f.ruleId] = (counts[f.ruleId] ?? 0) + 1;
      if (findings.length) perConnector.push(`${name}: ${findings.length}`);
      total++;
    }
    console.log(`checks over ${total} corpus connectors, findings per rule:`, counts, '\nper connector:', perConnector);
    expect(total).toBe(25);
    expect(counts).toEqual(EXPECTED);
  });
});

if (!present) {
  describe('checks over the real corpus', () => {
    it.skip(`skipped: no corpus at ${corpus}`, () => {});
  });
  console.log(`Corpus test skipped: ${corpus} is absent.`);
}
