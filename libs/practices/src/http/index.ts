// @ta/practices/http: the library's NestJS face (controllers, DTOs).
export { PracticesHttpModule, practiceUploadRoutes } from './practices-http.module';
