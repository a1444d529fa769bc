import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import type { CommandContext } from '../cli.ts';
import { heapGrowingPercent, serverHost, serverPort } from '../config.ts';
import { warmUpPglite } from '../db/warm-up-pglite.ts';
import { openBackupChannel } from '../modules/backup/backup-channel.ts';
import { demoAccountsStillOpen } from '../modules/demo/demo-accounts-still-open.ts';
import { seedDemo } from '../modules/demo/seed-demo.ts';
import { cleanUpImportsAtStart } from '../modules/imports/clean-up-at-start.ts';
import { buildApp } from '../server.ts';

const projectRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function ensureWebBuilt() {
  if (fs.existsSync(path.join(projectRoot, 'web', 'dist', 'index.html'))) return;
  console.log('Đang dựng giao diện web lần đầu… / Building the web app once…');
  execFileSync(
    process.execPath,
    [path.join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    { cwd: projectRoot, stdio: 'inherit' },
  );
}

export async function startServer(ctx: CommandContext, options: { demoOnFirstRun: boolean }) {
  // Garbage is returned sooner than V8's default would (config.ts says why and what it costs).
  const growing = heapGrowingPercent();
  if (growing > 0) v8.setFlagsFromString(`--heap-growing-percent=${growing}`);
  const { values } = ctx.parse({ port: { type: 'string' } });
  if (options.demoOnFirstRun) ensureWebBuilt();
  const database = await ctx.open();
  if (options.demoOnFirstRun) {
    const any = await database.db.selectFrom('units').select('id').limit(1).executeTakeFirst();
    if (!any) {
      console.log('Cơ sở dữ liệu trống: tạo tổ chức mẫu… / Empty database: creating the demo organisation…');
      await seedDemo(database, { scale: 'commune', seed: 1 });
    }
  }
  const cleaned = await cleanUpImportsAtStart(database);
  if (cleaned.importsUndone) console.log(`Đã hủy ${cleaned.importsUndone} lần nhập dở dang. / Undid ${cleaned.importsUndone} unfinished import(s).`);
  const app = await buildApp(database, { logger: process.env.CHIBO_LOG === '1' });
  // The clean shutdown is in place before the server answers: a SIGTERM that comes while the
  // demo accounts below are still being checked (an argon2 hash each) must not kill it mid-way.
  let closeChannel: (() => Promise<void>) | undefined;
  const stop = async () => {
    await closeChannel?.();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const port = Number(values.port ?? serverPort());
  await app.listen({ port, host: serverHost() });
  console.log(`\nchibo đang chạy / is running: http://localhost:${port}  (${database.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'})`);
  await warmUpPglite(database);
  // Only a demo database shows its accounts, and only while they still open with the demo password.
  const demoAccounts = options.demoOnFirstRun ? await demoAccountsStillOpen(database.db) : [];
  if (demoAccounts.length) {
    console.log('Tài khoản mẫu / demo accounts:');
    for (const a of demoAccounts) console.log(`  ${a.username.padEnd(14)} ${a.password.padEnd(16)} ${a.description}`);
  }
  // `chibo backup` asks a server on PGlite for a snapshot through this channel.
  closeChannel =
    database.kind === 'pglite' && ctx.dataDir && process.platform !== 'win32'
      ? await openBackupChannel(database, ctx.dataDir).catch((error: Error) => {
          console.warn(`Không mở được kênh sao lưu / backup channel unavailable: ${error.message}`);
          return undefined;
        })
      : undefined;
}
