// @ta/iati/http: the IATI publisher's NestJS face.
export { IatiHttpModule } from './iati-http.module';
export { IATI_IMPORT_UPLOADS } from './iati-import.controller';
