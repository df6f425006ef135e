import { startWebHarness } from '/work/main/bench/web-harness';
const h = await startWebHarness();
try {
  const context = await h.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${h.webUrl}&bench=1`);
  await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill('Bench');
  await page.getByRole('textbox', { name: 'Model', exact: true }).fill('fake-rate-2000');
  const max = page.getByRole('spinbutton', { name: 'Max tokens', exact: true });
  await max.fill('4000'); await max.press('Enter');
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByRole('toolbar', { name: 'Run controls' }).getByRole('status').filter({ hasText: /^Done$/ }).waitFor({ timeout: 60000 });
  const { profile } = await cdp.send('Profiler.stop') as any;
  const self = new Map<string, number>();
  const dt = profile.timeDeltas as number[];
  const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
  profile.samples.forEach((id: number, i: number) => {
    const n: any = byId.get(id);
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log('total ms', total / 1000);
  for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log((v / 1000).toFixed(1).padStart(8), k);
} finally { await h.close(); }
