// Regular expressions built from lists of phrases, one a line, so that the many ways mail clients and people say
// a thing stay readable and easy to extend. Pure.

/** A group matching any of the phrases (regular-expression source, tried in order): `(a|b|c)`. */
export const oneOf = (phrases: readonly string[]): string => `(${phrases.join('|')})`;
