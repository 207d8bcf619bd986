/** A published version as this process (or isolate) holds it: its number, content hash and what was built. */
export interface LiveVersion<T> {
  number: number;
  hash: string;
  value: T;
}

/** Where the current version is read and a version's parts are built (per request on Workers). */
export interface VersionSource<T> {
  /** The newest published version (seeding the shipped one into an empty database). */
  latest(): Promise<{ number: number; hash: string }>;
  /** Builds a version's parts (CPU-heavy: index and classifiers). */
  build(number: number): Promise<T>;
}

export interface LiveOptions<T> {
  /** The parts of the content the process was shipped with (built anyway at start), and its hash. */
  shipped: () => Promise<T>;
  shippedHash: () => Promise<string>;
  /**
   * Ask the database for the current version on every use (Workers: another isolate may have
   * published); otherwise only at the first use and on `refresh` (Node: one process publishes).
   */
  checkEachUse: boolean;
}

/**
 * The hot swap of the knowledge base: the version in use is replaced as a whole, in one assignment,
 * once the new one is built; a turn that took the old one finishes on it. Builds are single-flight
 * per version number, and a slower build never replaces a newer version.
 */
export function createLiveVersion<T>(options: LiveOptions<T>) {
  let held: LiveVersion<T> | undefined;
  const building = new Map<number, Promise<LiveVersion<T>>>();

  async function load(latest: { number: number; hash: string }, source: VersionSource<T>) {
    if (held && held.number === latest.number) return held;
    let pending = building.get(latest.number);
    if (!pending) {
      pending = (async () => {
        const shipped = latest.hash === (await options.shippedHash());
        const value = shipped ? await options.shipped() : await source.build(latest.number);
        return { number: latest.number, hash: latest.hash, value };
      })();
      building.set(latest.number, pending);
      pending.then(
        () => building.delete(latest.number),
        () => building.delete(latest.number),
      );
    }
    const built = await pending;
    if (!held || built.number > held.number) held = built;
    return held;
  }

  return {
    /** The version a turn works on: taken once at its start. */
    async current(source: VersionSource<T>): Promise<LiveVersion<T>> {
      if (held && !options.checkEachUse) return held;
      return load(await source.latest(), source);
    },
    /** After a publish or rollback: the newest version built and swapped in before this resolves. */
    async refresh(source: VersionSource<T>): Promise<LiveVersion<T>> {
      return load(await source.latest(), source);
    },
    /** The version held now, if any (no database read). */
    held: () => held,
  };
}

export type LiveKnowledgeVersion<T> = ReturnType<typeof createLiveVersion<T>>;
