// Routes of the paper path: the notice and the sign-in sheet of a meeting, each as a
// .docx and as a print view (the minutes' own routes use the same sendPaper).

import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { recordIdParams } from '../../http/record-id.ts';
import type { Access } from '../access/access.ts';
import { accessOf } from '../auth/authenticate.ts';
import { clock } from './clock.ts';
import { noticePaper, signInSheetPaper } from './meeting-papers.ts';
import type { PaperDocument } from './paper-document.ts';
import { paperDocx } from './paper-docx.ts';
import { paperHtml } from './paper-print.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A paper as a .docx download or as its print view. */
export async function sendPaper(reply: FastifyReply, doc: PaperDocument, as: 'docx' | 'print') {
  if (as === 'print') return reply.header('content-type', 'text/html; charset=utf-8').send(paperHtml(doc));
  return reply
    .header('content-type', DOCX)
    .header('content-disposition', `attachment; filename="${doc.fileName}.docx"`)
    .send(await paperDocx(doc));
}

export async function paperRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['meetings'];
  const papers: Record<string, (access: Access, id: number) => Promise<PaperDocument>> = {
    notice: (access, id) => noticePaper(app.db, access, id, clock.now()),
    'sign-in-sheet': (access, id) => signInSheetPaper(app.db, access, id),
  };
  for (const [name, build] of Object.entries(papers)) {
    for (const as of ['docx', 'print'] as const) {
      const url = as === 'docx' ? `/meetings/:id/${name}.docx` : `/meetings/:id/${name}/print`;
      app.get(url, { schema: { tags, params: recordIdParams } }, async (req, reply) => sendPaper(reply, await build(accessOf(req), req.params.id), as));
    }
  }
}
