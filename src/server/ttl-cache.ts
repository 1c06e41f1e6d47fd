// A small in-process cache with a time-to-live, for lookups on every request (the actor behind a token,
// custom field definitions). Entries expire on their own, so other processes' changes show within the TTL;
// this process's own changes invalidate at once.
export class TtlCache {
  private readonly entries = new Map<string, { value: unknown; expires: number }>();
  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.expires > Date.now()) {
      return hit.value as T;
    }
    const value = await load();
    if (this.entries.size >= this.maxEntries) {
      this.entries.clear();
    }
    this.entries.set(key, { value, expires: Date.now() + this.ttlMs });
    return value;
  }

  deletePrefix(prefix: string): void {
    for (const key of this.entries.keys()) {
      if (key.startsWith(prefix)) {
        this.entries.delete(key);
      }
    }
  }
}
