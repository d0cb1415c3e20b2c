/** The process's `Infrastructure` (pool, event store, consumers, configuration). */
export const INFRASTRUCTURE = Symbol('INFRASTRUCTURE');
export const PG_POOL = Symbol('PG_POOL');
export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');
/** `() => Date`: the application layer's clock (the domain gets time inside commands). */
export const CLOCK = Symbol('CLOCK');
export type Clock = () => Date;
