/**
 * The isolates of one sandbox process. A run takes an idle isolate with its memory limit
 * (or a new one), and gives it back healthy or not; an isolate that failed a run is
 * disposed and replaced, so a run never inherits a damaged or terminated isolate.
 */
export class IsolatePool {
  /**
   * @param {typeof import('isolated-vm')} ivm
   * @param {number} size isolates kept ready
   * @param {number} memoryMb memory limit of the isolates kept ready
   */
  constructor(ivm, size, memoryMb) {
    this.ivm = ivm;
    this.size = size;
    this.memoryMb = memoryMb;
    /** @type {{ isolate: import('isolated-vm').Isolate, memoryMb: number }[]} */
    this.idle = [];
    this.refill();
  }

  acquire(memoryMb) {
    const at = this.idle.findIndex((slot) => slot.memoryMb === memoryMb && !slot.isolate.isDisposed);
    if (at >= 0) return this.idle.splice(at, 1)[0];
    return this.create(memoryMb);
  }

  release(slot, healthy) {
    if (healthy && !slot.isolate.isDisposed && this.idle.length < this.size) {
      this.idle.push(slot);
      return;
    }
    dispose(slot.isolate);
    this.refill();
  }

  refill() {
    this.idle = this.idle.filter((slot) => !slot.isolate.isDisposed);
    while (this.idle.length < this.size) this.idle.push(this.create(this.memoryMb));
  }

  create(memoryMb) {
    const isolate = new this.ivm.Isolate({
      memoryLimit: memoryMb,
      // V8 lost control of the isolate: nothing in this process can be trusted any more.
      onCatastrophicError: (message) => {
        process.stderr.write(`sandbox: isolate failed catastrophically: ${message}\n`);
        process.abort();
      },
    });
    return { isolate, memoryMb };
  }
}

export function dispose(isolate) {
  try {
    if (!isolate.isDisposed) isolate.dispose();
  } catch {
    // already gone
  }
}
