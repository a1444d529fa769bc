// Undoing a PGlite import from its journal. Its members were visible while it was being
// written, so other requests may already point at them (a queued card conflict, a residence
// request, an account link, a check-in): the undo must still remove them, or the next
// start would fail on the foreign key and never serve again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalCreated, startRun, undoRun } from '../../src/modules/imports/import-journal.ts';
import { insertMember } from '../../src/modules/members/create-member.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('undoing an import', () => {
  it('removes its members even when other records already point at them', async () => {
    const db = t.database.db;
    const commune = await t.unit({ code: 'UJ', name: 'Đảng bộ xã Hoàn Tác', kind: 'dang_bo_xa' });
    const cell = await t.unit({ code: 'UJ-1', name: 'Chi bộ thôn Một', parentId: commune });
    const keeper = await t.member({ fullName: 'Nguyễn Văn Giữ', unitId: cell });
    const runId = await startRun(db, null, cell, 'nhap-do-dang.xlsx');
    const created = await db.transaction().execute(async (trx) => {
      const id = await insertMember(trx, null, {
        fullName: 'Trần Văn Nhập',
        unitId: cell,
        sex: 'nam',
        dateOfBirth: '1990-01-01',
        ethnicity: 'Kinh',
        religion: 'Không',
        status: 'chinh_thuc',
        joinedUnitOn: '2024-01-01',
        partyCardNumber: 'UJ000001',
      });
      await journalCreated(trx, runId, [id]);
      return id;
    });
    // Meanwhile, elsewhere: a conflict queued against the new member, a residence request
    // naming them, and an account linked to them.
    await db
      .insertInto('identifier_conflicts')
      .values({
        kind: 'party_card_number',
        value: 'UJ000001',
        source: 'import',
        from_unit_id: cell,
        existing_member_id: created,
        existing_unit_id: cell,
      })
      .execute();
    await db
      .insertInto('residence_link_requests')
      .values({ unit_id: cell, party_card_number: 'UJ000001', member_id: created, valid_from: '2024-01-01' })
      .execute();
    const user = await t.user('uj-nguoi-dung', [], created);

    await undoRun(db, runId);

    expect(await db.selectFrom('members').select('id').where('id', '=', created).executeTakeFirst()).toBeUndefined();
    expect(await db.selectFrom('identifier_conflicts').select('id').where('existing_member_id', '=', created).execute()).toEqual([]);
    expect((await db.selectFrom('users').select('member_id').where('id', '=', user).executeTakeFirstOrThrow()).member_id).toBeNull();
    expect((await db.selectFrom('import_runs').select('state').where('id', '=', runId).executeTakeFirstOrThrow()).state).toBe('undone');
    // What the import did not make is untouched.
    expect(await db.selectFrom('members').select('id').where('id', '=', keeper).executeTakeFirst()).toBeDefined();
  });
});
