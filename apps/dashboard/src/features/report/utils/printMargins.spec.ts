import { cssString, printMarginCss } from './printMargins';

describe('printMarginCss', () => {
  it('puts the organisation and the period in the top margin boxes of every printed page', () => {
    const css = printMarginCss({ topLeft: 'Mindful Futures', topRight: 'Segment report · 1 May – 31 May 2026' });
    expect(css).toContain('@top-left { content: "Mindful Futures";');
    expect(css).toContain('@top-right { content: "Segment report · 1 May – 31 May 2026";');
  });

  it.each([
    ['Say "hi"', '"Say \\"hi\\""'],
    ['a\\b', '"a\\\\b"'],
    ['two\nlines', '"two lines"'],
    ['} body { display: none', '"} body { display: none"'],
  ])('quotes %j safely as a CSS string', (text, expected) => {
    expect(cssString(text)).toBe(expected);
  });
});
