import type { Page } from 'playwright-core';
import { offerBody, requestBody, triageBody } from '../support/case-api';
import { apiPost, headersOf, signedIn, USERS, useWebApp } from './web-support';

// The engagement page's new steps in Chromium: the provider reports a milestone done with
// notes and answers the State's dispute; the Secretariat resolves it (every blank field reported
// at once beside it, then upheld with a new date); the State reads the notes, the answer and
// the resolution in words.

jest.setTimeout(240_000);

const web = useWebApp();

/** Reloads the page until `ready` shows (the read models follow the commands a moment later). */
async function until(page: Page, ready: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if (await ready()) return;
    await page.waitForTimeout(250);
    await page.reload();
    await page.locator('li.milestone').first().waitFor();
  }
  throw new Error(`not shown:\n${await page.locator('main').innerText()}`);
}

describe('a disputed milestone in the browser', () => {
  it('notes with the report, the answer and the resolution, each by the role it belongs to', async () => {
    const { id: requestId } = await apiPost(web.base, '/requests', 'state', requestBody());
    await apiPost(web.base, `/requests/${requestId}/triage`, 'secretariat', triageBody);
    const { id: offerId } = await apiPost(web.base, '/offers', 'donor', offerBody());
    const { id: engagementId } = await apiPost(web.base, '/engagements', 'secretariat', { requestId, offerId, amount: '40000.00', score: 0.8, reasons: ['article 8 in both'] });
    await apiPost(web.base, `/engagements/${engagementId}/accept`, 'donor');
    await apiPost(web.base, `/engagements/${engagementId}/accept`, 'state');
    let milestoneId = '';
    for (let i = 0; i < 40 && !milestoneId; i++) {
      try {
        milestoneId = String((await apiPost(web.base, `/engagements/${engagementId}/milestones`, 'donor', { title: { en: 'Risk model delivered' }, dueDate: '2099-03-31' })).milestoneId);
      } catch {
        await new Promise((r) => setTimeout(r, 250)); // not active yet: the process managers activate it
      }
    }
    const page = `/app/engagements/${engagementId}`;
    const milestone = (p: Page) => p.locator(`li.milestone[data-milestone-id="${milestoneId}"]`);

    // The provider reports it done, with notes.
    const { page: d } = await signedIn(web.browser, web.base, USERS.donor);
    await d.goto(page);
    await until(d, async () => (await milestone(d).getByText('Report as done, with notes').count()) > 0);
    await milestone(d).locator('summary', { hasText: 'Report as done, with notes' }).click();
    await milestone(d).getByLabel('What was done (notes)').fill('Risk model handed over to the commission');
    await milestone(d).getByRole('button', { name: 'Report as done with these notes' }).click();
    await until(d, async () => (await milestone(d).getAttribute('data-status')) === 'reported');
    await milestone(d).getByText('Risk model handed over to the commission').waitFor();

    // The State disputes it (its screen is tested elsewhere); the provider answers in words, once.
    await apiPost(web.base, `/engagements/${engagementId}/milestones/${milestoneId}/dispute`, 'state', { reason: 'The county data are missing' });
    await until(d, async () => (await milestone(d).getAttribute('data-status')) === 'disputed');
    await milestone(d).getByLabel('Your answer').fill('The county data are in annex 2');
    await milestone(d).getByRole('button', { name: 'Send the answer' }).click();
    await until(d, async () => (await milestone(d).getByText('The county data are in annex 2').count()) > 0);
    expect(await milestone(d).getByRole('button', { name: 'Send the answer' }).count()).toBe(0);

    // The Secretariat resolves it: blank fields reported at once, then upheld with a new date.
    const { page: sec } = await signedIn(web.browser, web.base, USERS.secretariat);
    await sec.goto(page);
    await until(sec, async () => (await milestone(sec).getByText('Resolve the dispute').count()) > 0);
    await milestone(sec).locator('summary', { hasText: 'Resolve the dispute' }).click();
    await milestone(sec).getByRole('button', { name: 'Resolve', exact: true }).click();
    await expect(sec.locator(`#resolve-outcome-${milestoneId}`).getAttribute('class')).resolves.toContain('has-error');
    await expect(sec.locator(`#resolve-reason-${milestoneId}`).getAttribute('aria-invalid')).resolves.toBe('true');
    await milestone(sec).getByRole('radio', { name: /Upheld/ }).check();
    await milestone(sec).getByLabel('New due date (upheld only)').fill('2099-06-30');
    await sec.locator(`#resolve-reason-${milestoneId}`).fill('Annex 2 was never received');
    await milestone(sec).getByRole('button', { name: 'Resolve', exact: true }).click();
    await until(sec, async () => (await milestone(sec).getAttribute('data-status')) === 'rescheduled');

    // The State reads it all in words.
    const { page: s } = await signedIn(web.browser, web.base, USERS.state);
    await s.goto(page);
    await until(s, async () => (await milestone(s).getByText('Annex 2 was never received').count()) > 0);
    for (const text of ['Risk model handed over to the commission', 'The county data are missing', 'The county data are in annex 2']) await milestone(s).getByText(text).waitFor();
    await milestone(s).getByText('Resolution of dispute 1').waitFor();
  });
});

describe('editing a request in the browser', () => {
  it('the State edits its request: blank texts reported at once, only what changed is sent, the history says so; refused once a match is proposed', async () => {
    const { id: requestId } = await apiPost(web.base, '/requests', 'state', requestBody({ title: { en: 'Verification of asset declarations' } }));
    const { page: s } = await signedIn(web.browser, web.base, USERS.state);
    const casePage = `/app/requests/${requestId}`;
    await s.goto(casePage);
    await s.locator('[data-testid="edit-request"] summary').click();
    await s.locator('#edit-title').fill('');
    await s.locator('#edit-description').fill('');
    await s.getByRole('button', { name: 'Save the changes' }).click();
    await expect(s.locator('#edit-title').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(s.locator('#edit-description').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(s.locator('#edit-institution').getAttribute('aria-invalid')).resolves.not.toBe('true');
    await s.reload();
    await s.locator('[data-testid="edit-request"] summary').click();
    await s.locator('#edit-title').fill('Risk-based verification of asset declarations');
    await s.getByRole('button', { name: 'Save the changes' }).click();
    for (let i = 0; i < 40 && (await s.getByText('Request amended by the State').count()) === 0; i++) {
      await s.waitForTimeout(250);
      await s.reload();
    }
    await s.getByText('Request amended by the State').waitFor();
    await s.getByText(/changed: Title ·/).waitFor(); // the title alone: the description and the rest were not sent
    await s.getByRole('heading', { name: 'Risk-based verification of asset declarations' }).first().waitFor();

    // Once a match is proposed, the State can no longer edit it.
    await apiPost(web.base, `/requests/${requestId}/triage`, 'secretariat', triageBody);
    const { id: offerId } = await apiPost(web.base, '/offers', 'donor', offerBody());
    // The API refuses an edit once a match is proposed (409 request.engaged), and the form says so. (Whether the page
    // still offers the form depends on its copy of the request: the detail's ETag is the request stream's version, which a
    // proposal, an event of another stream, does not change, so a browser's revalidation may keep the earlier answer.)
    const { globalPosition } = await apiPost(web.base, '/engagements', 'secretariat', { requestId, offerId, amount: '1000.00', score: 0.5, reasons: ['article 8 in both'] });
    const r = await (await fetch(`${web.base}/requests/${requestId}?minPosition=${globalPosition}`, { headers: headersOf(USERS.state) })).json();
    expect(r).toMatchObject({ status: 'open_for_offers', liveEngagements: 1 });
    await s.reload();
    await s.locator('#actions').waitFor();
    if ((await s.locator('[data-testid="edit-request"]').count()) > 0) {
      await s.locator('[data-testid="edit-request"] summary').click();
      await s.locator('#edit-title').fill('Another title');
      await s.getByRole('button', { name: 'Save the changes' }).click();
      await s.locator('[data-testid="edit-request"] [data-code="request.engaged"]').waitFor();
    }
  });
});
