/**
 * Holds the parent's event loop open while runs are pending. The sandbox processes are
 * unref'd, so an idle sandbox never keeps a program from exiting, yet `await run(…)`
 * with nothing else pending still waits for its answer.
 */
export class KeepAlive {
  private count = 0;
  private handle: NodeJS.Timeout | undefined;

  hold(): void {
    if (this.count++ === 0) this.handle = setInterval(() => {}, 1 << 30);
  }

  release(): void {
    if (this.count === 0) return;
    if (--this.count === 0) {
      clearInterval(this.handle);
      this.handle = undefined;
    }
  }
}
