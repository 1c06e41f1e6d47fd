// Names for the ids an appeal carries (units, users, categories), from cached directory lists.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { categoriesQuery, unitsQuery, usersQuery } from '../api/queries.ts';
import type { Category } from '../api/contract.ts';
import { abilities, useMe } from '../auth/session.ts';

export function useDirectory() {
  const me = useMe();
  const { i18n } = useTranslation();
  const units = useQuery(unitsQuery);
  const users = useQuery(usersQuery(abilities(me.role).readDirectory));
  const categories = useQuery(categoriesQuery);
  const unitById = new Map((units.data ?? []).map((u) => [u.id, u]));
  const userById = new Map((users.data ?? []).map((u) => [u.id, u]));
  const categoryById = new Map((categories.data ?? []).map((c) => [c.id, c]));
  const categoryName = (c: Category) => (i18n.language === 'en' ? c.nameEn : c.nameRu);
  return {
    units: units.data ?? [],
    users: users.data ?? [],
    categories: categories.data ?? [],
    categoryName,
    unitName: (id: string | null) => (id ? (unitById.get(id)?.name ?? '…') : '—'),
    userName: (id: string | null) => (id ? (id === me.id ? me.name : (userById.get(id)?.name ?? '…')) : '—'),
    categoryLabel: (id: string | null) => {
      const c = id ? categoryById.get(id) : undefined;
      return c ? categoryName(c) : '—';
    },
  };
}
