import type { KafkaBroker } from './kafka-broker';

export default async function globalTeardown(): Promise<void> {
  const g = globalThis as { __embeddedPg?: Array<{ stop(): Promise<void> }>; __kafka?: KafkaBroker };
  await Promise.all([...(g.__embeddedPg ?? []).map((h) => h.stop()), g.__kafka?.stop({ deleteData: true })]);
}
