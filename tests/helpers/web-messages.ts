// The web app's messages as the app has them after login: vi.json (the login page's) with
// vi-pages.json (the pages', fetched with the frame), and en.json.

import { deepMerge } from '../../web/src/i18n/deep-merge.ts';
import en from '../../web/src/i18n/en.json' with { type: 'json' };
import viLogin from '../../web/src/i18n/vi.json' with { type: 'json' };
import viPages from '../../web/src/i18n/vi-pages.json' with { type: 'json' };

export const vi = deepMerge(viLogin, viPages) as typeof viLogin & typeof viPages;
export { en };
