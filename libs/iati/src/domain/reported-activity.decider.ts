import { assertUnreachable, ValidationError, type Decider } from '@ta/core';
import { assertKnownCodes } from '@ta/codelists';
import type { ReportedActivityEvent, ReportedActivityFields, ReportedDisbursement } from './reported-activity.events';

/**
 * What a provider's IATI file says of one activity, as of an import: recorded the first time,
 * then only what changed. Keyed by provider and `iati-identifier` (the activity id is derived
 * from both), so the same file imported again decides nothing.
 */
export interface ReportActivity {
  readonly type: 'ReportActivity';
  readonly activityId: string;
  readonly at: string;
  readonly providerId: string;
  readonly iatiIdentifier: string;
  readonly fields: ReportedActivityFields;
  readonly disbursements: readonly ReportedDisbursement[];
}

export type ReportedActivityCommand = ReportActivity;

export type ReportedActivityState =
  | { readonly status: 'empty' }
  | {
      readonly status: 'recorded';
      readonly activityId: string;
      readonly providerId: string;
      readonly iatiIdentifier: string;
      readonly fields: ReportedActivityFields;
      readonly disbursements: Readonly<Record<string, ReportedDisbursement>>;
    };

export const initialReportedActivityState = (): ReportedActivityState => ({ status: 'empty' });

export const REPORTED_FIELDS: readonly (keyof ReportedActivityFields)[] = [
  'activityStatus',
  'recipientCountries',
  'title',
  'articles',
  'sectors',
  'currency',
  'commitment',
  'plannedStart',
  'plannedEnd',
  'actualStart',
  'actualEnd',
];

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function assertFields(f: ReportedActivityFields): void {
  if (f.recipientCountries.length === 0) throw new ValidationError('input.invalid', 'A reported activity has a recipient country', [{ path: '/recipientCountries', message: 'at least one' }]);
  assertKnownCodes('countries', f.recipientCountries, '/recipientCountries');
  assertKnownCodes('uncac-articles', f.articles, '/articles');
  if (f.currency !== null) assertKnownCodes('currencies', f.currency, '/currency');
  const dates = [f.plannedStart, f.plannedEnd, f.actualStart, f.actualEnd];
  if (dates.some((d) => d !== null && !/^\d{4}-\d{2}-\d{2}$/.test(d))) throw new ValidationError('input.invalid', 'Dates are YYYY-MM-DD', [{ path: '/dates', message: 'YYYY-MM-DD' }]);
  if (f.commitment !== null && (!Number.isSafeInteger(f.commitment) || f.currency === null)) {
    throw new ValidationError('input.invalid', 'A commitment is a whole number of minor units of a currency', [{ path: '/commitment', message: 'minor units with a currency' }]);
  }
}

export function decideReportedActivity(c: ReportedActivityCommand, state: ReportedActivityState): ReportedActivityEvent[] {
  switch (c.type) {
    case 'ReportActivity': {
      assertFields(c.fields);
      for (const d of c.disbursements) assertKnownCodes('currencies', d.currency, '/disbursements/currency');
      const events: ReportedActivityEvent[] = [];
      const known = state.status === 'recorded' ? state.disbursements : {};
      if (state.status === 'empty') {
        events.push({ type: 'ReportedActivityRecorded', data: { activityId: c.activityId, at: c.at, providerId: c.providerId, iatiIdentifier: c.iatiIdentifier, ...c.fields } });
      } else {
        const changed: Partial<Record<keyof ReportedActivityFields, unknown>> = {};
        for (const k of REPORTED_FIELDS) if (!same(state.fields[k], c.fields[k])) changed[k] = c.fields[k];
        if (Object.keys(changed).length > 0) events.push({ type: 'ReportedActivityUpdated', data: { activityId: c.activityId, at: c.at, ...(changed as Partial<ReportedActivityFields>) } });
      }
      for (const d of c.disbursements) {
        if (!known[d.key]) events.push({ type: 'ReportedDisbursementRecorded', data: { activityId: c.activityId, at: c.at, ...d } });
      }
      return events;
    }
    default:
      return assertUnreachable(c.type as never, 'Unknown reported activity command');
  }
}

export function evolveReportedActivity(state: ReportedActivityState, e: ReportedActivityEvent): ReportedActivityState {
  switch (e.type) {
    case 'ReportedActivityRecorded': {
      const { activityId, at: _at, providerId, iatiIdentifier, ...fields } = e.data;
      return { status: 'recorded', activityId, providerId, iatiIdentifier, fields, disbursements: {} };
    }
    case 'ReportedActivityUpdated': {
      if (state.status === 'empty') return state;
      const { activityId: _id, at: _at, ...changed } = e.data;
      return { ...state, fields: { ...state.fields, ...changed } };
    }
    case 'ReportedDisbursementRecorded': {
      if (state.status === 'empty') return state;
      const { activityId: _id, at: _at, ...d } = e.data;
      return { ...state, disbursements: { ...state.disbursements, [d.key]: d } };
    }
    default:
      return assertUnreachable(e, 'Unknown reported activity event');
  }
}

export const reportedActivityDecider: Decider<ReportedActivityCommand, ReportedActivityEvent, ReportedActivityState> = {
  decide: decideReportedActivity,
  evolve: evolveReportedActivity,
  initialState: initialReportedActivityState,
};
