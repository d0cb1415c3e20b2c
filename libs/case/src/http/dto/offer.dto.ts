import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { IsCalendarDate, SingleLine } from '@ta/platform/http';
import { MODALITIES, PROVIDER_KINDS } from '../../domain';
import { DATE_DOC, DateWindowDto, LocalizedTextDto, LocalizedTitleDto } from './common.dto';
import { codes } from './request.dto';

const AMOUNT = /^\d{1,15}(\.\d{1,3})?$/;

/** Money (`amount` and `currency`, no `days`) or expert-days (`days` only): 400 `input.invalid` otherwise. */
export class CapacityDto {
  @ApiProperty({ enum: ['money', 'expert_days'], example: 'money' }) @IsIn(['money', 'expert_days']) kind!: 'money' | 'expert_days';
  @ApiPropertyOptional({ example: '250000.00', pattern: AMOUNT.source, description: 'money: a decimal amount in the currency (no more decimals than it has)' })
  @IsOptional()
  @Matches(AMOUNT, { message: 'amount must be a decimal string such as 1250.50' })
  amount?: string;
  @ApiPropertyOptional({ example: 'EUR', enum: codes('currencies'), description: 'money: ISO 4217' }) @IsOptional() @IsString() @SingleLine() @Length(3, 3) currency?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1_000_000, example: 40, description: 'expert_days: whole days' }) @IsOptional() @IsInt() @Min(1) @Max(1_000_000) days?: number;
}

export class RegisterOfferDto {
  @ApiPropertyOptional({
    example: 'donor-giz',
    minLength: 1,
    maxLength: 100,
    description: "The providing organisation or national authority: the token's own `organisation` (the default); another one is refused (403 `access.not_own_offer`)",
  })
  @IsOptional()
  @IsString()
  @SingleLine()
  @Length(1, 100)
  providerId?: string;
  @ApiPropertyOptional({
    enum: PROVIDER_KINDS,
    example: 'bilateral',
    description: "The provider's kind is the directory's (donor agency: bilateral, intergovernmental: multilateral, national authority: state_authority); another one is refused (403 `access.provider_kind_mismatch`)",
  })
  @IsOptional()
  @IsIn(PROVIDER_KINDS)
  providerKind?: (typeof PROVIDER_KINDS)[number];
  @ApiProperty({ example: ['c2-capacity-building'], enum: codes('ta-types'), isArray: true, minItems: 1, maxItems: 20 }) @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @SingleLine({ each: true }) taTypes!: string[];
  @ApiProperty({ example: ['art-8', 'art-9'], enum: codes('uncac-articles'), isArray: true, minItems: 1, maxItems: 71 }) @IsArray() @ArrayMaxSize(71) @IsString({ each: true }) @SingleLine({ each: true }) articles!: string[];
  @ApiProperty({ example: ['KE', 'UG'], enum: codes('countries'), isArray: true, maxItems: 249, description: 'At least one eligible country or region' }) @IsArray() @ArrayMaxSize(249) @IsString({ each: true }) @SingleLine({ each: true }) eligibleCountries!: string[];
  @ApiProperty({ example: ['014'], description: 'UN M49 region codes', enum: codes('regions'), isArray: true, maxItems: 50 }) @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @SingleLine({ each: true }) eligibleRegions!: string[];
  @ApiProperty({ example: ['en', 'fr'], enum: codes('languages'), isArray: true, minItems: 1, maxItems: 6 }) @IsArray() @ArrayMaxSize(6) @IsString({ each: true }) @SingleLine({ each: true }) languages!: string[];
  @ApiProperty({ enum: MODALITIES, example: 'hybrid' }) @IsIn(MODALITIES) modality!: (typeof MODALITIES)[number];
  @ApiProperty({ type: CapacityDto, example: { kind: 'money', amount: '250000.00', currency: 'EUR' } }) @IsDefined() @IsObject() @ValidateNested() @Type(() => CapacityDto) capacity!: CapacityDto;
  @ApiProperty({ type: DateWindowDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => DateWindowDto) availability!: DateWindowDto;
  @ApiProperty({ type: LocalizedTitleDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => LocalizedTitleDto) title!: LocalizedTitleDto;
  @ApiProperty({ type: LocalizedTextDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => LocalizedTextDto) description!: LocalizedTextDto;
}

/** The new last day of the availability window: after the current one (400 `input.invalid` otherwise). */
export class ExtendOfferDto {
  @ApiProperty({ ...DATE_DOC, example: '2028-06-30', description: 'The new last day of the availability window, after the current one' }) @IsCalendarDate() to!: string;
}

/**
 * A new capacity (in the offer's unit: the same currency, or expert-days; not below what is
 * committed) and/or new eligible countries and regions. At least one of them.
 */
export class AmendOfferDto {
  @ApiPropertyOptional({ type: CapacityDto, example: { kind: 'money', amount: '300000.00', currency: 'EUR' } })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CapacityDto)
  capacity?: CapacityDto;
  @ApiPropertyOptional({ example: ['KE', 'UG', 'TZ'], enum: codes('countries'), isArray: true, maxItems: 249, description: 'The eligible countries, all of them (required when neither capacity nor eligibleRegions is given)' })
  // validated when given, and required when nothing else is: a body naming nothing is 400 request.invalid_body
  @ValidateIf((o: AmendOfferDto) => o.eligibleCountries !== undefined || (o.capacity === undefined && o.eligibleRegions === undefined))
  @IsDefined({ message: 'name a new capacity, eligibleCountries or eligibleRegions' })
  @IsArray()
  @ArrayMaxSize(249)
  @IsString({ each: true })
  @SingleLine({ each: true })
  eligibleCountries?: string[];
  @ApiPropertyOptional({ example: ['014'], description: 'The eligible UN M49 regions, all of them', enum: codes('regions'), isArray: true, maxItems: 50 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @SingleLine({ each: true })
  eligibleRegions?: string[];
}
