import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { ACTORS, eventually, offerBody, requestBody, streamEvents, triageBody } from '../support/case-api';

// Every text a party wrote on a case, read back through the API in the reader's language
// (`lang`, else Accept-Language), its original otherwise, and only by those who may know the case.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Who = keyof typeof ACTORS;
interface TextView {
  text: string;
  lang: string | null;
  dir: string;
  original: boolean;
  languages: string[];
}
type Detail = { texts: Record<string, TextView>; version: number } & Record<string, unknown>;

let lastPosition = 0;
const post = async (who: Who, path: string, body: object = {}) => {
  const res = await request(t.server).post(path).set(ACTORS[who]).send(body);
  if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  lastPosition = Math.max(lastPosition, res.body.globalPosition as number);
  return res.body as { id: string; globalPosition: number; milestoneId?: string };
};
const attempt = (who: Who, path: string, body: object) => request(t.server).post(path).set(ACTORS[who]).send(body);
/** A detail as `who` reads it, once the read models include every write so far. */
const read = (who: Who, path: string, headers: Record<string, string> = {}) =>
  request(t.server)
    .get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${lastPosition}`)
    .set(ACTORS[who])
    .set(headers);
const texts = async (who: Who, path: string, headers: Record<string, string> = {}) => {
  const res = await read(who, path, headers);
  expect(res.status).toBe(200);
  return (res.body as Detail).texts;
};
const translate = (who: Who, path: string, text: string, language: string, translation: string) => post(who, `${path}/translations`, { text, language, translation });

/** Waits for the process managers (activation after both acceptances). */
const activated = (engagementId: string) => eventually(() => streamEvents(t.db.pool, `engagement-${engagementId}`), (es) => es.some((e) => e.type === 'EngagementActivated'));

describe('a request’s texts, in the reader’s language', () => {
  let id: string;
  beforeAll(async () => {
    id = (await post('state', '/requests', requestBody({ preferredLanguages: ['en', 'fr'], desiredWindow: { from: '2027-01-01', to: '2027-06-30' } }))).id;
    await post('secretariat', `/requests/${id}/return-for-clarification`, { question: { en: 'Which unit of the Commission?' } });
    await post('state', `/requests/${id}/clarification`, { answer: { fr: "L'unité de vérification." } });
  });

  it('shows every text as written, each marked with its language and direction, and the desired window', async () => {
    const res = await read('secretariat', `/requests/${id}`);
    expect(res.body).toMatchObject({ desiredFrom: '2027-01-01', desiredTo: '2027-06-30' });
    expect(res.body.texts).toEqual({
      beneficiaryInstitution: { text: 'Ethics and Anti-Corruption Commission', lang: 'en', dir: 'ltr', original: true, languages: ['en'], author: 'state' },
      'clarifications/1/answer': { text: "L'unité de vérification.", lang: 'fr', dir: 'ltr', original: true, languages: ['fr'], author: 'state' },
      'clarifications/1/question': { text: 'Which unit of the Commission?', lang: 'en', dir: 'ltr', original: true, languages: ['en'], author: 'secretariat' },
      description: { text: expect.stringContaining('risk-based verification'), lang: 'en', dir: 'ltr', original: true, languages: ['en'], author: 'state' },
      // written in English and French: the request's first preferred language comes first
      title: { text: 'Verification of asset declarations', lang: 'en', dir: 'ltr', original: true, languages: ['en', 'fr'], author: 'state' },
    });
  });

  it('gives the reader’s language when it exists (lang, or Accept-Language), the original otherwise', async () => {
    const fr = await texts('secretariat', `/requests/${id}?lang=fr`);
    expect(fr['title']).toMatchObject({ text: 'Vérification des déclarations de patrimoine', lang: 'fr', original: true });
    expect(fr['description']).toMatchObject({ lang: 'en', original: true });
    const byHeader = await read('state', `/requests/${id}`, { 'Accept-Language': 'fr-CA,fr;q=0.9,en;q=0.5' });
    expect(byHeader.headers['vary']).toMatch(/Accept-Language/i);
    expect(byHeader.body.texts['title']).toMatchObject({ lang: 'fr', text: 'Vérification des déclarations de patrimoine' });
    // a language outside the six, or a wildcard: the originals
    expect((await texts('state', `/requests/${id}`, { 'Accept-Language': 'de, *;q=0.1' }))['title']).toMatchObject({ lang: 'en' });
  });

  it('a translation is an event: the reader of that language gets it, marked as not original, Arabic right to left', async () => {
    const before = (await read('secretariat', `/requests/${id}`)).body.version as number;
    await translate('secretariat', `/requests/${id}`, 'description', 'ar', 'دعم تصميم نظام للتحقق من إقرارات الذمة المالية');
    await translate('state', `/requests/${id}`, 'clarifications/1/answer', 'en', 'The verification unit.');
    await translate('secretariat', `/requests/${id}`, 'beneficiaryInstitution', 'fr', "Commission d'éthique et de lutte contre la corruption");
    const events = await streamEvents(t.db.pool, `request-${id}`);
    expect(events.filter((e) => e.type === 'RequestTextTranslated').map((e) => [e.data['text'], e.data['language'], e.metadata['actorRole']])).toEqual([
      ['description', 'ar', 'secretariat'],
      ['clarifications/1/answer', 'en', 'state'],
      ['beneficiaryInstitution', 'fr', 'secretariat'],
    ]);

    const res = await read('donor', `/requests/${id}?lang=ar`);
    expect(res.body.version).toBe(before + 3);
    expect(res.headers['etag']).toBe(`"${before + 3}"`);
    expect(res.body.texts['description']).toEqual({ text: 'دعم تصميم نظام للتحقق من إقرارات الذمة المالية', lang: 'ar', dir: 'rtl', original: false, languages: ['ar', 'en'], author: 'state' });
    expect(res.body.texts['title']).toMatchObject({ lang: 'en', original: true });
    const en = await texts('otherState', `/requests/${id}?lang=en`);
    expect(en['clarifications/1/answer']).toEqual({ text: 'The verification unit.', lang: 'en', dir: 'ltr', original: false, languages: ['en', 'fr'], author: 'state' });
    expect((await texts('state', `/requests/${id}?lang=fr`))['beneficiaryInstitution']).toMatchObject({ lang: 'fr', original: false });
    // a later translation into the same language replaces the earlier one
    await translate('secretariat', `/requests/${id}`, 'description', 'ar', 'نص منقح');
    expect((await texts('secretariat', `/requests/${id}?lang=ar`))['description']).toMatchObject({ text: 'نص منقح', original: false });
  });

  it('refuses a translation by the wrong side, into an original language, of a text the case does not have', async () => {
    const body = (text: string, language: string) => ({ text, language, translation: 'Texte' });
    const refused = async (who: Who, text: string, language: string) => {
      const res = await attempt(who, `/requests/${id}/translations`, body(text, language));
      return [res.status, res.body.code];
    };
    expect(await refused('donor', 'description', 'fr')).toEqual([403, 'access.role_not_allowed']);
    expect(await refused('otherState', 'description', 'fr')).toEqual([403, 'access.not_own_country']);
    expect(await refused('state', 'clarifications/1/question', 'fr')).toEqual([403, 'access.not_author']);
    expect(await refused('secretariat', 'title', 'fr')).toEqual([409, 'text.original_language']);
    expect(await refused('secretariat', 'declineReason', 'fr')).toEqual([400, 'text.unknown']);
    expect(await refused('secretariat', 'description', 'de')).toEqual([400, 'request.invalid_body']);
    expect((await attempt('secretariat', `/requests/${id}/translations`, { text: 'description', language: 'fr', translation: '  ' })).body.code).toBe('text.invalid');
  });

  it('reads the decline reason in the case’s language and its translation', async () => {
    const other = (await post('state', '/requests', requestBody({ preferredLanguages: ['fr'] }))).id;
    await post('secretariat', `/requests/${other}/decline`, { reason: 'Hors du champ de la Convention' });
    await translate('secretariat', `/requests/${other}`, 'declineReason', 'en', 'Outside the scope of the Convention');
    const original = await texts('state', `/requests/${other}`);
    expect(original['declineReason']).toEqual({ text: 'Hors du champ de la Convention', lang: 'fr', dir: 'ltr', original: true, languages: ['en', 'fr'], author: 'secretariat' });
    expect((await texts('state', `/requests/${other}?lang=en`))['declineReason']).toMatchObject({ text: 'Outside the scope of the Convention', original: false });
  });
});

describe('an offer’s and an engagement’s texts', () => {
  let requestId: string;
  let offerId: string;
  let engagementId: string;
  let milestoneId: string;
  beforeAll(async () => {
    requestId = (await post('state', '/requests', requestBody())).id;
    await post('secretariat', `/requests/${requestId}/triage`, triageBody);
    offerId = (await post('donor', '/offers', offerBody({ languages: ['fr', 'en'], title: { fr: 'Appui aux déclarations de patrimoine' } }))).id;
    engagementId = (await post('secretariat', '/engagements', { requestId, offerId, amount: '100.00', score: 0.9, reasons: ['Same article (art. 8)', 'Languages match'] })).id;
    await post('state', `/engagements/${engagementId}/accept`);
    await post('donor', `/engagements/${engagementId}/accept`);
    await activated(engagementId);
    milestoneId = (await post('donor', `/engagements/${engagementId}/milestones`, { title: { en: 'Verification workshop' }, dueDate: '2027-03-31' })).milestoneId!;
    await post('donor', `/engagements/${engagementId}/milestones/${milestoneId}/reschedule`, { dueDate: '2027-04-30', reason: 'Expert indisponible en mars' });
  });

  it('an offer: its texts, a plain reason in the offer’s first language, translations by its provider', async () => {
    await translate('donor', `/offers/${offerId}`, 'title', 'en', 'Asset declaration support');
    expect((await attempt('otherDonor', `/offers/${offerId}/translations`, { text: 'title', language: 'es', translation: 'Apoyo' })).body.code).toBe('access.not_own_offer');
    expect((await attempt('state', `/offers/${offerId}/translations`, { text: 'title', language: 'es', translation: 'Apoyo' })).body.code).toBe('access.role_not_allowed');
    const en = await texts('otherState', `/offers/${offerId}?lang=en`);
    expect(en['title']).toEqual({ text: 'Asset declaration support', lang: 'en', dir: 'ltr', original: false, languages: ['en', 'fr'], author: 'provider' });
    expect(en['description']).toMatchObject({ lang: 'en', original: true });
    expect((await texts('otherState', `/offers/${offerId}`))['title']).toMatchObject({ lang: 'fr', original: true });
  });

  it('an engagement: match reasons, milestone titles and notes, each side translating its own', async () => {
    await translate('secretariat', `/engagements/${engagementId}`, 'reasons/0', 'es', 'Mismo artículo (art. 8)');
    await translate('donor', `/engagements/${engagementId}`, `milestones/${milestoneId}/title`, 'ru', 'Семинар по проверке');
    const notAuthor = await attempt('state', `/engagements/${engagementId}/translations`, { text: `milestones/${milestoneId}/title`, language: 'fr', translation: 'Atelier' });
    expect([notAuthor.status, notAuthor.body.code]).toEqual([403, 'access.not_author']);

    const ru = await texts('state', `/engagements/${engagementId}?lang=ru`);
    expect(ru[`milestones/${milestoneId}/title`]).toEqual({ text: 'Семинар по проверке', lang: 'ru', dir: 'ltr', original: false, languages: ['en', 'ru'], author: 'provider' });
    // the provider's plain note is read in the offer's first language (fr), the Secretariat's in the request's (en)
    expect(ru[`milestones/${milestoneId}/reschedules/1/reason`]).toMatchObject({ text: 'Expert indisponible en mars', lang: 'fr', original: true });
    expect(ru['reasons/1']).toMatchObject({ text: 'Languages match', lang: 'en' });
    expect((await texts('donor', `/engagements/${engagementId}?lang=es`))['reasons/0']).toMatchObject({ text: 'Mismo artículo (art. 8)', original: false });
  });
});

describe('a restricted case’s texts and translations', () => {
  let id: string;
  let engagementId: string;
  const secret = `Confidential assessment ${randomUUID()}`;
  const secretTranslation = `Évaluation confidentielle ${randomUUID()}`;
  beforeAll(async () => {
    id = (await post('state', '/requests', requestBody({ restricted: true, description: { en: secret } }))).id;
    await post('secretariat', `/requests/${id}/triage`, triageBody);
    await translate('secretariat', `/requests/${id}`, 'description', 'fr', secretTranslation);
    const offerId = (await post('authority', '/offers', offerBody({ providerId: 'authority-ke-eacc', providerKind: 'state_authority' }))).id;
    engagementId = (await post('secretariat', '/engagements', { requestId: id, offerId, amount: '10.00', score: 0.5, reasons: [`Reason ${secret}`] })).id;
  });

  it.each([['secretariat'], ['state'], ['authority']] as Array<[Who]>)('%s (its State, the Secretariat, an engaged provider) reads them', async (who) => {
    expect((await texts(who, `/requests/${id}?lang=fr`))['description']).toMatchObject({ text: secretTranslation, original: false });
    expect((await texts(who, `/engagements/${engagementId}`))['reasons/0']).toMatchObject({ text: `Reason ${secret}` });
  });

  it.each([['otherState'], ['otherDonor'], ['donor']] as Array<[Who]>)('%s gets neither the texts nor their translations, anywhere, and cannot translate', async (who) => {
    expect((await read(who, `/requests/${id}?lang=fr`)).status).toBe(404);
    expect((await read(who, `/engagements/${engagementId}`)).status).toBe(404);
    for (const path of ['/requests?limit=200', '/engagements?limit=200', '/coordination/overlaps', '/coordination/gaps?olderThanDays=0']) {
      const body = JSON.stringify((await read(who, path)).body);
      expect(body).not.toContain(secret);
      expect(body).not.toContain(secretTranslation);
    }
    // the 404 of an unknown request, not a 403 that would confirm it exists
    const res = await attempt(who, `/requests/${id}/translations`, { text: 'description', language: 'es', translation: 'Evaluación' });
    expect([res.status, res.body.code]).toEqual([404, 'request.not_found']);
    const onEngagement = await attempt(who, `/engagements/${engagementId}/translations`, { text: 'reasons/0', language: 'es', translation: 'Razón' });
    expect(onEngagement.status).toBe(404);
  });
});
