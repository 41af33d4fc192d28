import { SketchCache } from './sketch-cache.js';

const bytes = (n: number): Buffer => Buffer.alloc(n, 1);

describe('SketchCache', () => {
  it('returns a sketch only at the version it was read at', () => {
    const cache = new SketchCache(1000);
    cache.set('a', '7', bytes(10));
    expect(cache.get('a', '7')).toEqual(bytes(10));
    expect(cache.get('a', '8')).toBeUndefined();
    expect(cache.get('b', '7')).toBeUndefined();
    cache.set('empty', '7', null);
    expect(cache.get('empty', '7')).toBeNull();
  });

  it('drops the least recently used sketches beyond its byte limit', () => {
    const cache = new SketchCache(250);
    cache.set('a', '1', bytes(100));
    cache.set('b', '1', bytes(100));
    expect(cache.get('a', '1')).toBeDefined(); // a is now the most recently used
    cache.set('c', '1', bytes(100));
    expect(cache.get('b', '1')).toBeUndefined();
    expect(cache.get('a', '1')).toBeDefined();
    expect(cache.get('c', '1')).toBeDefined();
    expect(cache.bytes).toBe(200);
  });

  it('counts a sketch kept as member keys by its bytes in memory (4 a member)', () => {
    const cache = new SketchCache(1000);
    cache.set('keys', '1', new Uint32Array(100));
    cache.set('bytes', '1', bytes(300));
    expect(cache.bytes).toBe(700);
    cache.set('more', '1', new Uint32Array(100));
    expect(cache.get('keys', '1')).toBeUndefined();
    expect(cache.get('more', '1')).toEqual(new Uint32Array(100));
  });

  it('replaces a cell read again at a newer version and never holds one larger than the limit', () => {
    const cache = new SketchCache(150);
    cache.set('a', '1', bytes(100));
    cache.set('a', '2', bytes(50));
    expect(cache.get('a', '1')).toBeUndefined();
    expect(cache.get('a', '2')).toEqual(bytes(50));
    cache.set('huge', '1', bytes(151));
    expect(cache.get('huge', '1')).toBeUndefined();
    expect(cache.bytes).toBe(50);
  });
});
