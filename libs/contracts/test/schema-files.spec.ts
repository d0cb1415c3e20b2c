import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { allEventContracts, ContractValidator, schemaFiles, SCHEMA_FILES_DIR, TOPICS, toIntegrationEvent } from '@ta/contracts';
import { WIRE_SAMPLES } from './wire-format.samples';

/**
 * The schema files under version control are what the contracts say now: a contract changed
 * without `npm run contracts:schemas` fails here, and so does a file left behind or edited by hand.
 */
const root = join(__dirname, '..', '..', '..', SCHEMA_FILES_DIR);

function listed(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listed(join(dir, e.name)) : [join(dir, e.name)]));
}

const onDisk = new Map(listed(root).map((f) => [relative(root, f).split(sep).join('/'), readFileSync(f, 'utf8')]));
const wanted = schemaFiles();
const stale = 'run `npm run contracts:schemas` and commit libs/contracts/schemas';

describe('the contracts as schema files (libs/contracts/schemas)', () => {
  it(`are exactly the files the contracts give, no more, no fewer (else ${stale})`, () => {
    expect([...onDisk.keys()].sort()).toEqual([...wanted.keys()].sort());
  });

  it.each([...wanted.keys()].sort())(`%s is byte for byte what the contracts give (else ${stale})`, (path) => {
    expect(onDisk.get(path)).toBe(wanted.get(path));
  });

  it('name one file per event type and version, and one key file per topic', () => {
    expect(wanted.size).toBe(1 + TOPICS.length + allEventContracts().length);
  });

  it('validate the published samples when a consumer compiles them on their own, as the platform validator does', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    const index = JSON.parse(onDisk.get('index.json')!) as { topics: Array<{ name: string; key: { file: string }; events: Array<{ type: string; version: number; file: string }> }> };
    const byType = new Map<string, ReturnType<typeof ajv.compile>>();
    const keys = new Map<string, ReturnType<typeof ajv.compile>>();
    for (const t of index.topics) {
      keys.set(t.name, ajv.compile(JSON.parse(onDisk.get(t.key.file)!)));
      for (const e of t.events) byType.set(`${e.type}@${e.version}`, ajv.compile(JSON.parse(onDisk.get(e.file)!)));
    }
    const validator = new ContractValidator();
    let checked = 0;
    for (const sample of WIRE_SAMPLES) {
      let m: ReturnType<typeof toIntegrationEvent>;
      try {
        m = toIntegrationEvent(sample.event, sample.context);
      } catch {
        continue; // a sample the relay refuses to publish
      }
      if (!m) continue;
      const value = JSON.parse(JSON.stringify(m.value)) as { type: string; schemaVersion: number };
      const validate = byType.get(`${value.type}@${value.schemaVersion}`)!;
      expect({ sample: sample.name, ok: validate(value), errors: validate.errors ?? null }).toEqual({ sample: sample.name, ok: true, errors: null });
      expect(validator.validate(value).ok).toBe(true);
      expect(keys.get(m.topic)!(m.key)).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('are each named in the event catalogue (docs/event-catalogue.md), with the route that serves them', () => {
    const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'event-catalogue.md'), 'utf8');
    for (const c of allEventContracts()) expect(doc).toContain(`libs/contracts/schemas/${c.topic}/${c.type}.v${c.version}.json`);
    expect(doc).toContain('GET /contracts/schemas');
  });

  it('refuse a value that breaks its contract (an unknown field in data)', () => {
    const ajv = new Ajv2020({ strict: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(onDisk.get('ta.case.offers/OfferExpired.v1.json')!));
    const value = {
      eventId: '0b0c1e8e-3d5e-4a54-9a57-8d2f0e3b7f11', type: 'OfferExpired', schemaVersion: 1, subject: { kind: 'offer', id: 'o-1', version: 2 },
      occurredAt: '2026-03-01T09:30:00Z', recordedAt: '2026-03-01T09:30:00Z', correlationId: 'c', causationId: null, actorRole: 'system',
      data: { offerId: 'o-1', at: '2026-03-01T09:30:00Z' },
    };
    expect(validate(value)).toBe(true);
    expect(validate({ ...value, data: { ...value.data, extra: 1 } })).toBe(false);
  });
});
