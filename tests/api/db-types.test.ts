// The checked-in table types are what the migrations give: kysely-codegen over this run's
// migrated database (PGlite or PostgreSQL) writes the same src/db/generated-types.ts.
// After adding a migration: `npm run db:types`, and commit the file.
import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import { GENERATED_TYPES_FILE, generateDbTypes } from '../../src/db/generate-types.ts';
import { openTestDatabase } from '../helpers/test-database.ts';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

it('src/db/generated-types.ts matches the migrated schema (else: npm run db:types)', async () => {
  const generated = await generateDbTypes(database.db);
  expect(fs.readFileSync(GENERATED_TYPES_FILE, 'utf8'), 'src/db/generated-types.ts is stale: run `npm run db:types` and commit it').toBe(generated);
});
