import { neutralizeFormula } from './spreadsheet-cell.js';

describe('neutralizeFormula', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","Click")', `'=HYPERLINK("http://evil.example","Click")`],
    ["+cmd|' /C calc'!A0", `'+cmd|' /C calc'!A0`],
    ["@SUM(1+1)*cmd|' /C calc'!A0", `'@SUM(1+1)*cmd|' /C calc'!A0`],
    ["-2+3+cmd|' /C calc'!A0", `'-2+3+cmd|' /C calc'!A0`],
    ['\t=1+1', `'\t=1+1`],
    ['\r=1+1', `'\r=1+1`],
    ['-', `'-`],
  ])('prefixes %j', (input, expected) => {
    expect(neutralizeFormula(input)).toBe(expected);
  });

  it.each(['-12', '+3.5', '-0.25', '1e-3', '-1.5E+3', "Reel - Sam's story", 'a=b', '', 'Gen Z @ TikTok'])(
    'leaves %j as it is (numbers stay numbers; a formula character inside text is harmless)',
    (input) => {
      expect(neutralizeFormula(input)).toBe(input);
    },
  );
});
