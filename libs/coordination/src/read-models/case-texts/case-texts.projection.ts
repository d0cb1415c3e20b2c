import { engagementTextsWritten, offerTextsWritten, requestTextsWritten, type WrittenText } from '@ta/case';
import { iso, type ProjectedEvent } from '../case-event';
import type { Projection } from '../projection';
import { CaseTextsRow, type StoredText } from './case-texts.entity';

/**
 * Case texts: one row per request, offer and engagement with every text its stream wrote
 * (named as the case context names them) and their translations. Pure, like every projection.
 */
export const caseTextsProjection: Projection<CaseTextsRow> = {
  name: 'case_texts',
  entity: CaseTextsRow,
  keysOf({ event }) {
    switch (event.type) {
      case 'RequestSubmitted':
      case 'RequestAmended':
      case 'RequestReturnedForClarification':
      case 'RequestClarificationProvided':
      case 'RequestDeclined':
      case 'RequestWithdrawn':
      case 'RequestFollowUpRecorded':
      case 'RequestAccessChanged':
      case 'RequestTextTranslated':
        return [event.data.requestId];
      case 'OfferRegistered':
      case 'OfferWithdrawn':
      case 'OfferTextTranslated':
        return [event.data.offerId];
      case 'EngagementProposed':
      case 'EngagementDeclined':
      case 'EngagementCancelled':
      case 'MilestonePlanned':
      case 'MilestoneReported':
      case 'MilestoneDisputed':
      case 'MilestoneDisputeAnswered':
      case 'MilestoneDisputeResolved':
      case 'MilestoneRescheduled':
      case 'CompletionContested':
      case 'EngagementTextTranslated':
        return [event.data.engagementId];
      default:
        return [];
    }
  },
  creates: (e) => e.event.type === 'RequestSubmitted' || e.event.type === 'OfferRegistered' || e.event.type === 'EngagementProposed',
  apply: (row, e) => applyToCaseTexts(row, e),
};

export function applyToCaseTexts(row: CaseTextsRow | undefined, e: ProjectedEvent): CaseTextsRow | undefined {
  const { event } = e;
  const at = iso(event.data.at);
  const base = { updatedAt: at, position: e.globalPosition };
  switch (event.type) {
    case 'RequestSubmitted': {
      if (row) return row; // already applied
      const d = event.data;
      return withWritten({ ownerId: d.requestId, ownerKind: 'request', requestId: d.requestId, offerId: null, languages: [...d.preferredLanguages], texts: {}, ...base }, requestTextsWritten(event, {}), at);
    }
    case 'OfferRegistered': {
      if (row) return row;
      const d = event.data;
      return withWritten({ ownerId: d.offerId, ownerKind: 'offer', requestId: null, offerId: d.offerId, languages: [...d.languages], texts: {}, ...base }, offerTextsWritten(event), at);
    }
    case 'EngagementProposed': {
      if (row) return row;
      const d = event.data;
      return withWritten({ ownerId: d.engagementId, ownerKind: 'engagement', requestId: d.requestId, offerId: d.offerId, languages: [], texts: {}, ...base }, engagementTextsWritten(event, {}), at);
    }
    case 'RequestTextTranslated':
    case 'OfferTextTranslated':
    case 'EngagementTextTranslated': {
      const { text, language, translation } = event.data;
      const current = row?.texts[text];
      if (!row || !current) return row; // the decider translates existing texts only
      const translated: StoredText = { ...current, translations: { ...current.translations, [language]: { text: translation, at, by: e.actorId } } };
      return { ...row, ...base, texts: { ...row.texts, [text]: translated } };
    }
    case 'RequestAmended': {
      if (!row) return row;
      const amended = { ...row, ...base, ...(event.data.preferredLanguages ? { languages: [...event.data.preferredLanguages] } : {}) };
      return more(amended, requestTextsWritten(event, row.texts));
    }
    case 'RequestReturnedForClarification':
    case 'RequestClarificationProvided':
    case 'RequestDeclined':
    case 'RequestWithdrawn':
    case 'RequestFollowUpRecorded':
      return row && more(row, requestTextsWritten(event, row.texts));
    case 'OfferWithdrawn':
      return row && more(row, offerTextsWritten(event));
    case 'EngagementDeclined':
    case 'EngagementCancelled':
    case 'MilestonePlanned':
    case 'MilestoneReported':
    case 'MilestoneDisputed':
    case 'MilestoneDisputeAnswered':
    case 'MilestoneDisputeResolved':
    case 'MilestoneRescheduled':
      return row && more(row, engagementTextsWritten(event, row.texts));
    default:
      return row;
  }

  function more(current: CaseTextsRow, written: readonly WrittenText[]): CaseTextsRow {
    return written.length === 0 ? current : withWritten({ ...current, ...base }, written, at);
  }
}

function withWritten(row: CaseTextsRow, written: readonly WrittenText[], at: string): CaseTextsRow {
  if (written.length === 0) return row;
  const texts = { ...row.texts };
  for (const w of written) {
    texts[w.path] = {
      author: w.author,
      original: w.kind === 'localized' ? w.original : null,
      plain: w.kind === 'plain' ? w.original : null,
      writtenAt: at,
      translations: {},
    };
  }
  return { ...row, texts };
}
