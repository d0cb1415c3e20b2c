// @ta/contracts/http: the contracts' NestJS face (the JSON Schemas served over HTTP).
export { ContractsHttpModule } from './contracts-http.module';
