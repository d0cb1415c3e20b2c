import { evolveOrganisation, type Organisation, type OrganisationEvent, type OrganisationState } from '../domain';

/**
 * A row of `directory.organisations`: the organisation's state, and where its stream stood.
 * The projection is a pure function of (row, event): the row's state is evolved by the
 * decider's own `evolve`, so the read model and the command side never disagree.
 */
export interface OrganisationRow {
  readonly state: Organisation;
  readonly notificationChannel: 'state' | 'note_verbale' | null;
  readonly noteVerbale: string | null;
  readonly registeredAt: string;
  readonly updatedAt: string;
  readonly version: number;
  readonly globalPosition: number;
}

export interface EventPlace {
  readonly streamPosition: number;
  readonly globalPosition: number;
  /** When the event happened (its `at`). */
  readonly at: string;
}

export function projectOrganisation(row: OrganisationRow | null, event: OrganisationEvent, place: EventPlace): OrganisationRow | null {
  const before: OrganisationState = row?.state ?? { status: 'empty' };
  const state = evolveOrganisation(before, event);
  if (state.status === 'empty') return row;
  const notification =
    event.type === 'AuthorityNotified' || event.type === 'AuthorityNotificationChanged' || event.type === 'AuthorityWithdrawn'
      ? { notificationChannel: event.data.channel, noteVerbale: event.data.noteVerbale }
      : { notificationChannel: row?.notificationChannel ?? null, noteVerbale: row?.noteVerbale ?? null };
  return {
    state,
    ...notification,
    registeredAt: row?.registeredAt ?? place.at,
    updatedAt: place.at,
    version: place.streamPosition,
    globalPosition: place.globalPosition,
  };
}

/** The rows a sequence of one stream's events gives (what a rebuild computes). */
export function foldOrganisation(events: ReadonlyArray<{ event: OrganisationEvent; place: EventPlace }>): OrganisationRow | null {
  return events.reduce<OrganisationRow | null>((row, e) => projectOrganisation(row, e.event, e.place), null);
}
