// A customer's name from their id; unit staff, who may not read customers, see nothing rather than errors.
import { Skeleton, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { customerQuery } from '../api/queries.ts';
import { abilities, useMe } from '../auth/session.ts';

export function CustomerName({ id }: { id: string | null }) {
  const { t } = useTranslation();
  const me = useMe();
  const allowed = abilities(me.role).readDirectory;
  const customer = useQuery({ ...customerQuery(id ?? ''), enabled: allowed && id !== null, staleTime: 60_000 });
  if (!id || !allowed) return <Text span c="dimmed" size="sm">—</Text>;
  if (customer.isPending) return <Skeleton height={12} width={90} />;
  const c = customer.data;
  const label = c?.name ?? c?.companyName ?? c?.phones[0]?.value ?? c?.emails[0]?.value ?? t('customer.unnamed');
  return <Text size="sm" truncate maw={{ base: 130, lg: 150 }} title={label}>{label}</Text>;
}
