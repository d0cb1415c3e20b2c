// @ta/reports/http: the exports' and reports' NestJS face.
export { ReportsHttpModule } from './reports-http.module';
