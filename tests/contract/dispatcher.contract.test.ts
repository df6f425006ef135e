import { runContractSuite } from './contract-suite';
import { createContractService, createDispatcherApi } from './contract-harness';
import { startFakeServer } from '../support/fake-openai-server';

// Transport (a): the dispatcher in process, the way IPC and HTTP both reach it.
runContractSuite('the dispatcher (in process)', async () => {
  const fake = await startFakeServer();
  const harness = createContractService(fake.url);
  return {
    api: createDispatcherApi(harness.dispatcher),
    openPage: () => createDispatcherApi(harness.dispatcher, 'another-page'),
    fake,
    dataDir: harness.dataDir,
    async close() {
      await harness.service.shutdown();
      await fake.close();
      const leaked = harness.logger.lines.filter((l) => l.includes('sk-contract'));
      if (leaked.length > 0) throw new Error(`the key reached the log: ${leaked.join(' | ')}`);
    },
  };
});
