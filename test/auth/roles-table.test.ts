// The README's roles table is the one GRANTS gives (scripts/roles-table.ts writes it).
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { withRolesTable } from '../../scripts/roles-table.ts';

it('README.md shows the roles table that the server enforces', () => {
  const readme = readFileSync('README.md', 'utf8');
  expect(readme, 'run `npx tsx scripts/roles-table.ts --write`').toBe(withRolesTable(readme));
});
