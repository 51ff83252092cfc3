/** Commander argument parser of a repeatable option: every value given, in order. */
export function collectRepeated(value: string, previous: readonly string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
