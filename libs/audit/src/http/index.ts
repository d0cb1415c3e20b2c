// @ta/audit/http: the audit's NestJS face.
export { AuditHttpModule } from './audit-http.module';
