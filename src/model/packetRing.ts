/**
 * A bounded FIFO of packet ids (a descriptor ring). The fields are public so a poll can walk the
 * ring in a local loop; `head` is the oldest slot, `size` the ids held.
 */
export class PacketRing {
  readonly capacity: number;
  readonly slots: Int32Array;
  head = 0;
  size = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.slots = new Int32Array(capacity);
  }

  get count(): number {
    return this.size;
  }

  get full(): boolean {
    return this.size === this.capacity;
  }

  push(id: number): void {
    if (this.size === this.capacity) throw new Error(`ring of ${this.capacity} pushed while full`);
    let tail = this.head + this.size;
    if (tail >= this.capacity) tail -= this.capacity;
    this.slots[tail] = id;
    this.size++;
  }

  peek(): number {
    return this.slots[this.head]!;
  }

  /** The id at position `offset` from the head (0 = head). */
  at(offset: number): number {
    let index = this.head + offset;
    if (index >= this.capacity) index -= this.capacity;
    return this.slots[index]!;
  }

  shift(): number {
    const id = this.slots[this.head]!;
    this.head = this.head + 1 === this.capacity ? 0 : this.head + 1;
    this.size--;
    return id;
  }
}
