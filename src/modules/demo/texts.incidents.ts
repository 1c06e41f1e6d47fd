// Customers' complaints per incident category code of the seeded taxonomy (002_seed_taxonomy.sql): each story
// is a subject, a first-person body and, where the story calls for one, its own demand (syntax: template.ts;
// the writer's gender picks the verb forms, <w:купил|купила>). The stories live in one file per group of
// categories; this one puts them together in the taxonomy's order.
import { AFTER_SALE_INCIDENTS } from './texts.incidents.after-sale.ts';
import { SALES_INCIDENTS } from './texts.incidents.sales.ts';
import { STORE_SERVICE_INCIDENTS } from './texts.incidents.service.ts';
import type { CategoryTexts } from './texts.types.ts';

export const INCIDENT_TEXTS: Readonly<Record<string, CategoryTexts>> = {
  ...SALES_INCIDENTS,
  ...STORE_SERVICE_INCIDENTS,
  ...AFTER_SALE_INCIDENTS,
};
