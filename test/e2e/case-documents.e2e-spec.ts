import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { ACTORS, countEvents, streamEvents, type ActorName } from '../support/case-api';
import { createCaseFixture, type CaseFixture } from '../support/case-fixture';
import { minimalPng } from '../../libs/documents/test/minimal-png';

/**
 * The documents of a case (issue 22, item 3) through HTTP against real PostgreSQL: terms of
 * reference and reports attached to a request and its engagement, stored by their SHA-256, typed
 * by their content, downloaded as attachments; on a restricted case, known exactly as the case
 * is: the State, the engaged provider and the Secretariat see them, another State and another
 * provider get the case's own 404 on the list, the download and the upload.
 */

let t: TestApp;
let fx: CaseFixture;
beforeAll(async () => {
  t = await startTestApp();
  fx = await createCaseFixture(t.server);
}, 60_000);
afterAll(() => t?.close());

const upload = (who: ActorName, path: string, content: Buffer, type = 'application/octet-stream') => request(t.server).post(path).set(ACTORS[who]).set('Content-Type', type).send(content);
const get = (who: ActorName, path: string) => request(t.server).get(path).set(ACTORS[who]);
const docs = () => `/requests/${fx.requestId}/documents`;

describe('documents on a restricted case', () => {
  // Images here (a PDF's text extraction needs pdf.js's worker, which jest's runtime cannot load:
  // PDFs are tested through the built API in test/as-started/practices).
  const terms = minimalPng([200, 30, 30]);
  const report = minimalPng([30, 200, 30]);
  let termsSha: string;

  it('the State restricts its case and attaches the terms of reference; the engaged provider attaches its report to the engagement', async () => {
    await request(t.server).post(`/requests/${fx.requestId}/restrict`).set(ACTORS.state).send({ reason: 'The ministry asked for confidentiality' }).expect(200);
    const attached = await upload('state', `${docs()}?fileName=${encodeURIComponent('termes de référence.png')}&title=${encodeURIComponent('Terms of reference')}`, terms);
    if (attached.status !== 200) throw new Error(JSON.stringify(attached.body));
    expect(attached.body).toMatchObject({ id: fx.requestId, events: ['CaseDocumentAttached'] });
    await upload('donor', `${docs()}?fileName=report.png&engagementId=${fx.engagementId}`, report).expect(200);
    // The same file on the same record again: nothing new.
    expect((await upload('state', `${docs()}?fileName=again.png`, terms).expect(200)).body.events).toEqual([]);

    const list = await get('secretariat', docs()).expect(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ fileName: 'termes de référence.png', title: 'Terms of reference', mediaType: 'image/png', size: terms.length, engagementId: null, attachedBy: { role: 'state', country: 'KE', organisation: null } }),
      expect.objectContaining({ fileName: 'report.png', title: null, engagementId: fx.engagementId, attachedBy: { role: 'donor', country: null, organisation: 'donor-giz' } }),
    ]);
    termsSha = list.body.items[0].sha256;
    expect(list.body.items[0].href).toBe(`${docs()}/${termsSha}`);
    const events = await streamEvents(t.db.pool, `case-documents-${fx.requestId}`);
    expect(events.map((e) => e.type)).toEqual(['CaseDocumentAttached', 'CaseDocumentAttached']);
  });

  it('the State, the engaged provider and the Secretariat download it as an attachment that never runs in the origin', async () => {
    for (const who of ['state', 'donor', 'secretariat'] as const) {
      expect((await get(who, docs()).expect(200)).body.items).toHaveLength(2);
      const file = await get(who, `${docs()}/${termsSha}`).buffer(true).expect(200);
      expect(file.headers['content-type']).toBe('image/png');
      expect(file.headers['content-disposition']).toBe(`attachment; filename="termes de r_f_rence.png"; filename*=UTF-8''${encodeURIComponent('termes de référence.png')}`);
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      expect(file.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
      expect(Buffer.compare(Buffer.from(file.body as Buffer), terms)).toBe(0);
    }
  });

  it('another State and a provider not engaged get the case’s 404 on the list, the download and the upload, and nothing is recorded', async () => {
    const before = await countEvents(t.db.pool);
    for (const who of ['otherState', 'otherDonor'] as const) {
      expect((await get(who, docs()).expect(404)).body.code).toBe('request.not_found');
      expect((await get(who, `${docs()}/${termsSha}`).expect(404)).body.code).toBe('request.not_found');
      expect((await upload(who, `${docs()}?fileName=x.pdf`, minimalPng([1, 2, 3])).expect(404)).body.code).toBe('request.not_found');
    }
    expect(await countEvents(t.db.pool)).toBe(before);
  });

  it('refuses a file claiming to be a PDF that holds HTML, an engagement of another case, and an unknown document', async () => {
    const before = await countEvents(t.db.pool);
    const html = await upload('state', `${docs()}?fileName=report.pdf`, Buffer.from('<!DOCTYPE html><script>alert(document.cookie)</script>')).expect(400);
    expect(html.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(html.body.code).toBe('document.type_not_accepted');
    const other = await createCaseFixture(t.server);
    expect((await upload('state', `${docs()}?fileName=r.pdf&engagementId=${other.engagementId}`, minimalPng([4, 5, 6])).expect(400)).body.code).toBe('document.unknown_engagement');
    expect((await get('state', `${docs()}/${'b'.repeat(64)}`).expect(404)).body.code).toBe('document.not_found');
    expect((await upload('state', docs(), terms).expect(400)).body.code).toBe('input.invalid');
    // The second case's fixture wrote its own events; none of this case's documents were added.
    expect((await streamEvents(t.db.pool, `case-documents-${fx.requestId}`)).length).toBe(2);
    expect(await countEvents(t.db.pool)).toBeGreaterThan(before);
  }, 60_000);

  it('once the case is open, another provider reads its documents but may not attach any', async () => {
    await request(t.server).post(`/requests/${fx.requestId}/open`).set(ACTORS.state).send({ reason: 'Cleared for publication' }).expect(200);
    expect((await get('otherDonor', docs()).expect(200)).body.items).toHaveLength(2);
    expect((await upload('otherDonor', `${docs()}?fileName=x.pdf`, minimalPng([7, 8, 9])).expect(403)).body.code).toBe('access.not_a_party');
  });
});
