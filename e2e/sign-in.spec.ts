import { expect, test } from '@playwright/test';
import { NAMES, ROLES, emailOf, expectHome, signIn } from './support';

test.describe('sign-in', () => {
  for (const role of ROLES) {
    test(`${role} signs in and sees their home`, async ({ page }) => {
      await signIn(page, emailOf(role));
      await expectHome(page, role);
      await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeVisible();
    });
  }

  test('a wrong password gets the same message as an unknown user', async ({ page }) => {
    await signIn(page, emailOf('deputy'), 'not-the-password');
    await expect(page.getByTestId('sign-in-error')).toHaveText('Thư điện tử hoặc mật khẩu không đúng.');
    await signIn(page, 'nobody@quorum.local');
    await expect(page.getByTestId('sign-in-error')).toHaveText('Thư điện tử hoặc mật khẩu không đúng.');
  });

  test('repeated failures lock the account with a clear message', async ({ page }) => {
    const email = 'locked-out@quorum.local';
    for (let i = 0; i < 4; i++) {
      await signIn(page, email, `wrong-${i}`);
      await expect(page.getByTestId('sign-in-error')).toHaveText('Thư điện tử hoặc mật khẩu không đúng.');
    }
    await signIn(page, email, 'wrong-last');
    await expect(page.getByTestId('sign-in-error')).toContainText('Tài khoản tạm khóa do đăng nhập sai nhiều lần');
  });

  test('signing out ends the session on the server, not only in the browser', async ({ page, context }) => {
    await signIn(page, emailOf('clerk'));
    await expectHome(page, 'clerk');
    const saved = await context.storageState();
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await expect(page).toHaveURL(/\/login/);
    // Replaying the old cookie must not work.
    await context.addCookies(saved.cookies);
    await page.goto('/');
    await expect(page).toHaveURL(/\/login/);
  });

  test('the language switch turns the interface into English and back', async ({ page }) => {
    await signIn(page, emailOf('member'));
    await expectHome(page, 'member');
    await page.getByTestId('language-switch').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hello, ${NAMES.member}`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.getByTestId('language-switch').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Xin chào, ${NAMES.member}`);
  });
});
