// The order test files start in. On a clean clone (CI) vitest has no durations cached and
// starts the biggest files first; the crash tests are a small file that runs ~90 s, so they
// started last and one worker ran them alone for a minute at the end of each run. The files
// known to be long start first; every other file keeps vitest's own order.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Longest first (seconds alone, the PGlite suite with .ci/run's settings on this 2-core machine, 02/12). */
const LONG_FILES = [
  'tests/crash/crash.test.ts', // ~60
  'tests/api/access-matrix.test.ts', // ~50
  'tests/api/cli.test.ts', // ~48 (PGlite run only)
  'tests/api/backup-running-server.test.ts', // ~43 (PGlite run only)
  'tests/api/backup.test.ts', // ~24
  'tests/api/grading.test.ts', // ~20
  'tests/api/bad-input-sweep.test.ts', // ~18
  'tests/api/import-crash.test.ts', // ~14 (PGlite run only)
  'tests/api/fuzz.test.ts', // ~12
];

const rank = (file: TestSpecification) => {
  const i = LONG_FILES.findIndex((name) => file.moduleId.endsWith(name));
  return i === -1 ? LONG_FILES.length : i;
};

export default class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    // Array.prototype.sort is stable: the rest stay in vitest's order.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}
