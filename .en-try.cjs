const run = require('@doyensec/electronegativity');
(async () => {
  const r = await run({ input: '/tmp/en/stage', isRelative: true, electronVersionOverride: '45.4.1', customScan: [], excludeFromScan: [], parserPlugins: [] }, false);
  console.log(r.globalChecks, r.atomicChecks, r.errors.length);
  for (const i of r.issues) console.log(JSON.stringify({ id: i.id, file: i.file, loc: i.location, sev: i.severity, conf: i.confidence, mr: i.manualReview, sample: i.sample, keys: Object.keys(i) }));
})();
