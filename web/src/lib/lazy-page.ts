// Pages load on demand. After a new version is deployed, an open tab asks for page files
// that no longer exist: reload once to get the new version instead of showing an error.
import { type ComponentType, lazy } from 'react';

const KEY = 'chibo.reloadedForUpdate';

export function lazyPage(load: () => Promise<{ default: ComponentType }>) {
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
