// The one way a route takes a file from a multipart/form-data request. Routes call it only
// after the caller's right to upload there is checked, so nobody without that right gets
// their upload read. Whatever a client sends — no boundary, a broken body, a file name
// with a NUL, a lone surrogate or a path in it — is a 400 problem+json, never a 500.
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError } from './app-error.ts';
import { isMalformedText } from './refuse-malformed-text.ts';

/** What a file name may not hold beyond malformed text: control characters, U+FFFD from broken bytes, path separators. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
const BAD_NAME = /[\u0001-\u001f\u007f\ufffd/\\]/;

export function checkFileName(name: string | undefined): string {
  // A part sent with a content type but no filename still reaches us as a file.
  if (!name) throw new AppError('no_file_name', 400, {}, [{ path: 'file.filename', message: 'errors.no_file_name' }]);
  if (isMalformedText(name) || BAD_NAME.test(name)) throw new AppError('bad_file_name', 400, {}, [{ path: 'file.filename', message: 'errors.bad_file_name' }]);
  return name;
}

/** Busboy and @fastify/multipart report a malformed body as a plain Error: the client's fault, a 400. */
export function multipartError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return error;
  return new AppError('bad_multipart', 400);
}

/**
 * The request's file part, its name checked; undefined when there is none. `maxBytes` caps
 * the file: reading past it fails with 413 (FST_REQ_FILE_TOO_LARGE, or `file.truncated`).
 */
export async function readUploadPart(req: FastifyRequest, maxBytes: number): Promise<MultipartFile | undefined> {
  if (!req.isMultipart()) throw new AppError('upload_not_multipart', 415);
  let file: MultipartFile | undefined;
  try {
    file = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
  } catch (error) {
    throw multipartError(error);
  }
  if (file) checkFileName(file.filename);
  return file;
}
