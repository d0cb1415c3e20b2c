// @ta/iati/http: the IATI publisher's NestJS face.
export { IatiHttpModule } from './iati-http.module';
