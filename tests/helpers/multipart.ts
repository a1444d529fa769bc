// Multipart uploads as a client sends them, ready to spread into an inject() call:
// multipartFile is one file part named "file", as the browser sends it; multipartBody
// builds any parts, with a chosen boundary (or none in the header) and optionally without
// the closing delimiter, for the tests that send broken uploads. File names go into the
// header as given: quotes, CR/LF, NUL and path separators included.
export interface UploadPart {
  name: string;
  fileName?: string;
  type?: string;
  content: Buffer | string;
}

const BOUNDARY = '----chibo-test-boundary';

export function multipartBody(parts: UploadPart[], options: { boundary?: string | null; closed?: boolean } = {}) {
  const boundary = options.boundary === undefined ? BOUNDARY : options.boundary;
  const delimiter = boundary ?? BOUNDARY;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const file = part.fileName === undefined ? '' : `; filename="${part.fileName}"`;
    const type = part.type === undefined ? '' : `\r\nContent-Type: ${part.type}`;
    chunks.push(Buffer.from(`--${delimiter}\r\nContent-Disposition: form-data; name="${part.name}"${file}${type}\r\n\r\n`));
    chunks.push(typeof part.content === 'string' ? Buffer.from(part.content) : part.content, Buffer.from('\r\n'));
  }
  if (options.closed !== false) chunks.push(Buffer.from(`--${delimiter}--\r\n`));
  const contentType = boundary === null ? 'multipart/form-data' : `multipart/form-data; boundary=${boundary}`;
  return { payload: Buffer.concat(chunks), headers: { 'content-type': contentType } };
}

export function multipartFile(fileName: string, content: Buffer | string, type = 'application/octet-stream') {
  return multipartBody([{ name: 'file', fileName, type, content }]);
}
