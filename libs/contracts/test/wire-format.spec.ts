import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ContractValidator, toIntegrationEvent } from '@ta/contracts';
import { WIRE_SAMPLES, type WireSample } from './wire-format.samples';

/**
 * What every sample is on the wire: topic, key and the exact JSON text of the value (the
 * relay sends `JSON.stringify(value)` and derives the headers from it: event id, type, schema
 * version, correlation id), or that it is not published, or the error that stops the relay.
 * A change of any byte fails here. A new sample, or a deliberate new contract version, is
 * recorded with `WIRE_FORMAT_RECORD=1 npx jest libs/contracts/test/wire-format`, which
 * rewrites wire-format.json and then fails: review the diff, and run again without it.
 */
const FIXTURE = join(__dirname, 'wire-format.json');

type Wire =
  | { readonly sample: string; readonly topic: string; readonly key: string; readonly value: unknown }
  | { readonly sample: string; readonly published: false }
  | { readonly sample: string; readonly error: string };

function wire({ name, event, context }: WireSample): Wire {
  try {
    const m = toIntegrationEvent(event, context);
    return m ? { sample: name, topic: m.topic, key: m.key, value: m.value } : { sample: name, published: false };
  } catch (e) {
    return { sample: name, error: `${(e as Error).name}: ${(e as Error).message}` };
  }
}

const actual = WIRE_SAMPLES.map(wire);

describe('the wire format of every published event', () => {
  if (process.env.WIRE_FORMAT_RECORD === '1') {
    it('is recorded (WIRE_FORMAT_RECORD=1): review the diff and run again without it', () => {
      writeFileSync(FIXTURE, `${JSON.stringify(actual, null, 2)}\n`);
      throw new Error(`recorded ${actual.length} samples in ${FIXTURE}`);
    });
    return;
  }

  const recorded = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Wire[];

  it('has a recorded answer for every sample, and no other', () => {
    expect(recorded.map((w) => w.sample)).toEqual(WIRE_SAMPLES.map((s) => s.name));
  });

  it.each(WIRE_SAMPLES.map((s, i) => [s.name, i] as const))('%s: the same topic, key and value, byte for byte', (_name, i) => {
    const got = actual[i]!;
    const want = recorded[i]!;
    expect(got).toEqual(want);
    // toEqual ignores the order of keys; the bytes on the wire do not.
    expect(JSON.stringify(got)).toBe(JSON.stringify(want));
  });

  it('covers every event type and version a sample is published as, each valid against its contract', () => {
    const validator = new ContractValidator();
    const published = actual.filter((w): w is Extract<Wire, { topic: string }> => 'topic' in w);
    for (const w of published) expect(validator.validate(w.value, { topic: w.topic }).errors).toEqual([]);
    expect(new Set(published.map((w) => (w.value as { type: string }).type)).size).toBe(42);
  });
});
