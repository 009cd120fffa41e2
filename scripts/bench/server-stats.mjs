// What a benchmark's server process reports of itself: memory after a full collection, and its CPU time so far.
// The process runs with --expose-gc; two collections with a pause let finalizers run in between.
export async function serverStats() {
  global.gc?.();
  await new Promise((resolve) => setTimeout(resolve, 200));
  global.gc?.();
  return { type: 'stats', rss: process.memoryUsage().rss, cpu: process.cpuUsage(), at: Date.now() };
}
