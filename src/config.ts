// Settings come from the environment, with defaults that make `npm start` work alone.
import path from 'node:path';
import type { DatabaseOptions } from './db/connect.ts';

export function databaseOptionsFromEnv(dataDir = process.env.CHIBO_DATA_DIR ?? './data'): DatabaseOptions {
  const url = process.env.DATABASE_URL;
  return url ? { url } : { dataDir: path.resolve(dataDir) };
}

export const serverPort = () => Number(process.env.PORT ?? 3000);
export const serverHost = () => process.env.HOST ?? '0.0.0.0';
