/**
 * A page is 2^PAGE_SHIFT slots (32) of RING_WORDS words: 512 bytes, eight cache lines. 16-slot
 * pages held VMQ's frames at 4096 VMs in 2.43 M slots instead of 2.59 M, but a poll of full rings
 * crosses a page every 16 frames: VMQ at 64 B and 256 VMs 131 ms instead of 125 per 150 simulated
 * ms (best of 18 alternating runs each), the other modes the same.
 */
export const PAGE_SHIFT = 5;
export const PAGE_SLOTS = 1 << PAGE_SHIFT;
/** A position's slot within its page. */
export const PAGE_MASK = PAGE_SLOTS - 1;
/** Words a page spans (RING_WORDS per slot: see packetRing.ts; repeated here so neither module loads the other). */
export const PAGE_WORDS = PAGE_SLOTS * 4;

/** The words one arena array may hold before it is built larger: 2^26 (256 MiB of address space). */
const INITIAL_WORDS_LIMIT = 1 << 26;

const NO_WORDS = new Uint32Array(0);
const NO_PAGES = new Int32Array(0);

/**
 * Where the rings of one simulated host keep their frames: one array of pages, each PAGE_SLOTS
 * slots, and each ring's page table. A ring holds only the pages its frames are in — from the page
 * of its oldest frame to that of its newest — takes one when a frame is pushed into a page it does
 * not hold, and gives a page back as soon as a poll has read the last frame in it, so the next ring
 * to need a page takes that one (the latest given back first: still in cache). A ring's memory
 * follows the frames it holds now, not the most it ever held, and what one ring gives back another
 * uses at once, whatever their sizes.
 *
 * Until the thirteenth round each ring had a power-of-two block from a buddy allocator, doubled as
 * frames piled up and kept: VMQ with a queue per VM at 4096 VMs (64 B line rate both ways) held
 * 2.29 M frames in 3.39 M slots (3.52 M in chunks, 56 MB of the CLI's 144–146 MiB peak) at the end
 * of its run, its receive queues at 512 slots holding ~350 frames each. In pages the same frames
 * take at most 2.59 M slots (41 MB; the CLI's peak 141–145 MB).
 *
 * Page tables: a ring of capacity c has ceil(c / PAGE_SLOTS) + 1 entries (its frames span at most
 * that many pages), each the word where a page starts in `words`, or 0 for none; the tables come
 * first in `words`, then the pages, so no page starts at 0. Rings reserve their tables as the host
 * is built; seal() then makes the array, sized for every ring full at once (at most
 * INITIAL_WORDS_LIMIT words at first; a run that needs more builds a larger array and copies).
 * The array is a zero-filled allocation the kernel maps a page at a time as it is touched, so the
 * arena costs the pages its rings have used at once, not its size. Which page a ring takes depends
 * only on the order of the pushes and polls, so a run's layout (never its results) is the same
 * every time.
 */
export class RingArena {
  /** The tables, then the pages; empty until seal(). */
  words: Uint32Array = NO_WORDS;
  /** Its rings, each told the array when it is made or replaced (a ring keeps it in a field of its own). */
  private readonly users: { words: Uint32Array }[] = [];
  /** Pages given back, the latest on top: `freeCount` of them. */
  private free: Int32Array = NO_PAGES;
  private freeCount = 0;
  /** Where the first page starts (after the tables), and the next page never handed out. */
  private firstPage = 0;
  private nextFresh = 0;
  /**
   * Words the tables take: an entry per page its ring's frames can span, so also the pages every
   * ring would need at once at its widest.
   */
  private tableWords = 0;

  /** `wordsLimit`: the most words its first array holds (tests make it small to see it enlarged). */
  constructor(private readonly wordsLimit = INITIAL_WORDS_LIMIT) {}

  /**
   * Slots in the pages handed out at some point: the arena's resident memory, and the most the
   * rings held at once (a page never handed out is taken only when none is free). For tests and
   * measurements.
   */
  get touchedSlots(): number {
    return this.pagesEverTaken() * PAGE_SLOTS;
  }

  /** Slots in the pages the rings hold now. */
  get slotsInUse(): number {
    return (this.pagesEverTaken() - this.freeCount) * PAGE_SLOTS;
  }

  get sealed(): boolean {
    return this.words !== NO_WORDS;
  }

  /**
   * A page table for a ring of `capacity` frames: returns where it starts in `words`. Only before
   * seal(): a ring made later needs an arena of its own.
   */
  reserve(user: { words: Uint32Array }, capacity: number): number {
    if (this.sealed) throw new Error('a ring reserved its pages after the arena was sealed');
    this.users.push(user);
    const tableAt = this.tableWords;
    this.tableWords += tablePages(capacity);
    return tableAt;
  }

  /** Make the array: every table, then room for the pages (see the class comment). */
  seal(): void {
    if (this.sealed) return;
    // Pages start on a page boundary (whole cache lines), after the tables.
    const firstPage = Math.ceil(Math.max(1, this.tableWords) / PAGE_WORDS) * PAGE_WORDS;
    const pages = Math.max(
      1,
      Math.min(this.tableWords, Math.floor((this.wordsLimit - firstPage) / PAGE_WORDS)),
    );
    this.words = new Uint32Array(firstPage + pages * PAGE_WORDS);
    this.free = new Int32Array(pages);
    this.firstPage = firstPage;
    this.nextFresh = firstPage;
    this.tellUsers();
  }

  /** A page for a ring to push into: where it starts in `words` (which may have been replaced: read it again). */
  take(): number {
    if (!this.sealed) this.seal();
    if (this.freeCount > 0) return this.free[--this.freeCount]!;
    if (this.nextFresh === this.words.length) this.enlarge();
    const page = this.nextFresh;
    this.nextFresh += PAGE_WORDS;
    return page;
  }

  /** A page a ring no longer holds (a poll read its last frame). */
  give(page: number): void {
    this.free[this.freeCount++] = page;
  }

  private pagesEverTaken(): number {
    return this.sealed ? (this.nextFresh - this.firstPage) / PAGE_WORDS : 0;
  }

  /** Every page handed out and more wanted (more than INITIAL_WORDS_LIMIT's worth at once): twice the pages, copied over. */
  private enlarge(): void {
    const pages = this.free.length;
    const words = new Uint32Array(this.words.length + pages * PAGE_WORDS);
    words.set(this.words);
    const free = new Int32Array(2 * pages);
    free.set(this.free);
    this.words = words;
    this.free = free;
    this.tellUsers();
  }

  private tellUsers(): void {
    for (const user of this.users) user.words = this.words;
  }
}

/** Page-table entries of a ring of `capacity` frames: the most pages its frames can span. */
export function tablePages(capacity: number): number {
  return Math.ceil(capacity / PAGE_SLOTS) + 1;
}
