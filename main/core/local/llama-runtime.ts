/**
 * node-llama-cpp and its llama.cpp binary, imported lazily inside the model worker so the app runs without them. A
 * missing package and a binary that fails to load are told apart, each with its fix, as `unavailable` error values;
 * the import is a port (`importApi`) so tests can prove both cases leave the rest of the app working.
 */
import type * as NodeLlamaCppModule from 'node-llama-cpp';
import type { Llama } from 'node-llama-cpp';
import { fail, ok, type Result } from '../../../shared/result';

/** The node-llama-cpp module. */
export type NodeLlamaCpp = typeof NodeLlamaCppModule;

/** The imported module and its loaded binary. */
export interface LlamaRuntime {
  api: NodeLlamaCpp;
  llama: Llama;
}

/** How the runtime is made. */
export interface RuntimeOptions {
  /** 'auto' lets node-llama-cpp pick CUDA, Vulkan or Metal where one loads; false keeps to the CPU. */
  gpu: 'auto' | false;
  log: (level: 'warn' | 'error', message: string) => void;
  /** Imports node-llama-cpp (default: the installed package); tests pass one that fails as a broken install does. */
  importApi?: () => Promise<NodeLlamaCpp>;
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * A getter of the runtime: the first call imports and loads, later calls share that; a failure is not kept, so the
 * next call tries again.
 */
export const createLlamaRuntime = (options: RuntimeOptions): (() => Promise<Result<LlamaRuntime>>) => {
  let api: Promise<NodeLlamaCpp> | undefined;
  let llama: Promise<Llama> | undefined;
  return async () => {
    let module: NodeLlamaCpp;
    try {
      api ??= (options.importApi ?? (() => import('node-llama-cpp')))();
      module = await api;
    } catch (err) {
      api = undefined;
      return fail(
        'unavailable',
        `Local models are unavailable: the node-llama-cpp package could not be imported (${messageOf(err)}). ` +
          'Reinstall the app (in a source checkout: npm ci), which brings it with its prebuilt llama.cpp binaries; ' +
          'server profiles work meanwhile.',
        { code: 'engine_missing' },
      );
    }
    try {
      const { LlamaLogLevel } = module;
      // build: 'never' — never compile llama.cpp or download anything; only the prebuilt binaries that shipped.
      llama ??= module.getLlama({
        build: 'never',
        gpu: options.gpu,
        progressLogs: false,
        logLevel: LlamaLogLevel.warn,
        logger: (level, message) => {
          if (level === LlamaLogLevel.warn) options.log('warn', message);
          else if (level === LlamaLogLevel.error || level === LlamaLogLevel.fatal)
            options.log('error', message);
        },
      });
      return ok({ api: module, llama: await llama });
    } catch (err) {
      llama = undefined;
      return fail(
        'unavailable',
        `Local models are unavailable: node-llama-cpp's llama.cpp binary for ${process.platform}-${process.arch} ` +
          `failed to load (${messageOf(err)}). Reinstall the app (in a source checkout: npm ci) so the prebuilt ` +
          `@node-llama-cpp/${process.platform}-${process.arch} package is present; server profiles work meanwhile.`,
        { code: 'engine_binary' },
      );
    }
  };
};
