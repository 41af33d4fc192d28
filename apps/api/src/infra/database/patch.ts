/**
 * The fields a PATCH body sent, for a repository update: an absent (undefined) field is left as it
 * is; null clears the fields listed as `clearable` and leaves the others as they are (a column that
 * cannot be empty).
 */
export function sentFields<T extends object>(changes: T, clearable: readonly (keyof T)[]): Partial<T> {
  return Object.fromEntries(
    Object.entries(changes).filter(
      ([key, value]) => value !== undefined && (value !== null || clearable.includes(key as keyof T)),
    ),
  ) as Partial<T>;
}
