// The notifications page in Chromium: a State chooses its e-mail, a daily digest and the kinds it
// wants; the Secretariat also sets the platform's defaults; an e-mail's unsubscribe link works
// without signing in. Checked against what the API then answers and keeps.
import request from 'supertest';
import { ACTORS } from '../support/case-api';
import { signedIn, USERS, useWebApp } from './web-support';

jest.setTimeout(180_000);

const web = useWebApp();

describe('the notifications page', () => {
  it('a State saves its address, a daily digest and the kinds it wants; only the Secretariat sees the defaults', async () => {
    const { context, page } = await signedIn(web.browser, web.base, USERS.state);
    await page.getByRole('link', { name: 'Notifications' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await page.getByText('You receive no e-mails yet').waitFor();
    expect(await page.getByRole('heading', { name: "The platform's defaults" }).count()).toBe(0);
    await page.getByLabel('E-mail address').fill('focal@eacc.go.ke');
    await page.getByLabel('Language of the messages').selectOption('fr');
    await page.getByLabel('A daily summary').check();
    await page.getByLabel('Choose the kinds myself').check();
    await page.getByLabel('Engagements proposed').uncheck();
    await page.getByRole('button', { name: 'Save my choices' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await context.close();

    const saved = await request(web.t.server).get('/notifications/preferences').set(ACTORS.state).expect(200);
    expect(saved.body.entry).toEqual({ email: 'focal@eacc.go.ke', language: 'fr', channels: null, mutedKinds: ['engagement.proposed'], digest: 'daily' });

    const sec = await signedIn(web.browser, web.base, USERS.secretariat);
    await sec.page.goto('/app/notifications');
    await sec.page.getByRole('heading', { name: "The platform's defaults" }).waitFor();
    await sec.page.locator('#defaults-digest').getByLabel('A weekly summary (Mondays)').check();
    await sec.page.getByRole('button', { name: 'Save the defaults' }).click();
    await sec.page.locator('#defaults').getByRole('status').waitFor();
    await sec.context.close();
    expect((await request(web.t.server).get('/notifications/defaults').set(ACTORS.donor).expect(200)).body.digest).toBe('weekly');
  });

  it("an e-mail's unsubscribe link: a button, without signing in, stops that kind", async () => {
    await request(web.t.server).post('/notifications/preferences').set(ACTORS.donor).send({ email: 'ta@giz.de', language: 'en' }).expect(200);
    const token = (await web.t.db.pool.query<{ unsubscribe_token: string }>("SELECT unsubscribe_token FROM notify.recipients WHERE subject = 'donor-giz-officer'")).rows[0]!.unsubscribe_token;
    const context = await web.browser.newContext({ baseURL: web.base });
    const page = await context.newPage();
    await page.goto(`/app/notifications/unsubscribe?token=${encodeURIComponent(token)}&kind=offer.expiring`);
    await page.getByText('Stop e-mails about: Offers about to expire?').waitFor();
    await page.getByRole('button', { name: 'Stop these e-mails' }).click();
    await page.getByText('You will no longer receive e-mails about: Offers about to expire.').waitFor();
    await context.close();
    const entry = (await request(web.t.server).get('/notifications/preferences').set(ACTORS.donor).expect(200)).body.entry;
    expect(entry.mutedKinds).toEqual(['offer.expiring']);
  });
});
