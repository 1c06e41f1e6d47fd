// src/db/schema.ts is generated from the migrations; a migration added without regenerating it fails here.
import { readFile } from 'node:fs/promises';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { generateSchemaTypes } from '../../scripts/db-types.ts';

const SCHEMA = new URL('../../src/db/schema.ts', import.meta.url).pathname;

describe('the query builder’s table types', () => {
  it('match the migrations (regenerate with npm run db:types)', async () => {
    const options = { ...(await prettier.resolveConfig(SCHEMA)), filepath: SCHEMA };
    const expected = await prettier.format(await generateSchemaTypes(), options);
    expect(await readFile(SCHEMA, 'utf8')).toBe(expected);
  });
});
