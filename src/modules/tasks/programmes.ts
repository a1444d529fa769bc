// The programmes a task may serve (xây dựng nông thôn mới, an ninh trật tự, bảo hiểm y
// tế…): rows of task_programmes, named in the caller's language.
import type { Db } from '../../db/types.ts';
import type { Lang } from '../../i18n/messages.ts';

export async function listProgrammes(db: Db, lang: Lang) {
  const rows = await db.selectFrom('task_programmes').select(['code', 'name_vi', 'name_en']).orderBy('sort').orderBy('code').execute();
  return { items: rows.map((r) => ({ code: r.code, name: lang === 'en' ? r.name_en : r.name_vi })) };
}
