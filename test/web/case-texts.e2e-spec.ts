import type { Page } from 'playwright-core';
import { apiPost, signedIn, USERS, useWebApp } from './web-support';

// The texts parties wrote, on the case, offer and engagement pages: each in the reader's UI
// language when it exists (written or translated), else its original, with `lang` and `dir`
// set on the text itself; translations added through the page; the contact person for those
// entitled to it.

jest.setTimeout(240_000);

const web = useWebApp();

/** What the page shows of one text: its words and the attributes set on it. */
async function shown(page: Page, testId: string) {
  const el = page.locator(`[data-testid="${testId}"]`).first();
  await el.waitFor();
  return { text: (await el.textContent())?.trim(), lang: await el.getAttribute('lang'), dir: await el.getAttribute('dir'), original: await el.getAttribute('data-original') };
}

const CONTACT = { name: 'Amina Njoroge', email: 'amina.njoroge@example.go.ke' };
let requestId: string;
let offerId: string;
let engagementId: string;

beforeAll(async () => {
  requestId = (
    await apiPost(web.base, '/requests', 'state', {
      country: 'KE',
      title: { en: 'Verification of asset declarations', fr: 'Vérification des déclarations de patrimoine' },
      description: { en: 'Risk-based verification of asset declarations.' },
      suggestedArticles: ['art-8'],
      suggestedTaTypes: ['c2-capacity-building'],
      beneficiaryInstitution: 'Ethics and Anti-Corruption Commission',
      preferredLanguages: ['en'],
      desiredWindow: { from: '2027-01-01', to: '2027-06-30' },
      restricted: false,
      statePriority: 'high',
      contactPerson: CONTACT,
    })
  ).id;
  await apiPost(web.base, `/requests/${requestId}/translations`, 'secretariat', { text: 'description', language: 'ar', translation: 'التحقق من إقرارات الذمة المالية على أساس المخاطر.' });
  await apiPost(web.base, `/requests/${requestId}/triage`, 'secretariat', { articles: ['art-8'], taTypes: ['c2-capacity-building'], priority: 'high' });
  offerId = (
    await apiPost(web.base, '/offers', 'donor', {
      providerId: 'donor-giz',
      providerKind: 'bilateral',
      taTypes: ['c2-capacity-building'],
      articles: ['art-8'],
      eligibleCountries: ['KE'],
      eligibleRegions: [],
      languages: ['fr'],
      modality: 'hybrid',
      capacity: { kind: 'money', amount: '1000.00', currency: 'EUR' },
      availability: { from: '2020-01-01', to: '2099-12-31' },
      title: { fr: 'Appui aux déclarations de patrimoine' },
      description: { fr: 'Conseils entre pairs et formation.' },
    })
  ).id;
  engagementId = (await apiPost(web.base, '/engagements', 'secretariat', { requestId, offerId, amount: '100.00', score: 0.9, reasons: ['Same article (art. 8)'] })).id;
  await apiPost(web.base, `/engagements/${engagementId}/translations`, 'secretariat', { text: 'reasons/0', language: 'zh', translation: '相同条款（第8条）' });
});

describe('the texts of a case in the web app', () => {
  it("the case page: each text in the reader's language or its original, lang and dir on each; the desired window", async () => {
    const { context, page } = await signedIn(web.browser, web.base, USERS.secretariat, 'ar');
    await page.goto(`/app/requests/${requestId}`);
    await page.locator('[data-ready="true"]').waitFor();
    expect(await shown(page, 'text-description')).toEqual({ text: 'التحقق من إقرارات الذمة المالية على أساس المخاطر.', lang: 'ar', dir: 'rtl', original: 'false' });
    // no Arabic title: the original, marked English and left to right inside the right-to-left page
    expect(await shown(page, 'text-title')).toEqual({ text: 'Verification of asset declarations', lang: 'en', dir: 'ltr', original: 'true' });
    await expect(page.locator('[data-testid="desired-window"]').textContent()).resolves.toContain('2027');
    // switching the UI language reads the texts again in that language
    await page.locator('#lang').selectOption('fr');
    await page.locator('[data-testid="text-title"][lang="fr"]').waitFor();
    expect(await shown(page, 'text-title')).toMatchObject({ text: 'Vérification des déclarations de patrimoine', original: 'true' });
    expect(await shown(page, 'text-description')).toMatchObject({ lang: 'en', dir: 'ltr' });
    await context.close();
  });

  it('a translation added on the page reaches a reader of that language; the contact person only for those entitled', async () => {
    const sec = await signedIn(web.browser, web.base, USERS.secretariat);
    await sec.page.goto(`/app/requests/${requestId}`);
    await sec.page.locator('[data-ready="true"]').waitFor();
    await expect(sec.page.locator('[data-testid="contact-person"]').textContent()).resolves.toContain(CONTACT.email);
    await sec.page.locator('#translate-text').selectOption('beneficiaryInstitution');
    await sec.page.locator('#translate-language').selectOption('fr');
    await sec.page.locator('#translate-translation').fill("Commission d'éthique et de lutte contre la corruption");
    await sec.page.getByRole('button', { name: 'Save the translation' }).click();
    // a language the author wrote the title in is refused, with the reason shown
    await sec.page.locator('#translate-text').selectOption('title');
    await sec.page.locator('#translate-language').selectOption('fr');
    await sec.page.locator('#translate-translation').fill('Autre titre');
    await sec.page.getByRole('button', { name: 'Save the translation' }).click();
    await sec.page.getByText('The author wrote this text in that language').waitFor();
    await sec.context.close();

    const state = await signedIn(web.browser, web.base, USERS.state, 'fr');
    await state.page.goto(`/app/requests/${requestId}`);
    await state.page.locator('[data-ready="true"]').waitFor();
    expect(await shown(state.page, 'text-beneficiaryInstitution')).toEqual({ text: "Commission d'éthique et de lutte contre la corruption", lang: 'fr', dir: 'ltr', original: 'false' });
    // the State is offered the texts it wrote
    await expect(state.page.locator('#translate-text option').evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value).sort())).resolves.toEqual(['beneficiaryInstitution', 'description', 'title']);
    await expect(state.page.locator('[data-testid="contact-person"]').textContent()).resolves.toContain(CONTACT.name);
    // Who read it, listed to the State: the pages above read it once each, and the open page does
    // not read it again at each live announcement (each read is itself an announced event).
    const reads = state.page.locator('[data-testid="contact-person-reads"] tbody tr');
    for (let i = 0; i < 200 && (await reads.count()) < 2; i++) await state.page.waitForTimeout(50);
    await state.page.waitForTimeout(2000);
    const settled = await reads.count();
    expect(settled).toBeGreaterThanOrEqual(2);
    await state.page.waitForTimeout(3000);
    await expect(reads.count()).resolves.toBe(settled);
    await expect(state.page.locator('[data-testid="contact-person-reads"]').textContent()).resolves.toContain('unodc-officer-1');
    await state.context.close();

    // another State reads the (unrestricted) case but not its contact person
    const other = await signedIn(web.browser, web.base, USERS.otherState);
    await other.page.goto(`/app/requests/${requestId}`);
    await other.page.locator('[data-ready="true"]').waitFor();
    await other.page.locator('[data-testid="text-description"]').waitFor();
    await expect(other.page.locator('#contact-person').count()).resolves.toBe(0);
    await expect(other.page.locator('#contact-person-reads').count()).resolves.toBe(0);
    await expect(other.page.content()).resolves.not.toContain(CONTACT.email);
    await other.context.close();
  });

  it('the offer page and the engagement page show their texts with lang and dir', async () => {
    const { context, page } = await signedIn(web.browser, web.base, USERS.donor, 'zh');
    await page.goto(`/app/offers/${offerId}`);
    await page.locator('[data-ready="true"]').waitFor();
    expect(await shown(page, 'text-description')).toEqual({ text: 'Conseils entre pairs et formation.', lang: 'fr', dir: 'ltr', original: 'true' });
    await page.goto(`/app/engagements/${engagementId}`);
    await page.locator('[data-ready="true"]').waitFor();
    expect(await shown(page, 'text-reasons-0')).toEqual({ text: '相同条款（第8条）', lang: 'zh', dir: 'ltr', original: 'false' });
    // the match reasons are the Secretariat's words: nothing here for the provider to translate
    await expect(page.locator('#translate-text').count()).resolves.toBe(0);
    await context.close();
  });
});
