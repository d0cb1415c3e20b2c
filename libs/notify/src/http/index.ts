// @ta/notify/http: the notifications' NestJS face.
export { NotifyHttpModule } from './notify-http.module';
