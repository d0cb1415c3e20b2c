import { join } from 'node:path';
import request from 'supertest';
import { TEST_AUTH_KEYS_ENV } from '../support/auth';
import { ACTORS, countEvents, eventually } from '../support/case-api';
import { createCaseFixture } from '../support/case-fixture';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { minimalPdf } from '../../libs/documents/test/minimal-pdf';
import { assertBuildIsCurrent, ENTRY, freePort, PlatformProcess, userEnvironment } from './support/platform-process';

/**
 * The library of practices (resolution 3/2, paras 5, 7, 10, 16, 17, 19) through the built API
 * (`node dist/apps/api/src/main.js`, configured by its environment: a database, the test
 * signing key, the public view on), as a user runs it: a State submits a practice with a PDF in French, the Secretariat translates and
 * publishes it, a donor finds it by a word of its Arabic or Chinese summary and from a related
 * request, the public reads it; files are typed by their content; unpublished practices and
 * their documents stay with their contributor and the Secretariat.
 */

let api: PlatformProcess;
let db: TestDatabase;
let base: string;
beforeAll(async () => {
  assertBuildIsCurrent();
  db = await createTestDatabase({ poolSize: 2 });
  const port = await freePort();
  const env = userEnvironment({
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    AUTH_JWT_KEYS: TEST_AUTH_KEYS_ENV,
    DIRECTORY_SEED_FILE: join(__dirname, '..', 'support', 'directory-seed.json'),
    PUBLIC_VIEW: 'on',
    RATE_LIMIT_PER_MINUTE: '0',
    AUDIT_SEALER: 'off',
    NOTIFY: 'off',
  });
  api = new PlatformProcess('api', ENTRY.api, env);
  await api.waitForLine(/listening on http:\/\//, 120_000);
  base = `http://127.0.0.1:${port}`;
  await api.waitHealthy(`${base}/health/ready`);
}, 180_000);
afterAll(async () => {
  const code = await api?.stop();
  await db?.drop();
  expect(code).toBe(0);
}, 60_000);
const t = { get server() { return base; }, infra: { get pool() { return db.pool; } } };

type Headers = { Authorization: string };
const post = (who: Headers, path: string, body: object = {}) => request(t.server).post(path).set(who).send(body);
const get = (path: string, who?: Headers) => (who ? request(t.server).get(path).set(who) : request(t.server).get(path));
const upload = (who: Headers, path: string, content: Buffer, type = 'application/pdf') => request(t.server).post(path).set(who).set('Content-Type', type).send(content);

const practiceBody = (overrides: Record<string, unknown> = {}) => ({
  kind: 'good_practice',
  title: { fr: 'Plateforme électronique de passation des marchés publics' },
  summary: { fr: 'Toutes les procédures de passation publiées en ligne, avec les décisions motivées et les recours.' },
  articles: ['art-9'],
  themes: ['public-procurement'],
  countries: ['KE'],
  ...overrides,
});

const visible = (id: string, who: Headers | undefined, ok: (b: Record<string, unknown>) => boolean = () => true) =>
  eventually(
    () => get(`/practices/${id}`, who),
    (res) => res.status === 200 && ok(res.body),
  ).then((res) => res.body as Record<string, any>);

describe('the library of practices', () => {
  let practiceId: string;
  let pdfSha: string;

  it('a State submits a practice in French with a PDF; only it and the Secretariat see it before publication', async () => {
    const submitted = await post(ACTORS.state, '/practices', practiceBody()).expect(201);
    practiceId = submitted.body.id;
    expect(submitted.headers.location).toBe(`/practices/${practiceId}`);
    const pdf = minimalPdf(['Guide de la passation électronique des marchés', 'Registre des soumissionnaires exclus et délais de recours']);
    const attached = await upload(ACTORS.state, `/practices/${practiceId}/documents?fileName=guide-passation.pdf&language=fr`, pdf);
    if (attached.status !== 200) throw new Error(JSON.stringify(attached.body));
    expect(attached.body.events).toEqual(['PracticeDocumentAttached']);
    const practice = await visible(practiceId, ACTORS.state, (b) => (b.documents as unknown[]).length === 1);
    expect(practice).toMatchObject({ status: 'submitted', contributor: { organisation: null, country: 'KE' }, originalLanguages: ['fr'] });
    pdfSha = practice.documents[0].sha256;
    expect(practice.documents[0]).toMatchObject({ fileName: 'guide-passation.pdf', mediaType: 'application/pdf', size: pdf.length, language: 'fr' });

    await get(`/practices/${practiceId}`, ACTORS.secretariat).expect(200);
    await get(`/practices/${practiceId}`, ACTORS.otherState).expect(404);
    await get(`/practices/${practiceId}`, ACTORS.donor).expect(404);
    await get(`/practices/${practiceId}/documents/${pdfSha}`, ACTORS.donor).expect(404);
    await get(`/public/practices/${practiceId}`).expect(404);
    await get(`/public/practices/${practiceId}/documents/${pdfSha}`).expect(404);
    const list = await get('/practices', ACTORS.donor).expect(200);
    expect(list.body.items.map((p: { id: string }) => p.id)).not.toContain(practiceId);
    // Another State cannot act on it either: to it the practice does not exist.
    await post(ACTORS.otherState, `/practices/${practiceId}/translations`, { language: 'en', title: 'x', summary: 'y' }).expect(404);
    await post(ACTORS.state, `/practices/${practiceId}/publish`).expect(403);
  });

  it('finds the practice by a word of its PDF once the text is indexed (its contributor searches)', async () => {
    const found = await eventually(
      () => get(`/practices?q=${encodeURIComponent('soumissionnaires')}`, ACTORS.state),
      (res) => res.status === 200 && res.body.total >= 1,
    );
    expect(found.body.items[0].id).toBe(practiceId);
  });

  it('a file that claims to be a PDF but holds HTML is refused, and nothing is recorded', async () => {
    const before = await countEvents(t.infra.pool);
    const res = await upload(ACTORS.state, `/practices/${practiceId}/documents?fileName=rapport.pdf`, Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>')).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('document.type_not_accepted');
    const svg = await upload(ACTORS.state, `/practices/${practiceId}/documents?fileName=logo.png`, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'image/png').expect(400);
    expect(svg.body.code).toBe('document.type_not_accepted');
    const broken = await upload(ACTORS.state, `/practices/${practiceId}/documents?fileName=casse.pdf`, Buffer.from('%PDF-1.7\nthis is no PDF at all')).expect(400);
    expect(broken.body.code).toBe('document.unreadable');
    expect(await countEvents(t.infra.pool)).toBe(before);
  });

  it('the Secretariat adds translations and publishes; a donor finds it by an Arabic or a Chinese word and from a related request; the public reads it', async () => {
    await post(ACTORS.secretariat, `/practices/${practiceId}/translations`, {
      language: 'en',
      title: 'Electronic public procurement platform',
      summary: 'Every procurement procedure published online, with reasoned decisions and appeals.',
    }).expect(200);
    await post(ACTORS.secretariat, `/practices/${practiceId}/translations`, { language: 'ar', title: 'منصة إلكترونية للمشتريات العمومية', summary: 'نشر جميع إجراءات المشتريات على الإنترنت مع القرارات المعللة والطعون.' }).expect(200);
    await post(ACTORS.secretariat, `/practices/${practiceId}/translations`, { language: 'zh', title: '电子公共采购平台', summary: '所有采购程序均在网上公布，并附有说明理由的决定和申诉。' }).expect(200);
    await post(ACTORS.secretariat, `/practices/${practiceId}/review`).expect(200);
    const published = await post(ACTORS.secretariat, `/practices/${practiceId}/publish`).expect(200);
    expect(published.body.events).toEqual(['PracticePublished']);

    const practice = await visible(practiceId, ACTORS.donor, (b) => b.status === 'published');
    expect(practice.title).toMatchObject({ fr: expect.any(String), en: 'Electronic public procurement platform', zh: '电子公共采购平台' });
    expect(practice.originalLanguages).toEqual(['fr']);

    for (const word of ['المشتريات', '申诉', '采购', 'procurement', 'recours']) {
      const res = await get(`/practices?q=${encodeURIComponent(word)}`, ACTORS.donor).expect(200);
      expect({ word, ids: res.body.items.map((p: { id: string }) => p.id) }).toEqual({ word, ids: expect.arrayContaining([practiceId]) });
    }
    const none = await get(`/practices?q=${encodeURIComponent('养老金')}`, ACTORS.donor).expect(200);
    expect(none.body.total).toBe(0);

    // A request on article 9 (procurement) has it among its related practices.
    const related = await get('/practices/related?articles=art-9', ACTORS.donor).expect(200);
    expect(related.body.items.map((p: { id: string }) => p.id)).toContain(practiceId);
    const unrelated = await get('/practices/related?articles=art-13', ACTORS.donor).expect(200);
    expect(unrelated.body.items.map((p: { id: string }) => p.id)).not.toContain(practiceId);

    const filtered = await get('/practices?theme=public-procurement&region=014&language=zh', ACTORS.donor).expect(200);
    expect(filtered.body.items.map((p: { id: string }) => p.id)).toContain(practiceId);
    const otherTheme = await get('/practices?theme=journalism', ACTORS.donor).expect(200);
    expect(otherTheme.body.items.map((p: { id: string }) => p.id)).not.toContain(practiceId);

    // The working group's digest of the period: by theme and article, and what was published.
    const digest = await get('/practices/digest?from=2026-01-01', ACTORS.secretariat).expect(200);
    expect(digest.body.byTheme).toContainEqual({ code: 'public-procurement', submitted: 1, published: 1 });
    expect(digest.body.byArticle).toContainEqual({ code: 'art-9', submitted: 1, published: 1 });
    expect(digest.body.published.map((p: { id: string }) => p.id)).toEqual([practiceId]);
    await get('/practices/digest?from=2027-01-01&to=2026-01-01', ACTORS.secretariat).expect(400);

    const pub = await get(`/public/practices?q=${encodeURIComponent('采购')}`).expect(200);
    expect(pub.body.items.map((p: { id: string }) => p.id)).toContain(practiceId);
    const file = await get(`/public/practices/${practiceId}/documents/${pdfSha}`).buffer(true).expect(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="guide-passation.pdf"/);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-security-policy']).toContain('sandbox');
    expect(Buffer.from(file.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('a completed engagement leads to a lesson by its provider, which the Secretariat publishes linked to the case', async () => {
    const fixture = await createCaseFixture(base);
    const engagementId = fixture.engagementId;
    const lessonBody = practiceBody({
      kind: 'lesson_learned',
      title: { en: 'Asset declaration verification: start with the highest-risk declarants' },
      summary: { en: 'A risk-based selection let the commission verify 400 declarations in six months.' },
      articles: ['art-8'],
      themes: ['public-administration-integrity'],
      engagementIds: [engagementId],
    });
    // Not before the assistance was delivered; never by a provider that was not part of it.
    expect((await post(ACTORS.donor, '/practices', lessonBody).expect(409)).body.code).toBe('practice.engagement_not_delivered');
    expect((await post(ACTORS.otherDonor, '/practices', lessonBody).expect(400)).body.code).toBe('practice.unknown_engagement');
    await post(ACTORS.state, `/engagements/${engagementId}/milestones/${fixture.milestoneId}/confirm`).expect(200);
    await post(ACTORS.donor, `/engagements/${engagementId}/complete`).expect(200);

    const lesson = await post(ACTORS.donor, '/practices', lessonBody).expect(201);
    const p = await visible(lesson.body.id, ACTORS.donor);
    expect(p.contributor).toEqual({ organisation: 'donor-giz', country: null });
    await post(ACTORS.secretariat, `/practices/${lesson.body.id}/publish`).expect(200);
    const linked = await eventually(
      () => get(`/practices?engagementId=${engagementId}`, ACTORS.state),
      (res) => res.status === 200 && res.body.total === 1,
    );
    expect(linked.body.items[0]).toMatchObject({ id: lesson.body.id, kind: 'lesson_learned', status: 'published', engagementIds: [engagementId] });
  }, 60_000);

  it('refuses bad input with problem details and records nothing', async () => {
    const res = await post(ACTORS.state, '/practices', practiceBody({ articles: ['art-99'], themes: ['gardening'], title: { fr: 'Titre' }, summary: { en: 'Other language' } })).expect(400);
    expect(res.body.code).toBe('input.invalid');
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/articles/0', '/summary', '/themes/0']);
    await get('/practices/not-a-uuid', ACTORS.state).expect(404);
    await post(ACTORS.donor, `/practices/${practiceId}/withdraw`, { reason: 'not mine' }).expect(403);
  });
});
