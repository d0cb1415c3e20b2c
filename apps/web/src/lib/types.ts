// Shapes of the query API's answers (libs/coordination/src/query), as the app uses them.
export type Text = Partial<Record<string, string>>;
export type Unit = 'money' | 'expert_days';

export interface FundingLine {
  unit: Unit;
  currency: string | null;
  registered: number;
  pledged: number;
  committed: number;
  delivered: number;
}
export interface Summary {
  basis?: string;
  asAt: string;
  requests: { total: number; byStatus: Record<string, number> };
  offers: { total: number; byStatus: Record<string, number>; fullyCommitted: number };
  engagements: { total: number; byStatus: Record<string, number> };
  milestones: { total: number; overdue: number; disputed: number };
  gaps: { olderThanDays: number; count: number };
  funding: FundingLine[];
}
export interface Stage {
  stage: string;
  count: number;
  avgAgeDays: number | null;
  medianAgeDays: number | null;
  maxAgeDays: number | null;
}
export interface Pipeline {
  asAt: string;
  requests: Stage[];
  engagements: Stage[];
}
export interface RequestRow {
  requestId: string;
  country: string;
  title: Text;
  beneficiaryInstitution: string;
  articles: string[];
  taTypes: string[];
  classified: boolean;
  priority: string | null;
  status: string;
  restricted: boolean;
  preferredLanguages: string[];
  desiredFrom: string | null;
  desiredTo: string | null;
  submittedAt: string;
  openedAt: string | null;
  statusSince: string;
  liveEngagements: number;
  endReason: string | null;
  needMet: string | null;
  daysOpen?: number;
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
export interface OfferRow {
  offerId: string;
  providerId: string;
  providerKind: string;
  taTypes: string[];
  articles: string[];
  eligibleCountries: string[];
  eligibleRegions: string[];
  languages: string[];
  modality: string;
  capacityKind: Unit;
  currency: string | null;
  capacity: number;
  committed: number;
  remaining: number;
  availableFrom: string;
  availableTo: string;
  title: Text;
  status: string;
  registeredAt: string;
}
export interface EngagementRow {
  engagementId: string;
  requestId: string;
  offerId: string;
  providerId: string;
  country: string;
  amount: number;
  unitKind: Unit;
  currency: string | null;
  score: number;
  reasons: string[];
  status: string;
  acceptedBy: string[];
  proposedAt: string;
  endReason: string | null;
  statusSince: string;
}
export interface MilestoneRow {
  engagementId: string;
  milestoneId: string;
  requestId: string;
  title: Text;
  dueDate: string;
  originalDueDate: string;
  status: string;
  disputeReason: string | null;
  rescheduleReason: string | null;
  overdue?: boolean;
  country?: string;
  providerId?: string;
  daysOverdue?: number;
}
export interface HistoryEntry {
  eventId: string;
  type: string;
  actorId: string;
  actorRole: string;
  occurredAt: string;
  reason: string | null;
  details: Record<string, unknown>;
  globalPosition: number;
}
export interface RequestDetail extends RequestRow {
  engagements: EngagementRow[];
  history: HistoryEntry[];
}
export interface EngagementDetail extends EngagementRow {
  milestones: MilestoneRow[];
}
export interface CoverageCell {
  article: string;
  taType: string;
  requests: number;
  openRequests: number;
  matchedRequests: number;
  openOffers: number;
  uncovered: boolean;
}
/** GET /coordination/overlaps answers a Page of these: groups of overlapping windows, the first 50 members listed, `size` counts them all. */
export type OverlapGroup =
  | {
      kind: 'engagements';
      country: string;
      institution: string;
      article: string;
      window: { from: string; to: string };
      size: number;
      sameRequest: boolean;
      engagements: Array<{ engagementId: string; requestId: string; providerId: string; window: { from: string; to: string }; sameRequest: boolean }>;
    }
  | { kind: 'offers'; country: string; article: string; window: { from: string; to: string }; size: number; offers: Array<{ offerId: string; providerId: string; window: { from: string; to: string } }> };
export interface CountryView {
  country: string;
  requests: { total: number; byStatus: Record<string, number> };
  gaps: { olderThanDays: number; count: number };
  engagements: { total: number; byStatus: Record<string, number> };
  funding: Array<{ unit: Unit; currency: string | null; committed: number; delivered: number }>;
  openOffersEligible: number;
  overdueMilestones: number;
}
export interface DonorView {
  providerId: string;
  offers: { total: number; byStatus: Record<string, number> };
  engagements: { total: number; byStatus: Record<string, number> };
  funding: FundingLine[];
  countries: Array<{ country: string; engagements: number; active: number; completed: number }>;
}
