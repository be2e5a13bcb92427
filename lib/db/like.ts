/** Escapes LIKE wildcards so user text matches literally (Postgres' default escape is backslash). */
export function escapeLike(value: string) {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
