import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { BrokenLink, BrokenLinkKind, VerificationReport } from '../application/log-verifier';

const KINDS: readonly BrokenLinkKind[] = [
  'hash_mismatch',
  'missing_position',
  'reordered',
  'seal_root_mismatch',
  'seal_hash_mismatch',
  'seal_chain_broken',
  'seal_event_mismatch',
  'external_seal_mismatch',
  'external_seal_missing',
];

export class LogPointDto {
  @ApiProperty({ description: 'Decimal string' }) commitOrder!: string;
  @ApiProperty({ description: 'Decimal string' }) globalPosition!: string;
}

export class LastSealDto {
  @ApiProperty({ type: 'integer', minimum: 1 }) sealNo!: number;
  @ApiProperty({ description: 'Hex' }) sealHash!: string;
  @ApiProperty({ type: LogPointDto }) last!: LogPointDto;
}

export class BrokenLinkDto implements BrokenLink {
  @ApiProperty({ enum: KINDS }) kind!: BrokenLinkKind;
  @ApiProperty() message!: string;
  @ApiPropertyOptional() streamId?: string;
  @ApiPropertyOptional({ type: 'integer' }) streamPosition?: number;
  @ApiPropertyOptional({ type: 'integer' }) globalPosition?: number;
  @ApiPropertyOptional() commitOrder?: string;
  @ApiPropertyOptional({ format: 'uuid' }) eventId?: string;
  @ApiPropertyOptional({ type: 'integer' }) sealNo?: number;
}

/** What `GET /audit/verify` answers (docs/audit.md). */
export class VerificationReportDto implements VerificationReport {
  @ApiProperty({ description: 'false: the log was tampered with; see firstBroken' }) ok!: boolean;
  @ApiProperty({ type: 'integer', minimum: 0 }) checkedEvents!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) checkedStreams!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) checkedSeals!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Events after the last seal (covered by their streams’ chains only)' }) unsealedEvents!: number;
  @ApiProperty({ type: LastSealDto, nullable: true }) lastSeal!: LastSealDto | null;
  @ApiProperty({ type: 'integer', minimum: 0 }) externalSealsChecked!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) brokenLinks!: number;
  @ApiPropertyOptional({ type: BrokenLinkDto, description: 'The first broken link, in the order of the walk' }) firstBroken?: BrokenLinkDto;
  @ApiProperty({ type: [BrokenLinkDto], description: 'Up to 20 broken links, in the order found' }) problems!: BrokenLinkDto[];
  @ApiProperty({ type: 'integer', minimum: 0 }) durationMs!: number;
}

export class IntegrityAlarmDto {
  @ApiProperty() streamId!: string;
  @ApiProperty({ enum: ['missing_position', 'hash_mismatch', 'head_mismatch', 'missing_tail'] }) kind!: 'missing_position' | 'hash_mismatch' | 'head_mismatch' | 'missing_tail';
  @ApiProperty({ type: 'integer', minimum: 1, description: 'The first broken stream position' }) streamPosition!: number;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) eventId!: string | null;
  @ApiProperty() detail!: string;
  @ApiProperty({ format: 'date-time' }) firstSeen!: string;
  @ApiProperty({ format: 'date-time' }) lastSeen!: string;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'How often the break was met' }) times!: number;
}

/** What `GET /audit/integrity-alarms` answers. */
export class IntegrityAlarmsDto {
  @ApiProperty({ type: [IntegrityAlarmDto] }) alarms!: IntegrityAlarmDto[];
}
