// The meetings module's clock. Every use case that depends on the time (the check-in
// window, "late" corrections, "this month") takes `now` from here, so tests set the time
// instead of waiting for it.
let current: () => Date = () => new Date();

export const clock = {
  now: (): Date => current(),
  /** Tests only: freeze or move the time. */
  set(now: Date | (() => Date)): void {
    current = typeof now === 'function' ? now : () => now;
  },
  reset(): void {
    current = () => new Date();
  },
};
