/**
 * CPU time per process while a benchmark scenario runs, from /proc (Linux; elsewhere it reports nothing): the render
 * benchmark prints it so that a latency figure comes with how busy the machine was — on 2 cores, the browser, web mode
 * and the fake provider share them, and a frame that waits for a core is late whatever the page does.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** CPU ticks (1/100 s) by process id, with a short name of what the process is. */
export type CpuSnapshot = Map<string, { ticks: number; role: string }>;

const TICK_MS = 10;

/** What a process is, for the report: Chromium's process type, or which Node process. */
function roleOf(cmdline: string): string {
  if (/chrom/i.test(cmdline.split(' ')[0] ?? '')) {
    const type = /--type=([\w-]+)/.exec(cmdline)?.[1];
    const sub = /--utility-sub-type=[\w.]*?(\w+)\.mojom/.exec(cmdline)?.[1];
    return `Chromium ${sub ?? type ?? 'browser'}`;
  }
  if (cmdline.includes('out/main/web.js')) return 'web mode (Node)';
  if (cmdline.includes('render-latency')) return 'this bench + fake provider (Node)';
  return 'other';
}

export function cpuSnapshot(): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map();
  if (!existsSync('/proc/self/stat')) return snapshot;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name: utime and stime are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      snapshot.set(pid, {
        ticks,
        role: roleOf(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ')),
      });
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return snapshot;
}

/** One line: CPU per role between two snapshots, in % of one core, busiest first, and the total. */
export function cpuLine(before: CpuSnapshot, after: CpuSnapshot, wallMs: number): string {
  const byRole = new Map<string, number>();
  for (const [pid, now] of after) {
    const then = before.get(pid);
    if (!then || now.role === 'other') continue;
    byRole.set(now.role, (byRole.get(now.role) ?? 0) + (now.ticks - then.ticks) * TICK_MS);
  }
  const pct = (ms: number) => `${Math.round((100 * ms) / wallMs)}%`;
  const parts = [...byRole].filter(([, ms]) => ms > 0).sort((a, b) => b[1] - a[1]);
  const total = parts.reduce((sum, [, ms]) => sum + ms, 0);
  return parts.length === 0
    ? 'not measured (no /proc)'
    : `${parts.map(([role, ms]) => `${role} ${pct(ms)}`).join(', ')}; total ${pct(total)} of one core`;
}
