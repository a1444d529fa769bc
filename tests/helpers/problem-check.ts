// What a client must get back when a request is refused: application/problem+json whose
// title is Vietnamese (English when asked), translated field errors, the HTTP status in the
// body, and nothing of the server's insides (stack frames, source paths, SQL or its errors).
import type { LightMyRequestResponse } from 'fastify';
import { hasMessage } from '../../src/i18n/messages.ts';

const VIETNAMESE = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/i;
const MESSAGE_KEY = /^[a-z_]+(\.[a-z0-9_]+)+$/;
// What a leaked error looks like: a stack frame, a source or node_modules path, PostgreSQL's
// own error texts, or a statement. (Problem bodies never echo the caller's input, so the SQL
// strings the fuzzer sends cannot trip this.)
const LEAK =
  /\bat .+[(\s][^\s()]+:\d+:\d+\)?|node:internal|node_modules|\/src\/\S+\.ts|syntax error at or near|violates (unique|foreign key|check|not-null) constraint|duplicate key value|invalid input syntax|relation "\w+"|column "\w+"|\bselect\s.+\sfrom\s|\binsert\s+into\s|\bupdate\s+"?\w+"?\s+set\s/i;

export function problemFailures(res: LightMyRequestResponse, lang: 'vi' | 'en'): string[] {
  const out: string[] = [];
  if (!String(res.headers['content-type']).includes('application/problem+json'))
    return [`content-type ${res.headers['content-type']}, not application/problem+json`];
  if (LEAK.test(res.body)) out.push(`body shows the server's insides: ${res.body.slice(0, 300)}`);
  let body: { title?: unknown; status?: unknown; code?: unknown; errors?: { path?: string; message?: unknown }[] };
  try {
    body = res.json();
  } catch {
    return [...out, 'body is not JSON'];
  }
  // A placeholder left unfilled ("{unit}"), but not braces inside a value the client sent and
  // the message quotes back (an unknown field named "P.{Yg}>n").
  const unfilled = (text: string) => /\{\w+\}/.test(text.replace(/"[^"]*"/g, (q) => (/^"\{\w+\}"$/.test(q) ? q : '""')));
  const title = typeof body.title === 'string' ? body.title.trim() : '';
  if (!title) out.push('empty title');
  else if (MESSAGE_KEY.test(title) || unfilled(title)) out.push(`title is an untranslated key or template: "${title}"`);
  else if (lang === 'vi' && !VIETNAMESE.test(title)) out.push(`title is not Vietnamese: "${title}"`);
  // (An English title may quote a Vietnamese name; what matters is that it has its English text.)
  else if (lang === 'en' && VIETNAMESE.test(title) && !hasMessage('en', `errors.${String(body.code)}`)) out.push(`title is not English: "${title}"`);
  if (body.status !== res.statusCode) out.push(`problem status ${String(body.status)} ≠ HTTP ${res.statusCode}`);
  for (const e of body.errors ?? []) {
    const message = typeof e.message === 'string' ? e.message : '';
    if (!message || MESSAGE_KEY.test(message) || unfilled(message)) out.push(`field error ${e.path}: untranslated message "${message}"`);
  }
  return out;
}
