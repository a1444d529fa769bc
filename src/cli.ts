// chibo's command line. Each command is one entry in `commands`: its help line and
// what it runs. `npm start` is `chibo start`: migrate, fill the demo organisation on
// first run, build the web app if it is missing, and serve.
// A command loads its modules when it runs: `--help` or a mistyped command answers at once
// instead of loading the whole app first (12–17 s under a busy CI, 01/12).
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { databaseOptionsFromEnv } from './config.ts';
import type { Database } from './db/connect.ts';
import { AppError } from './http/app-error.ts';
import { t } from './i18n/messages.ts';

export interface CommandContext {
  args: string[];
  /** The PGlite data folder, or undefined when DATABASE_URL names a PostgreSQL server. */
  dataDir: string | undefined;
  /** Opens the configured database (PGlite in --data-dir, or DATABASE_URL) and migrates it. */
  open(): Promise<Database>;
  parse<T extends NonNullable<ParseArgsConfig['options']>>(options: T): ReturnType<typeof parseArgs<{ options: T; args: string[]; allowPositionals: true }>>;
}

interface Command {
  usage: string;
  help: string;
  run(ctx: CommandContext): Promise<void>;
}

const commands: Record<string, Command> = {
  start: {
    usage: 'chibo start',
    help: 'Như serve; lần đầu tạo dữ liệu mẫu (cấp xã) và dựng giao diện web. / Like serve; the first time, fills the demo organisation and builds the web app.',
    run: async (ctx) => (await import('./cli/serve.ts')).startServer(ctx, { demoOnFirstRun: true }),
  },
  serve: {
    usage: 'chibo serve [--port 3000]',
    help: 'Chạy máy chủ web và API. / Serves the web app and API.',
    run: async (ctx) => (await import('./cli/serve.ts')).startServer(ctx, { demoOnFirstRun: false }),
  },
  migrate: {
    usage: 'chibo migrate',
    help: 'Cập nhật cấu trúc cơ sở dữ liệu. / Applies pending migrations.',
    run: async (ctx) => {
      const d = await ctx.open();
      await d.close();
    },
  },
  demo: {
    usage: 'chibo demo --scale commune|province|nation [--seed 1]',
    help: 'Tạo dữ liệu mẫu. / Generates synthetic demo data.',
    run: async (ctx) => (await import('./cli/demo.ts')).demoCommand(ctx),
  },
  import: {
    usage: 'chibo import FILE.xlsx --unit CODE [--apply]',
    help: 'Nhập danh sách đảng viên từ Excel (mặc định chỉ kiểm tra). / Imports members from xlsx (dry run unless --apply).',
    run: async (ctx) => (await import('./cli/import-export.ts')).importCommand(ctx),
  },
  export: {
    usage: 'chibo export FILE.xlsx [--unit CODE]',
    help: 'Xuất danh sách đảng viên ra Excel. / Exports members to xlsx.',
    run: async (ctx) => (await import('./cli/import-export.ts')).exportCommand(ctx),
  },
  backup: {
    usage: 'chibo backup FILE',
    help: 'Sao lưu toàn bộ cơ sở dữ liệu vào một tệp. / Backs up the whole database to one file.',
    run: async (ctx) => (await import('./cli/backup-restore.ts')).backupCommand(ctx),
  },
  'rebuild-history': {
    usage: 'chibo rebuild-history',
    help: "Dựng lại mô hình tổ chức theo thời gian từ lịch sử. / Rebuilds the temporal organisation model from the units' history.",
    run: async (ctx) => (await import('./cli/rebuild-history.ts')).rebuildHistoryCommand(ctx),
  },
  restore: {
    usage: 'chibo restore FILE',
    help: 'Khôi phục từ tệp sao lưu vào cơ sở dữ liệu trống. / Restores a backup into an empty database.',
    run: async (ctx) => (await import('./cli/backup-restore.ts')).restoreCommand(ctx),
  },
};

function printHelp() {
  console.log('chibo — quản lý công tác xây dựng Đảng ở cơ sở\n\nCách dùng / Usage:');
  for (const c of Object.values(commands)) console.log(`  ${c.usage.padEnd(52)} ${c.help}`);
  console.log('\nChung / Common: --data-dir DIR (mặc định ./data; bỏ qua khi có DATABASE_URL)');
}

async function main() {
  const [name, ...args] = process.argv.slice(2);
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    printHelp();
    return;
  }
  const command = commands[name];
  if (!command) {
    console.error(`Lệnh không có: ${name}\n`);
    printHelp();
    process.exitCode = 2;
    return;
  }
  if (args.includes('--help')) {
    console.log(`${command.usage}\n  ${command.help}`);
    return;
  }
  const common = parseArgs({ args, options: { 'data-dir': { type: 'string' } }, strict: false, allowPositionals: true });
  const options = databaseOptionsFromEnv(common.values['data-dir'] as string | undefined);
  const ctx: CommandContext = {
    args,
    dataDir: 'dataDir' in options ? options.dataDir : undefined,
    async open() {
      const [{ openDatabase }, { migrate }] = await Promise.all([import('./db/connect.ts'), import('./db/migrate.ts')]);
      const database = await openDatabase(options);
      await migrate(database);
      return database;
    },
    parse: (options) => parseArgs({ args, options: { ...options, 'data-dir': { type: 'string' } }, allowPositionals: true }) as never,
  };
  await command.run(ctx);
}

main().catch((error: unknown) => {
  const message = error instanceof AppError ? t('vi', `errors.${error.code}`, error.params) : error instanceof Error ? error.message : String(error);
  console.error(`Lỗi: ${message}`);
  process.exitCode = 1;
  // A server that failed to start may still hold open connections (a pool, a timer): leave
  // anyway, once the message has been written.
  setTimeout(() => process.exit(), 1000).unref();
});
