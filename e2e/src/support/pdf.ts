import zlib from 'node:zlib';

export interface PdfPageSummary {
  /** Text-showing operators (Tj/TJ) in the page's content: 0–a few means a page with nothing on it. */
  textRuns: number;
}

/**
 * A rough reading of a PDF from Chromium: its pages in document order, each with how much text it draws.
 * Enough to count pages and find empty ones, without a PDF library.
 */
export function pdfPages(pdf: Buffer): PdfPageSummary[] {
  const text = pdf.toString('latin1');
  const objects = new Map<number, { body: string; start: number }>();
  for (const match of text.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    objects.set(Number(match[1]), { body: match[2]!, start: match.index + match[0].indexOf(match[2]!) });
  }
  const content = (id: number): string => {
    const object = objects.get(id);
    const at = object?.body.indexOf('stream') ?? -1;
    if (!object || at < 0) return '';
    let start = object.start + at + 'stream'.length;
    if (text[start] === '\r') start++;
    if (text[start] === '\n') start++;
    const length = Number(/\/Length (\d+)/.exec(object.body)?.[1] ?? 0);
    const raw = pdf.subarray(start, start + length);
    return (/FlateDecode/.test(object.body) ? zlib.inflateSync(raw) : raw).toString('latin1');
  };
  const page = (id: number): PdfPageSummary => {
    const body = objects.get(id)?.body ?? '';
    const refs = /\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(body)?.[1] ?? '';
    const ops = [...refs.matchAll(/(\d+) 0 R/g)].map((m) => content(Number(m[1])));
    return { textRuns: ops.reduce((n, c) => n + (c.match(/T[jJ]\b/g)?.length ?? 0), 0) };
  };
  // Document order is the /Kids order of the page tree.
  const walk = (id: number): PdfPageSummary[] => {
    const body = objects.get(id)?.body ?? '';
    if (/\/Type\s*\/Page\b(?!s)/.test(body)) return [page(id)];
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(body)?.[1] ?? '';
    return [...kids.matchAll(/(\d+) 0 R/g)].flatMap((m) => walk(Number(m[1])));
  };
  const root = /\/Root\s+(\d+) 0 R/.exec(text)?.[1];
  const pagesId = root ? /\/Pages\s+(\d+) 0 R/.exec(objects.get(Number(root))?.body ?? '')?.[1] : undefined;
  return pagesId ? walk(Number(pagesId)) : [];
}
