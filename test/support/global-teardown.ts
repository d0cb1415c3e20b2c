export default async function globalTeardown(): Promise<void> {
  const handle = (globalThis as { __embeddedPg?: { stop(): Promise<void> } }).__embeddedPg;
  await handle?.stop();
}
