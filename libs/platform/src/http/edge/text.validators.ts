import { ValidateBy, buildMessage, type ValidationOptions } from 'class-validator';
import { isCalendarDate } from '@ta/core';
import { isPlainText, isSingleLineText } from '../../text-rules';

/**
 * class-validator decorators for the DTOs' text and date fields (rules in text-rules.ts and
 * @ta/core's calendar.ts). A value that is not a string is left to `@IsString()`.
 */

/** Names, titles, institutions, ids, codes: one line, no control characters or bidi overrides. */
export function SingleLine(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'singleLine',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || isSingleLineText(value),
        defaultMessage: buildMessage((each) => `${each}$property must be a single line of text: no line breaks, tabs, control characters or bidi overrides`, options),
      },
    },
    options,
  );
}

/** Free text over several lines: line feeds and tabs allowed, other control characters not. */
export function PlainText(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'plainText',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || isPlainText(value),
        defaultMessage: buildMessage((each) => `${each}$property must be plain text: line feeds and tabs are allowed, other control characters and bidi overrides are not`, options),
      },
    },
    options,
  );
}

/** `YYYY-MM-DD`, a real day, years 0001-9999: 2026-02-31 is refused, not rolled over. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => isCalendarDate(value),
        defaultMessage: buildMessage((each) => `${each}$property must be a real calendar date YYYY-MM-DD (years 0001-9999)`, options),
      },
    },
    options,
  );
}
