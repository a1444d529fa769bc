// Items grouped by a key in one pass, in their order. Appending in place matters: spreading
// the list on every item is quadratic, and 300,000 cells under 40 provinces took 15 s of the
// national meetings dashboard. (Map.groupBy comes with Node 21; the README's machine has Node 20.)
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]>;
export function groupBy<T, K, V>(items: Iterable<T>, keyOf: (item: T) => K, toValue: (item: T) => V): Map<K, V[]>;
export function groupBy<T, K, V>(items: Iterable<T>, keyOf: (item: T) => K, toValue?: (item: T) => V): Map<K, (T | V)[]> {
  const out = new Map<K, (T | V)[]>();
  for (const item of items) {
    const key = keyOf(item);
    const value = toValue ? toValue(item) : item;
    const list = out.get(key);
    if (list) list.push(value);
    else out.set(key, [value]);
  }
  return out;
}
