// @ta/identity/http: the sign-in routes (Express: redirects, cookies, the token endpoint's form)
// and the service accounts' API (NestJS).
export { identityRoutes } from './identity-routes';
export { IdentityHttpModule } from './identity-http.module';
