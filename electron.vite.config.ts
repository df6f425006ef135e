import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';

// One build for all three targets:
// - main: the Electron composition root (out/main/index.js), the web-mode server (out/main/web.js) and the
//   command-line runner (out/main/cli.js), and the local model's worker (out/main/local-model-worker.js), all ESM;
// - preload: ONE CommonJS file with its imports bundled, because a sandboxed preload cannot load modules;
// - renderer: the React app, minified (its gzipped size is a benchmark goal).
export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        input: {
          index: resolve(import.meta.dirname, 'main/electron/main.ts'),
          web: resolve(import.meta.dirname, 'main/web/cli.ts'),
          cli: resolve(import.meta.dirname, 'main/cli/cli.ts'),
          // The local model's worker thread, started by the desktop app and web mode beside their bundle.
          'local-model-worker': resolve(import.meta.dirname, 'main/core/local/model-worker.ts'),
          // Prompt token estimates (gpt-tokenizer) off the main thread, started by the desktop app and web mode.
          'token-estimate-worker': resolve(import.meta.dirname, 'main/core/capability/estimate-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    plugins: [react()],
    build: {
      minify: true,
      sourcemap: false,
      rolldownOptions: { input: resolve(import.meta.dirname, 'renderer/index.html') },
    },
  },
});
