/**
 * Verb-first names from a method and a path, for operations whose source gives no readable name
 * (a Postman request called `/todos`, an OpenAPI operation without `summary`): `GET /todos` →
 * `ListTodos` / "List todos", `POST /todos` → `CreateTodo`, `GET /todos/{id}` → `GetTodo`,
 * `POST /todos/{id}/complete` → `CompleteTodo`. A path with no word in it (`/`, `/{id}`) has no
 * readable name: `readable` is false and the caller reports it.
 */

export interface DerivedName {
  /** PascalCase, verb first: `ListTodos`. */
  operationId: string;
  /** Sentence case, verb first: "List todos"; `GET /` when not readable. */
  summary: string;
  /** Whether the path had a word to name the operation by. */
  readable: boolean;
}

/** Segments that say nothing about the resource: versions and API prefixes. */
const NOISE = /^(v\d+(\.\d+)*|api|apis|rest|json|xml|odata)$/i;
/** At most this many words of the path go into a name (the resource and its closest owners). */
const MAX_QUALIFIERS = 2;

function isParam(segment: string): boolean {
  return /^\{[^{}]*\}$/.test(segment) || /^:.+/.test(segment) || /^\{\{[^{}]*\}\}$/.test(segment);
}

/** `repoActions.json` → ['repo', 'actions']. */
function wordsOf(segment: string): string[] {
  return segment
    .replace(/\.(json|xml)$/i, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** English plural → singular, for the common regular forms (`todos`, `categories`, `boxes`); others unchanged. */
export function singular(word: string): string {
  if (word.length <= 3 || /(ss|us|is|news|status|series)$/i.test(word)) return word;
  if (/ies$/i.test(word)) return word.slice(0, -3) + 'y';
  if (/(xes|zes|ches|shes|sses)$/i.test(word)) return word.slice(0, -2);
  if (/s$/i.test(word)) return word.slice(0, -1);
  return word;
}

function isPlural(word: string): boolean {
  return singular(word) !== word;
}

const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

/** The verb-first name of `method path`. */
export function nameFromRoute(method: string, path: string): DerivedName {
  const m = method.toLowerCase();
  const segments = path.split('/').filter(Boolean);
  let last = -1;
  for (let i = segments.length - 1; i >= 0; i--) {
    if (!isParam(segments[i]!) && !NOISE.test(segments[i]!) && wordsOf(segments[i]!).some((w) => /[a-z]{2}/.test(w))) {
      last = i;
      break;
    }
  }
  if (last === -1) {
    const params = segments.filter(isParam).flatMap((s) => wordsOf(s));
    const id = [cap(m), ...(params.length ? ['By', ...params.map(cap)] : ['Root'])].join('');
    return { operationId: id, summary: `${m.toUpperCase()} ${path || '/'}`, readable: false };
  }
  const item = segments.slice(last + 1).some(isParam);
  const resource = wordsOf(segments[last]!);
  // Owners: the closest earlier resources that are followed by an id (`users/{id}/posts` → user).
  const owners: string[][] = [];
  for (let i = last - 1; i >= 0 && owners.length < MAX_QUALIFIERS; i--) {
    const s = segments[i]!;
    if (isParam(s) || NOISE.test(s)) continue;
    const words = wordsOf(s);
    if (!words.length) continue;
    const owned = i + 1 < segments.length && isParam(segments[i + 1]!);
    owners.unshift(owned ? [...words.slice(0, -1), singular(words.at(-1)!)] : words);
  }
  const head = resource.slice(0, -1);
  const noun = resource.at(-1)!;
  const one = [...head, singular(noun)];
  const all = resource;
  let verb: string;
  let object: string[];
  if (m === 'get') {
    [verb, object] = item ? ['Get', one] : isPlural(noun) ? ['List', all] : ['Get', all];
  } else if (m === 'post') {
    if (item) [verb, object] = ['Update', one];
    else if (isPlural(noun)) [verb, object] = ['Create', one];
    else {
      // An action: `POST /todos/{id}/complete` → "Complete todo", `POST /search` → "Search".
      verb = cap(resource[0]!);
      object = resource.slice(1);
    }
  } else if (m === 'put') [verb, object] = ['Replace', item ? one : all];
  else if (m === 'patch') [verb, object] = ['Update', item ? one : all];
  else if (m === 'delete') [verb, object] = ['Delete', item ? one : all];
  else if (m === 'head') [verb, object] = ['Check', item ? one : all];
  else [verb, object] = [cap(m), item ? one : all];
  return finish(verb, object, owners);
}

function finish(verb: string, object: string[], owners: string[][]): DerivedName {
  // Owners already said by the object are not repeated (`users/{id}/user-settings`).
  const words = [...owners.flat().filter((w) => !object.includes(w)), ...object];
  return {
    operationId: [verb, ...words].map(cap).join('').replace(/[^A-Za-z0-9]/g, ''),
    summary: [verb, ...words].join(' '),
    readable: true,
  };
}

/** An operationId as a sentence: `listPets` → "List pets", `get_user_by_id` → "Get user by ID". */
export function sentenceFromId(id: string): string {
  const words = id
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => (/^(id|url|uri|uuid|api|ip|html|json|xml|csv|pdf)$/i.test(w) ? w.toUpperCase() : /^[A-Z0-9]{2,}$/.test(w) ? w : w.toLowerCase()));
  if (!words.length) return id;
  return cap(words.join(' '));
}

/**
 * Whether a Postman request is named by its URL rather than by what it does: `/todos`,
 * `{{url}}/todos/:id`, `GET /todos`, `https://api.example.com/x`, the raw URL, or Postman's
 * default `New Request`.
 */
export function namedByPath(name: string, rawUrl: string): boolean {
  const n = name.trim().replace(/^(get|post|put|patch|delete|head|options)\s+/i, '');
  if (!n) return true;
  if (/^(new|untitled) request$/i.test(n)) return true;
  if (/^(\/|\{\{|:)/.test(n) || /^[a-z][a-z0-9+.-]*:\/\//i.test(n)) return true;
  return rawUrl !== '' && n === rawUrl.trim();
}
