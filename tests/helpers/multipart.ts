// A file upload as the browser sends it: one multipart/form-data part named "file", ready
// to spread into an inject() call.
export function multipartFile(fileName: string, content: Buffer | string, type = 'application/octet-stream') {
  const boundary = '----chibo-test-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`),
    typeof content === 'string' ? Buffer.from(content) : content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
