/**
 * Web mode's memory stays bounded whatever the server and the page do: a server that never ends its stream, and a
 * page that stops reading. Web mode runs in a child process (memory-host.ts) that reports its resident memory; the
 * fake server and the "page" (a raw HTTP client) live here.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OUTPUT_LIMIT_CHARS } from '../../shared/schemas';
import type { RunEvent } from '../../shared/run-events';
import { runRequest } from '../contract/contract-helpers';
import { startFakeServer, type FakeServer } from '../support/fake-openai-server';
import { openRunStream, rawRequest } from './web-test-client';

const HOST = fileURLToPath(new URL('./memory-host.ts', import.meta.url));
const RSS_LIMIT = 200 * 1024 * 1024;
const MB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

interface Host {
  port: number;
  token: string;
  /** RSS when web mode had started, before any run. */
  startRss: number;
  /** Highest RSS reported so far. */
  peak(): number;
  stop(): Promise<void>;
}

const startHost = (baseUrl: string, dataDir: string): Promise<Host> =>
  new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, MEMORY_HOST_DATA: dataDir, R9S_BASE_URL: baseUrl };
    delete env['R9S_API_KEY'];
    const child = spawn(process.execPath, ['--import', 'tsx', HOST], {
      env,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let peak = 0;
    let stderr = '';
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.stderr?.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`memory host exited (${code}): ${stderr}`)));
    child.on('message', (message: { type: string; rss?: number; port?: number; token?: string }) => {
      if (message.type === 'rss') peak = Math.max(peak, message.rss ?? 0);
      if (message.type === 'ready')
        resolve({
          port: message.port ?? 0,
          token: message.token ?? '',
          startRss: message.rss ?? 0,
          peak: () => peak,
          stop: async () => {
            if (child.connected) child.disconnect();
            const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
            await exited;
            clearTimeout(killer);
          },
        });
    });
  });

/** Reads a run's SSE stream as a page would, counting text without keeping it; bounded in time and in host RSS. */
const readRun = (res: IncomingMessage, host: Host, deadlineMs: number) =>
  new Promise<{ chars: number; terminal?: RunEvent }>((resolve, reject) => {
    let buffer = '';
    let chars = 0;
    let terminal: RunEvent | undefined;
    const watch = setInterval(() => {
      if (host.peak() <= RSS_LIMIT) return;
      clearInterval(watch);
      res.destroy();
      reject(new Error(`web mode reached ${MB(host.peak())} RSS after ${chars} characters`));
    }, 50);
    const deadline = setTimeout(() => {
      clearInterval(watch);
      res.destroy();
      reject(new Error(`no terminal event within ${deadlineMs} ms (${chars} characters received)`));
    }, deadlineMs);
    res.setEncoding('utf8');
    res.on('data', (text: string) => {
      buffer += text;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const event = JSON.parse(buffer.slice('data: '.length, end)) as RunEvent;
        buffer = buffer.slice(end + 2);
        if (event.type === 'delta') chars += event.text.length;
        if (event.type === 'done' || event.type === 'error' || event.type === 'cancelled') terminal = event;
      }
    });
    res.on('end', () => {
      clearInterval(watch);
      clearTimeout(deadline);
      resolve({ chars, ...(terminal ? { terminal } : {}) });
    });
    res.on('error', reject);
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('web mode memory (child process, measured RSS)', () => {
  let fake: FakeServer;
  let dataDir: string;
  let host: Host;

  beforeEach(async () => {
    fake = await startFakeServer();
    dataDir = mkdtempSync(join(tmpdir(), 'r9s-memory-'));
    host = await startHost(fake.url, dataDir);
  });

  afterEach(async () => {
    await host.stop();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('ends a never-ending upstream at the output limit, under 200 MB, with a bounded history file', async () => {
    const request = runRequest({ model: 'fake-endless' });
    const res = await openRunStream(host.port, host.token, [request]);
    const { chars, terminal } = await readRun(res, host, 40_000);
    expect(terminal).toMatchObject({ type: 'error', error: { kind: 'output_limit' }, partial: true });
    expect(chars).toBe(OUTPUT_LIMIT_CHARS.default);
    expect(host.peak()).toBeLessThan(RSS_LIMIT);
    await host.stop(); // flushes history
    const runFile = statSync(join(dataDir, 'history', 'runs', `${request.runId}.json`)).size;
    expect(runFile).toBeLessThan(OUTPUT_LIMIT_CHARS.default + 1024 * 1024);
    console.info(
      `endless upstream: ${chars} characters; RSS ${MB(host.startRss)} at start, ${MB(host.peak())} at peak; ` +
        `run file ${MB(runFile)}`,
    );
  }, 60_000);

  it('holds the upstream while the page stops reading, under 200 MB, and lets go when the page leaves', async () => {
    // The largest output limit, so only backpressure can keep this run small.
    const patch = { outputLimitChars: OUTPUT_LIMIT_CHARS.max };
    const set = await rawRequest({
      port: host.port,
      method: 'POST',
      path: '/api/call/updateSettings',
      headers: { 'Content-Type': 'application/json', 'x-playground-token': host.token },
      body: JSON.stringify({ args: [patch] }),
    });
    expect(JSON.parse(set.body)).toMatchObject({ ok: true, value: patch });
    const upstream = fake.requests.length;
    const res = await openRunStream(host.port, host.token, [runRequest({ model: 'fake-endless' })]);
    res.pause(); // the page stops reading
    await sleep(3_000);
    const sentAt3s = fake.bytesSent(upstream);
    await sleep(3_000);
    const sentAt6s = fake.bytesSent(upstream);
    console.info(
      `stalled page: upstream sent ${MB(sentAt3s)} by 3 s, ${MB(sentAt6s)} by 6 s; ` +
        `RSS ${MB(host.startRss)} at start, ${MB(host.peak())} at peak`,
    );
    expect(host.peak()).toBeLessThan(RSS_LIMIT);
    expect(sentAt6s).toBeLessThan(64 * 1024 * 1024);
    expect(sentAt6s - sentAt3s).toBeLessThan(2 * 1024 * 1024);
    res.destroy(); // the page goes away: its run ends and the upstream connection is released
    expect(await fake.whenClosed(upstream)).toEqual({ aborted: true });
  }, 60_000);
});
