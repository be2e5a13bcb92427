import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type Page, expect } from '@playwright/test';
import pg from 'pg';
import { E2E_DATA_DIR } from './playwright.config';

export const ROLES = ['admin', 'secretary', 'deputy', 'clerk', 'member'] as const;
export type Role = (typeof ROLES)[number];
export const PASSWORD = 'quorum-demo';
export const NAMES: Record<Role, string> = {
  admin: 'Quản trị hệ thống',
  secretary: 'Trần Văn Thắng',
  deputy: 'Lê Thị Thu Hà',
  clerk: 'Phạm Minh Tuấn',
  member: 'Nguyễn Thị Hoa',
};

export const emailOf = (role: Role) => `${role}@quorum.local`;
export const storageStateOf = (role: Role) => path.join(import.meta.dirname, '.auth', `${role}.json`);

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('Thư điện tử').fill(email);
  await page.getByLabel(/^Mật khẩu/).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

export async function signedInPage(browser: Browser, role: Role) {
  const context = await browser.newContext({ storageState: storageStateOf(role) });
  return { context, page: await context.newPage() };
}

/** The e2e server's embedded database, for looking up ids of seeded records. */
export async function queryE2eDb<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const port = Number(readFileSync(path.join(E2E_DATA_DIR, 'pg', 'postmaster.pid'), 'utf8').split('\n')[3]);
  const { dbPassword } = JSON.parse(readFileSync(path.join(E2E_DATA_DIR, 'secrets.json'), 'utf8'));
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: dbPassword, database: 'quorum' });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

export async function expectHome(page: Page, role: Role) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Xin chào, ${NAMES[role]}`);
}

type ManifestEntry = { workers: Record<string, unknown>; filename: string; exportedName: string };

/** Server action ids from the production build, keyed `file#export` like the matrix. */
export function actionIds() {
  const manifest = JSON.parse(
    readFileSync(path.resolve(import.meta.dirname, '..', '.next', 'server', 'server-reference-manifest.json'), 'utf8'),
  ) as { node: Record<string, ManifestEntry> };
  return new Map(
    Object.entries(manifest.node).map(([id, entry]) => [`${entry.filename}#${entry.exportedName}`, { id, page: Object.keys(entry.workers)[0]! }]),
  );
}

export function pagePath(worker: string) {
  return `/${worker.replace(/^app\//, '').replace(/\/page$/, '').replace(/^page$/, '').split('/').filter((s) => !/^\(.*\)$/.test(s)).join('/')}`;
}

