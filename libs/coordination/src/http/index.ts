// @ta/coordination/http: the coordinated view's NestJS face (controllers, query tables, answers' schemas).
export { CoordinationHttpModule } from './coordination-http.module';
