import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags, type SchemaObject } from '@nestjs/swagger';
import { codelists } from '@ta/codelists';
import { ApiRoute, param, ParsedQuery, type QueryValues } from '@ta/platform/http';
import { REPORTED_ACTIVITIES_LIMIT, ReportedActivities } from '../read-models';

export const REPORTED_QUERY = {
  provider: param.string({ description: "Only this provider's reported activities: a directory organisation id (provider ids mapped to it included)", example: 'donor-giz' }),
  country: param.enum(
    codelists.list('countries').map((c) => c.code),
    { list: 'countries', description: 'Only activities for this recipient country (ISO 3166-1 alpha-2)', example: 'KE' },
  ),
};

const date = { type: 'string', format: 'date', nullable: true } as const;
const ITEM: SchemaObject = {
  type: 'object',
  required: ['activityId', 'providerId', 'iatiIdentifier', 'activityStatus', 'recipientCountries', 'title', 'articles', 'sectors', 'currency', 'commitment', 'disbursed', 'disbursements', 'plannedStart', 'plannedEnd', 'actualStart', 'actualEnd', 'recordedAt', 'updatedAt'],
  properties: {
    activityId: { type: 'string', format: 'uuid' },
    providerId: { type: 'string', description: 'The directory organisation that reported it' },
    iatiIdentifier: { type: 'string' },
    activityStatus: { type: 'string', description: 'IATI ActivityStatus code (1 pipeline, 2 implementation, 3 finalisation, 4 closed, 5 cancelled, 6 suspended)' },
    recipientCountries: { type: 'array', items: { type: 'string' } },
    title: { type: 'object', additionalProperties: { type: 'string' }, description: 'By language (ar, en, es, fr, ru, zh)' },
    articles: { type: 'array', items: { type: 'string' } },
    sectors: { type: 'array', items: { type: 'string' }, description: 'The anti-corruption DAC sectors of the activity' },
    currency: { type: 'string', nullable: true },
    commitment: { type: 'string', nullable: true, description: 'The outgoing commitments, a decimal of the currency' },
    disbursed: { type: 'string', nullable: true, description: 'The disbursements in the currency, summed' },
    disbursements: {
      type: 'array',
      items: { type: 'object', required: ['date', 'amount', 'currency'], properties: { date: { type: 'string', format: 'date' }, amount: { type: 'string' }, currency: { type: 'string' } } },
    },
    plannedStart: date,
    plannedEnd: date,
    actualStart: date,
    actualEnd: date,
    recordedAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
};

/** The activities providers reported in their IATI files as delivered or under way (docs/iati.md, "Reported activities"): not engagements. */
@ApiTags('iati')
@Controller('iati')
export class ReportedActivitiesController {
  constructor(@Inject(ReportedActivities) private readonly reported: ReportedActivities) {}

  @Get('reported-activities')
  @ApiRoute({
    summary: "Activities providers reported in their own IATI files as delivered or under way (by provider, by recipient country): the providers' word, not platform engagements",
    description: `Most recently updated first, at most ${REPORTED_ACTIVITIES_LIMIT}; \`total\` counts all that match.`,
    query: REPORTED_QUERY,
    ok: { description: 'The reported activities', schema: { type: 'object', required: ['items', 'total'], properties: { items: { type: 'array', items: ITEM }, total: { type: 'integer' } } } },
  })
  list(@ParsedQuery() q: QueryValues<typeof REPORTED_QUERY>) {
    return this.reported.list({ ...(q.provider ? { provider: q.provider } : {}), ...(q.country ? { country: q.country } : {}) });
  }
}
