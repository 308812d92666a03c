/** `1 error`, `2 errors`, `0 errors`: every count plugboard prints (CLI and site build) goes through here. */
export function plural(n: number, word: string, words = word + 's'): string {
  return `${n} ${n === 1 ? word : words}`;
}
