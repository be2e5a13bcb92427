import { test as setup } from '@playwright/test';
import { ROLES, emailOf, expectHome, signIn, storageStateOf } from './support';

// One saved session per demo role, used by the other specs.
for (const role of ROLES) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await signIn(page, emailOf(role));
    await expectHome(page, role);
    await page.context().storageState({ path: storageStateOf(role) });
  });
}
