import { createHash } from 'node:crypto';
import { codelists } from '@ta/codelists';
import {
  engagementsProjection,
  foldEvents,
  hiddenRequestIds,
  isGap,
  milestonesProjection,
  offersProjection,
  projectable,
  requestsProjection,
  summarize,
  type EngagementRow,
  type FundingLine,
  type MilestoneRow,
  type OfferRow,
  type ProjectedEvent,
  type RequestRow,
  type Viewer,
} from '@ta/coordination';
import { compareLogPositions, LOG_START, type EventStore, type LogPosition, type RecordedEvent } from '@ta/event-store';
import { evolvePractice, initialPracticeState, maySeePractice, PRACTICE_STREAM_PREFIX, practiceEventSchemaVersions, type PracticeEvent, type PracticeState } from '@ta/practices';

/** What a report is asked for: a period (from inclusive, to exclusive, whole days UTC) and the gap threshold. */
export interface ReportParameters {
  readonly from: string;
  readonly to: string;
  readonly gapDays: number;
}

/** The figures of one group (a region, an article, a type of assistance, or all). */
export interface ReportFigures {
  /** Requests submitted in the period. */
  readonly received: number;
  /** Requests triaged (classified by the Secretariat) in the period. */
  readonly triaged: number;
  /** Requests matched (an engagement activated) in the period. */
  readonly matched: number;
  /** Requests delivered (the State acknowledged the completion) in the period. */
  readonly delivered: number;
  /** Follow-ups recorded in the period, and of them the needs met, partly met, not met. */
  readonly followUps: number;
  readonly needMet: number;
  readonly needPartlyMet: number;
  readonly needNotMet: number;
  /** Gaps at the end of the period: open for offers `gapDays` or more without a live engagement. */
  readonly gaps: number;
}

export interface ProviderFigures {
  readonly provider: string;
  /** Engagements proposed, agreed and delivered (acknowledged) in the period. */
  readonly proposed: number;
  readonly agreed: number;
  readonly delivered: number;
}

export interface OverlapFigure {
  readonly country: string;
  readonly institution: string;
  readonly article: string;
  /** Committed or live engagements on requests of that country, institution and article. */
  readonly engagements: number;
}

/**
 * A report's data: everything the documents show, a pure function of the log up to
 * `position` (and the parameters and the viewer's scope), so that the same position gives the
 * same data and the same SHA-256.
 */
export interface ReportData {
  readonly kind: 'uncac-ta-report';
  /** 2 since the practices digest was added (a version 1 report's data had none). */
  readonly version: 2;
  readonly parameters: ReportParameters;
  /** Whose view: restricted requests hidden from the viewer are left out, as in the views. */
  readonly scope: { readonly role: string; readonly country: string | null; readonly organisation: string | null };
  /** The log position the data is folded to, and the time that event was recorded. */
  readonly position: { readonly commit: string; readonly globalPosition: number; readonly recordedAt: string | null };
  readonly totals: ReportFigures & { readonly overlaps: number };
  readonly byRegion: ReadonlyArray<{ readonly region: string } & ReportFigures>;
  readonly byArticle: ReadonlyArray<{ readonly article: string } & ReportFigures>;
  readonly byTaType: ReadonlyArray<{ readonly taType: string } & ReportFigures>;
  readonly byProvider: readonly ProviderFigures[];
  readonly outcomes: ReadonlyArray<{ readonly outcome: string; readonly count: number }>;
  readonly overlaps: readonly OverlapFigure[];
  /** Pledged vs committed vs delivered per currency (minor units) and expert-days, at the position. */
  readonly funding: readonly FundingLine[];
  /** What the library of good practices and lessons learned collected in the period (resolution 3/2, para 3). */
  readonly practices: PracticeDigestData;
}

/** Practices submitted and published in the period, by para 5 theme, UNCAC article and kind. */
export interface PracticeDigestData {
  readonly submitted: number;
  readonly published: number;
  readonly byTheme: readonly PracticeCount[];
  readonly byArticle: readonly PracticeCount[];
  readonly byKind: readonly PracticeCount[];
}

export interface PracticeCount {
  readonly code: string;
  readonly submitted: number;
  readonly published: number;
}


export interface FoldProgress {
  readonly eventsRead: number;
  /** The position's global position: eventsRead / it approximates the share done. */
  readonly target: number;
}

interface FoldState {
  readonly requests: Map<string, RequestRow>;
  readonly offers: Map<string, OfferRow>;
  readonly engagements: Map<string, EngagementRow>;
  readonly milestones: Map<string, MilestoneRow>;
  /** When each request was first triaged, and its follow-up recorded (the rows keep neither). */
  readonly triagedAt: Map<string, string>;
  readonly followUpAt: Map<string, string>;
  /** The library's practices at the position, folded by the library's own `evolvePractice`. */
  readonly practices: Map<string, PracticeState>;
  recordedAt: string | null;
}

/**
 * The read models folded in memory from the start of the log to `position` inclusive, with the
 * projections the projector uses. `onProgress` is told after each page.
 */
export async function foldToPosition(store: Pick<EventStore, 'readAll'>, position: LogPosition, onProgress?: (p: FoldProgress) => void, pageSize = 5000): Promise<FoldState> {
  const state: FoldState = { requests: new Map(), offers: new Map(), engagements: new Map(), milestones: new Map(), triagedAt: new Map(), followUpAt: new Map(), practices: new Map(), recordedAt: null };
  let after = LOG_START;
  let eventsRead = 0;
  for (;;) {
    const page: RecordedEvent[] = await store.readAll({ after, limit: pageSize });
    if (page.length === 0) break;
    const known = page.filter((e) => compareLogPositions(e.logPosition, position) <= 0);
    eventsRead += known.length;
    if (known.length > 0) state.recordedAt = known[known.length - 1]!.recordedAt.toISOString();
    const events = projectable(known);
    foldEvents(requestsProjection, state.requests, events);
    foldEvents(offersProjection, state.offers, events);
    foldEvents(engagementsProjection, state.engagements, events);
    foldEvents(milestonesProjection, state.milestones, events);
    noteTimes(state, events);
    notePractices(state.practices, known);
    onProgress?.({ eventsRead, target: position.position });
    if (known.length < page.length) break;
    after = page[page.length - 1]!.logPosition;
  }
  return state;
}

function noteTimes(state: FoldState, events: readonly ProjectedEvent[]): void {
  for (const { event } of events) {
    const data = event.data as { requestId?: string; at?: string };
    if (!data.requestId || !data.at) continue;
    if (event.type === 'RequestTriaged' && !state.triagedAt.has(data.requestId)) state.triagedAt.set(data.requestId, data.at);
    if (event.type === 'RequestFollowUpRecorded') state.followUpAt.set(data.requestId, data.at);
  }
}

/** The library's events folded with its own decider's `evolvePractice` (state at the position). */
function notePractices(practices: Map<string, PracticeState>, events: readonly RecordedEvent[]): void {
  for (const e of events) {
    if (!e.streamId.startsWith(PRACTICE_STREAM_PREFIX) || !(e.type in practiceEventSchemaVersions)) continue;
    const event = { type: e.type, data: e.data } as PracticeEvent;
    practices.set(e.streamId, evolvePractice(practices.get(e.streamId) ?? initialPracticeState(), event));
  }
}

/**
 * The practices digest of the period as `viewer` may see the library (its own rule,
 * `maySeePractice`, at the report's position): practices submitted in the period, and those
 * published in it that are published at the position.
 */
function practiceDigest(practices: ReadonlyMap<string, PracticeState>, inPeriod: (t: string | null) => boolean, viewer: Viewer): PracticeDigestData {
  const reader = viewer.role === 'anonymous' ? undefined : { role: viewer.role, country: viewer.country, organisation: viewer.organisation };
  const groups = { theme: new Map<string, { submitted: number; published: number }>(), article: new Map<string, { submitted: number; published: number }>(), kind: new Map<string, { submitted: number; published: number }>() };
  let submitted = 0;
  let published = 0;
  for (const p of practices.values()) {
    if (p.status === 'empty' || !maySeePractice(reader, p)) continue;
    const s = inPeriod(p.submittedAt) ? 1 : 0;
    const pub = p.status === 'published' && inPeriod(p.publishedAt) ? 1 : 0;
    if (s + pub === 0) continue;
    submitted += s;
    published += pub;
    const add = (map: Map<string, { submitted: number; published: number }>, code: string) => {
      const g = map.get(code) ?? { submitted: 0, published: 0 };
      g.submitted += s;
      g.published += pub;
      map.set(code, g);
    };
    for (const t of new Set(p.themes)) add(groups.theme, t);
    for (const a of new Set(p.articles)) add(groups.article, a);
    add(groups.kind, p.kind);
  }
  const sorted = (map: Map<string, { submitted: number; published: number }>) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([code, g]) => ({ code, ...g }));
  return { submitted, published, byTheme: sorted(groups.theme), byArticle: sorted(groups.article), byKind: sorted(groups.kind) };
}

/** The M49 region (level `region`: Africa, Americas, Asia, Europe, Oceania) of a country, or `other`. */
export function regionOf(country: string): string {
  const region = codelists.list('regions').find((r) => r.level === 'region' && r.countries.includes(country));
  return region?.code ?? 'other';
}

function emptyFigures(): { -readonly [K in keyof ReportFigures]: number } {
  return { received: 0, triaged: 0, matched: 0, delivered: 0, followUps: 0, needMet: 0, needPartlyMet: 0, needNotMet: 0, gaps: 0 };
}

/** The report's data from the folded state, as `viewer` may see it. Pure: same state, same data. */
export function reportData(state: FoldState, position: LogPosition, parameters: ReportParameters, viewer: Viewer): ReportData {
  const from = Date.parse(`${parameters.from}T00:00:00Z`);
  const to = Date.parse(`${parameters.to}T00:00:00Z`);
  const inPeriod = (t: string | null | undefined) => t !== null && t !== undefined && Date.parse(t) >= from && Date.parse(t) < to;
  const hidden = hiddenRequestIds(viewer, state.requests.values(), state.engagements.values());
  // Gaps as they stood at the end of the period, or at the position when it comes earlier.
  const endOfPeriod = new Date(Math.min(to, state.recordedAt ? Date.parse(state.recordedAt) : to));

  const totals = emptyFigures();
  const groups = { region: new Map<string, ReturnType<typeof emptyFigures>>(), article: new Map<string, ReturnType<typeof emptyFigures>>(), taType: new Map<string, ReturnType<typeof emptyFigures>>() };
  const outcomes = new Map<string, number>();
  const groupOf = (map: Map<string, ReturnType<typeof emptyFigures>>, key: string) => {
    let g = map.get(key);
    if (!g) map.set(key, (g = emptyFigures()));
    return g;
  };
  for (const r of state.requests.values()) {
    if (hidden.has(r.requestId)) continue;
    const figures = {
      received: inPeriod(r.submittedAt) ? 1 : 0,
      triaged: inPeriod(state.triagedAt.get(r.requestId)) ? 1 : 0,
      matched: inPeriod(r.matchedAt) ? 1 : 0,
      delivered: inPeriod(r.deliveredAt) ? 1 : 0,
      followUps: inPeriod(state.followUpAt.get(r.requestId)) ? 1 : 0,
      needMet: 0,
      needPartlyMet: 0,
      needNotMet: 0,
      gaps: isGap(r, endOfPeriod, parameters.gapDays) ? 1 : 0,
    };
    if (figures.followUps) {
      if (r.needMet === 'met') figures.needMet = 1;
      if (r.needMet === 'partly_met') figures.needPartlyMet = 1;
      if (r.needMet === 'not_met') figures.needNotMet = 1;
      outcomes.set(`need_${r.needMet ?? 'unknown'}`, (outcomes.get(`need_${r.needMet ?? 'unknown'}`) ?? 0) + 1);
    }
    if ((r.status === 'withdrawn' || r.status === 'declined') && inPeriod(r.endedAt)) outcomes.set(r.status, (outcomes.get(r.status) ?? 0) + 1);
    if (Object.values(figures).every((v) => v === 0)) continue;
    const targets = [
      totals,
      groupOf(groups.region, regionOf(r.country)),
      ...[...new Set(r.articles)].map((a) => groupOf(groups.article, a)),
      ...[...new Set(r.taTypes)].map((x) => groupOf(groups.taType, x)),
    ];
    for (const target of targets) for (const k of Object.keys(figures) as Array<keyof ReportFigures>) target[k] += figures[k];
  }

  const providers = new Map<string, { proposed: number; agreed: number; delivered: number }>();
  const overlapGroups = new Map<string, Set<string>>();
  for (const e of state.engagements.values()) {
    if (hidden.has(e.requestId)) continue;
    const p = providers.get(e.providerId) ?? { proposed: 0, agreed: 0, delivered: 0 };
    p.proposed += inPeriod(e.proposedAt) ? 1 : 0;
    p.agreed += inPeriod(e.agreedAt) ? 1 : 0;
    p.delivered += inPeriod(e.acknowledgedAt) ? 1 : 0;
    if (p.proposed + p.agreed + p.delivered > 0) providers.set(e.providerId, p);
    if (e.status === 'proposed' || e.status === 'agreed' || e.status === 'active') {
      const r = state.requests.get(e.requestId);
      if (r) for (const a of r.articles) {
        const key = JSON.stringify([r.country, r.institutionKey, a]);
        const set = overlapGroups.get(key) ?? new Set<string>();
        set.add(e.engagementId);
        overlapGroups.set(key, set);
      }
    }
  }
  const overlaps: OverlapFigure[] = [];
  for (const [key, members] of overlapGroups) {
    if (members.size < 2) continue;
    const [country, , article] = JSON.parse(key) as [string, string, string];
    const institution = [...members].map((m) => state.requests.get(state.engagements.get(m)!.requestId)!.beneficiaryInstitution).sort()[0]!;
    overlaps.push({ country, institution, article, engagements: members.size });
  }

  const summary = summarize(
    { requests: state.requests.values(), offers: state.offers.values(), engagements: state.engagements.values(), milestones: state.milestones.values() },
    endOfPeriod,
    parameters.gapDays,
    hidden,
  );
  const sorted = <K extends string>(map: Map<string, ReturnType<typeof emptyFigures>>, name: K) =>
    [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => ({ [name]: k, ...v }) as { [P in K]: string } & ReportFigures);
  const v = viewer as { role?: string; country?: string; organisation?: string };
  return {
    kind: 'uncac-ta-report',
    version: 2,
    parameters,
    scope: { role: v.role ?? 'anonymous', country: v.country ?? null, organisation: v.organisation ?? null },
    position: { commit: position.commit, globalPosition: position.position, recordedAt: state.recordedAt },
    totals: { ...totals, overlaps: overlaps.length },
    byRegion: sorted(groups.region, 'region'),
    byArticle: sorted(groups.article, 'article'),
    byTaType: sorted(groups.taType, 'taType'),
    byProvider: [...providers.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([provider, p]) => ({ provider, ...p })),
    outcomes: [...outcomes.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([outcome, count]) => ({ outcome, count })),
    overlaps: overlaps.sort((a, b) => JSON.stringify([a.country, a.article, a.institution]).localeCompare(JSON.stringify([b.country, b.article, b.institution]))),
    funding: summary.funding,
    practices: practiceDigest(state.practices, inPeriod, viewer),
  };
}

/** JSON with object keys sorted at every level: one text, hence one hash, for equal data. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The SHA-256 (hex) of the data's canonical JSON. */
export function reportHash(data: ReportData): string {
  return createHash('sha256').update(canonicalJson(data), 'utf8').digest('hex');
}
