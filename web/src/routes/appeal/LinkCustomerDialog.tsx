// "Link customer": put another (or a first) customer on an appeal, picked from the customer search.
import { Button, Group, Modal, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { keys } from '../../api/queries.ts';
import type { Customer } from '../../api/contract.ts';
import { CustomerPicker } from '../../components/CustomerPicker.tsx';
import '../customers/strings.ts';
import { useAppealActions } from './useAppealActions.ts';

export function LinkCustomerButton({ appealId, currentId }: { appealId: string; currentId: string | null }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [picked, setPicked] = useState<Customer | null>(null);
  const { update } = useAppealActions(appealId);
  const queryClient = useQueryClient();

  const link = () => {
    if (!picked) {
      return;
    }
    update.mutate(
      { customerId: picked.id },
      {
        onSuccess: () => {
          void queryClient.invalidateQueries({ queryKey: keys.customers });
          setOpened(false);
          setPicked(null);
        },
      },
    );
  };

  return (
    <>
      <Button size="xs" variant="light" onClick={() => setOpened(true)} data-testid="link-customer">
        {currentId ? t('customers.change') : t('customers.link')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('customers.linkTitle')}>
        <Stack gap="md">
          <CustomerPicker
            label={t('customers.linkPick')}
            exclude={currentId ?? undefined}
            value={picked}
            onChange={setPicked}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              {t('common.cancel')}
            </Button>
            <Button disabled={!picked} loading={update.isPending} onClick={link}>
              {t('customers.linkConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
