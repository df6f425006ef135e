import { fail, type Result } from '../../../shared/result';

/** Turns a throw from a store or the file system into a `storage` error value (docs/architecture.md#failures-are-values). */
export const guarded = async <T>(
  what: string,
  fn: () => Promise<Result<T>> | Result<T>,
): Promise<Result<T>> => {
  try {
    return await fn();
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : 'unknown error';
    return fail('storage', `Could not ${what}: ${reason.slice(0, 300)}`);
  }
};
