// @ta/practices: the library of good practices and lessons learned (resolution 3/2, paras 3, 5,
// 7, 10, 16, 17, 19): the practice decider and file-type detection (domain/), and its commands,
// access rules, document store, projector and queries (application/), without a web framework.
// The HTTP face is `@ta/practices/http`.
export * from './domain';
export * from './application';
