import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { runMain } from '@ta/platform';
import { apiProcess } from './api.process';

const logger = new Logger('Platform');
runMain(apiProcess(), (line) => logger.log(line));
