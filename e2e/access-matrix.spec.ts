import { readFileSync } from 'node:fs';
import { type APIRequestContext, expect, request as playwrightRequest, test } from '@playwright/test';
import { encodeReply } from 'next/dist/compiled/react-server-dom-webpack/client.edge.js';
import { type Sample, actions, routes } from './access-matrix';
import { E2E_PORT } from './playwright.config';
import { PASSWORD, ROLES, type Role, actionIds, emailOf, pagePath, queryE2eDb, storageStateOf } from './support';

const baseURL = `http://localhost:${E2E_PORT}`;
type Who = Role | 'anonymous';
const EVERY_WHO: Who[] = ['anonymous', ...ROLES];

async function samples(): Promise<Record<Sample, string>> {
  const one = async (text: string) => (await queryE2eDb<{ id: string }>(text))[0]!.id;
  const cell = `(select id from organizations where name = 'Chi bộ thôn Đồng Tâm')`;
  return {
    memberCell: await one(`select id from organizations where name = 'Chi bộ thôn Đồng Tâm'`),
    memberUser: await one(`select id from users where email = 'member@quorum.local'`),
    upcomingCellMeeting: await one(`select id from meetings where organization_id = ${cell} and status = 'invited'`),
    approvedMinutesMeeting: await one(`select meeting_id as id from minutes where status = 'approved' limit 1`),
    meetingDocument: await one(
      `select d.id from meeting_documents d join meetings m on m.id = d.meeting_id where m.organization_id = ${cell} and m.status = 'invited'`,
    ),
    firstVersion: '1',
    archiveRecord: await one(`select id from archive_records where number_symbol = '03-NQ/CB' and organization_id = ${cell}`),
    firstPage: '1',
    districtProgramme: await one(
      `select p.id from work_programmes p join organizations o on o.id = p.organization_id where o.name = 'Huyện ủy Kim Bảng'`,
    ),
    cellWrittenQuestion: await one(`select id from ballots where organization_id = ${cell} and meeting_id is null and status = 'open' limit 1`),
    cellClosedBallot: await one(`select id from ballots where organization_id = ${cell} and meeting_id is not null and status = 'closed' limit 1`),
    issuedCellResolution: await one(`select id from resolutions where organization_id = ${cell} and status = 'issued' order by number limit 1`),
  };
}

/** Status of a never-ending response (SSE): read the head, then hang up. */
async function streamStatus(url: string, storage: string | undefined) {
  const cookies = storage ? (JSON.parse(readFileSync(storage, 'utf8')).cookies as { name: string; value: string }[]) : [];
  const controller = new AbortController();
  const response = await fetch(`${baseURL}${url}`, {
    headers: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') },
    redirect: 'manual',
    signal: controller.signal,
  });
  controller.abort();
  return response.status;
}

async function clientFor(who: Who, storage?: string): Promise<APIRequestContext> {
  return playwrightRequest.newContext({
    baseURL,
    storageState: who === 'anonymous' ? undefined : (storage ?? storageStateOf(who)),
    maxRedirects: 0,
    extraHTTPHeaders: { origin: baseURL },
  });
}

test.describe('access matrix: routes', () => {
  test('every role gets exactly the pages and API routes the matrix allows', async () => {
    const ids = await samples();
    const failures: string[] = [];
    for (const who of EVERY_WHO) {
      const client = await clientFor(who);
      for (const [pattern, entry] of Object.entries(routes)) {
        if (pattern.includes('[...')) continue; // next-auth's own endpoints, public by design
        const url = pattern.replace(/\[(\w+)\]/g, (_, name: string) => ids[entry.params![name]!]) + (entry.query ? `?${entry.query}` : '');
        const response = entry.stream ? undefined : await client.get(url);
        const status = response?.status() ?? (await streamStatus(url, who === 'anonymous' ? undefined : storageStateOf(who)));
        const isApi = pattern.startsWith('/api/');
        let expected: number[];
        if (entry.allow === 'public') expected = pattern === '/login' && who !== 'anonymous' ? [307] : [200];
        else if (who === 'anonymous') expected = isApi ? [401] : [307];
        else expected = entry.allow.includes(who) ? [200] : [404];
        if (!expected.includes(status)) failures.push(`${who} GET ${pattern}: ${status}, expected ${expected.join('/')}`);
        if (response && who === 'anonymous' && !isApi && status === 307) {
          expect(response.headers()['location']).toContain('/login');
        }
      }
      await client.dispose();
    }
    expect(failures).toEqual([]);
  });

  test('an x-middleware-subrequest header changes nothing', async () => {
    const anonymous = await clientFor('anonymous');
    const page = await anonymous.get('/admin/users', { headers: { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' } });
    expect(page.status()).toBe(307);
    const api = await anonymous.get('/api/v1/me', { headers: { 'x-middleware-subrequest': 'src/middleware:middleware' } });
    expect(api.status()).toBe(401);
    expect(await api.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    await anonymous.dispose();
    const member = await clientFor('member');
    const admin = await member.get('/admin/users', { headers: { 'x-middleware-subrequest': 'middleware' } });
    expect(admin.status()).toBe(404);
    await member.dispose();
  });
});

const NOT_FOUND = 'Không tìm thấy, hoặc bạn không có quyền thực hiện việc này.';
const UNAUTHENTICATED = 'Phiên đăng nhập đã hết. Vui lòng đăng nhập lại.';

test.describe('access matrix: server actions', () => {
  test('every role can call exactly the actions the matrix allows', async ({ browser }, testInfo) => {
    testInfo.setTimeout(120_000);
    const ids = actionIds();
    const failures: string[] = [];
    for (const who of EVERY_WHO) {
      // A fresh session per role: the sign-out action is among those called.
      let storage: string | undefined;
      if (who !== 'anonymous') {
        const context = await browser.newContext({ baseURL });
        const page = await context.newPage();
        await page.goto('/login');
        await page.getByLabel('Thư điện tử').fill(emailOf(who));
        await page.getByLabel(/^Mật khẩu/).fill(PASSWORD);
        await page.getByRole('button', { name: 'Đăng nhập' }).click();
        await page.waitForURL(`${baseURL}/`);
        storage = testInfo.outputPath(`${who}-matrix.json`);
        await context.storageState({ path: storage });
        await context.close();
      }
      const client = await clientFor(who, storage);
      const ordered = Object.entries(actions).sort(([a], [b]) => Number(a.endsWith('#signOut')) - Number(b.endsWith('#signOut')));
      for (const [key, allow] of ordered) {
        const action = ids.get(key);
        if (!action) {
          failures.push(`${key}: not in the build's action manifest`);
          continue;
        }
        // Form actions for useActionState take (previous state, form data); plain form actions (form data).
        const body = await encodeReply(allow === 'public' ? [new FormData()] : [{ ok: false }, new FormData()]);
        const response = await client.post(pagePath(action.page), {
          headers: { 'next-action': action.id, accept: 'text/x-component' },
          ...(typeof body === 'string' ? { data: body } : { multipart: formDataToMultipart(body) }),
        });
        const result = actionResult(await response.text());
        const redirected = Boolean(response.headers()['x-action-redirect']);
        const refused = result?.message === NOT_FOUND;
        const unauthenticated = result?.message === UNAUTHENTICATED;
        if (response.status() >= 500) failures.push(`${who} ${key}: server error ${response.status()}`);
        if (allow !== 'public' && !result && !redirected) failures.push(`${who} ${key}: no action result in the response`);
        if (allow === 'public') {
          if (refused || unauthenticated || response.status() >= 400) failures.push(`${who} ${key}: refused a public action`);
        } else if (who === 'anonymous') {
          if (!unauthenticated) failures.push(`${who} ${key}: not refused as unauthenticated (${response.status()})`);
        } else if (allow.includes(who)) {
          if (refused || unauthenticated) failures.push(`${who} ${key}: refused, but the matrix allows it`);
        } else if (!refused) {
          failures.push(`${who} ${key}: allowed, but the matrix refuses it`);
        }
      }
      await client.dispose();
    }
    expect(failures).toEqual([]);
  });
});

/** The action's return value in the RSC response: the row `id:{...}` whose object has `ok`. */
function actionResult(payload: string): { ok: boolean; message?: string } | undefined {
  for (const line of payload.split('\n')) {
    const match = /^[0-9a-f]+:(\{.*\})$/.exec(line);
    if (!match) continue;
    try {
      const value = JSON.parse(match[1]!) as { ok?: unknown; message?: string };
      if (typeof value.ok === 'boolean') return value as { ok: boolean; message?: string };
    } catch {
      // not JSON: another kind of row
    }
  }
  // Large values are sent as separate text rows; the result object is then not one JSON line.
  const ok = /"ok":(true|false)/.exec(payload);
  return ok ? { ok: ok[1] === 'true', message: /"message":"([^"]*)"/.exec(payload)?.[1] } : undefined;
}

function formDataToMultipart(form: FormData) {
  const out: Record<string, string> = {};
  form.forEach((value, key) => {
    out[key] = typeof value === 'string' ? value : '';
  });
  return out;
}
