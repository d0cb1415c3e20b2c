import { createCaseFixture } from '../support/case-fixture';
import { apiPost, signedIn, USERS, useWebApp } from './web-support';

jest.setTimeout(180_000);

const web = useWebApp();

/** The smallest valid PNG (one transparent pixel): an image a practice may carry. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4f50000000049454e44ae426082', 'hex');

describe('the library of practices in the web app', () => {
  it('a State submits a practice in French with an image; the Secretariat translates and publishes it; a donor finds it by an English word', async () => {
    const { context, page: s } = await signedIn(web.browser, web.base, USERS.state, 'fr');
    await s.getByRole('link', { name: 'Pratiques' }).first().click();
    await s.getByRole('heading', { level: 1, name: 'Bonnes pratiques et enseignements' }).waitFor();
    await s.getByRole('link', { name: 'Soumettre une pratique' }).click();
    // Nothing filled in: every error at once, beside its field.
    await s.getByRole('button', { name: 'Soumettre', exact: true }).click();
    await s.locator('.field-error[data-path="/title"]').first().waitFor();
    await s.locator('#np-title').fill('Registre public des marchés attribués');
    await s.locator('#np-summary').fill('Chaque marché attribué est publié avec le nom de l’attributaire et le montant.');
    await s.getByLabel('Passation des marchés publics').check();
    await s.getByLabel('Art. 9 Marchés publics et finances publiques').check();
    await s.getByRole('button', { name: 'Soumettre', exact: true }).click();
    await s.getByRole('heading', { level: 1, name: 'Registre public des marchés attribués' }).waitFor();
    await s.locator('.badge-submitted').waitFor();
    const practiceUrl = s.url();
    // A file whose bytes are an image is accepted; one whose bytes are HTML is refused by the API, whatever its name.
    await s.locator('#practice-file').setInputFiles({ name: 'schema.png', mimeType: 'image/png', buffer: PNG });
    await s.getByRole('button', { name: 'Joindre', exact: true }).click();
    await s.locator('[data-testid="practice-documents"]', { hasText: 'schema.png' }).waitFor();
    await s.locator('#practice-file').setInputFiles({ name: 'rapport.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html><script>alert(1)</script></html>') });
    await s.getByRole('button', { name: 'Joindre', exact: true }).click();
    await s.locator('.error-summary[data-code="document.type_not_accepted"]').waitFor();
    await context.close();

    const { context: sc, page: sec } = await signedIn(web.browser, web.base, USERS.secretariat);
    await sec.goto(new URL(practiceUrl).pathname);
    await sec.getByRole('heading', { level: 1, name: 'Registre public des marchés attribués' }).waitFor();
    await sec.locator('#tr-language').selectOption('en');
    await sec.locator('#tr-title').fill('Public register of awarded contracts');
    await sec.locator('#tr-summary').fill('Every awarded contract is published with the name of the winning bidder and the amount.');
    await sec.getByRole('button', { name: 'Save the translation' }).click();
    await sec.getByRole('heading', { level: 1, name: 'Public register of awarded contracts' }).waitFor();
    await sec.getByRole('button', { name: 'Publish' }).click();
    await sec.locator('.badge-published').waitFor();
    await sc.close();

    const { context: dc, page: d } = await signedIn(web.browser, web.base, USERS.donor);
    await d.goto('/app/practices');
    await d.locator('#pr-q').fill('bidder');
    await d.locator('#pr-q').press('Enter');
    await d.locator('[data-testid="practice-list"]', { hasText: 'Public register of awarded contracts' }).waitFor();
    await d.getByRole('link', { name: 'Public register of awarded contracts' }).click();
    await d.locator('[data-testid="practice-summary"]', { hasText: 'winning bidder' }).waitFor();
    await d.locator('[data-testid="practice-documents"]', { hasText: 'schema.png' }).waitFor();
    // A donor may not act on another's practice: no actions.
    await expect(d.getByRole('button', { name: 'Publish' }).count()).resolves.toBe(0);
    await dc.close();
  });

  it('a delivered engagement puts "record what worked" in My work: the provider records a lesson, the State dismisses the step, the Secretariat finds the lesson to review', async () => {
    const fx = await createCaseFixture(web.t.server);
    await apiPost(web.base, `/engagements/${fx.engagementId}/milestones/${fx.milestoneId}/confirm`, 'state');
    await apiPost(web.base, `/engagements/${fx.engagementId}/complete`, 'donor');
    const CASE = 'Verification of asset declarations';
    const LESSON = 'Verify the highest-risk declarations first';
    const step = (p: import('playwright-core').Page, kind: string, text: string) => p.locator(`[data-testid="tasks-table"] tr[data-task="${kind}"]`).filter({ hasText: text });

    const { context: dc, page: d } = await signedIn(web.browser, web.base, USERS.donor);
    await d.goto('/app/work');
    await step(d, 'recordLesson', CASE).getByRole('link').click();
    await d.getByTestId('record-lesson').click();
    await d.locator('#np-title').fill(LESSON);
    await d.locator('#np-summary').fill('A risk-based selection let the commission verify 400 declarations in six months.');
    await d.getByLabel('Integrity and transparency in public administration').check();
    await d.getByLabel('Art. 8 Codes of conduct').check();
    await d.getByRole('button', { name: 'Submit', exact: true }).click();
    await d.getByRole('heading', { level: 1, name: LESSON }).waitFor();
    await d.goto('/app/work');
    // The work page has read its lists (its section of awaiting steps is shown).
    await d.locator('main [data-ready="true"] #work-awaiting').waitFor();
    await expect(step(d, 'recordLesson', CASE).count()).resolves.toBe(0);
    await dc.close();

    const { context: sc, page: s } = await signedIn(web.browser, web.base, USERS.state, 'es');
    await s.goto('/app/work');
    await step(s, 'recordLesson', 'erification').getByRole('link').click();
    await Promise.all([
      s.waitForResponse((r) => r.url().endsWith(`/practices/lessons/${fx.engagementId}/dismiss`) && r.status() === 200),
      s.getByRole('button', { name: 'Ninguna lección que registrar' }).click(),
    ]);
    await s.goto('/app/work');
    // The work page has read its lists (its section of awaiting steps is shown).
    await s.locator('main [data-ready="true"] #work-awaiting').waitFor();
    await expect(step(s, 'recordLesson', 'erification').count()).resolves.toBe(0);
    await sc.close();

    const { context: xc, page: x } = await signedIn(web.browser, web.base, USERS.secretariat);
    await x.goto('/app/work');
    await step(x, 'reviewLesson', LESSON).getByRole('link').click();
    await x.getByRole('heading', { level: 1, name: LESSON }).waitFor();
    await x.getByRole('button', { name: 'Publish' }).click();
    await x.locator('.badge-published').waitFor();
    await x.goto('/app/work');
    // The work page has read its lists (its section of awaiting steps is shown).
    await x.locator('main [data-ready="true"] #work-awaiting').waitFor();
    await expect(step(x, 'reviewLesson', LESSON).count()).resolves.toBe(0);
    await xc.close();
  });

  it('a State attaches the terms of reference to its restricted case; the engaged provider downloads them; another State sees neither the case nor its documents', async () => {
    const fx = await createCaseFixture(web.t.server);
    await apiPost(web.base, `/requests/${fx.requestId}/restrict`, 'state', { reason: 'The ministry asked for confidentiality' });

    const { context: sc, page: s } = await signedIn(web.browser, web.base, USERS.state, 'fr');
    await s.goto(`/app/requests/${fx.requestId}`);
    await s.locator('#case-documents').waitFor();
    await s.locator('#case-file').setInputFiles({ name: 'tdr.png', mimeType: 'image/png', buffer: PNG });
    await s.locator('#case-file-title').fill('Termes de référence de la mission');
    await s.locator('#case-documents').getByRole('button', { name: 'Joindre', exact: true }).click();
    await s.locator('[data-testid="case-documents"]', { hasText: 'Termes de référence de la mission' }).waitFor();
    // Bytes that are HTML are refused whatever the name says.
    await s.locator('#case-file').setInputFiles({ name: 'rapport.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html><script>alert(1)</script></html>') });
    await s.locator('#case-documents').getByRole('button', { name: 'Joindre', exact: true }).click();
    await s.locator('#case-documents .error-summary[data-code="document.type_not_accepted"]').waitFor();
    await sc.close();

    const { context: dc, page: d } = await signedIn(web.browser, web.base, USERS.donor);
    await d.goto(`/app/requests/${fx.requestId}`);
    const link = d.locator('[data-testid="case-documents"]').getByRole('button', { name: 'Termes de référence de la mission' });
    const [download] = await Promise.all([d.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('tdr.png');
    await dc.close();

    const { context: oc, page: o } = await signedIn(web.browser, web.base, USERS.otherState);
    await o.goto(`/app/requests/${fx.requestId}`);
    await o.locator('main .problem[data-code="coordination.request_not_found"]').waitFor();
    await expect(o.locator('#case-documents').count()).resolves.toBe(0);
    await oc.close();
  });
});
