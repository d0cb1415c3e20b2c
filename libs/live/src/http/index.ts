// @ta/live/http: `GET /live`, server-sent events for the web app.
export { LiveModule } from './live.module';
