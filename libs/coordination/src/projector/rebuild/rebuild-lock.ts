import type { Pool } from 'pg';

/**
 * Runs `work` holding the rebuild lock of `consumer`'s read models: one rebuild at a time (a
 * session advisory lock, on a connection of its own for the whole rebuild). Another rebuild
 * fails at once instead of waiting.
 */
export async function withRebuildLock<T>(pool: Pool, consumer: string, work: () => Promise<T>): Promise<T> {
  const key = `coordination:rebuild:${consumer}`;
  const lock = await pool.connect();
  try {
    const locked = (await lock.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok', [key])).rows[0]!.ok;
    if (!locked) throw new Error('another rebuild of the coordination read models is running');
    try {
      return await work();
    } finally {
      await lock.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]).catch(() => undefined);
    }
  } finally {
    lock.release();
  }
}
