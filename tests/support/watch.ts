// A promise's state as a test goes on, so it can check that something has not happened yet.

export interface Watched<T> {
  settled: boolean;
  value?: T;
  error?: unknown;
}

/** Whether `promise` has settled yet, and with what. */
export function watch<T>(promise: Promise<T>): Watched<T> {
  const state: Watched<T> = { settled: false };
  promise.then(
    (value) => {
      state.settled = true;
      state.value = value;
    },
    (error: unknown) => {
      state.settled = true;
      state.error = error;
    },
  );
  return state;
}
