// Pages load on demand. After a new version is deployed, an open tab asks for page files
// that no longer exist: reload once to get the new version instead of showing an error.
import { type ComponentType, lazy } from 'react';
import { matchPath } from 'react-router-dom';

const KEY = 'chibo.reloadedForUpdate';

/** Which page file serves which addresses, for preloadPageOf. */
const byPath: { pattern: string; load: () => Promise<unknown> }[] = [];

/**
 * A page loaded when first shown. `paths` (route patterns, e.g. '/units/:id') are the
 * addresses where it is the first page people open: there its file is fetched at start,
 * beside the session check and the frame, rather than after them (about a second on a slow phone).
 */
export function lazyPage(load: () => Promise<{ default: ComponentType }>, ...paths: string[]) {
  for (const pattern of paths) byPath.push({ pattern, load });
  return lazy(async () => {
    try {
      const page = await load();
      sessionStorage.removeItem(KEY);
      return page;
    } catch (error) {
      if (!sessionStorage.getItem(KEY)) {
        sessionStorage.setItem(KEY, '1');
        window.location.reload();
        return new Promise<never>(() => {}); // the reload replaces this page
      }
      throw error;
    }
  });
}

/** Starts fetching the page of this address (when one was named for it); the file is fetched once. */
export function preloadPageOf(address: string): void {
  const pathname = address.split(/[?#]/)[0]!;
  const page = byPath.find((p) => matchPath(p.pattern, pathname));
  // A failure is shown when the page itself loads.
  page?.load().catch(() => {});
}
