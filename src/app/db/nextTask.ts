// Long work on the main thread, cut into tasks: between two, the browser can draw and answer a tap.
// A slow phone runs the database's start four times slower than a laptop, while Today, drawn from
// its snapshot, is already on screen and may be tapped (docs/benchmarks.md, "Lighthouse").

/**
 * Resolves in a new task. A message, not a timer: a page in the background gets its timers once a
 * second at most, and the database would then open in seconds instead of a fraction of one.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
