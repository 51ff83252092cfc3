import * as layout from './frameLayout.js';

// Module-private copies of the layout (see frameLayout.ts: V8 folds these, not imported names).
const { NARROW_SLOT_WORDS, PAGE_SLOTS, WIDE_PAGE_WORDS } = layout;

/** The words one arena array may hold before it is built larger: 2^26 (256 MiB of address space). */
const INITIAL_WORDS_LIMIT = 1 << 26;

const NO_WORDS = new Uint32Array(0);
const NO_PAGES = new Int32Array(0);

/**
 * Where the rings of one simulated host keep their frames: one array of pages, each PAGE_SLOTS
 * slots, and each ring's page table. A ring holds only the pages its frames are in — from the page
 * of its oldest frame to that of its newest — takes one when a frame is pushed into a page it does
 * not hold, and gives a page back as soon as a poll has read the last frame in it, so the next ring
 * to need a page of that width takes that one (the latest given back first: still in cache). A
 * ring's memory follows the frames it holds now, not the most it ever held, and what one ring gives
 * back another uses at once, whatever their sizes.
 *
 * Pages come in two widths, narrow (NARROW_SLOT_WORDS a slot, 384 bytes) and wide (WIDE_SLOT_WORDS,
 * 512 bytes), each with its own list of pages given back: both start on a multiple of 32 words
 * (128 bytes), so every page is whole cache lines. A run's rings are mostly of one width (see
 * PacketRing), so pages of one width given back are taken again by rings of the same width.
 *
 * Until the thirteenth round each ring had a power-of-two block from a buddy allocator, doubled as
 * frames piled up and kept: VMQ with a queue per VM at 4096 VMs (64 B line rate both ways) held
 * 2.29 M frames in 3.39 M slots (3.52 M in chunks, 56 MB of the CLI's 144–146 MiB peak) at the end
 * of its run, its receive queues at 512 slots holding ~350 frames each. In pages the same frames
 * take at most 2.59 M slots (41 MB; the CLI's peak 141–145 MB); in narrow pages (fifteenth round),
 * 31 MB at 100 ms, 38 MB once the rings are full (~0.2 s on; 50 MB in wide pages).
 *
 * Page tables: a ring of capacity c has ceil(c / PAGE_SLOTS) + 1 entries (its frames span at most
 * that many pages), each the word where a page starts in `words`, or 0 for none; the tables come
 * first in `words`, then the pages, so no page starts at 0. Rings reserve their tables as the host
 * is built; seal() then makes the array, sized for every ring full at once in wide pages (at most
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
  /** Narrow pages given back, the latest on top: `freeNarrowCount` of them. */
  private freeNarrow: Int32Array = NO_PAGES;
  private freeNarrowCount = 0;
  /** Wide pages given back, likewise. */
  private freeWide: Int32Array = NO_PAGES;
  private freeWideCount = 0;
  /** Where the first page starts (after the tables), and the next word no page has taken. */
  private firstPage = 0;
  private nextFresh = 0;
  /** Pages handed out at some point (of either width). */
  private pagesTaken = 0;
  /**
   * Words the tables take: an entry per page its ring's frames can span, so also the pages every
   * ring would need at once at its widest.
   */
  private tableWords = 0;

  /**
   * `startSlotWords`: how wide its rings' slots start, NARROW_SLOT_WORDS (widened when a frame
   * unlike the others comes, see PacketRing) or WIDE_SLOT_WORDS for a run whose frames differ in
   * size anyway: rings widened one by one as they fill would leave their narrow pages to rings
   * that mostly widen too (VMQ with a queue per VM at 4096 VMs, IMIX both ways: 127–128 MB peak
   * RSS instead of 119–122). `wordsLimit`: the most words its first array holds (tests make it
   * small to see it enlarged).
   */
  constructor(
    readonly startSlotWords: number = NARROW_SLOT_WORDS,
    private readonly wordsLimit = INITIAL_WORDS_LIMIT,
  ) {}

  /**
   * Slots in the pages handed out at some point: the most the rings held at once (a page never
   * handed out is taken only when none of its width is free). For tests and measurements.
   */
  get touchedSlots(): number {
    return this.pagesTaken * PAGE_SLOTS;
  }

  /** Bytes of the pages handed out at some point: the arena's resident memory beyond its tables. */
  get touchedPageBytes(): number {
    return this.sealed ? (this.nextFresh - this.firstPage) * 4 : 0;
  }

  /** Slots in the pages the rings hold now. */
  get slotsInUse(): number {
    return (this.pagesTaken - this.freeNarrowCount - this.freeWideCount) * PAGE_SLOTS;
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
    const firstPage = Math.ceil(Math.max(1, this.tableWords) / WIDE_PAGE_WORDS) * WIDE_PAGE_WORDS;
    const pages = Math.max(
      1,
      Math.min(this.tableWords, Math.floor((this.wordsLimit - firstPage) / WIDE_PAGE_WORDS)),
    );
    this.words = new Uint32Array(firstPage + pages * WIDE_PAGE_WORDS);
    this.firstPage = firstPage;
    this.nextFresh = firstPage;
    this.sizeFreeLists();
    this.tellUsers();
  }

  /**
   * A page of slots `slotWords` wide (NARROW_SLOT_WORDS or WIDE_SLOT_WORDS) for a ring to push
   * into: where it starts in `words` (which may have been replaced: read it again).
   */
  take(slotWords: number): number {
    if (!this.sealed) this.seal();
    if (slotWords === NARROW_SLOT_WORDS) {
      if (this.freeNarrowCount > 0) return this.freeNarrow[--this.freeNarrowCount]!;
    } else if (this.freeWideCount > 0) return this.freeWide[--this.freeWideCount]!;
    const pageWords = slotWords * PAGE_SLOTS;
    if (this.nextFresh + pageWords > this.words.length) this.enlarge();
    const page = this.nextFresh;
    this.nextFresh += pageWords;
    this.pagesTaken++;
    return page;
  }

  /** A page of slots `slotWords` wide that a ring no longer holds (a poll read its last frame). */
  give(page: number, slotWords: number): void {
    if (slotWords === NARROW_SLOT_WORDS) this.freeNarrow[this.freeNarrowCount++] = page;
    else this.freeWide[this.freeWideCount++] = page;
  }

  /** Every page handed out and more wanted (more than INITIAL_WORDS_LIMIT's worth at once): room for twice the pages, copied over. */
  private enlarge(): void {
    const pages = (this.words.length - this.firstPage) / WIDE_PAGE_WORDS;
    const words = new Uint32Array(this.words.length + pages * WIDE_PAGE_WORDS);
    words.set(this.words);
    this.words = words;
    this.sizeFreeLists();
    this.tellUsers();
  }

  /** Free lists with room for every page the array can hold (all narrow, at most). */
  private sizeFreeLists(): void {
    const most = Math.ceil((this.words.length - this.firstPage) / (NARROW_SLOT_WORDS * PAGE_SLOTS));
    this.freeNarrow = grown(this.freeNarrow, most);
    this.freeWide = grown(this.freeWide, most);
  }

  private tellUsers(): void {
    for (const user of this.users) user.words = this.words;
  }
}

/** `list` with room for `length` entries (itself if it has that already). */
function grown(list: Int32Array, length: number): Int32Array {
  if (list.length >= length) return list;
  const larger = new Int32Array(length);
  larger.set(list);
  return larger;
}

/** Page-table entries of a ring of `capacity` frames: the most pages its frames can span. */
export function tablePages(capacity: number): number {
  return Math.ceil(capacity / PAGE_SLOTS) + 1;
}
