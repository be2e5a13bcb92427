import { expect, test } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { PASSWORD, queryE2eDb, signIn, storageStateOf } from './support';

/** An ordinary member of the given cell who is not one of the shared demo accounts. */
async function cellMember(cell: string, offset = 0) {
  const [row] = await queryE2eDb<{ id: string; email: string; name: string }>(
    `select u.id, u.email, u.name from users u
       join memberships m on m.user_id = u.id and m.role = 'member'
       join organizations o on o.id = m.organization_id
      where o.name = $1 and u.email not in
            ('admin@quorum.local','secretary@quorum.local','deputy@quorum.local','clerk@quorum.local','member@quorum.local')
      order by u.name offset $2 limit 1`,
    [cell, offset],
  );
  return row!;
}

const codeFor = (secret: string, offsetSeconds = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp: Date.now() + offsetSeconds * 1000 });

test.describe('account security', () => {
  test('a member turns on two-step verification and must give a code at the next sign-in', async ({ page }) => {
    const person = await cellMember('Chi bộ thôn Tân Lang');
    await signIn(page, person.email);
    await page.getByRole('link', { name: 'Tài khoản' }).first().click();
    await page.getByRole('button', { name: 'Bật xác thực hai lớp' }).click();
    const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
    await expect(page.getByRole('img', { name: /Mã QR/ })).toBeVisible();

    await page.getByLabel('Mã 6 số').fill('123456');
    await page.getByRole('button', { name: 'Xác nhận và bật' }).click();
    await expect(page.getByText('Mã xác thực không đúng hoặc đã được dùng').first()).toBeVisible();

    await page.getByLabel('Mã 6 số').fill(codeFor(secret));
    await page.getByRole('button', { name: 'Xác nhận và bật' }).click();
    await expect(page.getByText('Đang bật. Khi đăng nhập')).toBeVisible();

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await expect(page).toHaveURL(/\/login/);
    await signIn(page, person.email);
    await expect(page.getByTestId('sign-in-error')).toHaveText('Tài khoản này dùng xác thực hai lớp. Nhập mã 6 số để tiếp tục.');
    // The code used to enrol was spent; the next time step's code is fresh.
    await page.getByLabel(/Mã xác thực 6 số/).fill(codeFor(secret, 30));
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Xin chào, ${person.name}`);
  });

  test('after an administrator resets a password, the user must choose a new one before anything else', async ({ browser }) => {
    const person = await cellMember('Chi bộ thôn Hồng Sơn');
    const admin = await browser.newContext({ storageState: storageStateOf('admin') });
    const adminPage = await admin.newPage();
    await adminPage.goto(`/admin/users/${person.id}`);
    await adminPage.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    await adminPage.getByRole('button', { name: 'Tạo mật khẩu tạm thời' }).click();
    const temporary = (await adminPage.getByTestId('temporary-password').textContent())!.trim();
    expect(temporary.length).toBeGreaterThanOrEqual(16);
    await admin.close();

    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, person.email, PASSWORD);
    await expect(page.getByTestId('sign-in-error')).toHaveText('Thư điện tử hoặc mật khẩu không đúng.');
    await signIn(page, person.email, temporary);
    await expect(page).toHaveURL(/\/account/);
    await expect(page.getByRole('alert').first()).toContainText('Quản trị viên đã đặt lại mật khẩu của bạn');
    await page.goto('/organizations');
    await expect(page).toHaveURL(/\/account/);

    await page.getByLabel(/^Mật khẩu hiện tại/).fill(temporary);
    await page.getByLabel(/^Mật khẩu mới/).fill('1234567890');
    await page.getByLabel(/^Nhập lại mật khẩu mới/).fill('1234567890');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await expect(page.getByText('Mật khẩu quá phổ biến hoặc dễ đoán').first()).toBeVisible();

    const chosen = 'cánh đồng lúa chín vàng ở Kim Bảng';
    await page.getByLabel(/^Mật khẩu hiện tại/).fill(temporary);
    await page.getByLabel(/^Mật khẩu mới/).fill(chosen);
    await page.getByLabel(/^Nhập lại mật khẩu mới/).fill(chosen);
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await expect(page).toHaveURL(/\/login\?reason=password-changed/);
    await signIn(page, person.email, chosen);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Xin chào, ${person.name}`);
    await context.close();
  });
});
