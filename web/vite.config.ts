// The web app: built into web/dist (served by the chibo server), and in development
// served by Vite with /api proxied to a running chibo server.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './precompress.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  plugins: [react(), precompress()],
  build: {
    outDir: path.join(here, 'dist'),
    emptyOutDir: true,
    // .vite/manifest.json: which chunks each page's module pulls in (npm run bench -- web).
    manifest: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // antd's component packages (@rc-component/*, @ant-design/*) are plain ES modules with
      // no import-time effects but do not say so in package.json: without this, a page that
      // uses one export of @rc-component/form (antd's Input does) gets all of it.
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]node_modules[\\/]@(rc-component|ant-design)[\\/]/.test(id) },
      output: {
        // React in a chunk of its own: it changes less often than the app, so a phone keeps
        // it cached across updates. antd stays split by page (one antd chunk would load
        // the table, tree and date picker on the login page).
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|@tanstack)[\\/]/, priority: 20 },
            // Everything else the login page needs (the entry's static imports) in one file: left
            // to itself, the bundler cuts it into some 35 small files by which later pages share
            // each part, and each file compresses on its own (more bytes, more requests).
            { name: 'start', test: /node_modules/, tags: ['$initial'], priority: 10, includeDependenciesRecursively: false },
          ],
        },
      },
    },
  },
  server: {
    // CHIBO_API_URL points the dev server at a chibo server on another port.
    proxy: { '/api': { target: process.env.CHIBO_API_URL ?? 'http://localhost:3000', changeOrigin: false } },
  },
});
