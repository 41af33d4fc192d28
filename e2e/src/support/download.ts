import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { parseCsv } from './csv';

/**
 * Clicks a download button in `scope` and returns the export request's URL, the file's name and, for
 * a CSV, its data block (header and rows, before the empty row and the notes).
 */
export async function downloadData(
  page: Page,
  scope: Locator,
  button: 'Download CSV' | 'Download XLSX',
): Promise<{ url: URL; name: string; headers: string[]; rows: string[][] }> {
  const request = page.waitForRequest((r) => r.url().includes('/api/v1/exports/'));
  const download = page.waitForEvent('download');
  await scope.getByRole('button', { name: button }).click();
  const url = new URL((await request).url());
  const file = await download;
  if (button === 'Download XLSX') return { url, name: file.suggestedFilename(), headers: [], rows: [] };
  const [headers = [], ...rest] = parseCsv(fs.readFileSync((await file.path())!, 'utf8').replace(/^\ufeff/, ''));
  const end = rest.findIndex((r) => r.length <= 1 && !r[0]);
  return { url, name: file.suggestedFilename(), headers, rows: rest.slice(0, end === -1 ? undefined : end) };
}
