import { applyDecorators, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags, type SchemaObject } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Actor } from '@ta/platform';
import { ApiRoute, CurrentActor, param, ParsedQuery, type QueryValues, type RouteDoc, type StreamedBodyRoute } from '@ta/platform/http';
import { IatiImporter } from '../import/iati-importer';

/** The import routes read their body themselves, as a stream: the edge lets these media types through to them. */
export const IATI_IMPORT_UPLOADS: readonly StreamedBodyRoute[] = [
  { method: 'POST', path: /^\/iati\/imports(?:\/preview)?\/?$/, mediaType: /^(?:application|text)\/(?:[\w.+-]+\+)?xml$/i },
];

export const IMPORT_QUERY = {
  provider: param.string({
    description: "The provider whose file this is (a directory organisation id). The Secretariat names it; a donor or authority imports its own organisation's file (another id: 403)",
    example: 'donor-giz',
  }),
};

const FILE_PROBLEMS = ['iati.hostile_xml', 'iati.limit_exceeded', 'iati.malformed_xml', 'iati.not_iati'];

const text = { type: 'object', additionalProperties: { type: 'string' }, description: 'A text by language (ar, en, es, fr, ru, zh)' } satisfies SchemaObject;
const ACTIVITY: SchemaObject = {
  type: 'object',
  required: ['action', 'identifier', 'position'],
  properties: {
    action: {
      type: 'string',
      enum: ['create', 'update', 'unchanged', 'not_applied', 'record', 'update_record', 'skip'],
      description: 'create/update/not_applied: an offer; record/update_record: a reported activity; unchanged: either, as it is; skip: neither (`reason`)',
    },
    target: { type: 'string', enum: ['offer', 'reported'], description: 'What the activity becomes (absent when skipped)' },
    identifier: { type: 'string', description: 'The iati-identifier (or #position when it has none)' },
    position: { type: 'integer', description: "The activity's place in the file, from 1" },
    reason: { type: 'string', enum: ['no_identifier', 'not_this_provider', 'out_of_scope', 'not_open', 'no_recipient', 'no_un_language', 'no_amount', 'invalid'], description: 'Why it is skipped' },
    detail: { type: 'string', description: 'The reason in words, naming the element' },
    element: { type: 'string', description: 'The element the reason is about' },
    offerId: { type: 'string' },
    summary: {
      type: 'object',
      properties: {
        title: { type: 'string' },
        sectors: { type: 'array', items: { type: 'string' }, description: 'The anti-corruption DAC sectors found' },
        keywords: { type: 'array', items: { type: 'string' } },
        countries: { type: 'array', items: { type: 'string' } },
        regions: { type: 'array', items: { type: 'string' } },
        status: { type: 'string', description: 'IATI ActivityStatus code' },
      },
    },
    offer: {
      type: 'object',
      description: 'The offer it creates or updates',
      required: ['offerId', 'articles', 'eligibleCountries', 'eligibleRegions', 'languages', 'amount', 'currency', 'availability', 'title'],
      properties: {
        offerId: { type: 'string' },
        articles: { type: 'array', items: { type: 'string' } },
        eligibleCountries: { type: 'array', items: { type: 'string' } },
        eligibleRegions: { type: 'array', items: { type: 'string' } },
        languages: { type: 'array', items: { type: 'string' } },
        amount: { type: 'string' },
        currency: { type: 'string' },
        availability: { type: 'object', required: ['from', 'to'], properties: { from: { type: 'string', format: 'date' }, to: { type: 'string', format: 'date' } } },
        title: text,
      },
    },
    reported: {
      type: 'object',
      description: 'The reported activity it records or updates (delivered or under way to a country: not an engagement)',
      required: ['activityId', 'activityStatus', 'recipientCountries', 'title', 'articles', 'currency', 'commitment', 'disbursed', 'disbursements', 'plannedStart', 'plannedEnd', 'actualStart', 'actualEnd'],
      properties: {
        activityId: { type: 'string', format: 'uuid' },
        activityStatus: { type: 'string', description: 'IATI ActivityStatus code' },
        recipientCountries: { type: 'array', items: { type: 'string' } },
        title: text,
        articles: { type: 'array', items: { type: 'string' } },
        currency: { type: 'string', nullable: true },
        commitment: { type: 'string', nullable: true, description: 'The outgoing commitments, a decimal of the currency' },
        disbursed: { type: 'string', nullable: true, description: 'The disbursements in the currency, summed' },
        disbursements: { type: 'integer', description: 'How many disbursements' },
        plannedStart: { type: 'string', format: 'date', nullable: true },
        plannedEnd: { type: 'string', format: 'date', nullable: true },
        actualStart: { type: 'string', format: 'date', nullable: true },
        actualEnd: { type: 'string', format: 'date', nullable: true },
      },
    },
    changes: { type: 'array', items: { type: 'string' }, description: "A reported activity's changed fields and new disbursements" },
    sends: { type: 'array', items: { type: 'string' }, description: 'The commands confirmation sends (RegisterOffer, ExtendOffer, AmendOffer, WithdrawOffer; ReportActivity)' },
    notApplied: { type: 'array', items: { type: 'string' }, description: 'Changes no offer command can apply' },
    notes: { type: 'array', items: { type: 'string' } },
  },
};
const PREVIEW: SchemaObject = {
  type: 'object',
  required: ['version', 'provider', 'counts', 'skipped', 'activities'],
  properties: {
    version: { type: 'string', description: "The file's IATI version" },
    provider: { type: 'object', required: ['organisationId', 'iatiIdentifier'], properties: { organisationId: { type: 'string' }, iatiIdentifier: { type: 'string' } } },
    counts: {
      type: 'object',
      required: ['activities', 'create', 'update', 'unchanged', 'not_applied', 'record', 'update_record', 'skip'],
      properties: Object.fromEntries(['activities', 'create', 'update', 'unchanged', 'not_applied', 'record', 'update_record', 'skip'].map((k) => [k, { type: 'integer' }])),
    },
    skipped: { type: 'object', additionalProperties: { type: 'integer' }, description: 'Skipped activities by reason' },
    activities: { type: 'array', items: ACTIVITY },
  },
};
const RESULT: SchemaObject = {
  ...PREVIEW,
  required: [...(PREVIEW.required ?? []), 'applied'],
  properties: {
    ...PREVIEW.properties,
    applied: {
      type: 'array',
      items: {
        type: 'object',
        required: ['identifier', 'target', 'outcome'],
        properties: {
          identifier: { type: 'string' },
          target: { type: 'string', enum: ['offer', 'reported'] },
          offerId: { type: 'string' },
          activityId: { type: 'string' },
          outcome: { type: 'string', enum: ['created', 'recorded', 'updated', 'failed'] },
          code: { type: 'string' },
          detail: { type: 'string' },
        },
      },
    },
  },
};

const BODY = applyDecorators(
  ApiConsumes('application/xml'),
  ApiBody({
    required: true,
    description: "The provider's IATI activity file (iati-activities, version 2.01 to 2.03), as the body: Content-Type application/xml",
    schema: { type: 'string', format: 'binary' },
  }),
);

const COMMON: Pick<RouteDoc, 'query' | 'problems'> = {
  query: IMPORT_QUERY,
  problems: {
    400: [...FILE_PROBLEMS, 'request.malformed_json', 'request.too_complex', 'request.invalid_body', 'request.unreadable_body'],
    413: ['request.too_large'],
    415: ['request.unsupported_media_type'],
    403: ['access.role_not_allowed', 'access.not_own_offer', 'access.organisation_unknown', 'access.organisation_not_verified', 'access.role_kind_mismatch'],
    404: ['iati.provider_not_found'],
    409: ['iati.provider_unidentified'],
  },
};

/**
 * Importing a provider's IATI activity file (docs/iati.md, "Import"): the preview writes
 * nothing; the confirmation records the offers' events. The file is the request body, read
 * as a stream.
 */
@ApiTags('iati')
@Controller('iati/imports')
export class IatiImportController {
  constructor(@Inject(IatiImporter) private readonly importer: IatiImporter) {}

  @Post('preview')
  @HttpCode(200)
  @BODY
  @ApiRoute({
    ...COMMON,
    summary: "Preview an IATI activity file's import: what concerns preventing corruption, the offers it would create or update, the reported activities (delivered or under way) it would record or update, and why each other activity is skipped",
    description: 'Writes nothing. A file that is not IATI, malformed or hostile (a DOCTYPE or entity, huge attributes or texts, deep nesting, too large) is refused (400).',
    ok: { description: 'The preview', schema: PREVIEW },
  })
  async preview(@CurrentActor() actor: Actor, @ParsedQuery() q: QueryValues<typeof IMPORT_QUERY>, @Req() req: Request) {
    return this.importer.preview(req, actor, q.provider);
  }

  @Post()
  @HttpCode(200)
  @BODY
  @ApiRoute({
    ...COMMON,
    summary:
      'Import an IATI activity file: records the offers (RegisterOffer, ExtendOffer, AmendOffer, WithdrawOffer) and the reported activities (ReportActivity) the preview lists, keyed by iati-identifier',
    description:
      "Plans the whole file first: a refused file changes nothing. Importing the same file again sends nothing; an activity that changed updates what it created where a command can (a later end, a new amount or recipients, a withdrawal; a reported activity's changed fields) and says what it cannot. The provider confirms its own file; the Secretariat confirms a provider's (`provider`) on its behalf, under the provider's access rules, the events naming it as `onBehalfOf`.",
    ok: { description: 'The preview and what was applied', schema: RESULT },
  })
  async confirm(@CurrentActor() actor: Actor, @ParsedQuery() q: QueryValues<typeof IMPORT_QUERY>, @Req() req: Request) {
    const correlationId = req.headers['x-request-id'];
    return this.importer.confirm(req, actor, q.provider, typeof correlationId === 'string' ? correlationId : undefined);
  }
}
