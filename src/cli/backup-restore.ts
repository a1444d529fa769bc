import path from 'node:path';
import type { CommandContext } from '../cli.ts';
import { backupDatabase } from '../modules/backup/backup-database.ts';
import { restoreDatabase } from '../modules/backup/restore-database.ts';

function fileArg(ctx: CommandContext): string {
  const { positionals } = ctx.parse({});
  if (!positionals[0]) throw new Error('Thiếu tên tệp. / Missing file name.');
  return path.resolve(positionals[0]);
}

export async function backupCommand(ctx: CommandContext) {
  const file = fileArg(ctx);
  const database = await ctx.open();
  try {
    const started = Date.now();
    const result = await backupDatabase(database.db, file);
    console.log(`Đã sao lưu ${result.rows} dòng của ${result.tables} bảng vào ${file} (${Date.now() - started} ms).`);
  } finally { await database.close(); }
}

export async function restoreCommand(ctx: CommandContext) {
  const file = fileArg(ctx);
  const database = await ctx.open();
  try {
    const result = await restoreDatabase(database.db, file);
    console.log(`Đã khôi phục ${result.rows} dòng từ ${file}.`);
  } finally { await database.close(); }
}
