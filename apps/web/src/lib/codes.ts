// Codes the forms offer (from the platform's codelists, libs/codelists); labels are translated.
export const ARTICLES = ['art-5', 'art-6', 'art-7', 'art-8', 'art-9', 'art-10', 'art-11', 'art-12', 'art-13', 'art-14'] as const;
export const TA_TYPES = [
  'c2-legislative-assistance',
  'c2-institution-building',
  'c2-policymaking',
  'c2-capacity-building',
  'c2-research-data-analysis',
  'c2-international-cooperation',
  'c2-other',
  'c1-legal-advice',
  'c1-legislative-drafting',
  'c1-model-legislation',
  'c1-model-agreements',
  'c1-good-practices',
  'c1-action-plan',
  'c1-on-site-expert',
  'c1-capacity-building-programmes',
  'c1-other',
] as const;
export const PRIORITIES = ['high', 'medium', 'low'] as const;
export const UN_LANGUAGES = ['ar', 'en', 'es', 'fr', 'ru', 'zh'] as const;
export const PROVIDER_KINDS = ['bilateral', 'multilateral', 'state_authority', 'civil_society', 'academia', 'private_sector'] as const;
export const MODALITIES = ['remote', 'on_site', 'hybrid'] as const;
export const REQUEST_STATUSES = ['submitted', 'returned_for_clarification', 'open_for_offers', 'matched', 'in_delivery', 'delivered', 'follow_up_recorded', 'closed', 'withdrawn', 'declined'] as const;
export const ENGAGEMENT_STATUSES = ['proposed', 'agreed', 'active', 'completed', 'declined', 'cancelled'] as const;
export const NEED_MET = ['met', 'partly_met', 'not_met'] as const;
/** ISO 3166-1 alpha-2; names come from Intl.DisplayNames in the chosen language. */
export const COUNTRIES =
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'.split(' ');
