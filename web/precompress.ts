// A Vite plugin: after the build, writes a .br (Brotli, best quality) and a .gz (gzip,
// level 9) twin of each text file in web/dist, which the server sends to a browser that
// accepts them (src/http/web-app.ts). Compressing once at build time lets the best (and
// slowest) settings be used; only node:zlib, no binary to download.
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const TEXT = /\.(?:js|mjs|css|html|svg|json|txt|webmanifest)$/;

async function textFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && TEXT.test(e.name) && !path.join(e.parentPath, e.name).includes(`${path.sep}.vite${path.sep}`))
    .map((e) => path.join(e.parentPath, e.name));
}

export async function precompressDir(dir: string): Promise<void> {
  for (const file of await textFiles(dir)) {
    const content = await fs.readFile(file);
    const [br, gz] = await Promise.all([
      brotli(content, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
          [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length,
        },
      }),
      gzip(content, { level: 9 }),
    ]);
    // A twin no smaller than the file (a tiny file) is left out: the file itself is sent.
    if (br.length < content.length) await fs.writeFile(`${file}.br`, br);
    if (gz.length < content.length) await fs.writeFile(`${file}.gz`, gz);
  }
}

export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'chibo-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      await precompressDir(outDir);
    },
  };
}
