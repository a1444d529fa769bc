import { useEffect } from 'react';
import { type Location, useBlocker } from 'react-router-dom';

/** While `dirty`, closing or reloading the tab asks first (the browser's own question): nothing typed is lost unasked. */
export function useWarnBeforeLeaving(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
}

/** Whether a move leaves the page: another path (a change of the query string stays on it). */
const otherPage = (from: Location, to: Location) => from.pathname !== to.pathname;

/**
 * While `dirty`, leaving the page — the menu, a link, the phone's Back, closing the tab —
 * asks first: `ask(leave, stay)` shows the question and calls one of them. `leaves` says
 * which moves count as leaving (by default another path; the dues sheet also counts another
 * month or cell, not another tab). React Router holds one blocker at a time: one hook per page.
 */
export function useAskBeforeLeaving(dirty: boolean, ask: (leave: () => void, stay: () => void) => void, leaves = otherPage): void {
  useWarnBeforeLeaving(dirty);
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && leaves(currentLocation, nextLocation));
  // biome-ignore lint/correctness/useExhaustiveDependencies: asked once each time a move is held, not on every render
  useEffect(() => {
    if (blocker.state === 'blocked') ask(blocker.proceed, blocker.reset);
  }, [blocker.state]);
}
