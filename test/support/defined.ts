// Narrowing for tests: the value a test expects to be there, or a failure that says what was missing.

export function defined<T>(value: T | null | undefined, what = 'value'): T {
  if (value === undefined || value === null) {
    throw new Error(`expected ${what} to be there`);
  }
  return value;
}
