import { existsSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATA_DIR = path.resolve(import.meta.dirname, '..', '.data-e2e');
const root = path.resolve(import.meta.dirname, '..');

// The system Chromium (Debian's /usr/bin/chromium, or CHROMIUM_PATH) when present, else Playwright's own.
const chromiumPath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p) => p && existsSync(p));

export default defineConfig({
  testDir: '.',
  outputDir: path.join(root, 'test-results'),
  fullyParallel: false,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never', outputFolder: path.join(root, 'playwright-report') }]],
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      // This machine has no outside network: keep Chromium from trying to reach Google.
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  projects: [
    { name: 'setup', testMatch: /global\.setup\.ts/ },
    { name: 'chromium', testMatch: /.*\.spec\.ts/, use: { ...devices['Desktop Chrome'], viewport: { width: 1024, height: 768 } }, dependencies: ['setup'] },
  ],
  webServer: {
    // A fresh embedded database for every run: the demo is seeded on first start.
    command: `node -e "require('fs').rmSync(process.argv[1],{recursive:true,force:true})" ${E2E_DATA_DIR} && npm start`,
    cwd: root,
    url: `http://localhost:${E2E_PORT}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(E2E_PORT),
      QUORUM_DATA_DIR: E2E_DATA_DIR,
      NEXTAUTH_URL: `http://localhost:${E2E_PORT}`,
      LOG_LEVEL: 'warn',
      // Generous so the e2e lockout test cannot lock the shared demo accounts by accident.
      LOGIN_MAX_FAILURES: '5',
    },
  },
});
