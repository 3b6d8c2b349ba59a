// A Chrome trace of the workbench page while keys are typed (bench/vscode.ts),
// and its summary: the renderer main threads' long tasks (> LONG_TASK_MS) and
// what their time went to. The derivation preview's iframe is another origin
// only in some builds: in the test harness's VS Code server it is served from
// the workbench's own origin, so its script, style and layout run on the
// workbench's main thread, the one that also draws the keys. The summary names
// every thread it saw, so it says which case a run was.
import type { CDPSession, Page } from 'playwright-core';

/** A task this long delays a key drawn in it by at least a frame. */
export const LONG_TASK_MS = 16;

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; type?: string; functionName?: string } };
}

export interface TraceSummary {
  /** Per main thread of a renderer ("pid:tid"): long tasks, their total and where it went. */
  threads: Array<{
    thread: string;
    longTasks: number;
    longTaskMs: number;
    maxTaskMs: number;
    /** Long tasks that dispatched a key event. */
    withKey: number;
    /** Self time inside long tasks by what ran, ms, largest first. */
    parts: Array<[string, number]>;
  }>;
}

const CATEGORIES = [
  '-*', 'toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8',
  // JavaScript samples (ProfileChunk events), to see which functions a task ran.
  'disabled-by-default-v8.cpu_profiler',
];

export async function startTrace(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Tracing.start', { transferMode: 'ReturnAsStream', traceConfig: { includedCategories: CATEGORIES } });
  return cdp;
}

export async function stopTrace(cdp: CDPSession): Promise<TraceEvent[]> {
  const done = new Promise<string>((resolve) => cdp.once('Tracing.tracingComplete', (e) => resolve(e.stream ?? '')));
  await cdp.send('Tracing.end');
  const stream = await done;
  let text = '';
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle: stream, size: 1 << 20 });
    text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  await cdp.detach().catch(() => undefined);
  const parsed = JSON.parse(text) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  return Array.isArray(parsed) ? parsed : parsed.traceEvents ?? [];
}

/** What an event inside a task stands for: script by its file, else the engine's step (style, layout, GC…). */
function label(e: TraceEvent): string {
  const d = e.args?.data;
  if (e.name === 'FunctionCall' || e.name === 'EvaluateScript' || e.name === 'v8.compile' || e.name === 'v8.callFunction') {
    const file = (d?.url ?? '').split(/[?#]/)[0]!.split('/').pop() || '?';
    return `script ${file}`;
  }
  if (e.name === 'EventDispatch') return `event ${d?.type ?? '?'}`;
  if (/GC|Scavenge|MarkCompact/i.test(e.name)) return 'GC';
  return e.name;
}

export function summariseTrace(events: TraceEvent[]): TraceSummary {
  const mains = new Set<string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') mains.add(`${e.pid}:${e.tid}`);
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const k = `${e.pid}:${e.tid}`;
    if (!mains.has(k) || e.ph !== 'X' || e.dur === undefined) continue;
    (byThread.get(k) ?? byThread.set(k, []).get(k)!).push(e);
  }
  const threads: TraceSummary['threads'] = [];
  for (const [thread, list] of byThread) {
    // Parents before children: by start, the longer first.
    list.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    const parts = new Map<string, number>();
    let longTasks = 0, longTaskMs = 0, maxTaskMs = 0, withKey = 0;
    for (let i = 0; i < list.length; i++) {
      const task = list[i]!;
      if (task.name !== 'RunTask' && task.name !== 'ThreadControllerImpl::RunTask') continue;
      const end = task.ts + task.dur!;
      let j = i + 1;
      // The events inside the task, with their self time (the time no nested event of theirs covers).
      const inside: TraceEvent[] = [];
      while (j < list.length && list[j]!.ts < end) inside.push(list[j++]!);
      if (task.dur! >= LONG_TASK_MS * 1000) {
        longTasks++;
        longTaskMs += task.dur! / 1000;
        maxTaskMs = Math.max(maxTaskMs, task.dur! / 1000);
        if (inside.some((e) => e.name === 'EventDispatch' && /^key/.test(e.args?.data?.type ?? ''))) withKey++;
        const stack: TraceEvent[] = [];
        const self = new Map<TraceEvent, number>();
        let taskSelf = task.dur!;
        for (const e of inside) {
          while (stack.length && stack[stack.length - 1]!.ts + stack[stack.length - 1]!.dur! <= e.ts) stack.pop();
          const parent = stack[stack.length - 1];
          if (parent) self.set(parent, (self.get(parent) ?? parent.dur!) - e.dur!);
          else taskSelf -= e.dur!;
          self.set(e, self.get(e) ?? e.dur!);
          stack.push(e);
        }
        parts.set('task (not traced)', (parts.get('task (not traced)') ?? 0) + taskSelf / 1000);
        for (const [e, t] of self) parts.set(label(e), (parts.get(label(e)) ?? 0) + Math.max(0, t) / 1000);
      }
      i = j - 1;
    }
    threads.push({
      thread, longTasks, longTaskMs, maxTaskMs, withKey,
      parts: [...parts].sort((a, b) => b[1] - a[1]).filter(([, t]) => t >= 1),
    });
  }
  threads.sort((a, b) => b.longTaskMs - a.longTaskMs);
  return { threads };
}

/** One line per thread: "pid:tid: N long tasks, T ms (max M; K with a key): part t, …". */
export function traceLines(s: TraceSummary, top = 8): string[] {
  return s.threads.filter((t) => t.longTasks > 0).map((t) =>
    `${t.thread}: ${t.longTasks} tasks ≥ ${LONG_TASK_MS} ms, ${t.longTaskMs.toFixed(0)} ms in all (max ${t.maxTaskMs.toFixed(0)}; ` +
    `${t.withKey} dispatched a key): ${t.parts.slice(0, top).map(([n, ms]) => `${n} ${ms.toFixed(0)}`).join(', ')}`);
}
