/**
 * The form of the "Try it" panel (`plugboard site --dev`, src/components/TryIt.astro): one field per
 * parameter, laid out as the designer lays out an action card — the label is the summary, the
 * description sits under it, required fields are marked, important fields come first, then the
 * others, advanced ones folded, internal ones hidden; a fixed list is a dropdown, a dynamic list a
 * dropdown filled from the dev server (src/live/try-it.ts `values`) and filled again when a field it
 * is called with changes, an array of dynamic items a multi-select, another array or object a JSON box.
 * Field names are the designer's keys (`name`, `body/dotted.path`), which the server assembles.
 * Pure: the same groups give the same form.
 */
import type { ParameterGroups, ParameterRow } from './operations.ts';

export type Control = 'text' | 'number' | 'select' | 'dynamic' | 'json';

export interface TryField {
  /** The form key: a parameter name, `body`, or `body/a.b`. */
  key: string;
  /** `path`, `query`, `header`, `formData` or `body`. */
  in: string;
  label: string;
  description: string;
  required: boolean;
  /** The type as the page shows it (`string`, `int32`, `array of string`). */
  type: string;
  control: Control;
  /** `select`: the choices, an empty one first when the field may be left out. */
  options?: Array<{ value: string; title: string }>;
  /** Filled in at first: the parameter's default. */
  value: string;
  /** Hint inside an empty field. */
  placeholder: string;
  /** `dynamic`: the operation the choices come from. */
  source?: string;
  /** `dynamic`: parameters of this operation the source is called with; a change to one refreshes the choices. */
  dependsOn?: string[];
  /** `dynamic` on an array whose items have dynamic values: several choices, sent as a JSON array. */
  multiple?: true;
}

export interface TryForm {
  important: TryField[];
  normal: TryField[];
  advanced: TryField[];
  /** Internal values, set by the connector and not shown. */
  hidden: number;
}

/** The body's JSON box when its table stopped at the page's row limit: the fields shown are merged into it. */
export const REST_OF_BODY: TryField = {
  key: 'body',
  in: 'body',
  label: 'Rest of the body',
  description: 'The body has more fields than the form shows: give them here as JSON; the fields above are merged into it.',
  required: false,
  type: 'object',
  control: 'json',
  value: '',
  placeholder: '{ … } as JSON',
};

const NUMBER = /^(integer|number|int32|int64|float|double)$/;

/** The control of a row: its allowed values, a dynamic list, a number, JSON for structures, else text. */
export function controlOf(row: Pick<ParameterRow, 'type' | 'enum' | 'dynamicValues' | 'key' | 'ref'>): Control {
  if (row.dynamicValues !== undefined) return 'dynamic';
  if (row.enum?.length || row.type === 'boolean') return 'select';
  if (NUMBER.test(row.type)) return 'number';
  if (row.type.startsWith('array') || row.type === 'object' || row.key === 'body' || row.ref !== undefined) return 'json';
  return 'text';
}

function placeholderOf(row: ParameterRow, control: Control): string {
  if (control === 'json') return row.type.startsWith('array') ? 'a, b or ["a", "b"]' : '{ … } as JSON';
  if (row.type === 'date-time') return '2024-01-31T12:00:00Z';
  if (row.type === 'date') return '2024-01-31';
  if (!row.required) return '';
  return 'Left empty: its test value';
}

/** The field of a row; an array whose items carry dynamic values is a multi-select from their source, as in the designer. */
export function fieldOf(row: ParameterRow): TryField {
  const control = row.dynamicItemValues !== undefined ? 'dynamic' : controlOf(row);
  const field: TryField = {
    key: row.key,
    in: row.in,
    label: row.label || row.name || row.key,
    description: row.description,
    required: row.required,
    type: row.type,
    control,
    value: row.default ?? '',
    placeholder: placeholderOf(row, control),
  };
  if (control === 'select') {
    const values = row.enum?.length ? row.enum : ['true', 'false'];
    const titles = row.type === 'boolean' && !row.enum?.length ? ['Yes', 'No'] : (row.enumTitles ?? values);
    field.options = [...(row.required && row.default !== undefined ? [] : [{ value: '', title: '' }]), ...values.map((value, i) => ({ value, title: titles[i]! }))];
  }
  if (control === 'dynamic') {
    field.source = (row.dynamicValues ?? row.dynamicItemValues)!;
    if (row.dynamicInputs?.length) field.dependsOn = row.dynamicInputs;
    if (row.dynamicValues === undefined) field.multiple = true;
  }
  return field;
}

/**
 * Rows the form has no field for: a body object whose properties have their own rows (the
 * designer shows the properties), and array members (`items[].x`), which the array's JSON holds.
 */
function ownsField(row: ParameterRow, rows: readonly ParameterRow[]): boolean {
  if (row.key.includes('[]')) return false;
  if (row.key.startsWith('body/') && !row.cut) {
    const below = `${row.key}.`;
    if (rows.some((r) => r.key.startsWith(below))) return false;
  }
  return true;
}

export function tryItForm(groups: ParameterGroups): TryForm {
  const all = [...groups.important, ...groups.normal, ...groups.advanced];
  const fields = (rows: readonly ParameterRow[]) => rows.filter((r) => ownsField(r, all)).map(fieldOf);
  return {
    important: fields(groups.important),
    normal: fields(groups.normal),
    advanced: [...fields(groups.advanced), ...(groups.bodyTruncated && !all.some((r) => r.key === 'body') ? [REST_OF_BODY] : [])],
    hidden: groups.internal,
  };
}

/** The endpoints of the panel for a connector, under the site's base path. */
export function tryItEndpoints(base: string, connectorId: string): { call: string; values: string } {
  const root = `/${base.split('/').filter(Boolean).map((s) => `${s}/`).join('')}_plugboard/try/${encodeURIComponent(connectorId)}/`;
  return { call: `${root}call`, values: `${root}values` };
}
