import { logRows, type LogPosition } from '@ta/event-store';
import type { LogProjection } from '../../read-models/projection';
import { qualifiedTable } from '../../read-models/read-models';

/** A `LogProjection`'s table (or a rebuild's new one, by suffix) and the event store's statements that fill it. */
export class LogTable {
  constructor(readonly projection: LogProjection<object>) {}

  table(suffix = ''): string {
    return qualifiedTable(`${this.projection.name}${suffix}`);
  }

  insertAt(commitsParam: string, positionsParam: string, suffix = ''): string {
    return logRows.insertAt(this.projection, this.table(suffix), commitsParam, positionsParam);
  }

  insertRange(suffix = ''): string {
    return logRows.insertRange(this.projection, this.table(suffix));
  }

  loadRange(after: LogPosition, to: LogPosition, chunk: number, suffix = ''): string {
    return logRows.loadRange(this.projection, this.table(suffix), after, to, chunk);
  }
}
