import { OneWriterPerOrg } from './one-writer-per-org.js';

/** A write that records when it runs and finishes when released. */
function gate(log: string[], name: string): { write: () => Promise<string>; release: () => void } {
  let release = (): void => undefined;
  const done = new Promise<void>((resolve) => (release = resolve));
  return {
    write: async () => {
      log.push(`start ${name}`);
      await done;
      log.push(`end ${name}`);
      return name;
    },
    release: () => release(),
  };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('OneWriterPerOrg', () => {
  it("runs one organisation's writes one at a time, in the order asked", async () => {
    const writers = new OneWriterPerOrg();
    const log: string[] = [];
    const a = gate(log, 'a');
    const b = gate(log, 'b');
    const c = gate(log, 'c');
    const results = [writers.run('org-1', a.write), writers.run('org-1', b.write), writers.run('org-1', c.write)];
    await settle();
    expect(log).toEqual(['start a']);
    b.release(); // b is not running yet: releasing it early must not let it overtake a
    await settle();
    expect(log).toEqual(['start a']);
    a.release();
    await settle();
    c.release();
    await expect(Promise.all(results)).resolves.toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(writers.busyOrgs).toBe(0);
  });

  it("runs different organisations' writes side by side", async () => {
    const writers = new OneWriterPerOrg();
    const log: string[] = [];
    const a = gate(log, 'a');
    const b = gate(log, 'b');
    const results = [writers.run('org-1', a.write), writers.run('org-2', b.write)];
    await settle();
    expect(log).toEqual(['start a', 'start b']);
    expect(writers.busyOrgs).toBe(2);
    b.release();
    a.release();
    await expect(Promise.all(results)).resolves.toEqual(['a', 'b']);
  });

  it('a failed write is its caller’s error and the next write still runs', async () => {
    const writers = new OneWriterPerOrg();
    const failed = writers.run('org-1', () => Promise.reject(new Error('connection lost')));
    const thrown = writers.run('org-1', () => {
      throw new Error('thrown synchronously');
    });
    const next = writers.run('org-1', () => Promise.resolve(42));
    await expect(failed).rejects.toThrow('connection lost');
    await expect(thrown).rejects.toThrow('thrown synchronously');
    await expect(next).resolves.toBe(42);
    await settle();
    expect(writers.busyOrgs).toBe(0);
  });
});
