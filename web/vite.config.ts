// Builds the single-page app into dist/web, which the Otklik server serves at "/".
import react from '@vitejs/plugin-react';
import postcssPresetMantine from 'postcss-preset-mantine';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  // Type-only imports of the server's schemas (api/contract.ts) vanish in the build; the alias keeps tools that
  // resolve imports (and any runtime import lint let through) pointing at the same files as web/tsconfig.json.
  resolve: { alias: { '@server': fileURLToPath(new URL('../src', import.meta.url)) } },
  css: { postcss: { plugins: [postcssPresetMantine()] } },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  // `npm run dev` serves the API on :3000; `npx vite web` proxies to it.
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
