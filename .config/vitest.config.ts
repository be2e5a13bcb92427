import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = path.resolve(import.meta.dirname, '..');

export default defineConfig({
  root,
  resolve: {
    alias: {
      '@': root,
      // Next's guard against importing server code into client bundles; tests run on the server.
      'server-only': path.join(root, 'lib/test/empty-module.ts'),
    },
  },
  test: {
    include: ['lib/**/*.test.ts', 'db/**/*.test.ts', 'app/**/*.test.ts', 'e2e/**/*.test.ts'],
    globalSetup: ['lib/test/global-setup.ts'],
    setupFiles: ['lib/test/setup-database.ts'],
    env: { LOG_LEVEL: 'silent' },
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
