// Names for the ids an appeal carries (units, users, categories), from cached directory lists.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { categoriesQuery, unitsQuery, usersQuery } from '../api/queries.ts';
import type { Category } from '../api/contract.ts';
import { abilities, useMe } from '../auth/session.ts';

/** A category's name in the user's language (Russian unless English). */
export const nameOfCategory = (category: Pick<Category, 'nameRu' | 'nameEn'>, language: string) =>
  language === 'en' ? category.nameEn : category.nameRu;

export function useDirectory() {
  const me = useMe();
  const { i18n } = useTranslation();
  const units = useQuery(unitsQuery);
  const users = useQuery(usersQuery(abilities(me.role).readDirectory));
  const categories = useQuery(categoriesQuery);
  const unitById = new Map((units.data ?? []).map((unit) => [unit.id, unit]));
  const userById = new Map((users.data ?? []).map((user) => [user.id, user]));
  const categoryById = new Map((categories.data ?? []).map((category) => [category.id, category]));
  const categoryName = (category: Category) => nameOfCategory(category, i18n.language);
  return {
    units: units.data ?? [],
    users: users.data ?? [],
    categories: categories.data ?? [],
    categoryName,
    unitName: (id: string | null) => (id ? (unitById.get(id)?.name ?? '…') : '—'),
    userName: (id: string | null) => (id ? (id === me.id ? me.name : (userById.get(id)?.name ?? '…')) : '—'),
    categoryLabel: (id: string | null) => {
      const category = id ? categoryById.get(id) : undefined;
      return category ? categoryName(category) : '—';
    },
  };
}
