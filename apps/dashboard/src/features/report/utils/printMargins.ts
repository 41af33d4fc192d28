/** A CSS string literal: quotes and backslashes escaped, line breaks flattened. */
export function cssString(text: string): string {
  return `"${text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/[\r\n]+/g, ' ')}"`;
}

/**
 * The words in the printed page's top margin (organisation, report and period) as an @page rule:
 * CSS cannot read them from the page, so the report writes this rule with the values it shows.
 */
export function printMarginCss({ topLeft, topRight }: { topLeft: string; topRight: string }): string {
  const box = 'font: 8pt system-ui, sans-serif; color: #555;';
  return `@media print { @page { @top-left { content: ${cssString(topLeft)}; ${box} } @top-right { content: ${cssString(topRight)}; ${box} } } }`;
}
