import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConcurrencyError, IllegalStateError, type Decider, type DomainEvent } from '@ta/core';
import type { Actor, CommandExecutor } from '@ta/platform';
import { organisationDecider, organisationEventSchemaVersions, organisationStreamId, type NotifyAuthority, type OrganisationCommand, type ProposeOrganisation } from '../domain';

/** One entry of a seed file: an organisation (proposed and verified) or a notified authority. */
export type SeedEntry = Omit<ProposeOrganisation, 'type' | 'at'> | (Omit<NotifyAuthority, 'type' | 'at' | 'channel' | 'noteVerbale'> & { readonly kind: 'national_authority' });

const SEED_ACTOR: Actor = { id: 'directory-seed', role: 'system' };

/** The seed every deployment gets: the Secretariat's own organisation, UNODC (an intergovernmental organisation). */
export const BASE_SEED = join(__dirname, '..', '..', 'seed', 'base.json');
/** Outside production, without DIRECTORY_SEED_FILE: the organisations the development tokens name (README, `npm run token`). */
export const DEVELOPMENT_SEED = join(__dirname, '..', '..', 'seed', 'development.json');

export function readSeed(path: string): SeedEntry[] {
  return (JSON.parse(readFileSync(path, 'utf8')) as { organisations: SeedEntry[] }).organisations;
}

/**
 * Enters the seed's organisations that are not in the directory yet, by events, as the
 * platform (`system`, actor `directory-seed`): an organisation is proposed and verified, an
 * authority notified. Entries already there are left as they are (a second process seeding at
 * the same moment, or a restart, appends nothing). Returns the ids entered.
 */
export async function seedDirectory(executor: CommandExecutor, entries: readonly SeedEntry[], now: Date): Promise<string[]> {
  const at = now.toISOString();
  const entered: string[] = [];
  for (const entry of entries) {
    const commands: OrganisationCommand[] =
      entry.kind === 'national_authority'
        ? [{ ...(entry as Omit<NotifyAuthority, 'type' | 'at' | 'channel' | 'noteVerbale'>), type: 'NotifyAuthority', at, channel: 'state', noteVerbale: null }]
        : [
            { ...(entry as Omit<ProposeOrganisation, 'type' | 'at'>), type: 'ProposeOrganisation', at },
            { type: 'VerifyOrganisation', organisationId: entry.organisationId, at },
          ];
    try {
      for (const command of commands) {
        await executor.execute(
          {
            decider: organisationDecider as unknown as Decider<OrganisationCommand, DomainEvent, unknown>,
            streamId: organisationStreamId(entry.organisationId),
            command,
            at,
            schemaVersions: organisationEventSchemaVersions,
          },
          { actor: SEED_ACTOR },
        );
      }
      entered.push(entry.organisationId);
    } catch (e) {
      const already = (e instanceof IllegalStateError && e.code === 'directory.organisation_exists') || e instanceof ConcurrencyError;
      if (!already) throw e;
    }
  }
  return entered;
}
