// @ta/directory/http: the directory's NestJS face (controllers, DTOs).
export { DirectoryHttpModule } from './directory-http.module';
