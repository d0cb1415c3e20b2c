import 'reflect-metadata';
import { runMain } from '@ta/platform';
import { projectorProcess } from './projector.process';

runMain(projectorProcess, (line) => process.stderr.write(`[projector] ${line}\n`));
