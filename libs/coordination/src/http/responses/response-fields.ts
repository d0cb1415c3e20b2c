import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Shorthands for the fields of read-model answers. */
export const Timestamp = (description?: string) => ApiProperty({ type: String, format: 'date-time', ...(description ? { description } : {}) });
export const TimestampOrNull = (description?: string) => ApiProperty({ type: String, format: 'date-time', nullable: true, ...(description ? { description } : {}) });
export const Day = (description?: string) => ApiProperty({ type: String, format: 'date', ...(description ? { description } : {}) });
export const DayOrNull = (description?: string) => ApiProperty({ type: String, format: 'date', nullable: true, ...(description ? { description } : {}) });
export const Text = (description?: string, example?: string) => ApiProperty({ type: String, ...(description ? { description } : {}), ...(example ? { example } : {}) });
export const TextOrNull = (description?: string) => ApiProperty({ type: String, nullable: true, ...(description ? { description } : {}) });
export const Texts = (description?: string) => ApiProperty({ type: [String], ...(description ? { description } : {}) });
export const Integer = (description?: string) => ApiProperty({ type: 'integer', ...(description ? { description } : {}) });
export const Count = (description?: string) => ApiProperty({ type: 'integer', minimum: 0, ...(description ? { description } : {}) });
export const OneOf = (values: readonly string[], description?: string) => ApiProperty({ type: String, enum: [...values], ...(description ? { description } : {}) });
export const NextCursor = () => ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' });
/** Counts by status: `{ "open": 3, "withdrawn": 1 }`. */
export const ByStatus = () => ApiProperty({ type: 'object', additionalProperties: { type: 'integer', minimum: 0 }, description: 'Count per status (statuses with none left out)' });

/** Free text by UN language. */
export class LocalizedTextView {
  @ApiPropertyOptional() ar?: string;
  @ApiPropertyOptional() en?: string;
  @ApiPropertyOptional() es?: string;
  @ApiPropertyOptional() fr?: string;
  @ApiPropertyOptional() ru?: string;
  @ApiPropertyOptional() zh?: string;
}

export class StatusCountsView {
  @Count() total!: number;
  @ByStatus() byStatus!: Record<string, number>;
}

export class DateWindowView {
  @Day() from!: string;
  @Day() to!: string;
}
