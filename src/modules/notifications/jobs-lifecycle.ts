// Starts the job runner with the app and stops it on close. On by default; CHIBO_JOBS=off
// turns it off (and it is off under vitest unless CHIBO_JOBS=on), because tests call the
// job handler directly instead of waiting for a poll.
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/connect.ts';
import { type JobRunner, startJobRunner } from './job-runner.ts';
import { notifierFromEnv } from './notifier.ts';

const runners = new WeakMap<Database, JobRunner>();

export function jobsEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.CHIBO_JOBS === 'off') return false;
  if (env.CHIBO_JOBS === 'on') return true;
  return !env.VITEST;
}

export function registerJobs(app: FastifyInstance) {
  if (!jobsEnabled()) return;
  app.addHook('onReady', async () => {
    runners.set(
      app.database,
      await startJobRunner(app.database, { notifier: notifierFromEnv(), onError: (error) => app.log.error({ err: error }, 'job error') }),
    );
  });
  app.addHook('onClose', async () => {
    await runners.get(app.database)?.stop();
    runners.delete(app.database);
  });
}

/** Asks for a notice run soon; a no-op when jobs are off. Never fails the request. */
export function nudgeNotices(app: FastifyInstance): void {
  runners
    .get(app.database)
    ?.nudge()
    .catch((error: unknown) => app.log.warn({ err: error }, 'could not queue notices'));
}
