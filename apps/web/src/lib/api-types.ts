// The API's answers and codes as the app names them, all taken from the types generated from
// the OpenAPI document (api-schema.d.ts, `npm run web:types`). Types only.
import type { components, operations } from './api-schema';

type Schemas = components['schemas'];

export type LocalizedText = Schemas['LocalizedTextView'];
export type RequestView = Schemas['RequestView'];
export type RequestDetail = Schemas['RequestDetailView'];
export type GapView = Schemas['GapView'];
export type OfferView = Schemas['OfferView'];
export type OfferDetail = Schemas['OfferDetailView'];
export type EngagementView = Schemas['EngagementView'];
export type EngagementDetail = Schemas['EngagementDetailView'];
export type EngagementMilestone = Schemas['EngagementMilestoneView'];
export type MilestoneAlert = Schemas['MilestoneAlertView'];
export type HistoryEntry = Schemas['HistoryEntryView'];
/** One text of a case in the reader's language or its original, with `lang` and `dir`. */
export type TextView = Schemas['TextView'];
export type ContactPersonView = Schemas['ContactPersonViewDto'];
export type PersonalDataReadsView = Schemas['PersonalDataReadsViewDto'];
export type Summary = Schemas['SummaryView'];
export type Pipeline = Schemas['PipelineView'];
export type Stage = Schemas['StageView'];
export type FundingLine = Schemas['FundingLineView'];
export type CountryFundingLine = Schemas['CountryFundingLine'];
export type CoverageCell = Schemas['CoverageCell'];
export type Coverage = Schemas['CoverageView'];
export type CountryView = Schemas['CountryView'];
export type Countries = Schemas['CountriesView'];
export type Trends = Schemas['TrendsView'];
export type DonorView = Schemas['DonorView'];
export type RequestPage = Schemas['RequestPage'];
export type OfferPage = Schemas['OfferPage'];
export type EngagementPage = Schemas['EngagementPage'];
export type Gaps = Schemas['GapsView'];
export type Milestones = Schemas['MilestonesView'];
export type CommandResponse = Schemas['CommandResponseDto'];
export type ProblemDocument = Schemas['ProblemDetails'];
export type FieldError = Schemas['ProblemErrorDto'];

/** GET /coordination/overlaps: its groups are told apart by `kind` (the document's discriminator). */
export type EngagementOverlap = Schemas['EngagementOverlapView'];
export type OfferOverlap = Schemas['OfferOverlapView'];
export type OverlapGroup = EngagementOverlap | OfferOverlap;
export type Overlaps = Schemas['OverlapsView'];

// Codes, as unions of the literals the document lists.
export type RequestStatus = RequestView['status'];
export type EngagementStatus = EngagementView['status'];
export type OfferStatus = OfferView['status'];
export type MilestoneStatus = EngagementMilestone['status'];
export type NeedMet = Schemas['RecordFollowUpDto']['needMet'];
export type Priority = Schemas['TriageRequestDto']['priority'];
export type Article = Schemas['TriageRequestDto']['articles'][number];
export type TaType = Schemas['TriageRequestDto']['taTypes'][number];
export type UnLanguage = Schemas['SubmitRequestDto']['preferredLanguages'][number];
export type Country = Schemas['SubmitRequestDto']['country'];
export type ProviderKind = NonNullable<Schemas['RegisterOfferDto']['providerKind']>;
export type Modality = Schemas['RegisterOfferDto']['modality'];
export type CapacityKind = Schemas['CapacityDto']['kind'];
export type Region = Schemas['RegisterOfferDto']['eligibleRegions'][number];
export type Currency = NonNullable<Schemas['CapacityDto']['currency']>;

/** GET /search and the public view (GET /public/requests, /public/offers). */
export type SearchPage = Schemas['SearchPage'];
export type SearchHit = Schemas['SearchHitView'];
export type PublicRequestPage = Schemas['PublicRequestPage'];
export type PublicRequest = Schemas['PublicRequestView'];
export type PublicOfferPage = Schemas['PublicOfferPage'];
export type PublicOffer = Schemas['PublicOfferView'];
export type NeedSourceInput = Schemas['NeedSourceDto'];
export type NeedSource = Schemas['NeedSourceView'];
export type Chapter = NonNullable<Schemas['NeedSourceDto']['chapter']>;
export type OrganisationView = Schemas['OrganisationViewDto'];
export type OrganisationPage = Schemas['OrganisationPageDto'];
export type PublicDirectory = Schemas['PublicDirectoryDto'];

/** The library of practices (docs/practices.md). */
export type PracticeView = Schemas['PracticeViewDto'];
export type PracticePage = Schemas['PracticePageDto'];
export type PracticeDigest = Schemas['PracticeDigestDto'];
export type PracticeKind = Schemas['SubmitPracticeDto']['kind'];
/** The steps "record a lesson" awaiting a party of a delivered engagement, and the Secretariat's lessons to review. */
export type LessonsAwaiting = Schemas['LessonsAwaitingDto'];
export type LessonInvitation = Schemas['LessonInvitationDto'];
/** The documents of a case (docs/practices.md, "Documents on cases"). */
export type CaseDocumentList = Schemas['CaseDocumentListDto'];
/** The preview of an IATI activity file's import, and the import's answer (docs/iati.md, "Import"). */
export type IatiImportPreview = operations['IatiImportController_preview']['responses'][200]['content']['application/json'];
export type IatiImportResult = operations['IatiImportController_confirm']['responses'][200]['content']['application/json'];
export type ReportedActivityList = operations['ReportedActivitiesController_list']['responses'][200]['content']['application/json'];
