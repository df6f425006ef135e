import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Node tests (core, web, electron adapters with structural fakes) and jsdom component tests, one run.
export default defineConfig({
  plugins: [react()],
  test: {
    include: [
      'tests/**/*.test.ts',
      'renderer/**/*.test.{ts,tsx}',
      'main/**/*.test.ts',
      'shared/**/*.test.ts',
    ],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
