import { defineConfig } from 'vitest/config';

// Browser tests: the real server on a fresh PGlite data folder, driven in Debian's
// Chromium through playwright-core. One file at a time: each starts its own server on a copy
// of the data folder the global setup seeded once.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/e2e/helpers/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    // A whole month's flow (tests/e2e/secretary-month.test.ts) takes ~60 s alone and took
    // 90–108 s on a busy machine: room for that, not for a hang.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
