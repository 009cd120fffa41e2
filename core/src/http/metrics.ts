import client from 'prom-client';

export interface HttpMetrics {
  registry: client.Registry;
  observe(method: string, route: string, status: number, seconds: number): void;
}

/** A registry per runtime, so several instances in one process (tests) keep their own figures. */
export function createMetrics(): HttpMetrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'outpost_' });
  const requests = new client.Counter({
    name: 'outpost_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new client.Histogram({
    name: 'outpost_http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by method and route template.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  // Label lookups hash on every call; keep the labelled children instead.
  const counters = new Map<string, ReturnType<typeof requests.labels>>();
  const timers = new Map<string, ReturnType<typeof duration.labels>>();
  return {
    registry,
    observe(method, route, status, seconds) {
      const key = `${method} ${route}`;
      const counterKey = `${key} ${status}`;
      let counter = counters.get(counterKey);
      if (!counter) counters.set(counterKey, (counter = requests.labels(method, route, String(status))));
      let timer = timers.get(key);
      if (!timer) timers.set(key, (timer = duration.labels(method, route)));
      counter.inc();
      timer.observe(seconds);
    },
  };
}
