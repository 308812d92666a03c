/**
 * Values the reader of a sample must supply. A placeholder renders as `<name>` wherever it lands
 * (URL, header, JSON body) and is never percent-encoded, so `{owner}` shows as `<owner>`, not
 * `%3Cowner%3E`. The request builder carries text as pieces (strings and placeholders) until the
 * end, and encodes only the string pieces.
 */
export class Placeholder {
  readonly name: string;
  constructor(name: string) {
    this.name = name;
  }
  toString(): string {
    return `<${this.name}>`;
  }
  /** In a JSON body, a placeholder is the string `<name>`. */
  toJSON(): string {
    return this.toString();
  }
}

export type Piece = string | Placeholder;

/** Joins pieces, passing only the string pieces through `encode`. */
export function render(pieces: readonly Piece[], encode: (text: string) => string = (text) => text): string {
  return pieces.map((p) => (typeof p === 'string' ? encode(p) : p.toString())).join('');
}
