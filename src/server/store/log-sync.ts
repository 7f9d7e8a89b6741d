// When SQLite's commits reach the disk. The server commits with synchronous = NORMAL: a commit writes
// its pages to the write-ahead log and returns, and the log is synced here, off the event loop, by
// one fdatasync for every commit made while the one before ran. With FULL each commit synced the log
// itself, on the event loop, since better-sqlite3 is synchronous: 0.2 to 2 ms a commit on this
// machine's virtual disk, in which the server could do nothing else.
//
// What keeps an answered push on disk: no API answer leaves before every commit made up to the
// moment it was ready is synced (the gate in http/app.ts). That covers a push's own answer and any
// pull that read its rows: a power cut can only take back commits that nobody was told about. The
// device still holds those changes as unsent, and a seq handed out again was seen by no one. This
// counts the commits of one process: a SQLite file has one server process (several need PostgreSQL).

/** Syncs the log's file (fdatasync); rejects when the disk failed. */
export type SyncLogFile = () => Promise<void>;

interface Waiter {
  upTo: number;
  resolve(): void;
  reject(error: unknown): void;
}

export class LogSync {
  /** Commits noted so far. */
  #committed = 0;
  /** Of those, how many a finished sync covers. */
  #synced = 0;
  #syncing = false;
  #waiters: Waiter[] = [];
  #failure: unknown;

  /**
   * `onFailure` hears of a failed sync once. After one, nothing is known to be on disk (the kernel
   * may have dropped the pages it could not write and a later sync would succeed without them), so
   * every wait, now and later, fails.
   */
  constructor(
    private readonly syncLogFile: SyncLogFile,
    private readonly onFailure: (error: unknown) => void,
  ) {}

  /** Called once a commit has returned: its pages are in the log, not yet known to be on disk. */
  noteCommit(): void {
    this.#committed += 1;
  }

  /** Resolves once every commit noted before this call is on disk; at once when they already are. */
  whenDurable(): Promise<void> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    const upTo = this.#committed;
    if (upTo <= this.#synced) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.#waiters.push({ upTo, resolve, reject });
      if (!this.#syncing) this.#syncNow();
    });
  }

  /** Starts a sync covering every commit noted so far; the waiters it does not cover wait for the next. */
  #syncNow(): void {
    const upTo = this.#committed;
    this.#syncing = true;
    this.syncLogFile().then(
      () => {
        this.#syncing = false;
        this.#synced = upTo; // one sync runs at a time, and each covers at least what the last did
        // Waiters are queued in the order of their commits, so the covered ones are a prefix.
        const uncovered = this.#waiters.findIndex((waiter) => waiter.upTo > upTo);
        const covered = this.#waiters.splice(0, uncovered === -1 ? this.#waiters.length : uncovered);
        for (const waiter of covered) waiter.resolve();
        if (this.#waiters.length > 0) this.#syncNow();
      },
      (error: unknown) => {
        this.#syncing = false;
        this.#failure = error;
        const failed = this.#waiters;
        this.#waiters = [];
        for (const waiter of failed) waiter.reject(error);
        this.onFailure(error);
      },
    );
  }
}
