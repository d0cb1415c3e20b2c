// @ta/case: the case (requests, offers, engagements): its deciders and process managers
// (domain/), and the commands, access policy and contact-person read that run them
// (application/), without a web framework. The HTTP face is `@ta/case/http`.
export * from './domain';
export * from './application';
