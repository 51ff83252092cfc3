import type { HostBuild } from './hostBuild.js';

/**
 * `make(b, key)` worked out once per host and key, then handed out again: a mode builds each VM's
 * path from the same few figures (a guest driver's interrupt and poll charges, a backend's per-frame
 * items), and looking them up in the CostModel for every VM — a dozen map lookups and a few arrays
 * a poller, in code that runs too few times to be optimised — was most of a host's set-up at
 * hundreds of VMs. Kept by host (weakly: it goes with the host); what `make` returns is shared by
 * every VM's poller, so it must not be changed.
 */
export function perHost<K, V>(make: (b: HostBuild, key: K) => V): (b: HostBuild, key: K) => V {
  const byHost = new WeakMap<HostBuild, Map<K, V>>();
  return (b, key) => {
    let known = byHost.get(b);
    if (known === undefined) byHost.set(b, (known = new Map<K, V>()));
    let value = known.get(key);
    if (value === undefined) {
      value = make(b, key);
      known.set(key, value);
    }
    return value;
  };
}

/** perHost without a key: `make(b)` worked out once per host. */
export function oncePerHost<V>(make: (b: HostBuild) => V): (b: HostBuild) => V {
  const byHost = new WeakMap<HostBuild, V>();
  return (b) => {
    let value = byHost.get(b);
    if (value === undefined) {
      value = make(b);
      byHost.set(b, value);
    }
    return value;
  };
}
