// People who asked their phone for less motion (prefers-reduced-motion): read once, at load.
export const reducedMotion = typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;
