// Unsaved work kept in the browser (localStorage) under a key, so that switching tab,
// going back or reloading the page never loses it; cleared once it is saved or discarded.
// While there is unsaved work, leaving the page asks first.
import { useState } from 'react';
import { useWarnBeforeLeaving } from './warn-before-leaving.ts';

function read<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}

/** `[value, setValue, restored]`: `restored` is true when the value came back from an earlier visit. */
export function useStoredDraft<T>(key: string, empty: T, isEmpty: (value: T) => boolean): [T, (next: T) => void, boolean] {
  const [state, setState] = useState(() => {
    const stored = read(key, empty);
    return { value: stored, restored: !isEmpty(stored) };
  });
  const set = (next: T) => {
    setState({ value: next, restored: false });
    try {
      if (isEmpty(next)) localStorage.removeItem(key);
      else localStorage.setItem(key, JSON.stringify(next));
    } catch {
      /* storage full or disabled: the draft lives in memory only */
    }
  };
  useWarnBeforeLeaving(!isEmpty(state.value));
  return [state.value, set, state.restored];
}
