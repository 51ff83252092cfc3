import { describe, expect, it } from 'vitest';
import type { HostBuild } from '../../src/modes/hostBuild.js';
import { oncePerHost, perHost } from '../../src/modes/perHost.js';

// perHost only keys by the host object's identity: stand-ins will do.
const host = (): HostBuild => ({}) as HostBuild;

describe('perHost', () => {
  it('works a value out once per host and key, and hands the same one out again', () => {
    const made: string[] = [];
    const figures = perHost((_b, key: string) => {
      made.push(key);
      return { key };
    });
    const a = host();
    const b = host();
    const first = figures(a, 'virtio');
    expect(figures(a, 'virtio')).toBe(first);
    expect(figures(a, 'vmbus')).not.toBe(first);
    expect(figures(b, 'virtio')).not.toBe(first);
    expect(figures(b, 'virtio')).toEqual(first);
    expect(made).toEqual(['virtio', 'vmbus', 'virtio']);
  });

  it('hands the host to make', () => {
    const a = host();
    const seen = perHost((b: HostBuild, _key: null) => b);
    expect(seen(a, null)).toBe(a);
  });
});

describe('oncePerHost', () => {
  it('works a value out once per host', () => {
    let made = 0;
    const figures = oncePerHost((b: HostBuild) => ({ b, n: ++made }));
    const a = host();
    const b = host();
    const first = figures(a);
    expect(figures(a)).toBe(first);
    expect(first.b).toBe(a);
    expect(figures(b)).not.toBe(first);
    expect(made).toBe(2);
  });
});
