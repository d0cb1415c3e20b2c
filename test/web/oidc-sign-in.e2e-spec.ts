import { DEMO_ACCOUNTS } from '@ta/identity';
import { useWebApp } from './web-support';

// In Chromium: each demo account signs in through the development identity provider's own
// sign-in page (oidc-provider, started by the API as `npm start` does) and lands on its own
// work; sign-out ends the platform's session and the provider's.

jest.setTimeout(240_000);

const web = useWebApp({ AUTH_DEV_PROVIDER: 'on' });

const ROLE_LABEL = { state: 'State', donor: 'Donor', secretariat: 'Secretariat', authority: 'National authority' } as const;
/** What only this role's navigation offers. */
const OWN_LINK = { state: 'Submit a request', donor: 'Register an offer', authority: 'Register an offer', secretariat: undefined } as const;

describe('signing in through the identity provider, in Chromium', () => {
  it.each(DEMO_ACCOUNTS.map((a) => [a.role, a] as const))('the %s demo account signs in on the provider’s page, lands on its own work, and signs out', async (_, account) => {
    const context = await web.browser.newContext({ baseURL: web.t.url, locale: 'en-GB' });
    await context.addInitScript(`localStorage.setItem('ta.lang', 'en')`);
    const page = await context.newPage();
    const problems: string[] = [];
    // every answer of the platform and the provider is a success or a redirect (the browser's own favicon request aside)
    page.on('response', (r) => {
      if (r.status() >= 400 && !r.url().endsWith('/favicon.ico') && !(r.status() === 401 && r.url().endsWith('/auth/session'))) problems.push(`${r.status()} ${r.url()}`);
    });
    await page.goto('/app/');
    await page.getByRole('link', { name: 'Sign in with Development identity provider (demo accounts)' }).click();

    // the provider's page, on its own origin
    await page.waitForURL((u) => u.origin !== new URL(web.t.url).origin);
    await page.getByLabel('User name').fill(account.login);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#problem').waitFor();
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    // back on the platform, on its own work
    await page.waitForURL(`${web.t.url}/app/work`);
    await page.locator('div[data-ready="true"]').getByRole('heading', { name: 'My work' }).waitFor();
    await expectText(page.getByTestId('who'), `${account.name} · ${ROLE_LABEL[account.role]}`);
    const own = OWN_LINK[account.role];
    if (own) await page.getByRole('navigation').getByRole('link', { name: own }).waitFor();
    for (const link of Object.values(OWN_LINK)) {
      if (link && link !== own) expect(await page.getByRole('navigation').getByRole('link', { name: link }).count()).toBe(0);
    }
    // the session cookie is HttpOnly: the page's script cannot read it
    expect(await page.evaluate('document.cookie')).not.toContain('ta_session');
    const cookies = await context.cookies(web.t.url);
    expect(cookies.find((c) => c.name === 'ta_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    // a reload keeps the session (server-side), no token in the tab's storage
    await page.reload();
    await page.locator('div[data-ready="true"]').getByRole('heading', { name: 'My work' }).waitFor();
    expect(await page.evaluate("sessionStorage.getItem('ta.token')")).toBeNull();

    // sign-out: the platform's session ends, then the provider asks to end its own
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL(`${web.t.url}/app/sign-in`);
    await page.getByRole('link', { name: /^Sign in with / }).waitFor();
    expect((await context.cookies(web.t.url)).find((c) => c.name === 'ta_session')).toBeUndefined();
    expect(problems).toEqual([]);
    await context.close();
  });
});

async function expectText(locator: import('playwright-core').Locator, text: string): Promise<void> {
  await locator.waitFor();
  expect((await locator.innerText()).trim()).toBe(text);
}
