import { homedir } from 'node:os';
import { join } from 'node:path';

/** Web mode's launch settings, from arguments and the environment. */
export interface WebCliOptions {
  /** 0 = a free port. */
  port: number;
  dataDir: string;
  baseUrl?: string;
  apiKey?: string;
  /** R9S_LOCAL_MODEL: a GGUF file to seed a local profile with (`~` is expanded by the service). */
  localModel?: string;
  /** R9S_AUTO_CHECK=0: the page never checks a loopback/private server by itself (tests that count requests). */
  autoCheck?: boolean;
  verbose: boolean;
}

/** The data directory: R9S_PLAYGROUND_HOME, else `$XDG_CONFIG_HOME` (or ~/.config) + `/r9s-playground`. */
export const defaultDataDir = (env: NodeJS.ProcessEnv, home: string = homedir()): string =>
  env['R9S_PLAYGROUND_HOME'] || join(env['XDG_CONFIG_HOME'] || join(home, '.config'), 'r9s-playground');

const parsePort = (text: string): number => {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new Error(`invalid port "${text}" (use 0–65535)`);
  return port;
};

/** Parses `--port N` / `--port=N` (else PORT, else 0) and `--verbose`; throws with a readable message. */
export const parseWebCli = (argv: readonly string[], env: NodeJS.ProcessEnv): WebCliOptions => {
  let port = env['PORT'] ? parsePort(env['PORT']) : 0;
  let verbose = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--port') port = parsePort(argv[++i] ?? '');
    else if (arg.startsWith('--port=')) port = parsePort(arg.slice('--port='.length));
    else if (arg === '--verbose') verbose = true;
    else throw new Error(`unknown argument "${arg}" (web mode takes --port N and --verbose)`);
  }
  const baseUrl = env['R9S_BASE_URL']?.trim();
  const apiKey = env['R9S_API_KEY']?.trim();
  const localModel = env['R9S_LOCAL_MODEL']?.trim();
  return {
    port,
    dataDir: defaultDataDir(env),
    ...(baseUrl ? { baseUrl } : {}),
    ...(apiKey ? { apiKey } : {}),
    ...(localModel ? { localModel } : {}),
    autoCheck: env['R9S_AUTO_CHECK']?.trim() !== '0',
    verbose,
  };
};
