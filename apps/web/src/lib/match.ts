import type { OfferView, RequestView } from './api-types';

/** One reason of a match score: what was compared, what was found, and its weight. */
export interface Reason {
  readonly key: 'articles' | 'taTypes' | 'country' | 'languages' | 'capacity' | 'window';
  readonly weight: number;
  /** 0..1: how far this criterion is met. */
  readonly met: number;
  readonly found: readonly string[];
  readonly wanted: readonly string[];
}

export interface Candidate {
  readonly offer: OfferView;
  readonly score: number;
  readonly eligible: boolean;
  readonly reasons: readonly Reason[];
}

const WEIGHTS = { articles: 0.35, taTypes: 0.25, country: 0.15, languages: 0.1, capacity: 0.1, window: 0.05 } as const;

const share = (wanted: readonly string[], offered: readonly string[]) => {
  const found = wanted.filter((w) => offered.includes(w));
  return { found, met: wanted.length === 0 ? 1 : found.length / wanted.length };
};

/**
 * A transparent score: the share of the request's articles and TA types the offer covers,
 * country eligibility (the server's answer, regions included), shared languages, capacity
 * left and an availability window that meets the desired one. Weights sum to 1; every
 * criterion is shown with what was found.
 */
export function scoreOffer(r: RequestView, o: OfferView, eligibleIds: ReadonlySet<string>, today: string): Candidate {
  const articles = share(r.articles, o.articles);
  const taTypes = share(r.taTypes, o.taTypes);
  const languages = share(r.preferredLanguages, o.languages);
  const eligible = eligibleIds.has(o.offerId);
  const from = r.desiredFrom ?? today;
  const to = r.desiredTo ?? '9999-12-31';
  const windowMet = o.availableFrom <= to && from <= o.availableTo && o.availableTo >= today;
  const reasons: Reason[] = [
    { key: 'articles', weight: WEIGHTS.articles, met: articles.met, found: articles.found, wanted: r.articles },
    { key: 'taTypes', weight: WEIGHTS.taTypes, met: taTypes.met, found: taTypes.found, wanted: r.taTypes },
    { key: 'country', weight: WEIGHTS.country, met: eligible ? 1 : 0, found: eligible ? [r.country] : [], wanted: [r.country] },
    { key: 'languages', weight: WEIGHTS.languages, met: languages.met, found: languages.found, wanted: r.preferredLanguages },
    { key: 'capacity', weight: WEIGHTS.capacity, met: o.remaining > 0 ? 1 : 0, found: [], wanted: [] },
    { key: 'window', weight: WEIGHTS.window, met: windowMet ? 1 : 0, found: [`${o.availableFrom}..${o.availableTo}`], wanted: [`${from}..${to}`] },
  ];
  const score = Math.round(reasons.reduce((s, x) => s + x.weight * x.met, 0) * 100) / 100;
  return { offer: o, score, eligible, reasons };
}

export function rankOffers(r: RequestView, offers: readonly OfferView[], eligibleIds: ReadonlySet<string>, today: string): Candidate[] {
  return offers
    .map((o) => scoreOffer(r, o, eligibleIds, today))
    .sort((a, b) => Number(b.eligible) - Number(a.eligible) || b.score - a.score || a.offer.offerId.localeCompare(b.offer.offerId));
}

/** The reasons as recorded in the engagement (the shared record: plain, language-neutral codes and values). */
export function recordedReasons(c: Candidate): string[] {
  return c.reasons.map((x) => {
    const pct = Math.round(x.met * 100);
    switch (x.key) {
      case 'articles':
      case 'taTypes':
      case 'languages':
        return `${x.key}: ${x.found.join(', ') || '-'} (${x.found.length}/${x.wanted.length})`;
      case 'country':
        return `country ${x.wanted[0]}: ${x.met ? 'eligible' : 'not eligible'}`;
      case 'capacity':
        return `capacity left: ${x.met ? 'yes' : 'no'}`;
      case 'window':
        return `window ${x.found[0]} vs ${x.wanted[0]}: ${pct}%`;
    }
  });
}

/**
 * A reason as `recordedReasons` wrote it, read back (for the engagement page to show it in
 * words in the reader's language); `null` for any other text (a reason written by hand or by
 * another client is shown as written). Weights are the score's own.
 */
export function readRecordedReason(raw: string): Reason | null {
  const list = (v: string) => (v === '-' ? [] : v.split(', '));
  let m = /^(articles|taTypes|languages): (.*) \((\d+)\/(\d+)\)$/.exec(raw);
  if (m) {
    const key = m[1] as 'articles' | 'taTypes' | 'languages';
    const found = list(m[2]!);
    const n = Number(m[3]);
    const of = Number(m[4]);
    if (found.length !== n || n > of) return null;
    return { key, weight: WEIGHTS[key], met: of === 0 ? 1 : n / of, found, wanted: [...found, ...Array<string>(of - n).fill('')] };
  }
  m = /^country ([A-Z]{2}): (eligible|not eligible)$/.exec(raw);
  if (m) return { key: 'country', weight: WEIGHTS.country, met: m[2] === 'eligible' ? 1 : 0, found: m[2] === 'eligible' ? [m[1]!] : [], wanted: [m[1]!] };
  m = /^capacity left: (yes|no)$/.exec(raw);
  if (m) return { key: 'capacity', weight: WEIGHTS.capacity, met: m[1] === 'yes' ? 1 : 0, found: [], wanted: [] };
  m = /^window (\S+) vs (\S+): (\d+)%$/.exec(raw);
  if (m) return { key: 'window', weight: WEIGHTS.window, met: Number(m[3]) / 100, found: [m[1]!], wanted: [m[2]!] };
  return null;
}
