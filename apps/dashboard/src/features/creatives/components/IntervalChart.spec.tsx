import { nameLines } from './IntervalChart';

describe('nameLines (creative names beside their bars)', () => {
  it.each([
    ['Recovery voices', ['Recovery voices']],
    ['Talking to your GP about your mental health', ['Talking to your GP', 'about your mental…']],
    ['Sam’s story (World Mental Health Day 2026)', ['Sam’s story (World', 'Mental Health Day…']],
    ['#MyCheckIn community videos', ['#MyCheckIn', 'community videos']],
    ['Supercalifragilisticexpialidocious', ['Supercalifragilis…']],
  ])('%s → %j', (name, lines) => {
    expect(nameLines(name)).toEqual(lines);
  });

  it('never gives more than two lines of at most 18 characters', () => {
    const lines = nameLines('#MyCheckIn community videos (Everyday support 2026, second wave)');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(18);
  });
});
