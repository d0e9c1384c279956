import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The desk's build: web/ → dist/desk, which the API hosts serve at PUBLIC_URL/ (src/desk).
 * Vite 8 compiles TSX itself (oxc), so no React plugin is needed for a production build.
 * Every asset has a hashed name under assets/ (cached a year); index.html loads them with no
 * inline script, as the Content Security Policy demands.
 */
export default defineConfig({
  root,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/desk', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    assetsInlineLimit: 0,
    sourcemap: false,
    target: 'es2022',
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // React libraries mark their modules "use client" for server components; a browser bundle
      // has no use for the mark, and the warning for each module buries real ones.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: { proxy: { '/v1': 'http://127.0.0.1:3000' } },
});
