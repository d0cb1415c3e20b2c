// @ta/directory: the directory of organisations and of the national authorities that can
// assist other States in prevention (resolution 3/2, para 9): the organisation decider
// (domain/), and its commands, access policy, identities, projector, queries and seed
// (application/), without a web framework. The HTTP face is `@ta/directory/http`.
export * from './domain';
export * from './application';
