import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { SingleLine } from '@ta/platform/http';
import { DELIVERY_FREQUENCIES, MESSAGE_LANGUAGES, NOTIFICATION_KINDS, PERSON_CHANNELS } from '../domain';

const KINDS = { type: String, isArray: true, enum: [...NOTIFICATION_KINDS] as string[], example: ['request.submitted', 'milestone.overdue'] };

/** A person's entry: where and in which language, and their choices (null or absent: the deployment's default). */
export class SavePreferencesDto {
  @ApiProperty({ example: 'focal.point@eacc.go.ke', maxLength: 254 }) @IsEmail() @MaxLength(254) email!: string;
  @ApiProperty({ enum: MESSAGE_LANGUAGES, example: 'fr', description: 'The language the messages are written in' }) @IsIn(MESSAGE_LANGUAGES) language!: string;
  @ApiPropertyOptional({ type: [String], enum: PERSON_CHANNELS, nullable: true, example: ['email'], description: 'Channels to be told on; [] for none; null: the default' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(PERSON_CHANNELS, { each: true })
  channels?: string[] | null;
  @ApiPropertyOptional({ ...KINDS, nullable: true, description: 'Kinds not to be told of; null: the default' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(NOTIFICATION_KINDS.length)
  @IsIn(NOTIFICATION_KINDS, { each: true })
  mutedKinds?: string[] | null;
  @ApiPropertyOptional({ enum: DELIVERY_FREQUENCIES, nullable: true, example: 'daily', description: 'Each notification at once, or a digest a day or a week; null: the default' })
  @IsOptional()
  @IsIn(DELIVERY_FREQUENCIES)
  digest?: string | null;
}

/** The deployment's defaults (the Secretariat). */
export class NotificationDefaultsDto {
  @ApiProperty({ type: [String], enum: PERSON_CHANNELS, example: ['email'] }) @IsArray() @ArrayUnique() @IsIn(PERSON_CHANNELS, { each: true }) channels!: string[];
  @ApiProperty({ ...KINDS, example: [] }) @IsArray() @ArrayUnique() @ArrayMaxSize(NOTIFICATION_KINDS.length) @IsIn(NOTIFICATION_KINDS, { each: true }) mutedKinds!: string[];
  @ApiProperty({ enum: DELIVERY_FREQUENCIES, example: 'immediate' }) @IsIn(DELIVERY_FREQUENCIES) digest!: string;
}

export class RecipientEntryDto {
  @ApiProperty() email!: string;
  @ApiProperty({ enum: MESSAGE_LANGUAGES }) language!: string;
  @ApiProperty({ type: [String], enum: PERSON_CHANNELS, nullable: true }) channels!: string[] | null;
  @ApiProperty({ ...KINDS, nullable: true }) mutedKinds!: string[] | null;
  @ApiProperty({ type: String, nullable: true, description: `${DELIVERY_FREQUENCIES.join(', ')}, or null: the default` }) digest!: string | null;
}

export class PreferencesDto {
  @ApiProperty({ type: RecipientEntryDto, nullable: true, description: 'The signed-in person\'s entry; null: they are not written to' }) entry!: RecipientEntryDto | null;
  @ApiProperty({ type: NotificationDefaultsDto, description: "The deployment's defaults, for what the person has not chosen" }) defaults!: NotificationDefaultsDto;
  @ApiProperty({ ...KINDS, description: 'Every kind of notification' }) kinds!: string[];
}

export class UnsubscribeDto {
  @ApiProperty({ description: 'The token of the link in an e-mail', example: 'Vb0m3wWb6o0bqgGk0tQm4Jq1sVnq2k0H' }) @IsString() @Length(16, 64) @Matches(/^[A-Za-z0-9_-]+$/) token!: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS, example: 'milestone.overdue' }) @IsIn(NOTIFICATION_KINDS) kind!: string;
}

export class SubscribeWebhookDto {
  @ApiPropertyOptional({ example: 'donor-giz', description: "The organisation: a provider's own (its token's), or any for the Secretariat (required then)" })
  @IsOptional()
  @IsString()
  @SingleLine()
  @Length(2, 64)
  organisation?: string;
  @ApiProperty({ ...KINDS, minItems: 1, example: ['engagement.proposed', 'milestone.disputed'] })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(NOTIFICATION_KINDS.length)
  @IsIn(NOTIFICATION_KINDS, { each: true })
  kinds!: string[];
  @ApiProperty({ example: 'https://ta-hooks.giz.de/uncac', maxLength: 2000, description: 'https; not a private, loopback or reserved address (400 `notify.webhook_url_refused`)' })
  @IsString()
  @SingleLine()
  @MaxLength(2000)
  url!: string;
}

export class WebhookSubscriptionDto {
  @ApiProperty({ example: '5f1c0e9a2b7d4c3e8a6b1d20' }) id!: string;
  @ApiProperty({ example: 'donor-giz' }) organisation!: string;
  @ApiProperty(KINDS) kinds!: string[];
  @ApiProperty() url!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class NewWebhookSubscriptionDto extends WebhookSubscriptionDto {
  @ApiProperty({ example: 'whsec_3q2+7w...', description: 'The signing secret: shown this once, never again (kept encrypted)' }) secret!: string;
}

export class WebhookSubscriptionListDto {
  @ApiProperty({ type: [WebhookSubscriptionDto] }) items!: WebhookSubscriptionDto[];
}

export class DeadDeliveryDto {
  @ApiProperty({ format: 'uuid', description: 'The delivery id (X-TA-Delivery), kept when replayed' }) id!: string;
  @ApiProperty({ example: '5f1c0e9a2b7d4c3e8a6b1d20' }) subscription!: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind!: string;
  @ApiProperty({ type: 'integer' }) attempts!: number;
  @ApiProperty({ type: String, nullable: true, example: 'HTTP 503' }) lastError!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "The delivery's `data`" }) data!: Record<string, unknown>;
}

export class DeadDeliveryListDto {
  @ApiProperty({ type: [DeadDeliveryDto] }) items!: DeadDeliveryDto[];
}

const SUBSCRIPTION = { description: "The subscription's id", example: '5f1c0e9a2b7d4c3e8a6b1d20', pattern: '^[0-9a-f]{24}$' };

/** A subscription named in the body. */
export class SubscriptionRefDto {
  @ApiProperty(SUBSCRIPTION) @IsString() @Matches(/^[0-9a-f]{24}$/) subscription!: string;
}

export class ReplayDto {
  @ApiProperty(SUBSCRIPTION) @IsString() @Matches(/^[0-9a-f]{24}$/) subscription!: string;
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Only these deliveries; absent: every dead one of the subscription' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  ids?: string[];
}

export class ReplayedDto {
  @ApiProperty({ type: 'integer', description: 'Deliveries queued again' }) replayed!: number;
}

export class RemovedDto {
  @ApiProperty({ description: 'Whether there was something to remove' }) removed!: boolean;
}
