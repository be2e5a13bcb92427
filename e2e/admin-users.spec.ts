import { expect, test } from '@playwright/test';
import { encodeReply } from 'next/dist/compiled/react-server-dom-webpack/client.edge.js';
import { PASSWORD, actionIds, pagePath, queryE2eDb, signIn, storageStateOf } from './support';

test.describe('administrator and sessions', () => {
  test("disabling a user ends that user's open session on its next request", async ({ browser }) => {
    // An ordinary cell member who is not one of the shared demo accounts.
    const [target] = await queryE2eDb<{ id: string; email: string; name: string }>(
      `select u.id, u.email, u.name from users u join memberships m on m.user_id = u.id
       join organizations o on o.id = m.organization_id
       where o.name = 'Chi bộ thôn Bãi Giữa' and m.role = 'member'
         and u.email not in ('admin@quorum.local','secretary@quorum.local','deputy@quorum.local','clerk@quorum.local','member@quorum.local')
       order by u.name limit 1`,
    );
    const memberContext = await browser.newContext();
    const memberPage = await memberContext.newPage();
    await signIn(memberPage, target!.email, PASSWORD);
    await expect(memberPage.getByRole('heading', { level: 1 })).toHaveText(`Xin chào, ${target!.name}`);

    const adminContext = await browser.newContext({ storageState: storageStateOf('admin') });
    const adminPage = await adminContext.newPage();
    await adminPage.goto(`/admin/users/${target!.id}`);
    await adminPage.getByRole('button', { name: 'Khóa tài khoản' }).click();
    await adminPage.getByRole('button', { name: 'Khóa tài khoản' }).click(); // confirm
    await expect(adminPage.getByRole('status')).toHaveText('Đã khóa tài khoản.');

    await memberPage.goto('/account');
    await expect(memberPage).toHaveURL(/\/login/);
    await signIn(memberPage, target!.email, PASSWORD);
    await expect(memberPage.getByTestId('sign-in-error')).toHaveText('Thư điện tử hoặc mật khẩu không đúng.');

    const [audit] = await queryE2eDb<{ actor_name: string }>(
      `select actor_name from audit_events where action = 'admin.user.disable' and entity_id = $1`,
      [target!.id],
    );
    expect(audit?.actor_name).toBe('Quản trị hệ thống');
    await memberContext.close();
    await adminContext.close();
  });

  test('a cross-site request to a server action changes nothing', async ({ browser, baseURL }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, 'deputy@quorum.local');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Xin chào, Lê Thị Thu Hà');

    // The real sign-out action, with the user's cookie, first claiming to come from another site.
    const signOut = actionIds().get('lib/auth/actions.ts#signOut')!;
    const post = async (origin: string) => {
      const body = (await encodeReply([{ ok: false }, new FormData()])) as FormData;
      const multipart: Record<string, string> = {};
      body.forEach((value, key) => (multipart[key] = String(value)));
      return page.request.post(pagePath(signOut.page), {
        headers: { origin, 'next-action': signOut.id, accept: 'text/x-component' },
        multipart,
        maxRedirects: 0,
      });
    };
    const forged = await post('https://evil.example');
    expect(forged.status()).toBeGreaterThanOrEqual(400);
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Xin chào, Lê Thị Thu Hà');

    // The same request from the app's own origin does sign out: the refusal above was the Origin.
    const genuine = await post(baseURL!);
    expect(genuine.status()).toBeLessThan(400);
    await page.goto('/');
    await expect(page).toHaveURL(/\/login/);
    await context.close();
  });
});
