import { createHash } from 'node:crypto';

// Fixed namespace for catalogue observance ids (a random UUID chosen once; never change it).
const CATALOGUE_NAMESPACE = '6b3f9c52-8f0e-4f0e-9a7c-2d5a1c0e7b41';

/**
 * The id of a catalogue observance: a name-based UUID (RFC 9562 version 5) of its slug, so the
 * same observance has the same id on every installation (demo data, links, scripts).
 */
export function catalogueObservanceId(slug: string): string {
  const namespace = Buffer.from(CATALOGUE_NAMESPACE.replaceAll('-', ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(slug, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
