import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * `npm test`: typecheck → lint → unit and integration tests (vitest, real Postgres) → end-to-end
 * tests (Playwright on the production build in Chromium). Stops at the first failing step and
 * ends with one "N passed, N failed" line.
 */
const reports = path.resolve('test-results');
mkdirSync(reports, { recursive: true });
const vitestReport = path.join(reports, 'vitest.json');
const playwrightReport = path.join(reports, 'playwright.json');
const bin = (name: string) => path.resolve('node_modules', '.bin', name);

const steps: { name: string; command: string; args: string[]; env?: Record<string, string> }[] = [
  { name: 'typecheck', command: bin('tsc'), args: ['--noEmit'] },
  { name: 'lint', command: bin('eslint'), args: ['--max-warnings=0', '-c', '.config/eslint.config.mjs', '.'] },
  {
    name: 'unit + integration',
    command: bin('vitest'),
    args: ['run', '--config', '.config/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`],
  },
  {
    name: 'end-to-end',
    command: bin('playwright'),
    args: ['test', '--config', 'e2e/playwright.config.ts', '--reporter=list,json'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport },
  },
];

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
const timings: string[] = [];
const began = Date.now();

for (const step of steps) {
  if (only.length && !only.some((o) => step.name.includes(o))) continue;
  const start = Date.now();
  console.log(`\n▶ ${step.name}`);
  const result = spawnSync(step.command, step.args, { stdio: 'inherit', env: { ...process.env, ...step.env } });
  const seconds = ((Date.now() - start) / 1000).toFixed(1);
  timings.push(`${step.name}: ${seconds} s`);
  if (step.name === 'unit + integration' && existsSync(vitestReport)) {
    const report = JSON.parse(readFileSync(vitestReport, 'utf8'));
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
  }
  if (step.name === 'end-to-end' && existsSync(playwrightReport)) {
    const { stats } = JSON.parse(readFileSync(playwrightReport, 'utf8'));
    passed += (stats?.expected ?? 0) + (stats?.flaky ?? 0);
    failed += stats?.unexpected ?? 0;
  }
  if (result.status !== 0) {
    if (!['unit + integration', 'end-to-end'].includes(step.name)) failed += 1;
    console.log(`\n✖ ${step.name} failed after ${seconds} s`);
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(1);
  }
}

console.log(`\n${timings.join(' · ')} · total ${((Date.now() - began) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
