// Background jobs through pg-boss 10, on the application's own database connection.
// On PostgreSQL pg-boss runs over the app's pg pool. On PGlite there is one connection,
// so pg-boss gets an `executeSql` that takes its turn on that connection (the same
// queue Kysely uses, so a job's query never lands inside someone else's transaction);
// multi-statement scripts (pg-boss's own migrations and maintenance) go through exec.
// This works on PGlite as it is, so there is no separate scheduler.
import PgBoss from 'pg-boss';
import type { Database } from '../../db/connect.ts';
import { LOCKS, withDatabaseLock } from '../../db/database-lock.ts';
import { vnDate } from '../../domain/meeting-time.ts';
import { sendAdmissionReminders } from '../admissions/admission-reminders.ts';
import { compactKeptCounts } from '../figures/kept-member-counts.ts';
import { sendTaskReminders } from '../tasks/send-task-reminders.ts';
import type { Notifier } from './notifier.ts';
import { sendMeetingNotices } from './send-meeting-notices.ts';

export const MEETING_NOTICES = 'meeting-notices';
/** Nightly: folds the per-subtree member counts' signed rows (figures/kept-member-counts.ts). */
export const KEPT_COUNTS_COMPACTION = 'kept-counts-compaction';
/** The daily overdue-task reminders (tasks/send-task-reminders.ts). */
export const TASK_REMINDERS = 'task-reminders';

export interface JobRunner {
  boss: PgBoss;
  /** Asks for a notice run soon (after a meeting is planned, changed or cancelled). */
  nudge(): Promise<void>;
  stop(): Promise<void>;
}

type SqlResult = { rows: unknown[]; rowCount: number };

export function executeSqlFor(database: Database): (text: string, values?: unknown[]) => Promise<SqlResult> {
  if (database.kind === 'postgres') {
    const pool = database.pgPool!;
    return async (text, values) => {
      const r = await pool.query(text, values);
      return { rows: r.rows ?? [], rowCount: r.rowCount ?? 0 };
    };
  }
  const pglite = database.pglite!;
  return (text, values) =>
    database.db.connection().execute(async () => {
      if (values && values.length > 0) {
        const r = await pglite.query(text, values);
        return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
      }
      const results = await pglite.exec(text);
      const last = results[results.length - 1];
      return { rows: last?.rows ?? [], rowCount: last?.affectedRows ?? 0 };
    });
}

export interface JobRunnerOptions {
  notifier: Notifier;
  /** How often workers poll for jobs (pg-boss's minimum is 0.5 s). */
  pollingIntervalSeconds?: number;
  /** Cron for the periodic notice run. */
  cron?: string;
  now?: () => Date;
  onError?: (error: unknown) => void;
}

export async function startJobRunner(database: Database, options: JobRunnerOptions): Promise<JobRunner> {
  const boss = new PgBoss({ db: { executeSql: executeSqlFor(database) }, schema: 'pgboss' });
  boss.on('error', options.onError ?? (() => {}));
  // App processes starting together on one PostgreSQL set pg-boss up one after the other:
  // two creating its schema, the queue's partition and the schedule at once can deadlock.
  await withDatabaseLock(database, LOCKS.jobsSetUp, async () => {
    await boss.start();
    // 'stately': at most one run waiting and one running across every process, so nudges
    // coalesce and two processes never run the notices at the same time.
    await boss.createQueue(MEETING_NOTICES, { name: MEETING_NOTICES, policy: 'stately' });
    // One schedule row, whoever writes it; pg-boss fires a cron once across processes.
    await boss.schedule(MEETING_NOTICES, options.cron ?? '*/5 * * * *');
    await boss.createQueue(KEPT_COUNTS_COMPACTION, { name: KEPT_COUNTS_COMPACTION, policy: 'stately' });
    // 19:40 UTC = 02:40 in Việt Nam.
    await boss.schedule(KEPT_COUNTS_COMPACTION, '40 19 * * *');
    await boss.createQueue(TASK_REMINDERS, { name: TASK_REMINDERS, policy: 'stately' });
    // Every morning at 7:00 Vietnam time; the emails go with the next notices run.
    await boss.schedule(TASK_REMINDERS, '0 7 * * *', {}, { tz: 'Asia/Ho_Chi_Minh' });
  });
  const now = options.now ?? (() => new Date());
  await boss.work(MEETING_NOTICES, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async () => {
    // Admission deadlines first, so their emails go out with this run's (admissions/).
    await sendAdmissionReminders(database.db, vnDate(now()));
    await sendMeetingNotices(database.db, options.notifier, now());
  });
  await boss.work(KEPT_COUNTS_COMPACTION, { pollingIntervalSeconds: 60 }, async () => {
    await compactKeptCounts(database.db);
  });
  await boss.work(TASK_REMINDERS, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async () => {
    await sendTaskReminders(database.db, now());
  });
  return {
    boss,
    async nudge() {
      await boss.send(MEETING_NOTICES, {});
    },
    async stop() {
      await boss.stop({ graceful: true, close: false, wait: true, timeout: 5000 });
    },
  };
}
