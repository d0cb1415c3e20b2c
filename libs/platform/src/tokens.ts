export const PG_POOL = Symbol('PG_POOL');
export const MIGRATION_SETS = Symbol('MIGRATION_SETS');
export const CONSUMER_STATUS = Symbol('CONSUMER_STATUS');
export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');
/** `() => Date`: the application layer's clock (the domain gets time inside commands). */
export const CLOCK = Symbol('CLOCK');
export type Clock = () => Date;
