// A real Apache Kafka broker (single KRaft node) for integration tests and
// benchmarks, driven through infra/kafka/kafka.sh (which fetches the jars from Maven
// on first use). No framework imports: usable from jest, scripts and benches.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

export interface KafkaBroker {
  /** bootstrap addresses, e.g. ['127.0.0.1:19092'] */
  readonly brokers: string[];
  readonly port: number;
  /** stops the broker (SIGTERM, then SIGKILL); safe to call twice. deleteData also removes its data dir. */
  stop(options?: StopKafkaOptions): Promise<void>;
}

export interface StartKafkaOptions {
  /** PLAINTEXT port; default 19092. The controller listens on controllerPort (default port + 1). */
  port?: number;
  controllerPort?: number;
  /** restart on the data left by an earlier start on this port instead of a fresh one */
  keepData?: boolean;
  /** num.partitions for topics created without an explicit count; default 1 */
  partitions?: number;
  /** seconds to wait for the broker to answer a metadata request; default 90 */
  timeoutSeconds?: number;
}

export interface StopKafkaOptions {
  /** also delete infra/kafka/.run/<port> with the broker's data (no restart possible then) */
  deleteData?: boolean;
}

export interface ConsoleRecord {
  key: string | null;
  headers: Record<string, string>;
  value: string | null;
  /** the line as Kafka's console consumer printed it */
  raw: string;
}

/** Finds infra/kafka/kafka.sh from this file, both in test/support and in dist/test/support. */
function scriptPath(): string {
  if (process.env.KAFKA_SH) return process.env.KAFKA_SH;
  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, 'infra', 'kafka', 'kafka.sh');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`infra/kafka/kafka.sh not found above ${__dirname}`);
    dir = parent;
  }
}

function run(args: string[], timeoutMs: number): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      'bash',
      [scriptPath(), ...args],
      { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, env: process.env },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`kafka.sh ${args.join(' ')} failed: ${error.message}\n${stderr}`.trim()));
        } else {
          resolve({ stdout, stderr });
        }
      },
    );
  });
}

/** Downloads the Kafka jars once (a few seconds warm from ~/.m2, ~30 s cold); instant afterwards. */
export async function fetchKafka(): Promise<void> {
  await run(['fetch'], 15 * 60_000);
}

// Brokers this process started: stopped on exit if a test forgot to.
const started = new Set<number>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const port of started) {
      spawnSync('bash', [scriptPath(), 'stop', '--port', String(port)], { stdio: 'ignore', timeout: 30_000 });
    }
  });
}

export async function startKafka(options: StartKafkaOptions = {}): Promise<KafkaBroker> {
  const port = options.port ?? 19092;
  const timeoutSeconds = options.timeoutSeconds ?? 90;
  await fetchKafka();
  const args = ['start', '--port', String(port), '--timeout', String(timeoutSeconds)];
  if (options.controllerPort !== undefined) args.push('--controller-port', String(options.controllerPort));
  if (options.partitions !== undefined) args.push('--partitions', String(options.partitions));
  if (options.keepData) args.push('--keep-data');
  const { stdout } = await run(args, (timeoutSeconds + 60) * 1000);
  const bootstrap = stdout.trim().split('\n').pop() ?? `127.0.0.1:${port}`;
  started.add(port);
  installExitHook();
  return { brokers: [bootstrap], port, stop: (stopOptions) => stopKafka(port, stopOptions) };
}

export async function stopKafka(port = 19092, options: StopKafkaOptions = {}): Promise<void> {
  await run(['stop', '--port', String(port), ...(options.deleteData ? ['--delete-data'] : [])], 180_000);
  started.delete(port);
}

/** Stops the broker on that port and starts it again on the same data (messages, offsets, topics kept). */
export async function restartKafka(port = 19092, options: Omit<StartKafkaOptions, 'port' | 'keepData'> = {}): Promise<KafkaBroker> {
  await stopKafka(port);
  return startKafka({ ...options, port, keepData: true });
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port p with p and p + 1 (the controller's) free, below the ephemeral range. */
export async function findFreeKafkaPort(): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const port = 20000 + 2 * Math.floor(Math.random() * 5000);
    if ((await isFree(port)) && (await isFree(port + 1))) return port;
  }
  throw new Error('no free port pair found for Kafka');
}

function parseConsoleLine(line: string): ConsoleRecord {
  // kafka.sh prints headers<TAB>key<TAB>value; headers are k:v,k2:v2 or NO_HEADERS
  const first = line.indexOf('\t');
  const second = line.indexOf('\t', first + 1);
  if (first < 0 || second < 0) throw new Error(`unexpected console consumer line: ${line}`);
  const headerText = line.slice(0, first);
  const key = line.slice(first + 1, second);
  const value = line.slice(second + 1);
  const headers: Record<string, string> = {};
  if (headerText !== 'NO_HEADERS') {
    for (const pair of headerText.split(',')) {
      const colon = pair.indexOf(':');
      if (colon < 0) headers[pair] = '';
      else headers[pair.slice(0, colon)] = pair.slice(colon + 1);
    }
  }
  return { headers, key: key === 'null' ? null : key, value: value === 'null' ? null : value, raw: line };
}

/**
 * Reads a topic from the beginning with Kafka's own console consumer (a client we did
 * not write). Returns once maxMessages records were read, or when no record came for
 * timeoutMs (then with what was read). Header values, keys and values are shown as
 * UTF-8 text; a value with a newline or tab would not parse.
 */
export async function runConsoleConsumer(options: {
  topic: string;
  brokers: string[] | string;
  maxMessages?: number;
  timeoutMs?: number;
  group?: string;
}): Promise<ConsoleRecord[]> {
  const bootstrap = Array.isArray(options.brokers) ? options.brokers.join(',') : options.brokers;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const args = ['console-consumer', '--topic', options.topic, '--bootstrap', bootstrap, '--timeout-ms', String(timeoutMs)];
  if (options.maxMessages !== undefined) args.push('--max-messages', String(options.maxMessages));
  if (options.group !== undefined) args.push('--group', options.group);
  // on --timeout-ms the tool logs a TimeoutException and still exits 0 with what it read
  const { stdout } = await run(args, timeoutMs + 120_000);
  return stdout
    .split('\n')
    .filter((line) => line.length > 0)
    .map(parseConsoleLine);
}
