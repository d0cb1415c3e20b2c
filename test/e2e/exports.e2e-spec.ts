import { get as httpGet } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import request from 'supertest';
import { Workbook } from 'exceljs';
import { ExpectedVersion } from '@ta/event-store';
import { f, fixtureId, toNewEvent, wholeCase, type Fixture } from '../../libs/coordination/test/case-fixtures';
import { startTestApp, type TestApp } from '../support/app';
import { ACTORS } from '../support/case-api';

let t: TestApp;
let last = 0;
const id = fixtureId;
const SECRET = id('export-secret');
const FORMULA = id('export-formula');

beforeAll(async () => {
  t = await startTestApp({ COORDINATION_WAIT_TIMEOUT_MS: '5000' });
  const fixtures: Fixture[] = [
    ...Array.from({ length: 4 }, (_, i) => wholeCase(i, { ids: id })).flat(),
    f.submitted(FORMULA, '2024-02-01T00:00:00Z', { country: 'PE', institution: '=HYPERLINK("http://example.org","x")' }),
    f.submitted(SECRET, '2024-01-01T00:00:00Z', { country: 'UA', restricted: true }),
  ];
  for (const x of fixtures) last = (await t.infra.eventStore.store.append(x.streamId, [toNewEvent(x)], ExpectedVersion.any)).lastGlobalPosition;
});
afterAll(() => t.close());

const get = (path: string, who: keyof typeof ACTORS = 'donor') => request(t.server).get(path).set(ACTORS[who]);
const binary = (res: request.Response, cb: (e: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** RFC 4180 lines of a small CSV (no line breaks inside its fields). */
const csvLines = (text: string) => text.replace(/\r\n$/, '').split('\r\n');

describe('CSV exports', () => {
  it('is UTF-8 with a byte order mark, RFC 4180 (CRLF), labels in the reader\'s language, the same rows as the list', async () => {
    const res = await get(`/exports/requests?format=csv&lang=fr&sort=submittedAt&minPosition=${last}`, 'secretariat').buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="requests-\d{4}-\d{2}-\d{2}\.csv"$/);
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csvLines(body.toString('utf8').slice(1));
    expect(lines[0]!.split(',').slice(0, 4)).toEqual(['Demande', 'Pays', 'Nom du pays', 'Titre']);
    const list = (await get('/requests?limit=200&sort=submittedAt', 'secretariat').expect(200)).body.items.map((r: { requestId: string }) => r.requestId);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(list);
    expect(list).toContain(SECRET);
  });

  it('neutralises a text that a spreadsheet would run as a formula, and quotes as RFC 4180 says', async () => {
    const res = await get(`/exports/requests?country=PE&minPosition=${last}`).buffer(true).parse(binary).expect(200);
    const text = (res.body as Buffer).toString('utf8');
    expect(text).toContain(`,"'=HYPERLINK(""http://example.org"",""x"")",`);
    expect(text).not.toMatch(/,=HYPERLINK/);
  });

  it('keeps the access rules of the view: a restricted request is left out for who may not see it', async () => {
    const donor = (await get(`/exports/requests?minPosition=${last}`, 'donor').buffer(true).parse(binary).expect(200)).body.toString('utf8');
    const secretariat = (await get(`/exports/requests?minPosition=${last}`, 'secretariat').buffer(true).parse(binary).expect(200)).body.toString('utf8');
    expect(donor).not.toContain(SECRET);
    expect(secretariat).toContain(SECRET);
    await request(t.server).get('/exports/requests').expect(401);
  });

  it('refuses a query the view refuses, with problem details and a stable code, and no file', async () => {
    const res = await get('/exports/requests?status=nonsense').expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('coordination.invalid_query');
    expect((await get('/exports/requests?format=pdf').expect(400)).body.code).toBe('coordination.invalid_query');
    expect((await get('/exports/requests?limit=5').expect(400)).body.code).toBe('coordination.invalid_query');
  });

  it("takes the overview's filter as the view does: the countries of a region, the quarters of its requests", async () => {
    const csv = async (path: string) => csvLines((await get(`${path}&format=csv&lang=en&minPosition=${last}`, 'secretariat').buffer(true).parse(binary).expect(200)).body.toString('utf8').slice(1));
    // wholeCase 0..3: KE, PE, VN, MA; Africa (002) holds KE and MA.
    const countries = await csv('/exports/countries?region=002');
    expect(countries.slice(1).map((l) => l.split(',')[0])).toEqual(['KE', 'MA']);
    const view = (await get('/coordination/trends?region=002', 'secretariat').expect(200)).body.requests;
    const quarters = await csv('/exports/trends/requests?region=002');
    expect(quarters.length - 1).toBe(view.length);
    expect(view.reduce((n: number, q: { submitted: number }) => n + q.submitted, 0)).toBe(2);
  });

  it('exports the views that are not lists: pipeline, coverage, funding, countries, trends', async () => {
    for (const view of ['pipeline', 'coverage', 'funding', 'countries', 'trends', 'trends/requests', 'need-sources', 'overlaps', 'gaps', 'milestones/overdue', 'milestones/disputed', 'offers', 'engagements']) {
      const res = await get(`/exports/${view}?lang=zh&minPosition=${last}`, 'secretariat').buffer(true).parse(binary);
      expect([view, res.status]).toEqual([view, 200]);
      const text = (res.body as Buffer).toString('utf8');
      expect(text.startsWith('\uFEFF')).toBe(true);
      expect(text.endsWith('\r\n')).toBe(true);
    }
    const funding = csvLines((await get(`/exports/funding?lang=en`, 'secretariat').buffer(true).parse(binary).expect(200)).body.toString('utf8').slice(1));
    const json = (await get('/coordination/funding', 'secretariat').expect(200)).body.lines as Array<{ currency: string | null; pledged: number }>;
    expect(funding).toHaveLength(json.length + 1);
    const money = json.find((l) => l.currency === 'EUR' || l.currency === 'USD')!;
    expect(funding.find((l) => l.startsWith(`${money.currency},`))!.split(',')[2]).toBe((money.pledged / 100).toFixed(2));
  });
});

describe('XLSX exports', () => {
  it('has typed columns: dates as dates, money as numbers with the currency, the header row frozen, labels in the reader\'s language', async () => {
    const res = await get(`/exports/offers?format=xlsx&lang=ar&minPosition=${last}`, 'secretariat').buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new Workbook();
    await workbook.xlsx.load((res.body as Buffer).buffer.slice((res.body as Buffer).byteOffset, (res.body as Buffer).byteOffset + (res.body as Buffer).byteLength) as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, rightToLeft: true });
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header[0]).toBe('العرض');
    const col = (key: string) => ['offerId', 'providerId', 'title', 'articles', 'taTypes', 'status', 'currency', 'capacity', 'committed', 'remaining', 'availableFrom', 'availableTo', 'registeredAt'].indexOf(key) + 1;
    const offers = (await get('/offers?limit=200&sort=-registeredAt', 'secretariat').expect(200)).body.items as Array<{ offerId: string; capacity: number; currency: string; availableFrom: string; registeredAt: string }>;
    expect(sheet.rowCount).toBe(offers.length + 1);
    const row = sheet.getRow(2);
    const offer = offers.find((o) => o.offerId === row.getCell(col('offerId')).value)!;
    expect(row.getCell(col('capacity')).value).toBe(offer.capacity / 100);
    expect(row.getCell(col('capacity')).numFmt).toBe(`#,##0.00 "${offer.currency}"`);
    expect(row.getCell(col('availableFrom')).value).toEqual(new Date(`${offer.availableFrom}T00:00:00Z`));
    expect(row.getCell(col('registeredAt')).value).toEqual(new Date(offer.registeredAt));
  });
});

/**
 * 60,000 requests in the read model (copies of a projected row, written by SQL: projecting
 * 60,000 cases would take minutes), exported through HTTP while the process's heap is sampled:
 * the heap must not grow with the rows (held in memory, 60,000 rows are well over 100 MB of
 * objects; streamed, the growth stays within a few pages of rows and the libraries' buffers).
 */
describe('a 60,000-row export streams', () => {
  const ROWS = 60_000;
  beforeAll(async () => {
    await get(`/requests?minPosition=${last}`, 'secretariat').expect(200);
    await t.infra.pool.query(
      `INSERT INTO coordination.requests
       SELECT (r).valid_from, ('bulk-' || lpad(g::text, 6, '0')) AS request_id, (r).country, (r).title, (r).beneficiary_institution || ' ' || g, (r).institution_key, (r).articles, (r).ta_types,
              (r).classified, (r).priority, (r).state_priority, (r).status, (r).restricted, (r).preferred_languages, (r).desired_from, (r).desired_to, (r).sources,
              (r).submitted_at + g * interval '1 second', (r).submitted_by, (r).opened_at, (r).matched_at, (r).delivery_started_at, (r).delivered_at, (r).ended_at,
              (r).end_reason, (r).need_met, (r).status_since, (r).engagement_ids, (r).live_engagements, (r).updated_at, (r).position, (r).version
         FROM (SELECT t AS r FROM coordination.requests t WHERE NOT t.restricted LIMIT 1) x, generate_series(1, $1) g`,
      [ROWS],
    );
  }, 120_000);

  /** The live heap: garbage collected first (V8's gc, exposed for this test). */
  setFlagsFromString('--expose_gc');
  const gc = runInNewContext('gc') as () => void;
  const liveHeap = () => {
    gc();
    return process.memoryUsage().heapUsed;
  };

  /** Downloads through a real socket, counting lines and bytes without keeping the body, sampling the live heap. */
  async function download(path: string): Promise<{ bytes: number; lines: number; heapGrowthMb: number }> {
    const base = liveHeap();
    let peak = base;
    const timer = setInterval(() => (peak = Math.max(peak, liveHeap())), 2000);
    try {
      return await new Promise((resolve, reject) => {
        httpGet(`${t.url}${path}`, { headers: ACTORS.secretariat, agent: false }, (res) => {
          if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}`));
          let bytes = 0;
          let lines = 0;
          res.on('data', (c: Buffer) => {
            bytes += c.length;
            for (let i = c.indexOf(10); i !== -1; i = c.indexOf(10, i + 1)) lines++;
          });
          res.on('end', () => resolve({ bytes, lines, heapGrowthMb: (peak - base) / 2 ** 20 }));
          res.on('error', reject);
        }).on('error', reject);
      });
    } finally {
      clearInterval(timer);
    }
  }

  it('CSV: every row, the heap not growing with them', async () => {
    const r = await download('/exports/requests?format=csv');
    expect(r.lines).toBeGreaterThanOrEqual(ROWS + 1);
    // eslint-disable-next-line no-console
    console.log(`CSV export of ${r.lines - 1} rows: ${(r.bytes / 2 ** 20).toFixed(1)} MB sent, heap growth ${r.heapGrowthMb.toFixed(1)} MB`);
    expect(r.heapGrowthMb).toBeLessThan(32);
  }, 180_000);

  it('XLSX: every row, the heap not growing with them', async () => {
    const r = await download('/exports/requests?format=xlsx');
    // eslint-disable-next-line no-console
    console.log(`XLSX export of ${ROWS}+ rows: ${(r.bytes / 2 ** 20).toFixed(1)} MB sent, heap growth ${r.heapGrowthMb.toFixed(1)} MB`);
    expect(r.bytes).toBeGreaterThan(ROWS * 20);
    expect(r.heapGrowthMb).toBeLessThan(32);
  }, 300_000);
});
