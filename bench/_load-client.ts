/**
 * The HTTP load client of the benches, run in its own process (`node --import tsx
 * bench/_load-client.ts <job.json>`) so its work does not share the server's event loop or cores'
 * time slices with the server under test in one process. A job is a list of requests driven with a
 * fixed number in flight; it prints {ms, failures, latencies} as one JSON line.
 */
import fs from 'node:fs';

export interface LoadJob {
  concurrency: number;
  /** Each request: a GET of `url`, or a POST of `body` with a bearer token. */
  requests: Array<{ url: string; token?: string; body?: object }>;
}

export interface LoadResult {
  ms: number;
  failures: number;
  /** Per-request latency in ms, sorted. */
  latencies: number[];
}

async function one(r: LoadJob['requests'][number]): Promise<boolean> {
  if (!r.body) {
    const response = await fetch(r.url);
    await response.arrayBuffer();
    return response.status === 200;
  }
  const response = await fetch(r.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(r.token ? { authorization: `Bearer ${r.token}` } : {}) },
    body: JSON.stringify(r.body),
  });
  const json = (await response.json()) as { ok?: boolean };
  return response.status === 200 && json.ok === true;
}

async function drive(job: LoadJob): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (next < job.requests.length) {
        const r = job.requests[next++]!;
        const t = performance.now();
        if (!(await one(r))) failures++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { ms: performance.now() - started, failures, latencies: latencies.sort((a, b) => a - b) };
}

if (require.main === module) {
  const job = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as LoadJob;
  drive(job)
    .then((result) => process.stdout.write(`${JSON.stringify(result)}\n`))
    .catch((e) => {
      process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(1);
    });
}
