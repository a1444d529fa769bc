import path from 'node:path';
import type { CommandContext } from '../cli.ts';
import type { Database } from '../db/connect.ts';
import { AppError } from '../http/app-error.ts';
import { backupThroughServer } from '../modules/backup/backup-channel.ts';
import { backupDatabase } from '../modules/backup/backup-database.ts';
import { recordBackup } from '../modules/backup/record-backup.ts';
import { restoreDatabase } from '../modules/backup/restore-database.ts';

function fileArg(ctx: CommandContext): string {
  const { positionals } = ctx.parse({});
  if (!positionals[0]) throw new Error('Thiếu tên tệp. / Missing file name.');
  return path.resolve(positionals[0]);
}

export async function backupCommand(ctx: CommandContext) {
  const file = fileArg(ctx);
  const started = Date.now();
  let database: Database | undefined;
  try {
    database = await ctx.open();
  } catch (error) {
    // A running server holds the PGlite folder: ask it for a snapshot instead.
    if (!(error instanceof AppError && error.code === 'data_folder_locked' && ctx.dataDir)) throw error;
    const result = await backupThroughServer(ctx.dataDir, file).catch((channelError: NodeJS.ErrnoException) => {
      if (channelError.code === 'ENOENT' || channelError.code === 'ECONNREFUSED') throw error;
      throw channelError;
    });
    console.log(
      `Đã sao lưu ${result.rows} dòng của ${result.tables} bảng vào ${file} qua máy chủ đang chạy (${Date.now() - started} ms; máy chủ tạm dừng ghi ${result.blockedMs} ms).`,
    );
    return;
  }
  try {
    const result = await backupDatabase(database.db, file);
    await recordBackup(database.db, file, result, 'cli');
    console.log(`Đã sao lưu ${result.rows} dòng của ${result.tables} bảng vào ${file} (${Date.now() - started} ms).`);
  } finally {
    await database.close();
  }
}

export async function restoreCommand(ctx: CommandContext) {
  const file = fileArg(ctx);
  const database = await ctx.open();
  try {
    const result = await restoreDatabase(database.db, file);
    console.log(`Đã khôi phục ${result.rows} dòng từ ${file}.`);
    if (!result.verified) console.log('Lưu ý: bản sao lưu định dạng cũ (phiên bản 1) không ghi số dòng và tổng kiểm, nên không kiểm tra được là đủ.');
  } finally {
    await database.close();
  }
}
