// Answers compressed when the browser asks (Accept-Encoding: br or gzip): a member list or
// the OpenAPI document shrinks to a fraction on a slow phone connection. Only text types
// (JSON, HTML, CSV, calendar) are compressed: .xlsx, .docx and PNG are zipped or deflated
// inside already. The web app's files come compressed at build time (see web-app.ts), so
// they cost no CPU here. Brotli runs at @fastify/compress's quality 4 (11 takes tens of ms).

import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    encodings: ['br', 'gzip'],
    // @fastify/compress would also compress application/octet-stream (an uploaded meeting
    // document of unknown type, often a photo or a PDF): other types go by mime-db.
    customTypes: /^text\/(?!event-stream)|[+/]json(?:;|$)|[+/]xml(?:;|$)/,
    // Request bodies are read as sent: a gzipped body would pass the 1 MiB body limit as a
    // few kilobytes and then grow in memory.
    globalDecompression: false,
  });
}
