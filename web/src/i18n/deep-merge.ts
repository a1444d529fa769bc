/** Two message trees as one: keys of both, `extra` winning where a leaf is in both. */
export function deepMerge(base: object, extra: object): object {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const here = out[key];
    out[key] = here && typeof here === 'object' && value && typeof value === 'object' ? deepMerge(here as object, value as object) : value;
  }
  return out;
}
