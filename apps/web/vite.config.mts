// The web app: Preact with the automatic JSX runtime, built into dist/web and
// served by the API under /app/ (apps/api/src/web-app.ts). `npm run dev:web` proxies the
// API to http://localhost:3000.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const api = ['/requests', '/offers', '/engagements', '/coordination', '/search', '/public', '/live', '/health', '/docs'];

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/app/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
  },
  server: { proxy: Object.fromEntries(api.map((p) => [p, 'http://localhost:3000'])) },
});
