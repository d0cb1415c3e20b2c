import { ValidationPipe, type ValidationError as ClassValidatorError } from '@nestjs/common';
import { ValidationError, type ErrorDetail } from '@ta/core';

function flatten(errors: readonly ClassValidatorError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((e) => {
    const path = `${parent}/${e.property}`;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

/**
 * class-validator at the edge: unknown fields are refused (not silently dropped), types are
 * checked, and every problem comes back as one 400 problem document with paths.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      const first = details[0];
      return new ValidationError('request.invalid_body', first ? `${first.path}: ${first.message}` : 'Invalid request body', details);
    },
  });
}
