import { defineConfig } from 'vitest/config';
import SlowFilesFirst from './tests/helpers/slow-files-first.ts';

// API tests boot the real app on a fresh database per file (a copy of one migrated
// template); see tests/helpers/global-setup.ts.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // Files share a worker's loaded modules (each still gets its own database): importing the
    // app again for each of ~100 files cost ~70 s of a run's wall time.
    isolate: false,
    sequence: { sequencer: SlowFilesFirst },
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
