import { optionLabel } from './labels';

describe('optionLabel', () => {
  it.each([
    ['platform', 'tiktok', 'TikTok'],
    ['platform', 'youtube', 'YouTube'],
    ['platform', 'x', 'X'],
    ['format', 'ugc', 'User-generated content'],
    ['format', 'live_qa', 'Live Q&A'],
    ['format', 'personal_story', 'Personal story'],
    ['theme', 'help-seeking', 'Help seeking'],
    ['theme', '(none)', 'No theme'],
    ['theme', 'crisis_lines', 'Crisis lines'],
    ['format', 'hologram', 'Hologram'],
  ] as const)('%s %s → %s', (dimension, value, label) => {
    expect(optionLabel(dimension, value)).toBe(label);
  });
});
