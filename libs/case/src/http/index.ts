// @ta/case/http: the case's NestJS face (controllers, DTOs, the command and query buses' handlers).
export { CaseHttpModule } from './case-http.module';
export type { CommandResponse } from './command-http';
