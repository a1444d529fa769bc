// Pages load on demand. After a new version is deployed, an open tab asks for page files
// that no longer exist: reload once to get the new version instead of showing an error.
import type { QueryClient } from '@tanstack/react-query';
import { type ComponentType, lazy } from 'react';
import { matchPath } from 'react-router-dom';

const KEY = 'chibo.reloadedForUpdate';

/** Which page file serves which addresses, for preloadPageOf. */
const byPath: { pattern: string; load: () => Promise<unknown> }[] = [];

/** What a page first shows, asked of the API by prefetchDataOf. */
type Prefetch = (client: QueryClient, address: { params: Record<string, string | undefined>; search: URLSearchParams }) => unknown;
const dataByPath: { pattern: string; prefetch: Prefetch }[] = [];

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

/**
 * The data a page shows first when it is the first address (its query options, shared with
 * the page's own hook): asked for at start, beside the page's files, instead of after they
 * have arrived and the page has drawn (about half a second on Fast 3G).
 */
export function prefetchDataAt(pattern: string, prefetch: Prefetch): void {
  dataByPath.push({ pattern, prefetch });
}

/** Starts the first address's data requests (when some were named for it). */
export function prefetchDataOf(location: { pathname: string; search: string }, client: QueryClient): void {
  for (const { pattern, prefetch } of dataByPath) {
    const match = matchPath(pattern, location.pathname);
    if (match) void prefetch(client, { params: match.params, search: new URLSearchParams(location.search) });
  }
}
