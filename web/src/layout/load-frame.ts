// The frame of the pages after login (AppFrame.tsx) is one lazily loaded file, asked for
// from two places: App.tsx at start on any page but login, and the login page while the
// person types (so the page after login opens without waiting for it). The pages' Vietnamese
// messages come with it: every page after login is drawn inside the frame.
import { loadPageMessages } from '../i18n/i18n.ts';

export const loadFrame = () => Promise.all([import('./AppFrame.tsx'), loadPageMessages()]).then(([frame]) => frame);
