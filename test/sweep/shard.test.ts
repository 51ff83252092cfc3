import { describe, expect, it } from 'vitest';
import { inShard, parseShard } from '../../src/sweep/shard.js';

describe('shards', () => {
  it('parses k/n and refuses 0/3, 4/3, 1/0 and junk', () => {
    expect(parseShard('2/3')).toEqual({ ok: true, shard: { index: 2, count: 3 } });
    for (const bad of ['0/3', '4/3', '1/0', '1', 'a/b', '-1/3', '1.5/3'])
      expect(parseShard(bad).ok, bad).toBe(false);
  });

  it('splits every point into exactly one shard, round-robin', () => {
    const points = Array.from({ length: 17 }, (_, point) => point);
    const shards = [1, 2, 3].map((index) => points.filter((point) => inShard(point, { index, count: 3 })));
    expect(shards.map((shard) => shard.length)).toEqual([6, 6, 5]);
    expect(shards.flat().sort((a, b) => a - b)).toEqual(points);
    expect(shards[1]?.slice(0, 3)).toEqual([1, 4, 7]);
  });
});
