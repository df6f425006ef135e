// A launcher that dies without passing a signal on (npm killed with SIGKILL, a closed terminal) would leave its child
// running with the port and the data folder. Each process of the `npm start` / `npm run web` chain therefore watches
// its parent: when the parent is gone (the process was re-parented), it stops as if it had been sent SIGTERM.

/** Calls `onGone` once when this process's parent exits; the check never keeps the process alive. */
export const followParent = (onGone, intervalMs = 500) => {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onGone();
  }, intervalMs);
  timer.unref();
};
