// A customer's appeals at a glance: thanks, complaints, all of them, and (on the profile) the open ones.
import { Badge, Group, type MantineSpacing } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CustomerProfile } from '../../api/contract.ts';

export function AppealCounts({
  counts,
  withOpen = false,
  mb,
}: {
  counts: CustomerProfile['appeals'];
  withOpen?: boolean;
  mb?: MantineSpacing;
}) {
  const { t } = useTranslation();
  return (
    <Group gap={6} mb={mb}>
      <Badge color="green" variant="light">
        {t('customer.thanks', { count: counts.thanks })}
      </Badge>
      <Badge color="red" variant="light">
        {t('customer.complaints', { count: counts.incidents })}
      </Badge>
      <Badge color="gray" variant="light">
        {t('customer.total', { count: counts.total })}
      </Badge>
      {withOpen && (
        <Badge color="blue" variant="light">
          {t('customers.open', { count: counts.open })}
        </Badge>
      )}
    </Group>
  );
}
