/** The SARIF 2.1.0 schema (vendored, see test/fixtures/sarif/README.md) compiled once with ajv. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvModule from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';

type AjvClass = typeof import('ajv-draft-04').default;
const Ajv: AjvClass = ((AjvModule as unknown as { default?: AjvClass }).default ?? AjvModule) as AjvClass;
type Plugin = (ajv: InstanceType<AjvClass>) => unknown;
const addFormats = ((addFormatsModule as unknown as { default?: Plugin }).default ?? addFormatsModule) as unknown as Plugin;

const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/sarif/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
// The schema's `language` pattern (`…-[a-zA-Z]{2}]?$`) is not a valid Unicode-mode regular expression.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);

export const validateSarif = ajv.compile(schema);
