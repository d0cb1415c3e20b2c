import 'reflect-metadata';
import { runMain } from '@ta/platform';
import { relayProcess } from './relay.process';

runMain(relayProcess, (line) => console.log(`${new Date().toISOString()} [relay] ${line}`));
