import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { progressBar, reportCli } from '@ta/reports';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Workbook } from 'exceljs';
import { randomUUID } from 'node:crypto';
import { ExpectedVersion, type NewEvent } from '@ta/event-store';
import { f, fixtureId, toNewEvent, wholeCase, type Fixture } from '../../libs/coordination/test/case-fixtures';
import { startTestApp, type TestApp } from '../support/app';
import { ACTORS, streamEvents } from '../support/case-api';

let t: TestApp;

/** A practice event as the library records it (for the report's digest of the period). */
const practiceEvent = (type: string, data: Record<string, unknown>, actor: { id: string; role: string }): NewEvent => ({
  id: randomUUID(),
  type,
  schemaVersion: 1,
  data,
  metadata: { actorId: actor.id, actorRole: actor.role, correlationId: randomUUID(), causationId: null, occurredAt: String(data.at) },
});
const practice = (practiceId: string, at: string, contributor: { organisation: string | null; country: string | null }, themes: string[], articles: string[]) => ({
  practiceId,
  at,
  kind: 'good_practice',
  title: { fr: `Pratique ${practiceId}` },
  summary: { fr: 'Résumé' },
  articles,
  themes,
  countries: contributor.country ? [contributor.country] : [],
  engagementIds: [],
  contributor,
});
const SECRETARIAT = { id: 'unodc-officer-1', role: 'secretariat' };
/** Three practices: a Kenyan one published in the period, a Kenyan one only submitted, a GIZ one published after it. */
const PRACTICES: Array<[string, NewEvent[]]> = [
  ['practice-report-1', [
    practiceEvent('PracticeSubmitted', practice('report-1', '2025-02-01T00:00:00.000Z', { organisation: null, country: 'KE' }, ['public-procurement', 'codes-of-conduct'], ['art-9']), { id: 'fp-ke', role: 'state' }),
    practiceEvent('PracticePublished', { practiceId: 'report-1', at: '2025-03-01T00:00:00.000Z' }, SECRETARIAT),
  ]],
  ['practice-report-2', [practiceEvent('PracticeSubmitted', practice('report-2', '2025-04-01T00:00:00.000Z', { organisation: null, country: 'KE' }, ['public-procurement'], ['art-8']), { id: 'fp-ke', role: 'state' })]],
  ['practice-report-3', [
    practiceEvent('PracticeSubmitted', practice('report-3', '2025-05-01T00:00:00.000Z', { organisation: 'donor-giz', country: null }, ['journalism'], ['art-13']), { id: 'donor-giz-officer', role: 'donor' }),
    practiceEvent('PracticePublished', { practiceId: 'report-3', at: '2026-02-01T00:00:00.000Z' }, SECRETARIAT),
  ]],
];
let dir: string;
const id = fixtureId;
const PERIOD = { from: '2024-01-01', to: '2026-01-01' };

beforeAll(async () => {
  t = await startTestApp();
  dir = mkdtempSync(join(tmpdir(), 'reports-'));
  const fixtures: Fixture[] = [
    ...Array.from({ length: 6 }, (_, i) => wholeCase(i, { ids: id })).flat(),
    f.submitted(id('report-secret'), '2025-03-01T00:00:00Z', { country: 'UA', restricted: true }),
  ];
  let last = 0;
  for (const x of fixtures) last = (await t.infra.eventStore.store.append(x.streamId, [toNewEvent(x)], ExpectedVersion.any)).lastGlobalPosition;
  for (const [streamId, events] of PRACTICES) last = (await t.infra.eventStore.store.append(streamId, events, ExpectedVersion.any)).lastGlobalPosition;
  // The report folds the log to its readable head: wait until the appends are readable (the projector has passed them).
  await request(t.server).get(`/requests?minPosition=${last}`).set(ACTORS.secretariat).expect(200);
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const binary = (res: request.Response, cb: (e: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const make = (body: Record<string, unknown>, who: keyof typeof ACTORS = 'secretariat') => request(t.server).post('/reports').set(ACTORS[who]).send(body);
const document = (reportId: string, query: string, who: keyof typeof ACTORS = 'secretariat') =>
  request(t.server).get(`/reports/${reportId}?${query}`).set(ACTORS[who]).buffer(true).parse(binary);

/** The PDF's fonts (pdffonts) and text (pdftotext), from Debian's poppler-utils. */
function inspectPdf(pdf: Buffer, name: string): { fonts: Array<{ name: string; type: string; embedded: boolean }>; text: string; file: string } {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      // name type [type2] encoding emb sub uni object ID
      const emb = cols[cols.length - 5];
      return { name: cols[0]!, type: cols.slice(1, cols.length - 6).join(' '), embedded: emb === 'yes' };
    });
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return { fonts, text, file };
}

/** A page image of the first page into docs/ (REPORT_PAGES=write), as the issue asks. */
function pageImage(file: string, name: string): void {
  if (process.env.REPORT_PAGES !== 'write') return;
  const prefix = join(dir, name);
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, prefix]);
  copyFileSync(`${prefix}.png`, join(__dirname, '..', '..', 'docs', 'screenshots', `${name}.png`));
}

describe('report documents', () => {
  it('a report made twice at one position has one hash; its generation is a recorded event (who, when, parameters)', async () => {
    const first = (await make({ ...PERIOD, lang: 'en' }).expect(201)).body;
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(first.position).toMatch(/^\d+:\d+$/);
    expect(first.data.totals.received).toBe(7);
    const again = (await make({ ...PERIOD, position: first.position }).expect(201)).body;
    expect(again.reportId).not.toBe(first.reportId);
    expect(again.sha256).toBe(first.sha256);
    expect(again.data).toEqual(first.data);
    // A later position (the first report's own event is after it, once readable), the same figures: another position, another hash.
    const own = (await t.infra.pool.query(`SELECT global_position::int AS g FROM event_store.events WHERE stream_id = $1`, [`report-${first.reportId}`])).rows[0].g;
    await request(t.server).get(`/requests?minPosition=${own}`).set(ACTORS.secretariat).expect(200);
    const later = (await make(PERIOD).expect(201)).body;
    expect(later.position).not.toBe(first.position);
    expect(later.sha256).not.toBe(first.sha256);

    const [event] = await streamEvents(t.infra.pool, `report-${first.reportId}`);
    expect(event).toMatchObject({
      type: 'ReportGenerated',
      data: { reportId: first.reportId, parameters: { ...PERIOD, gapDays: 90 }, sha256: first.sha256, lang: 'en' },
      metadata: { actorId: 'unodc-officer-1', actorRole: 'secretariat' },
    });
    // Read back by id (folded again: the same hash), by its author or the Secretariat only.
    const json = await document(first.reportId, 'format=json').expect(200);
    expect(JSON.parse(json.body.toString('utf8')).sha256).toBe(first.sha256);
    await document(first.reportId, 'format=json', 'donor').expect(404);
  });

  it('keeps the access rules: a restricted request counts only for who may see it', async () => {
    const secretariat = (await make(PERIOD).expect(201)).body;
    const donor = (await make(PERIOD, 'donor').expect(201)).body;
    expect(secretariat.data.totals.received).toBe(donor.data.totals.received + 1);
  });

  it("carries the period's practices digest by theme, article and kind, as the reader may see the library", async () => {
    const theme = (d: { byTheme: Array<{ code: string; submitted: number; published: number }> }, code: string) => d.byTheme.find((r) => r.code === code);
    const secretariat = (await make(PERIOD).expect(201)).body.data.practices;
    expect(secretariat).toMatchObject({ submitted: 3, published: 1 });
    expect(theme(secretariat, 'public-procurement')).toEqual({ code: 'public-procurement', submitted: 2, published: 1 });
    expect(theme(secretariat, 'journalism')).toEqual({ code: 'journalism', submitted: 1, published: 0 });
    expect(secretariat.byKind).toEqual([{ code: 'good_practice', submitted: 3, published: 1 }]);
    // Kenya sees its own unpublished one too; another State only the published two (GIZ's published after the period: submitted in it, not published in it).
    expect((await make(PERIOD, 'state').expect(201)).body.data.practices).toMatchObject({ submitted: 3, published: 1 });
    const other = (await make(PERIOD, 'otherState').expect(201)).body.data.practices;
    expect(other).toMatchObject({ submitted: 2, published: 1 });
    expect(theme(other, 'codes-of-conduct')).toEqual({ code: 'codes-of-conduct', submitted: 1, published: 1 });
    expect(other.byArticle.map((r: { code: string }) => r.code)).toEqual(['art-13', 'art-9']);
    // The later period holds GIZ's publication.
    expect((await make({ from: '2026-01-01', to: '2026-06-01' }).expect(201)).body.data.practices).toMatchObject({ submitted: 0, published: 1 });
  });

  it('refuses bad parameters with problem details, and records nothing', async () => {
    const before = (await t.infra.pool.query(`SELECT count(*)::int AS n FROM event_store.events WHERE stream_id LIKE 'report-%'`)).rows[0].n;
    expect((await make({ from: '2025-07-01', to: '2025-01-01' }).expect(400)).body.code).toBe('report.invalid_parameters');
    expect((await make({ from: '2025-02-30', to: '2025-07-01' }).expect(400)).body.code).toBe('request.invalid_body');
    expect((await make({ ...PERIOD, position: '999999999:999999999' }).expect(400)).body.code).toBe('report.position_not_reached');
    const after = (await t.infra.pool.query(`SELECT count(*)::int AS n FROM event_store.events WHERE stream_id LIKE 'report-%'`)).rows[0].n;
    expect(after).toBe(before);
  });

  it('streams progress as NDJSON, then the report', async () => {
    const res = await make(PERIOD).set('Accept', 'application/x-ndjson').buffer(true).parse(binary).expect(201);
    const lines = res.body.toString('utf8').trim().split('\n').map((l: string) => JSON.parse(l));
    expect(lines[lines.length - 1].report.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  /**
   * No missing glyph: every character of the script in the PDF's text is in the Noto font meant
   * for it (fontconfig's charset match), and the PDF embeds every font it uses and no other
   * named face (a character missing from Noto would have fallen back to another font, or a box).
   * Chromium embeds the OpenType CFF collection of fonts-noto-cjk as unnamed Type 3 fonts, so
   * for Chinese the font's name cannot be read back from the PDF: the charset match says it.
   */
  function coveredBy(family: string, text: string, block: RegExp): boolean {
    const chars = [...new Set([...text].filter((c) => block.test(c)))];
    expect(chars.length).toBeGreaterThan(3);
    const charset = chars.map((c) => c.codePointAt(0)!.toString(16)).join(' ');
    return execFileSync('fc-list', [`${family}:charset=${charset}`, 'family'], { encoding: 'utf8' }).trim() !== '';
  }

  it.each([
    ['ar', 'تقرير عن المساعدة التقنية لمنع الفساد', ['كينيا', 'أفريقيا'], /NotoSansArabic/, 'Noto Sans Arabic', /[\u0600-\u06ff]/],
    ['zh', '预防腐败技术援助报告', ['肯尼亚', '非洲'], /NotoSansCJK|\[none\]/, 'Noto Sans CJK SC', /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/],
  ])('renders in %s to PDF with every glyph in an embedded Noto font, and the text extractable', async (lang, title, words, font, family, block) => {
    const made = (await make({ ...PERIOD, lang }).expect(201)).body;
    const res = await document(made.reportId, `format=pdf&lang=${lang}`).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-report-sha256']).toBe(made.sha256);
    const { fonts, text, file } = inspectPdf(res.body as Buffer, `report-${lang}`);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((x) => x.embedded)).toBe(true);
    expect(fonts.some((x) => font.test(x.name))).toBe(true);
    // Only Noto faces: a glyph missing from them would have fallen back to another font (or a box).
    expect(fonts.filter((x) => !/Noto|^\[none\]$/.test(x.name))).toEqual([]);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain(title);
    for (const w of words) expect(flat).toContain(w);
    expect(flat).toContain(made.sha256);
    expect(text).not.toMatch(/\uFFFD/);
    expect(coveredBy(family, text, block)).toBe(true);
    pageImage(file, `report-${lang}`);
  }, 120_000);

  it('renders as XLSX: a sheet per breakdown, labels in the language, money as numbers with the currency', async () => {
    const made = (await make(PERIOD).expect(201)).body;
    const res = await document(made.reportId, 'format=xlsx&lang=fr').expect(200);
    const workbook = new Workbook();
    const body = res.body as Buffer;
    await workbook.xlsx.load(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Chiffres clés', 'Par région', 'Par article de la Convention', "Par type d'assistance", 'Par prestataire', 'Résultats', 'Chevauchements', 'Promis, engagé et fourni'.slice(0, 31), 'Pratiques et enseignements']);
    const facts = workbook.worksheets[0]!;
    expect(facts.getRow(5).getCell(2).value).toBe(made.sha256);
    const funding = workbook.worksheets[7]!;
    const usd = made.data.funding.find((l: { currency: string | null }) => l.currency === 'USD');
    expect(funding.getRow(2).getCell(1).value).toBe('USD');
    expect(funding.getRow(2).getCell(3).value).toBe(usd.committed / 100);
    expect(funding.getRow(2).getCell(3).numFmt).toBe('#,##0.00 "USD"');
  });

  it('the CLI makes the same report at the same position, recorded with its actor', async () => {
    const made = (await make(PERIOD).expect(201)).body;
    const out = join(dir, 'cli.json');
    const r = await reportCli(['--from', PERIOD.from, '--to', PERIOD.to, '--position', made.position, '--format', 'json', '--actor', 'cli:test', '--out', out], t.infra.eventStore.store, { stderr: new PassThrough() });
    expect(r.sha256).toBe(made.sha256);
    expect(JSON.parse(readFileSync(out, 'utf8')).sha256).toBe(made.sha256);
    const [event] = await streamEvents(t.infra.pool, `report-${r.reportId}`);
    expect(event!.metadata).toMatchObject({ actorId: 'cli:test', actorRole: 'secretariat' });
    await expect(reportCli(['--from', PERIOD.to, '--to', PERIOD.from], t.infra.eventStore.store)).rejects.toMatchObject({ code: 'report.invalid_parameters' });
  });
});

describe("the CLI's progress bar", () => {
  it('shows only once the work has taken more than a second, then counts the events', () => {
    const err = new PassThrough();
    let text = '';
    err.on('data', (c: Buffer) => (text += c.toString('utf8')));
    let now = 0;
    const bar = progressBar(err, () => now);
    bar.update({ eventsRead: 10, target: 1000 });
    expect(text).toBe('');
    now = 1500;
    bar.update({ eventsRead: 500, target: 1000 });
    bar.stop();
    expect(text).toContain('folding the log');
    expect(text).toContain('500/1000 events');
  });
});

