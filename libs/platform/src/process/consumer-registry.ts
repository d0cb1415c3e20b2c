import type { ConsumerStatus } from '@ta/event-store';

/** A background consumer a process runs: the projector, the process managers, the relay, the sealer. */
export interface ProcessConsumer {
  start(): void;
  stop(): Promise<void>;
  status(): Promise<ConsumerStatus>;
}

/**
 * The consumers a process is configured to run. They are registered while the process is
 * composed (`ProcessDefinition.compose`) and started together by `startProcess`, once.
 * A consumer registered after that would never run: registering it then is an error, so that
 * a wrong start order fails at start instead of leaving a case stuck.
 */
export class ConsumerRegistry {
  private readonly all: ProcessConsumer[] = [];
  private sealed = false;

  register<T extends ProcessConsumer>(consumer: T): T {
    if (this.sealed) {
      throw new Error(
        'a consumer was registered after the process started its consumers: it would never run. ' +
          'Register consumers while the process is composed (its ProcessDefinition.compose); startProcess starts them afterwards.',
      );
    }
    this.all.push(consumer);
    return consumer;
  }

  list(): readonly ProcessConsumer[] {
    return this.all;
  }

  /** Whether the process has started its consumers (no more registrations from then on). */
  get started(): boolean {
    return this.sealed;
  }

  /** Starts every registered consumer (again, after `stopAll`); closes registration. */
  startAll(): void {
    this.sealed = true;
    for (const c of this.all) c.start();
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.all.map((c) => c.stop()));
  }

  statuses(): Promise<ConsumerStatus[]> {
    return Promise.all(this.all.map((c) => c.status()));
  }
}
