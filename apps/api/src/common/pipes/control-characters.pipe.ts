import { BadRequestException, Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';

/**
 * C0 controls except tab, line feed and carriage return; DEL; C1 controls. PostgreSQL refuses
 * U+0000 in text outright, and the others have no place in a name, an email or a query value.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const MAX_DEPTH = 32;

/** The first control character in a string: its index and code point (`U+0000`), or null. */
export function findControlCharacter(value: string): { position: number; codePoint: string } | null {
  const match = CONTROL.exec(value);
  if (!match) return null;
  const code = match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return { position: match.index, codePoint: `U+${code}` };
}

function firstOffender(
  value: unknown,
  path: string,
  depth: number,
): { field: string; position: number; codePoint: string } | null {
  if (typeof value === 'string') {
    const found = findControlCharacter(value);
    return found ? { field: path, ...found } : null;
  }
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const hit = firstOffender(value[i], `${path}[${i}]`, depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    const field = path ? `${path}.${key}` : key;
    const inKey = findControlCharacter(key);
    if (inKey) return { field, ...inKey };
    const hit = firstOffender(item, field, depth + 1);
    if (hit) return hit;
  }
  return null;
}

/**
 * Runs before the ValidationPipe on every body, query and route parameter, so no DTO string
 * (names, emails, filters) reaches the database with a control character in it. Routes that read
 * the raw request (event ingest, uploads) validate their rows themselves.
 */
@Injectable()
export class ControlCharacterPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const hit = firstOffender(value, metadata.data ?? '', 0);
    if (hit) {
      const field = hit.field || metadata.type;
      throw new BadRequestException({
        code: 'control_character',
        message: `${field} contains a control character (${hit.codePoint}) at position ${hit.position}: remove it and send again`,
        details: { field, position: hit.position, codePoint: hit.codePoint },
      });
    }
    return value;
  }
}
