// The frame of the pages after login (AppFrame.tsx) is one lazily loaded file, asked for
// from two places: App.tsx at start on any page but login, and the login page while the
// person types (so the page after login opens without waiting for it).
export const loadFrame = () => import('./AppFrame.tsx');
