import type { Pool, PoolClient } from 'pg';
import type { WithdrawalProcessState } from '../domain';

/** The withdrawal process's name: with the request id, the key of its state in `case_process.state`. */
export const WITHDRAWAL_PROCESS = 'withdrawal';

/**
 * The engagements ever proposed on a request, as the withdrawal process tracks them (its state
 * is kept per request). Ids only: what an engagement is now (status, provider) is for its own
 * stream to say. As fresh as the process managers' consumer: an engagement proposed a few
 * milliseconds ago may not be listed yet.
 */
export async function engagementIdsOfRequest(db: Pool | PoolClient, requestId: string): Promise<string[]> {
  const { rows } = await db.query<{ state: WithdrawalProcessState }>('SELECT state FROM case_process.state WHERE process = $1 AND key = $2', [WITHDRAWAL_PROCESS, requestId]);
  return Object.keys(rows[0]?.state.engagements ?? {});
}
