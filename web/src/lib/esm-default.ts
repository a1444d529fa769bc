// antd ships ES modules without "type": "module", so TypeScript reads their .d.ts files as
// CommonJS and types a default import as the whole module, where the bundler gives the
// default export itself. This takes whichever is there, typed as the default export.
export type DefaultOf<T> = T extends { default: infer D } ? D : T;

export function esmDefault<T>(m: T): DefaultOf<T> {
  return ((m as { default?: unknown }).default ?? m) as DefaultOf<T>;
}
