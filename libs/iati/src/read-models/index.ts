export * from './reported-activities.projection';
export * from './reported-activities.queries';
