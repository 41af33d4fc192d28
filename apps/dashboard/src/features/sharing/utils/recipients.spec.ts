import { parseRecipients } from './recipients';

describe('parseRecipients', () => {
  it('splits on new lines, commas and semicolons and drops repeats', () => {
    expect(parseRecipients(' board@example.org,\nfunder@example.org; board@example.org \n')).toEqual([
      'board@example.org',
      'funder@example.org',
    ]);
  });
});
