/** Deepest nesting of arrays and objects an API call's arguments may have; real calls (an extra body) use far less. */
export const MAX_ARGS_DEPTH = 64;

/** Most arrays, objects and values one call's arguments may hold; a case set of thousands of rows stays far below. */
export const MAX_ARGS_NODES = 2_000_000;

/**
 * Whether a value received over IPC nests deeper than `maxDepth` or holds more than `maxNodes` members, walked without
 * recursion before any schema sees it. The schemas recurse, so a deep enough value would overflow their stack; and a
 * structured clone may carry cycles or one object shared many times, which the depth limit and the member budget
 * both end. HTTP bodies are checked as text before they are parsed (main/web/json-depth.ts).
 */
export const isValueTooLarge = (
  value: unknown,
  maxDepth = MAX_ARGS_DEPTH,
  maxNodes = MAX_ARGS_NODES,
): boolean => {
  const stack: [unknown, number][] = [[value, 0]];
  let nodes = 0;
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (++nodes > maxNodes) return true;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= maxDepth) return true;
    const members = Array.isArray(current) ? current : Object.values(current);
    for (const member of members) stack.push([member, depth + 1]);
  }
  return false;
};
