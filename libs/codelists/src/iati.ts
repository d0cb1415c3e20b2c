/**
 * Fixed IATI 2.03 values the platform reports under, for mapping to donors' systems.
 * (Single values, not lists: the full DAC sector and aid type lists are not needed here.)
 */
export const IATI_DEFAULTS = {
  /** DAC 5-digit sector (vocabulary 1): anti-corruption organisations and institutions. */
  sector: { vocabulary: '1', code: '15113', name: 'Anti-corruption organisations and institutions' },
  /** Aid type (vocabulary 1): other technical assistance. */
  aidType: { vocabulary: '1', code: 'D02', name: 'Other technical assistance' },
} as const;
