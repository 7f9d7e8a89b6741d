// The main thread's side of a device worker: commands out, results back, and the device's HTTP
// requests handed to the current network (none between runs: they fail, like a phone off the air).
import { Worker } from 'node:worker_threads';
import type { FaultyNetwork } from './network';
import type { DeviceCommand, HttpAnswer, MainMessage, WorkerMessage } from './protocol';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export class DeviceWorker {
  #worker!: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 0;
  /** Where this device's requests go; null between runs. */
  network: FaultyNetwork | null = null;

  constructor(readonly name: string) {
    this.#spawn();
  }

  #spawn(): void {
    const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
      workerData: { entry: new URL('./client-worker.ts', import.meta.url).href },
    });
    worker.on('message', (message: WorkerMessage) => this.#onMessage(worker, message));
    worker.on('error', (error) => {
      if (worker === this.#worker) this.#failAll(error);
    });
    worker.on('exit', (code) => {
      if (worker === this.#worker) this.#failAll(new Error(`device ${this.name} exited with code ${code}`));
    });
    this.#worker = worker;
  }

  #failAll(error: Error): void {
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }

  #post(worker: Worker, message: MainMessage): void {
    try {
      worker.postMessage(message);
    } catch {
      // the worker is gone
    }
  }

  #onMessage(worker: Worker, message: WorkerMessage): void {
    if (message.type === 'http') {
      const network = this.network;
      const answer: Promise<HttpAnswer> = network
        ? network.handle(this.name, message).catch((error: unknown) => {
            network.log.push(`#? ${this.name} ${message.path}: the harness failed: ${String(error)}`);
            return { failed: true };
          })
        : Promise.resolve({ failed: true });
      void answer.then((a) => this.#post(worker, { type: 'http-answer', id: message.id, ...a }));
      return;
    }
    const pending = this.#pending.get(message.id);
    this.#pending.delete(message.id);
    if (!pending) return;
    if (message.ok) pending.resolve(message.value);
    else pending.reject(new Error(`device ${this.name}: ${message.error}`));
  }

  /** The phone's signal goes or comes back, whatever the device is doing. */
  signal(up: boolean): void {
    this.#post(this.#worker, { type: 'signal', up });
  }

  /** Runs a command on the device with its clock at `now`. */
  call<T>(command: DeviceCommand, now: Date, timeoutMs = 30_000): Promise<T> {
    const id = ++this.#nextId;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`device ${this.name}: ${command.op} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.#post(this.#worker, { type: 'command', id, now: now.toISOString(), command });
    });
  }

  /** Resolves once the worker has loaded the app's code. */
  async ready(): Promise<void> {
    await this.call({ op: 'close' }, new Date(), 60_000);
  }

  /** Closes and removes the device's database; a worker that does not manage is replaced. */
  async reset(): Promise<void> {
    this.network = null;
    this.signal(true);
    try {
      await this.call({ op: 'close' }, new Date(), 10_000);
    } catch {
      await this.#worker.terminate();
      this.#spawn();
    }
  }

  async terminate(): Promise<void> {
    this.network = null;
    await this.#worker.terminate();
  }
}
